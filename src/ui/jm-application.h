/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmApplication: one window per map. Files given on the command line or by the file manager
 * open in a window each; a file that is already open brings its window to the front. */
#pragma once

#include <adwaita.h>

#include "jm-core.h"

G_BEGIN_DECLS

#define JM_TYPE_APPLICATION (jm_application_get_type ())
G_DECLARE_FINAL_TYPE (JmApplication, jm_application, JM, APPLICATION, AdwApplication)

JmApplication *jm_application_new              (void);

/* Settings of APP_ID, or NULL when the schema is missing. Borrowed. */
GSettings     *jm_application_get_settings     (JmApplication *self);

/* The window showing file, or NULL. */
GtkWindow     *jm_application_find_window      (JmApplication *self,
                                                GFile         *file);
/* Focuses the window that already shows file, or loads it into a new window. A load error
 * is shown in a dialog over parent (may be NULL). */
void           jm_application_open_file        (JmApplication *self,
                                                GFile         *file,
                                                GtkWindow     *parent);
/* A new window on document (transfer none); file is where it was loaded from, or NULL. */
GtkWindow     *jm_application_open_document    (JmApplication *self,
                                                JmDocument    *document,
                                                GFile         *file);
/* A new window on a fresh map from template. */
GtkWindow     *jm_application_new_from_template (JmApplication *self,
                                                 JmTemplate     template,
                                                 GtkWindow     *parent);

G_END_DECLS
