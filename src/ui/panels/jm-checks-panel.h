/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmChecksPanel: the map checks (src/core/model/jm-checks.h), kept up to date, with a count. */
#pragma once

#include "jm-panel.h"

G_BEGIN_DECLS

#define JM_TYPE_CHECKS_PANEL (jm_checks_panel_get_type ())
G_DECLARE_FINAL_TYPE (JmChecksPanel, jm_checks_panel, JM, CHECKS_PANEL, JmPanel)

/* "n-findings": how many findings are listed. */
guint jm_checks_panel_get_n_findings (JmChecksPanel *self);

G_END_DECLS
