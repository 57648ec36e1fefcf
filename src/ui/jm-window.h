/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmWindow: one journey map in a window — header bar, side panel and canvas.
 * Properties: "history" (read-only), "file" (read-only, may be NULL), "sidebar-visible". */
#pragma once

#include <adwaita.h>

#include "jm-core.h"

G_BEGIN_DECLS

#define JM_TYPE_WINDOW (jm_window_get_type ())
G_DECLARE_FINAL_TYPE (JmWindow, jm_window, JM, WINDOW, AdwApplicationWindow)

/* A window on document (a reference is taken); file is where it lives, or NULL. */
JmWindow   *jm_window_new                 (GtkApplication *application,
                                           JmDocument     *document,
                                           GFile          *file);
JmDocument *jm_window_get_document        (JmWindow       *self);
JmHistory  *jm_window_get_history         (JmWindow       *self);
/* Where the map is saved, or NULL for a map never saved. Borrowed. */
GFile      *jm_window_get_file            (JmWindow       *self);
/* Whether the map has changes not saved yet. */
gboolean    jm_window_get_modified        (JmWindow       *self);
gboolean    jm_window_get_sidebar_visible (JmWindow       *self);
void        jm_window_set_sidebar_visible (JmWindow       *self,
                                           gboolean        sidebar_visible);

G_END_DECLS
