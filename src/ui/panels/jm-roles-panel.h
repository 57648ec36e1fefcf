/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmRolesPanel: the buying committee, tagging the selected cards, and the role lens. */
#pragma once

#include "jm-panel.h"

G_BEGIN_DECLS

#define JM_TYPE_ROLES_PANEL (jm_roles_panel_get_type ())
G_DECLARE_FINAL_TYPE (JmRolesPanel, jm_roles_panel, JM, ROLES_PANEL, JmPanel)

G_END_DECLS
