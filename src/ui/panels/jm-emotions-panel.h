/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmEmotionsPanel: the emotion of each stage: score, feeling word and note; the three lowest moments. */
#pragma once

#include "jm-panel.h"

G_BEGIN_DECLS

#define JM_TYPE_EMOTIONS_PANEL (jm_emotions_panel_get_type ())
G_DECLARE_FINAL_TYPE (JmEmotionsPanel, jm_emotions_panel, JM, EMOTIONS_PANEL, JmPanel)

G_END_DECLS
