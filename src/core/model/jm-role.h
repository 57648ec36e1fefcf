/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmRole: a member of the buying committee.
 * Properties: "name" (string), "kind" (JmRoleKind), "color" ("#rrggbb" or ""). */
#pragma once

#include "jm-element.h"

G_BEGIN_DECLS

#define JM_TYPE_ROLE (jm_role_get_type ())
G_DECLARE_FINAL_TYPE (JmRole, jm_role, JM, ROLE, JmElement)

JmRole     *jm_role_new       (const char *id,
                               JmRoleKind  kind,
                               const char *name);
const char *jm_role_get_name  (JmRole *self);
JmRoleKind  jm_role_get_kind  (JmRole *self);
const char *jm_role_get_color (JmRole *self);

G_END_DECLS
