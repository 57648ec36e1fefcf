/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmResponsibilitiesPanel: the departments, a stage × department grid of owned cards, touchpoints without a department, and assigning the selected cards. */
#pragma once

#include "jm-panel.h"

G_BEGIN_DECLS

#define JM_TYPE_RESPONSIBILITIES_PANEL (jm_responsibilities_panel_get_type ())
G_DECLARE_FINAL_TYPE (JmResponsibilitiesPanel, jm_responsibilities_panel, JM, RESPONSIBILITIES_PANEL, JmPanel)

G_END_DECLS
