/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmOpportunitiesPanel: every opportunity of the map: sort, filter, edit, add; a quadrant view of impact against effort. */
#pragma once

#include "jm-panel.h"

G_BEGIN_DECLS

#define JM_TYPE_OPPORTUNITIES_PANEL (jm_opportunities_panel_get_type ())
G_DECLARE_FINAL_TYPE (JmOpportunitiesPanel, jm_opportunities_panel, JM, OPPORTUNITIES_PANEL, JmPanel)

G_END_DECLS
