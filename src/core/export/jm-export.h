/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exports of a journey map: PNG, PDF (one vector poster page, or paginated A4 / A3 / Letter)
 * and SVG — and the pagination that printing shares with the paginated PDF.
 *
 * Every export lays the document out afresh with the chosen theme and draws it with the one
 * renderer (jm_renderer_draw with for_export), so the file looks like the canvas without
 * selection, hover and "+" controls. Exports are atomic: the file is written beside the
 * target under a temporary name and renamed over it only when complete; on any error nothing
 * is left behind and an existing target is untouched.
 *
 * What is exported (options->area): the whole map, a part of it (the visible area of a
 * window, in grid units so that it survives a change of theme), or some stages side by side.
 * The lane header column and the stage header row are always part of the output.
 *
 * PNG: drawn in horizontal bands (memory stays small however tall the map is) and written
 * through libpng with zlib level 1 and no row filtering — large maps export several times
 * faster than with cairo's own PNG writer. The width is limited by cairo's image surfaces
 * (32767 px); the height by what PNG readers accept (libpng reads at most 1,000,000 rows
 * unless told otherwise) and the pixel count by 32-bit image sizes. A larger request fails
 * with JM_EXPORT_ERROR_TOO_LARGE and a message naming the largest scale that fits.
 * PDF: as a poster, one page the size of the map (at 96 document units per inch; maps above
 * 200 inches are scaled down to fit, as PDF viewers require). Paginated, landscape pages
 * with the map tiled at its natural size (96 units per inch, smaller only when one stage and
 * one card row would not fit), cut between stages and between card rows, the stage and lane
 * headers repeated on every page and "Page N of M" at the bottom. Text stays selectable
 * text; title and author go in the document metadata.
 * SVG: cairo's SVG (text as glyph outlines) plus an invisible text layer holding every card's,
 * stage's and lane's text at its place, so the file can be searched and read by screen
 * readers.
 *
 * These functions block; the UI runs them on a copy of the document in a worker thread
 * (jm_export_file_async). */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "layout/jm-layout.h"
#include "model/jm-document.h"
#include "render/jm-theme.h"

G_BEGIN_DECLS

#define JM_EXPORT_ERROR (jm_export_error_quark ())
typedef enum {
  JM_EXPORT_ERROR_TOO_LARGE,    /* the image would exceed what cairo/libpng can hold */
  JM_EXPORT_ERROR_UNSUPPORTED,  /* a format or option this version cannot write */
  JM_EXPORT_ERROR_FAILED,       /* drawing or writing failed (message says why) */
  JM_EXPORT_ERROR_EMPTY,        /* the chosen area holds nothing (e.g. no stage selected) */
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
  JM_EXPORT_PAGE_A4,      /* paginated PDF, landscape; PNG and SVG are always one image */
  JM_EXPORT_PAGE_A3,
  JM_EXPORT_PAGE_LETTER,
} JmExportPage;

typedef enum {
  JM_EXPORT_AREA_ALL,     /* the whole map */
  JM_EXPORT_AREA_GRID,    /* options->grid: a part of the map, in grid units */
  JM_EXPORT_AREA_STAGES,  /* options->stage_ids: those stages side by side, in map order */
} JmExportArea;

/* Largest width of a PNG (cairo image surfaces: 32767 px a side). */
#define JM_EXPORT_MAX_PIXELS     32767
/* Largest height of a PNG: libpng's default limit when reading (PNG_USER_HEIGHT_MAX). */
#define JM_EXPORT_MAX_PNG_HEIGHT 1000000
/* Largest number of pixels of a PNG (image sizes in 32-bit integers). */
#define JM_EXPORT_MAX_PNG_AREA   2147483647.0

typedef struct
{
  JmExportFormat      format;
  double              scale;        /* PNG: pixels per document unit (1 = as on screen at
                                       100 %); 0.05 … 16 */
  gboolean            transparent;  /* PNG: no background behind the cells */
  JmThemeKind         theme;
  const char         *role_id;      /* role lens: dim cards not tagged with this role;
                                       NULL = off */
  JmExportPage        page;         /* PDF only */
  JmExportArea        area;
  /* AREA_GRID: x and width in stages (1.5 = the middle of the second stage), y and height in
   * lanes (the same within each lane's row); see jm_export_grid_rect_from_view(). */
  JmRect              grid;
  const char * const *stage_ids;    /* AREA_STAGES: NULL-terminated */
} JmExportOptions;

/* PNG, scale 1, opaque, light theme, no lens, poster, whole map. */
void            jm_export_options_init    (JmExportOptions       *options);
/* The format from a file name (".png", ".pdf", ".svg", any case), or AUTO if unknown. */
JmExportFormat  jm_export_format_from_filename (const char       *filename);
/* "png", "pdf", "svg" (NULL for AUTO). */
const char     *jm_export_format_get_extension (JmExportFormat    format);
/* "poster", "a4", "a3", "letter" and back (FALSE for anything else). */
const char     *jm_export_page_to_string  (JmExportPage           page);
gboolean        jm_export_page_from_string (const char           *text,
                                            JmExportPage         *page);
/* Margin around the pages of a paginated PDF, points (half an inch). */
#define JM_EXPORT_PAGE_MARGIN 36.0

/* The paper of a paginated export, landscape, in points; the poster gives 0 × 0. */
void            jm_export_page_get_size   (JmExportPage           page,
                                           double                *width,
                                           double                *height);

/* The part of the map a view of layout shows, in grid units (for AREA_GRID). view is in
 * layout's document units, as a canvas with pinned headers shows it: its left lane-header
 * width and top stage-header height are covered by the headers. */
void            jm_export_grid_rect_from_view (JmLayout          *layout,
                                               const JmRect      *view,
                                               JmRect            *grid);

/* The pixel size a PNG export would have (after the options' scale and area); 0 × 0 when
 * the area is empty. */
void            jm_export_get_png_size    (JmDocument            *document,
                                           const JmExportOptions *options,
                                           int                   *width,
                                           int                   *height);
/* Largest scale (two decimals) at which the PNG fits the limits above, or 0 if none does. */
double          jm_export_get_max_png_scale (JmDocument          *document,
                                           const JmExportOptions *options);

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
/* The document's title, author, description and dates as the metadata of a PDF surface
 * (control characters dropped, what cairo refuses replaced: see jm_render_printable_text). */
void            jm_export_set_pdf_metadata (cairo_surface_t      *surface,
                                           JmDocument            *document);
/* The SVG image in memory (what jm_export_svg writes). */
GBytes         *jm_export_svg_to_bytes    (JmDocument            *document,
                                           const JmExportOptions *options,
                                           GError               **error);
/* By options->format, or the file name when AUTO. */
gboolean        jm_export_file            (JmDocument            *document,
                                           const char            *filename,
                                           const JmExportOptions *options,
                                           GError               **error);

/* In a worker thread, on a copy of the document (serialised and parsed back, so the caller
 * may keep editing). options (with its strings) and filename are copied. */
void            jm_export_file_async      (JmDocument            *document,
                                           const char            *filename,
                                           const JmExportOptions *options,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data);
gboolean        jm_export_file_finish     (GAsyncResult          *result,
                                           GError               **error);

/* JmExportPages: the map cut into pages — the one pagination of the paginated PDF and of
 * printing. Made for a printable area of width × height points (page minus margins); each
 * page is drawn with its top-left at the origin of cr, in points: the map's tile, then the
 * page number along the bottom edge. The document is laid out when the object is made and
 * must not change while pages are drawn (give it a copy). Like a JmRenderer, it belongs to
 * the thread that made it. */
#define JM_TYPE_EXPORT_PAGES (jm_export_pages_get_type ())
G_DECLARE_FINAL_TYPE (JmExportPages, jm_export_pages, JM, EXPORT_PAGES, GObject)

JmExportPages  *jm_export_pages_new       (JmDocument            *document,
                                           const JmExportOptions *options,
                                           double                 width,
                                           double                 height,
                                           GError               **error);
guint           jm_export_pages_get_n_pages (JmExportPages       *self);
/* Points per document unit (0.75 = natural size, smaller when shrunk to fit). */
double          jm_export_pages_get_scale (JmExportPages         *self);
/* The map tile of a page, in the output's document units (headers included). */
void            jm_export_pages_get_tile_size (JmExportPages     *self,
                                           guint                  page,
                                           double                *width,
                                           double                *height);
void            jm_export_pages_draw_page (JmExportPages         *self,
                                           cairo_t               *cr,
                                           guint                  page);

G_END_DECLS
