/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmConnection: an arrow between two cards. Journeys are not linear: a STEP_BACK
 * connection goes back to an earlier stage.
 * Properties: "from", "to" (card ids), "label" (string), "kind" (JmConnectionKind). */
#pragma once

#include "jm-element.h"

G_BEGIN_DECLS

#define JM_TYPE_CONNECTION (jm_connection_get_type ())
G_DECLARE_FINAL_TYPE (JmConnection, jm_connection, JM, CONNECTION, JmElement)

JmConnection     *jm_connection_new       (const char       *id,
                                           const char       *from_card_id,
                                           const char       *to_card_id,
                                           JmConnectionKind  kind);
const char       *jm_connection_get_from  (JmConnection *self);
const char       *jm_connection_get_to    (JmConnection *self);
const char       *jm_connection_get_label (JmConnection *self);
JmConnectionKind  jm_connection_get_kind  (JmConnection *self);

G_END_DECLS
