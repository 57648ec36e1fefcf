/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmLane: a row of the map holding one kind of content.
 * Properties: "kind" (JmLaneKind), "title" (string), "visible" (boolean, default TRUE). */
#pragma once

#include "jm-element.h"

G_BEGIN_DECLS

#define JM_TYPE_LANE (jm_lane_get_type ())
G_DECLARE_FINAL_TYPE (JmLane, jm_lane, JM, LANE, JmElement)

JmLane     *jm_lane_new         (const char *id,
                                 JmLaneKind  kind,
                                 const char *title);
JmLaneKind  jm_lane_get_kind    (JmLane *self);
const char *jm_lane_get_title   (JmLane *self);
gboolean    jm_lane_get_visible (JmLane *self);

G_END_DECLS
