/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmDepartment: an internal team that owns moments of the journey.
 * Properties: "name" (string), "color" ("#rrggbb" or ""). */
#pragma once

#include "jm-element.h"

G_BEGIN_DECLS

#define JM_TYPE_DEPARTMENT (jm_department_get_type ())
G_DECLARE_FINAL_TYPE (JmDepartment, jm_department, JM, DEPARTMENT, JmElement)

JmDepartment *jm_department_new       (const char *id,
                                       const char *name,
                                       const char *color);
const char   *jm_department_get_name  (JmDepartment *self);
const char   *jm_department_get_color (JmDepartment *self);

G_END_DECLS
