/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Printing (Ctrl+P): GtkPrintOperation over the pagination of the paginated PDF export
 * (JmExportPages): "begin-print" cuts the map for the printable area of the chosen paper,
 * "draw-page" draws a page with the one renderer; the stage and lane headers repeat on every
 * page, which is numbered. The print dialog offers GTK's preview. */
#pragma once

#include <gtk/gtk.h>

#include "jm-core.h"
#include "jm-window.h"

G_BEGIN_DECLS

/* A print operation for a copy of document, drawn with options (theme, role lens, area;
 * NULL: defaults). Landscape, in points, on the paper of the last print (or the locale's). */
GtkPrintOperation *jm_print_operation_new (JmDocument            *document,
                                           const JmExportOptions *options);
/* The print dialog for window's map, with its canvas' role lens; runs asynchronously and shows
 * a failure as a toast. */
void               jm_print_window_map    (JmWindow              *window);

G_END_DECLS
