/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exports of a journey map: PNG, PDF (one vector poster page) and SVG.
 *
 * Every export lays the document out afresh with the chosen theme and draws it with the one
 * renderer (jm_renderer_draw with for_export), so the file looks like the canvas without
 * selection, hover and "+" controls. Exports are atomic: the file is written beside the
 * target under a temporary name and renamed over it only when complete; on any error nothing
 * is left behind and an existing target is untouched.
 *
 * PNG: drawn in horizontal bands (memory stays small however tall the map is) and written
 * through libpng with zlib level 1 and no row filtering — large maps export several times
 * faster than with cairo's own PNG writer. Cairo images are limited to 32767 px per side; a
 * larger request fails with JM_EXPORT_ERROR_TOO_LARGE and a message naming the largest scale
 * that fits.
 * PDF: one page the size of the map (at 96 document units per inch; maps above 200 inches are
 * scaled down to fit, as PDF viewers require), text stays selectable text, title and author in
 * the document metadata.
 * SVG: cairo's SVG (text as glyph outlines) plus an invisible text layer holding every card's,
 * stage's and lane's text at its place, so the file can be searched and read by screen
 * readers.
 *
 * These functions block; the UI runs them on a copy of the document in a worker thread
 * (jm_export_file_async). */
#pragma once

#include <gio/gio.h>

#include "model/jm-document.h"
#include "render/jm-theme.h"

G_BEGIN_DECLS

#define JM_EXPORT_ERROR (jm_export_error_quark ())
typedef enum {
  JM_EXPORT_ERROR_TOO_LARGE,    /* the image would exceed what cairo/libpng can hold */
  JM_EXPORT_ERROR_UNSUPPORTED,  /* a format or page option this version cannot write */
  JM_EXPORT_ERROR_FAILED,       /* drawing or writing failed (message says why) */
} JmExportError;
GQuark jm_export_error_quark (void);

typedef enum {
  JM_EXPORT_FORMAT_AUTO,  /* from the file name's extension */
  JM_EXPORT_FORMAT_PNG,
  JM_EXPORT_FORMAT_PDF,
  JM_EXPORT_FORMAT_SVG,
} JmExportFormat;

typedef enum {
  JM_EXPORT_PAGE_POSTER,  /* one page (or image) holding the whole map */
  JM_EXPORT_PAGE_A4,      /* paginated PDF: not yet (JM_EXPORT_ERROR_UNSUPPORTED) */
  JM_EXPORT_PAGE_A3,
  JM_EXPORT_PAGE_LETTER,
} JmExportPage;

/* Largest side of a cairo image surface. */
#define JM_EXPORT_MAX_PIXELS 32767

typedef struct
{
  JmExportFormat format;
  double         scale;        /* PNG: pixels per document unit (1 = as on screen at 100 %);
                                  0.1 … 8 */
  gboolean       transparent;  /* PNG: no background behind the cells */
  JmThemeKind    theme;
  const char    *role_id;      /* role lens: dim cards not tagged with this role; NULL = off */
  JmExportPage   page;
} JmExportOptions;

/* PNG, scale 1, opaque, light theme, no lens, poster. */
void            jm_export_options_init    (JmExportOptions       *options);
/* The format from a file name (".png", ".pdf", ".svg", any case), or AUTO if unknown. */
JmExportFormat  jm_export_format_from_filename (const char       *filename);
/* The pixel size a PNG export would have (after the options' scale). */
void            jm_export_get_png_size    (JmDocument            *document,
                                           const JmExportOptions *options,
                                           int                   *width,
                                           int                   *height);

gboolean        jm_export_png             (JmDocument            *document,
                                           const char            *filename,
                                           const JmExportOptions *options,
                                           GError               **error);
gboolean        jm_export_pdf             (JmDocument            *document,
                                           const char            *filename,
                                           const JmExportOptions *options,
                                           GError               **error);
gboolean        jm_export_svg             (JmDocument            *document,
                                           const char            *filename,
                                           const JmExportOptions *options,
                                           GError               **error);
/* By options->format, or the file name when AUTO. */
gboolean        jm_export_file            (JmDocument            *document,
                                           const char            *filename,
                                           const JmExportOptions *options,
                                           GError               **error);

/* In a worker thread, on a copy of the document (serialised and parsed back, so the caller
 * may keep editing). options and filename are copied. */
void            jm_export_file_async      (JmDocument            *document,
                                           const char            *filename,
                                           const JmExportOptions *options,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data);
gboolean        jm_export_file_finish     (GAsyncResult          *result,
                                           GError               **error);

G_END_DECLS
