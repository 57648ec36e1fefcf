/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmExportDialog: Ctrl+E. Chooses the format (PNG, PDF, SVG), what to export (the whole map,
 * the visible area, the selected stages), the PNG scale and background, the PDF pages, the
 * theme and whether the window's role lens applies; remembers the choices in GSettings. Then
 * asks for the file (GtkFileChooserNative) and exports a copy of the map in a thread, a
 * spinner turning meanwhile; the result shows as a toast in the window. */
#pragma once

#include <adwaita.h>

#include "jm-core.h"
#include "jm-window.h"

G_BEGIN_DECLS

#define JM_TYPE_EXPORT_DIALOG (jm_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JmExportDialog, jm_export_dialog, JM, EXPORT_DIALOG, AdwWindow)

/* A dialog for window's map, over window; what "visible area", "selected stages" and the role
 * lens mean is taken from the window's canvas now. */
GtkWidget *jm_export_dialog_new            (JmWindow              *window);
/* The options as chosen (strings borrowed from the dialog). */
void       jm_export_dialog_get_options    (JmExportDialog        *self,
                                            JmExportOptions       *options);
/* The options in the dialog's controls (the area and lens fields are ignored). */
void       jm_export_dialog_set_options    (JmExportDialog        *self,
                                            const JmExportOptions *options);
/* What "Export…" does once a file is chosen: remembers the choices, then exports to file in
 * a thread; "busy" is TRUE meanwhile. On success the dialog closes and the window shows a
 * toast; on failure the toast says why and the dialog stays. */
void       jm_export_dialog_export_to_file (JmExportDialog        *self,
                                            GFile                 *file);
gboolean   jm_export_dialog_get_busy       (JmExportDialog        *self);

G_END_DECLS
