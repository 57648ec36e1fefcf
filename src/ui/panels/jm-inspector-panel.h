/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmInspectorPanel: every field of the selection (cards, a stage, a lane, a connection). */
#pragma once

#include "jm-panel.h"

G_BEGIN_DECLS

#define JM_TYPE_INSPECTOR_PANEL (jm_inspector_panel_get_type ())
G_DECLARE_FINAL_TYPE (JmInspectorPanel, jm_inspector_panel, JM, INSPECTOR_PANEL, JmPanel)

G_END_DECLS
