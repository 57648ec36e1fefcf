/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmCanvas: the journey-map editing widget. Shows a JmHistory's document through the core
 * layout and renderer; every gesture becomes a command on the history. */
#pragma once

#include <gtk/gtk.h>

#include "jm-core.h"

G_BEGIN_DECLS

#define JM_TYPE_CANVAS (jm_canvas_get_type ())
G_DECLARE_FINAL_TYPE (JmCanvas, jm_canvas, JM, CANVAS, GtkWidget)

GtkWidget *jm_canvas_new         (void);
/* The history whose document is shown and edited (property "history"). */
JmHistory *jm_canvas_get_history (JmCanvas  *self);
void       jm_canvas_set_history (JmCanvas  *self,
                                  JmHistory *history);

G_END_DECLS
