/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmSidebar: the side panels beside the canvas — a view switcher over Emotions,
 * Opportunities, Responsibilities, Roles, Inspector and Checks (the Checks page carries a count
 * badge). The window puts it in its AdwFlap and hands it the history and the canvas; the panels
 * follow both and edit only through the history. */
#pragma once

#include <adwaita.h>

#include "jm-canvas.h"

G_BEGIN_DECLS

#define JM_TYPE_SIDEBAR (jm_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (JmSidebar, jm_sidebar, JM, SIDEBAR, GtkWidget)

GtkWidget  *jm_sidebar_new               (void);
/* "history" */
JmHistory  *jm_sidebar_get_history       (JmSidebar  *self);
void        jm_sidebar_set_history       (JmSidebar  *self,
                                          JmHistory  *history);
/* "canvas": gives the selection, takes "select / scroll to / role lens". */
JmCanvas   *jm_sidebar_get_canvas        (JmSidebar  *self);
void        jm_sidebar_set_canvas        (JmSidebar  *self,
                                          JmCanvas   *canvas);
/* "visible-panel": "emotions", "opportunities", "responsibilities", "roles", "inspector" or
 * "checks". */
const char *jm_sidebar_get_visible_panel (JmSidebar  *self);
void        jm_sidebar_set_visible_panel (JmSidebar  *self,
                                          const char *name);
/* The panel widget of a name (a JmPanel), or NULL. Borrowed. */
GtkWidget  *jm_sidebar_get_panel         (JmSidebar  *self,
                                          const char *name);
/* The number of map-check findings (the Checks badge). */
guint       jm_sidebar_get_n_findings    (JmSidebar  *self);

G_END_DECLS
