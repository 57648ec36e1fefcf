/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-export.c: PNG (libpng, banded), PDF (poster or paginated) and SVG files, written
 * atomically, and the pagination shared with printing. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <png.h>

#include "jm-export.h"
#include "io/jm-atomic-file.h"
#include "io/jm-json.h"
#include "layout/jm-layout.h"
#include "render/jm-renderer.h"

G_DEFINE_QUARK (jm-export-error-quark, jm_export_error)

#define MIN_SCALE 0.05
#define MAX_SCALE 16.0
/* PDF viewers refuse pages above 200 inches (14400 pt). */
#define PDF_MAX_POINTS 14400.0
/* Bytes of image drawn at once while writing a PNG. */
#define PNG_BAND_BYTES (16 * 1024 * 1024)

/* Atomic output file: the core's one atomic writer, with the first write error kept. */

typedef struct
{
  JmAtomicFile *file;
  GError       *error;
} Output;

static gboolean
output_open (Output     *out,
             const char *filename,
             GError    **error)
{
  out->error = NULL;
  out->file = jm_atomic_file_new (filename, error);
  return out->file != NULL;
}

static gboolean
output_write (Output     *out,
              const void *data,
              gsize       len)
{
  if (out->error != NULL)
    return FALSE;
  return jm_atomic_file_write (out->file, data, len, &out->error);
}

static void
output_abort (Output *out)
{
  g_clear_pointer (&out->file, jm_atomic_file_abort);
  g_clear_error (&out->error);
}

static gboolean
output_commit (Output  *out,
               GError **error)
{
  JmAtomicFile *file = g_steal_pointer (&out->file);

  if (out->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&out->error));
      jm_atomic_file_abort (file);
      return FALSE;
    }
  return jm_atomic_file_commit (file, NULL, error);
}

/* A cairo stream into an Output. */
static cairo_status_t
write_file_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  return output_write (closure, data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static cairo_status_t
write_bytes_cb (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Areas: what of the map goes into the output
 *
 * The output is a grid of spans: columns (runs of the map's x coordinates) side by side and
 * rows (runs of its y) one below the other. The first column is always the lane header
 * column and the first row the stage header row; the others are the part of the map the
 * options ask for — all of it, a part, or some stages. Adjacent runs are merged, so the whole
 * map is one block drawn in one call. A page of a paginated export is the header column and
 * row plus a slice of the others. */

typedef struct
{
  double src;  /* where the run starts in the map, document units */
  double len;
} Span;

static void
spans_append (GArray *spans,
              double  src,
              double  len)
{
  if (len <= 1e-6)
    return;

  if (spans->len > 0)
    {
      Span *last = &g_array_index (spans, Span, spans->len - 1);

      if (fabs (last->src + last->len - src) < 1e-6)
        {
          last->len += len;
          return;
        }
    }

  g_array_append_val (spans, ((Span) { src, len }));
}

static double
spans_total (GArray *spans)
{
  double total = 0;

  for (guint i = 0; i < spans->len; i++)
    total += g_array_index (spans, Span, i).len;
  return total;
}

/* Appends to out the runs of spans between v0 and v1, counted along the output. */
static void
spans_slice (GArray *spans,
             double  v0,
             double  v1,
             GArray *out)
{
  double v = 0;

  for (guint i = 0; i < spans->len && v < v1; i++)
    {
      const Span *s = &g_array_index (spans, Span, i);
      double a = MAX (v0, v), b = MIN (v1, v + s->len);

      if (b > a)
        spans_append (out, s->src + (a - v), b - a);
      v += s->len;
    }
}

/* Where a map coordinate lands in the output; FALSE if it is not part of it. */
static gboolean
spans_map (GArray *spans,
           double  src,
           double *out)
{
  double v = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *s = &g_array_index (spans, Span, i);

      if (src >= s->src && src < s->src + s->len)
        {
          *out = v + (src - s->src);
          return TRUE;
        }
      v += s->len;
    }
  return FALSE;
}

/* Everything an export draws with: one theme, layout and renderer, the render options and the
 * spans of the chosen area (headers separately). */
typedef struct
{
  JmTheme         *theme;
  JmLayout        *layout;
  JmRenderer      *renderer;
  JmRenderOptions  opts;
  char            *role_id;
  GArray          *head_x;   /* the lane header column */
  GArray          *head_y;   /* the stage header row */
  GArray          *body_x;   /* the stages (or parts) of the area, left to right */
  GArray          *body_y;   /* the lanes (or parts), top to bottom */
  GArray          *all_x;    /* head + body, merged */
  GArray          *all_y;
} Job;

static void
job_clear (Job *job)
{
  g_clear_object (&job->renderer);
  g_clear_object (&job->layout);
  g_clear_object (&job->theme);
  g_clear_pointer (&job->role_id, g_free);
  g_clear_pointer (&job->head_x, g_array_unref);
  g_clear_pointer (&job->head_y, g_array_unref);
  g_clear_pointer (&job->body_x, g_array_unref);
  g_clear_pointer (&job->body_y, g_array_unref);
  g_clear_pointer (&job->all_x, g_array_unref);
  g_clear_pointer (&job->all_y, g_array_unref);
}

/* The map y of a position in lane units (lane index + fraction of its row). */
static double
lane_units_to_y (JmLayout *layout,
                 double    units)
{
  guint n = jm_layout_get_n_lanes (layout);
  double gh, fraction;
  JmRect r;
  guint lane;

  jm_layout_get_grid_size (layout, NULL, &gh);
  if (units <= 0 || n == 0)
    return jm_layout_get_stage_header_height (layout);
  if (units >= n)
    return gh;

  lane = (guint) floor (units);
  fraction = units - lane;
  jm_layout_get_lane_rect (layout, lane, &r);
  return r.y + fraction * r.height;
}

static gboolean
job_init (Job                   *job,
          JmDocument            *document,
          const JmExportOptions *options,
          GError               **error)
{
  double gw, gh, hh, lhw, sw;
  guint n_stages;

  memset (job, 0, sizeof *job);
  job->theme = jm_theme_new (options->theme);
  job->layout = jm_layout_new (document, job->theme);
  job->renderer = jm_renderer_new (job->theme);
  job->role_id = g_strdup (options->role_id);

  jm_render_options_init (&job->opts);
  job->opts.for_export = TRUE;
  job->opts.transparent = options->transparent;
  job->opts.role_lens = job->role_id;
  job->opts.zoom = 1;

  jm_layout_get_grid_size (job->layout, &gw, &gh);
  hh = jm_layout_get_stage_header_height (job->layout);
  lhw = jm_layout_get_lane_header_width (job->layout);
  sw = jm_theme_get_sizes (job->theme)->stage_width;
  n_stages = jm_layout_get_n_stages (job->layout);

  job->head_x = g_array_new (FALSE, FALSE, sizeof (Span));
  job->head_y = g_array_new (FALSE, FALSE, sizeof (Span));
  job->body_x = g_array_new (FALSE, FALSE, sizeof (Span));
  job->body_y = g_array_new (FALSE, FALSE, sizeof (Span));
  job->all_x = g_array_new (FALSE, FALSE, sizeof (Span));
  job->all_y = g_array_new (FALSE, FALSE, sizeof (Span));

  spans_append (job->head_x, 0, MIN (lhw, gw));
  spans_append (job->head_y, 0, MIN (hh, gh));

  switch (options->area)
    {
    case JM_EXPORT_AREA_GRID:
      {
        const JmRect *g = &options->grid;
        double x0 = CLAMP (lhw + g->x * sw, lhw, gw);
        double x1 = CLAMP (lhw + (g->x + g->width) * sw, lhw, gw);
        double y0 = lane_units_to_y (job->layout, g->y);
        double y1 = lane_units_to_y (job->layout, g->y + g->height);

        spans_append (job->body_x, x0, x1 - x0);
        spans_append (job->body_y, y0, y1 - y0);
      }
      break;

    case JM_EXPORT_AREA_STAGES:
      for (guint i = 0; i < n_stages; i++)
        {
          const char *id = jm_element_get_id (JM_ELEMENT (jm_layout_get_stage (job->layout, i)));
          JmRect r;

          if (options->stage_ids == NULL ||
              !g_strv_contains ((const char * const *) options->stage_ids, id))
            continue;
          jm_layout_get_stage_rect (job->layout, i, &r);
          spans_append (job->body_x, r.x, r.width);
        }
      if (job->body_x->len == 0)
        {
          g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_EMPTY,
                       _("No stage to export: select one or more stages first"));
          job_clear (job);
          return FALSE;
        }
      spans_append (job->body_y, hh, gh - hh);
      break;

    case JM_EXPORT_AREA_ALL:
    default:
      spans_append (job->body_x, lhw, gw - lhw);
      spans_append (job->body_y, hh, gh - hh);
      break;
    }

  spans_slice (job->head_x, 0, G_MAXDOUBLE, job->all_x);
  spans_slice (job->body_x, 0, G_MAXDOUBLE, job->all_x);
  spans_slice (job->head_y, 0, G_MAXDOUBLE, job->all_y);
  spans_slice (job->body_y, 0, G_MAXDOUBLE, job->all_y);
  return TRUE;
}

static void
job_get_size (Job    *job,
              double *width,
              double *height)
{
  *width = spans_total (job->all_x);
  *height = spans_total (job->all_y);
}

/* Draws the part of the output grid (columns xs, rows ys) that lies in out (output units:
 * document units laid end to end) onto cr, whose user space is output units. Each block of
 * the grid is one renderer call, clipped to its block unless the caller's surface already
 * ends where the output does (clip FALSE with a single block). */
static void
job_draw (Job          *job,
          cairo_t      *cr,
          GArray       *xs,
          GArray       *ys,
          const JmRect *out,
          gboolean      clip,
          gboolean      sticky)
{
  double ox = 0;

  clip = clip || xs->len > 1 || ys->len > 1;

  for (guint i = 0; i < xs->len; i++)
    {
      const Span *sx = &g_array_index (xs, Span, i);
      double x0 = MAX (ox, out->x), x1 = MIN (ox + sx->len, out->x + out->width);
      double oy = 0;

      if (x1 > x0)
        for (guint j = 0; j < ys->len; j++)
          {
            const Span *sy = &g_array_index (ys, Span, j);
            double y0 = MAX (oy, out->y), y1 = MIN (oy + sy->len, out->y + out->height);

            if (y1 > y0)
              {
                cairo_save (cr);
                if (clip)
                  {
                    cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
                    cairo_clip (cr);
                  }
                cairo_translate (cr, ox - sx->src, oy - sy->src);
                job->opts.view.x = sx->src + (x0 - ox);
                job->opts.view.y = sy->src + (y0 - oy);
                job->opts.view.width = x1 - x0;
                job->opts.view.height = y1 - y0;
                if (sticky && i == 0 && j > 0)
                  {
                    /* The lane header column of a page that starts inside a lane: drawn as
                     * pinned below a header row just above the page's part, so a lane that
                     * goes on from the previous page shows its title again at the top. */
                    double hh = g_array_index (ys, Span, 0).len;

                    job->opts.pinned_headers = TRUE;
                    job->opts.view.y -= hh;
                    job->opts.view.height += hh;
                  }
                jm_renderer_draw (job->renderer, job->layout, cr, &job->opts);
                job->opts.pinned_headers = FALSE;
                cairo_restore (cr);
              }
            oy += sy->len;
          }
      ox += sx->len;
    }
}

void
jm_export_grid_rect_from_view (JmLayout     *layout,
                               const JmRect *view,
                               JmRect       *grid)
{
  double lhw, hh, sw, gw, gh, x0, x1, y0, y1;
  double u0 = 0, u1 = 0;
  guint n_lanes;

  g_return_if_fail (JM_IS_LAYOUT (layout));
  g_return_if_fail (view != NULL);
  g_return_if_fail (grid != NULL);

  jm_layout_get_grid_size (layout, &gw, &gh);
  lhw = jm_layout_get_lane_header_width (layout);
  hh = jm_layout_get_stage_header_height (layout);
  sw = jm_theme_get_sizes (jm_layout_get_theme (layout))->stage_width;
  n_lanes = jm_layout_get_n_lanes (layout);

  /* What the pinned headers do not cover. */
  x0 = CLAMP (view->x + lhw, lhw, gw);
  x1 = CLAMP (view->x + view->width, lhw, gw);
  y0 = CLAMP (view->y + hh, hh, gh);
  y1 = CLAMP (view->y + view->height, hh, gh);

  grid->x = (x0 - lhw) / sw;
  grid->width = MAX (x1 - x0, 0) / sw;

  u0 = y0 >= gh ? n_lanes : 0;
  u1 = y1 >= gh ? n_lanes : 0;
  for (guint l = 0; l < n_lanes; l++)
    {
      JmRect r;

      jm_layout_get_lane_rect (layout, l, &r);
      if (r.height <= 0)
        continue;
      if (y0 >= r.y && y0 < r.y + r.height)
        u0 = l + (y0 - r.y) / r.height;
      if (y1 > r.y && y1 <= r.y + r.height)
        u1 = l + (y1 - r.y) / r.height;
    }
  grid->y = u0;
  grid->height = MAX (u1 - u0, 0);
}

static void
set_pdf_metadata (cairo_surface_t *surface,
                  JmDocument      *document)
{
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  jm_document_get_title (document));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                  jm_document_get_author (document));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                  jm_document_get_description (document));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Journey Maps " PACKAGE_VERSION);
  if (jm_document_get_created (document)[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                    jm_document_get_created (document));
  if (jm_document_get_modified (document)[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE,
                                    jm_document_get_modified (document));
}

/* PNG */

typedef struct
{
  jmp_buf  jmp;
  char     message[256];
  Output  *out;
} PngErrorState;

static void
png_error_cb (png_structp      png,
              png_const_charp  message)
{
  PngErrorState *state = png_get_error_ptr (png);

  g_strlcpy (state->message, message, sizeof state->message);
  longjmp (state->jmp, 1);
}

static void
png_warning_cb (png_structp      png,
                png_const_charp  message)
{
}

static void
png_write_cb (png_structp  png,
              png_bytep    data,
              png_size_t   length)
{
  PngErrorState *state = png_get_error_ptr (png);

  if (!output_write (state->out, data, length))
    png_error (png, "write error");
}

static void
png_flush_cb (png_structp png)
{
}

/* One row of a cairo image (native-endian premultiplied ARGB32 or xRGB) to PNG bytes. */
static void
convert_row (const guint32 *src,
             guchar        *dst,
             int            width,
             gboolean       alpha)
{
  if (!alpha)
    {
      for (int x = 0; x < width; x++)
        {
          guint32 p = src[x];

          dst[0] = (p >> 16) & 0xff;
          dst[1] = (p >> 8) & 0xff;
          dst[2] = p & 0xff;
          dst += 3;
        }
      return;
    }

  for (int x = 0; x < width; x++)
    {
      guint32 p = src[x];
      guint a = p >> 24;

      if (a == 0)
        dst[0] = dst[1] = dst[2] = dst[3] = 0;
      else if (a == 255)
        {
          dst[0] = (p >> 16) & 0xff;
          dst[1] = (p >> 8) & 0xff;
          dst[2] = p & 0xff;
          dst[3] = 255;
        }
      else
        {
          dst[0] = (guchar) ((((p >> 16) & 0xff) * 255 + a / 2) / a);
          dst[1] = (guchar) ((((p >> 8) & 0xff) * 255 + a / 2) / a);
          dst[2] = (guchar) (((p & 0xff) * 255 + a / 2) / a);
          dst[3] = (guchar) a;
        }
      dst += 4;
    }
}

static double
max_png_scale (double gw,
               double gh)
{
  double fit = MAX_SCALE;

  if (gw > 0)
    fit = MIN (fit, JM_EXPORT_MAX_PIXELS / gw);
  if (gh > 0)
    fit = MIN (fit, JM_EXPORT_MAX_PNG_HEIGHT / gh);
  if (gw > 0 && gh > 0)
    fit = MIN (fit, sqrt (JM_EXPORT_MAX_PNG_AREA / (gw * gh)));

  /* Two decimals, rounded down, and a hair below so rounding up pixels cannot overshoot. */
  fit = floor (fit * 100 - 1e-6) / 100;
  return fit >= MIN_SCALE ? fit : 0;
}

static gboolean
png_size (Job                   *job,
          const JmExportOptions *options,
          int                   *width,
          int                   *height,
          GError               **error)
{
  g_autofree char *advice = NULL;
  double gw, gh, w, h, fit;

  job_get_size (job, &gw, &gh);
  w = MAX (ceil (gw * options->scale - 1e-6), 1);
  h = MAX (ceil (gh * options->scale - 1e-6), 1);
  *width = (int) MIN (w, G_MAXINT / 2);
  *height = (int) MIN (h, G_MAXINT / 2);

  if (w <= JM_EXPORT_MAX_PIXELS && h <= JM_EXPORT_MAX_PNG_HEIGHT &&
      w * h <= JM_EXPORT_MAX_PNG_AREA)
    return TRUE;

  fit = max_png_scale (gw, gh);
  if (fit > 0)
    /* Translators: the end of a message saying that an image would be too large */
    advice = g_strdup_printf (_("Export at a scale of %.2f or less, or export a PDF."), fit);
  else
    advice = g_strdup (_("The map is too large for an image: export a PDF."));

  if (w > JM_EXPORT_MAX_PIXELS)
    g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_TOO_LARGE,
                 /* Translators: the last %s is the advice ("Export at a scale of…") */
                 _("The image would be %.0f × %.0f pixels, but an image can be at most %d "
                   "pixels wide. %s"),
                 w, h, JM_EXPORT_MAX_PIXELS, advice);
  else if (h > JM_EXPORT_MAX_PNG_HEIGHT)
    g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_TOO_LARGE,
                 _("The image would be %.0f × %.0f pixels, but image viewers open images of "
                   "at most %d pixels in height. %s"),
                 w, h, JM_EXPORT_MAX_PNG_HEIGHT, advice);
  else
    g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_TOO_LARGE,
                 _("The image would be %.0f × %.0f pixels (%.0f million), but image viewers "
                   "open images of at most %.0f million pixels. %s"),
                 w, h, w * h / 1e6, JM_EXPORT_MAX_PNG_AREA / 1e6, advice);
  return FALSE;
}

void
jm_export_get_png_size (JmDocument            *document,
                        const JmExportOptions *options,
                        int                   *width,
                        int                   *height)
{
  Job job;
  double gw = 0, gh = 0;

  g_return_if_fail (JM_IS_DOCUMENT (document));
  g_return_if_fail (options != NULL);

  if (job_init (&job, document, options, NULL))
    {
      job_get_size (&job, &gw, &gh);
      job_clear (&job);
    }
  if (width != NULL)
    *width = (int) ceil (gw * options->scale - 1e-6);
  if (height != NULL)
    *height = (int) ceil (gh * options->scale - 1e-6);
}

double
jm_export_get_max_png_scale (JmDocument            *document,
                             const JmExportOptions *options)
{
  Job job;
  double gw, gh;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (options != NULL, 0);

  if (!job_init (&job, document, options, NULL))
    return 0;
  job_get_size (&job, &gw, &gh);
  job_clear (&job);
  return max_png_scale (gw, gh);
}

static gboolean
write_png (Job                   *job,
           const JmExportOptions *options,
           int                    width,
           int                    height,
           Output                *file,
           const char            *filename,
           GError               **error)
{
  PngErrorState state = { .out = file };
  gboolean alpha = options->transparent;
  int band = CLAMP (PNG_BAND_BYTES / (width * 4), 16, 2048);
  cairo_surface_t *surface = NULL;
  guchar *row = NULL;
  png_structp png = NULL;
  png_infop info = NULL;
  volatile gboolean ok = FALSE;
  png_uint_32 ppm;

  band = MIN (band, height);
  surface = cairo_image_surface_create (alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                        width, band);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_FAILED,
                   _("Cannot draw the image: %s"),
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }

  row = g_malloc ((gsize) width * 4);
  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &state, png_error_cb, png_warning_cb);
  if (png != NULL)
    info = png_create_info_struct (png);
  if (png == NULL || info == NULL)
    {
      g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_FAILED, _("Out of memory"));
      goto out;
    }

  /* Nothing below changes a local that the error path reads after longjmp. */
  errno = 0;
  if (setjmp (state.jmp))
    {
      /* A write error says why (disk full, too large…); anything else is libpng's message. */
      if (file->error != NULL)
        g_propagate_error (error, g_steal_pointer (&file->error));
      else
        g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_FAILED,
                     _("Cannot write the PNG image “%s”: %s"), filename, state.message);
      goto out;
    }

  png_set_write_fn (png, &state, png_write_cb, png_flush_cb);
  /* Our own limits are checked before; libpng's (1,000,000 rows) must not refuse less. */
  png_set_user_limits (png, JM_EXPORT_MAX_PIXELS, JM_EXPORT_MAX_PNG_HEIGHT);
  /* zlib level 1 without row filters: large maps compress ~5× faster, files grow ~20 %. */
  png_set_compression_level (png, 1);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_IHDR (png, info, width, height, 8,
                alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  ppm = (png_uint_32) lround (96.0 * options->scale / 0.0254);
  png_set_pHYs (png, info, ppm, ppm, PNG_RESOLUTION_METER);
  png_write_info (png, info);

  job->opts.zoom = options->scale;

  for (int y0 = 0; y0 < height; y0 += band)
    {
      int rows = MIN (band, height - y0);
      cairo_t *cr = cairo_create (surface);
      const guchar *data;
      int stride;
      JmRect out;

      if (alpha)
        {
          cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
          cairo_paint (cr);
          cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
        }

      cairo_scale (cr, options->scale, options->scale);
      cairo_translate (cr, 0, -y0 / options->scale);
      out.x = 0;
      out.y = y0 / options->scale;
      out.width = width / options->scale;
      out.height = rows / options->scale;
      job_draw (job, cr, job->all_x, job->all_y, &out, FALSE, FALSE);

      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_FAILED,
                       _("Cannot draw the image: %s"), cairo_status_to_string (cairo_status (cr)));
          cairo_destroy (cr);
          goto out;
        }
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      for (int y = 0; y < rows; y++)
        {
          convert_row ((const guint32 *) (gconstpointer) (data + (gsize) y * stride), row, width,
                       alpha);
          png_write_row (png, row);
        }
    }

  png_write_end (png, info);
  ok = TRUE;

out:
  if (png != NULL)
    png_destroy_write_struct (&png, info != NULL ? &info : NULL);
  g_free (row);
  cairo_surface_destroy (surface);
  return ok;
}

static gboolean
check_scale (const JmExportOptions *options,
             GError               **error)
{
  if (!(options->scale >= MIN_SCALE && options->scale <= MAX_SCALE))
    {
      g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_UNSUPPORTED,
                   _("The export scale must be between %g and %g"), MIN_SCALE, MAX_SCALE);
      return FALSE;
    }
  return TRUE;
}

gboolean
jm_export_png (JmDocument            *document,
               const char            *filename,
               const JmExportOptions *options,
               GError               **error)
{
  JmExportOptions defaults;
  Output out;
  Job job;
  int width, height;
  gboolean ok;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      jm_export_options_init (&defaults);
      options = &defaults;
    }

  if (!check_scale (options, error) || !job_init (&job, document, options, error))
    return FALSE;

  /* Check the size before anything is allocated or created. */
  if (!png_size (&job, options, &width, &height, error) ||
      !output_open (&out, filename, error))
    {
      job_clear (&job);
      return FALSE;
    }

  ok = write_png (&job, options, width, height, &out, filename, error);
  job_clear (&job);
  if (!ok)
    {
      output_abort (&out);
      return FALSE;
    }

  return output_commit (&out, error);
}

/* Pages */

/* Space along the bottom of a page for its number, points. */
#define PAGE_FOOTER 18.0
/* Natural size: 96 document units per inch. */
#define POINTS_PER_UNIT 0.75

struct _JmExportPages
{
  GObject  parent_instance;

  Job      job;
  gboolean has_job;
  char    *title;
  double   width;     /* printable area, points */
  double   height;
  double   scale;     /* points per document unit */
  GArray  *cols;      /* doubles: where page columns start along the body columns, and the end */
  GArray  *rows;
};

G_DEFINE_FINAL_TYPE (JmExportPages, jm_export_pages, G_TYPE_OBJECT)

static void
jm_export_pages_finalize (GObject *object)
{
  JmExportPages *self = JM_EXPORT_PAGES (object);

  if (self->has_job)
    job_clear (&self->job);
  g_free (self->title);
  g_clear_pointer (&self->cols, g_array_unref);
  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (jm_export_pages_parent_class)->finalize (object);
}

static void
jm_export_pages_class_init (JmExportPagesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jm_export_pages_finalize;
}

static void
jm_export_pages_init (JmExportPages *self)
{
  self->cols = g_array_new (FALSE, FALSE, sizeof (double));
  self->rows = g_array_new (FALSE, FALSE, sizeof (double));
}

/* A place where a page may end, along the output. Strong cuts (between stages, between lanes)
 * are preferred to weak ones (between two rows of cards in a lane). */
typedef struct
{
  double   at;
  gboolean strong;
} Cut;

static int
compare_cuts (gconstpointer a,
              gconstpointer b)
{
  double x = ((const Cut *) a)->at, y = ((const Cut *) b)->at;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* A cut at map coordinate src, if the spans hold it. */
static void
add_cut (GArray   *cuts,
         GArray   *spans,
         double    src,
         gboolean  strong)
{
  double v = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *s = &g_array_index (spans, Span, i);

      if (src > s->src && src < s->src + s->len)
        {
          Cut cut = { v + (src - s->src), strong };

          g_array_append_val (cuts, cut);
        }
      v += s->len;
    }
}

/* Strong cuts where one span ends and the next (from elsewhere in the map) begins. */
static void
add_span_ends (GArray *cuts,
               GArray *spans)
{
  double v = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      Cut end;

      v += g_array_index (spans, Span, i).len;
      end = (Cut) { v, TRUE };
      g_array_append_val (cuts, end);
    }
}

/* Greedy: each page takes as much as fits and ends at the last strong cut within reach if that
 * fills at least half of it, else at the last cut within reach, else exactly at its edge. */
static void
cut_pages (GArray *breaks,
           GArray *cuts,
           double  total,
           double  capacity)
{
  const double eps = 0.5;
  double pos = 0;

  g_array_sort (cuts, compare_cuts);
  capacity = MAX (capacity, 16);
  g_array_append_val (breaks, pos);

  while (total - pos > eps)
    {
      double limit = pos + capacity, end = -1, strong = -1;

      if (limit >= total - eps)
        end = total;
      else
        {
          for (guint i = 0; i < cuts->len; i++)
            {
              const Cut *c = &g_array_index (cuts, Cut, i);

              if (c->at > limit + 1e-6)
                break;
              if (c->at <= pos + eps)
                continue;
              end = c->at;
              if (c->strong && c->at >= pos + capacity / 2)
                strong = c->at;
            }
          if (strong > 0)
            end = strong;
          else if (end < 0)
            end = limit;
        }
      g_array_append_val (breaks, end);
      pos = end;
    }

  if (breaks->len == 1)
    g_array_append_val (breaks, total);
}

JmExportPages *
jm_export_pages_new (JmDocument            *document,
                     const JmExportOptions *options,
                     double                 width,
                     double                 height,
                     GError               **error)
{
  g_autoptr(JmExportPages) self = NULL;
  g_autoptr(GArray) xcuts = NULL;
  g_autoptr(GArray) ycuts = NULL;
  const JmThemeSizes *s;
  JmExportOptions defaults;
  JmLayout *layout;
  double lhw, hh, content_h, min_w, min_h, row_unit;
  guint n_stages, n_lanes;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      jm_export_options_init (&defaults);
      options = &defaults;
    }

  self = g_object_new (JM_TYPE_EXPORT_PAGES, NULL);
  if (!job_init (&self->job, document, options, error))
    return NULL;
  self->has_job = TRUE;
  self->title = g_strdup (jm_document_get_title (document));
  self->width = width;
  self->height = height;

  layout = self->job.layout;
  s = jm_theme_get_sizes (self->job.theme);
  lhw = spans_total (self->job.head_x);
  hh = spans_total (self->job.head_y);
  n_stages = jm_layout_get_n_stages (layout);
  n_lanes = jm_layout_get_n_lanes (layout);
  content_h = MAX (height - PAGE_FOOTER, 1);

  /* Natural size, unless the headers with one stage or one row of cards would not fit. */
  row_unit = 2 * s->cell_padding + s->card_height;
  for (guint l = 0; l < n_lanes; l++)
    if (jm_layout_get_curve (layout, l) != NULL)
      row_unit = MAX (row_unit, s->emotion_lane_height);
  min_w = lhw + (n_stages > 0 ? s->stage_width : 0);
  min_h = hh + (n_lanes > 0 ? row_unit : 0);
  self->scale = POINTS_PER_UNIT;
  if (min_w > 0)
    self->scale = MIN (self->scale, width / min_w);
  if (min_h > 0)
    self->scale = MIN (self->scale, content_h / min_h);

  /* Cut between stages, between lanes, and between rows of cards. */
  xcuts = g_array_new (FALSE, FALSE, sizeof (Cut));
  add_span_ends (xcuts, self->job.body_x);
  for (guint i = 0; i <= n_stages; i++)
    add_cut (xcuts, self->job.body_x, lhw + i * s->stage_width, TRUE);

  ycuts = g_array_new (FALSE, FALSE, sizeof (Cut));
  add_span_ends (ycuts, self->job.body_y);
  for (guint l = 0; l < n_lanes; l++)
    {
      double step = s->card_height + s->card_gap;
      JmRect r;

      jm_layout_get_lane_rect (layout, l, &r);
      if (r.height <= 0)
        continue;
      add_cut (ycuts, self->job.body_y, r.y, TRUE);
      add_cut (ycuts, self->job.body_y, r.y + r.height, TRUE);
      if (jm_layout_get_curve (layout, l) != NULL)
        continue;
      for (double y = r.y + s->cell_padding + step - s->card_gap / 2;
           y < r.y + r.height - s->cell_padding;
           y += step)
        add_cut (ycuts, self->job.body_y, y, FALSE);
    }

  cut_pages (self->cols, xcuts, spans_total (self->job.body_x), width / self->scale - lhw);
  cut_pages (self->rows, ycuts, spans_total (self->job.body_y), content_h / self->scale - hh);

  return g_steal_pointer (&self);
}

guint
jm_export_pages_get_n_pages (JmExportPages *self)
{
  g_return_val_if_fail (JM_IS_EXPORT_PAGES (self), 0);

  return (self->cols->len - 1) * (self->rows->len - 1);
}

double
jm_export_pages_get_scale (JmExportPages *self)
{
  g_return_val_if_fail (JM_IS_EXPORT_PAGES (self), 0);

  return self->scale;
}

static void
page_spans (JmExportPages *self,
            guint          page,
            GArray        *xs,
            GArray        *ys)
{
  guint n_cols = self->cols->len - 1;
  guint col = page % n_cols, row = page / n_cols;

  g_autoptr(GArray) body_x = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) body_y = g_array_new (FALSE, FALSE, sizeof (Span));

  /* The headers stay blocks of their own (not merged with the part of the map beside them),
   * for the sticky lane titles of job_draw (). */
  spans_slice (self->job.body_x, g_array_index (self->cols, double, col),
               g_array_index (self->cols, double, col + 1), body_x);
  spans_slice (self->job.body_y, g_array_index (self->rows, double, row),
               g_array_index (self->rows, double, row + 1), body_y);
  g_array_append_vals (xs, self->job.head_x->data, self->job.head_x->len);
  g_array_append_vals (xs, body_x->data, body_x->len);
  g_array_append_vals (ys, self->job.head_y->data, self->job.head_y->len);
  g_array_append_vals (ys, body_y->data, body_y->len);
}

void
jm_export_pages_get_tile_size (JmExportPages *self,
                               guint          page,
                               double        *width,
                               double        *height)
{
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (Span));

  g_return_if_fail (JM_IS_EXPORT_PAGES (self));
  g_return_if_fail (page < jm_export_pages_get_n_pages (self));

  page_spans (self, page, xs, ys);
  if (width != NULL)
    *width = spans_total (xs);
  if (height != NULL)
    *height = spans_total (ys);
}

static void
draw_footer (JmExportPages *self,
             cairo_t       *cr,
             guint          page)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autofree char *number = NULL;
  PangoFontDescription *font;
  cairo_font_options_t *font_options;
  int w, h;

  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), font_options);
  cairo_font_options_destroy (font_options);

  font = pango_font_description_from_string (jm_theme_get_font_family (self->job.theme));
  pango_font_description_set_absolute_size (font, 8 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_context_changed (layout);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.33, 0.33, 0.33);

  /* Translators: at the bottom of each printed page */
  number = g_strdup_printf (_("Page %u of %u"), page + 1, jm_export_pages_get_n_pages (self));
  pango_layout_set_text (layout, number, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, self->width - w, self->height - h);
  pango_cairo_show_layout (cr, layout);

  if (self->title != NULL && self->title[0] != '\0')
    {
      pango_layout_set_width (layout, MAX (self->width - w - 24, 1) * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_text (layout, self->title, -1);
      cairo_move_to (cr, 0, self->height - h);
      pango_cairo_show_layout (cr, layout);
    }

  cairo_restore (cr);
}

void
jm_export_pages_draw_page (JmExportPages *self,
                           cairo_t       *cr,
                           guint          page)
{
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (Span));
  JmRect out = { 0, 0, 0, 0 };

  g_return_if_fail (JM_IS_EXPORT_PAGES (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < jm_export_pages_get_n_pages (self));

  page_spans (self, page, xs, ys);
  out.width = spans_total (xs);
  out.height = spans_total (ys);

  cairo_save (cr);
  cairo_scale (cr, self->scale, self->scale);
  self->job.opts.zoom = 1;
  job_draw (&self->job, cr, xs, ys, &out, TRUE, TRUE);
  cairo_restore (cr);

  draw_footer (self, cr, page);
}

/* PDF */

void
jm_export_page_get_size (JmExportPage  page,
                         double       *width,
                         double       *height)
{
  double w = 0, h = 0;

  switch (page)
    {
    case JM_EXPORT_PAGE_A4:
      w = 841.89, h = 595.28;
      break;
    case JM_EXPORT_PAGE_A3:
      w = 1190.55, h = 841.89;
      break;
    case JM_EXPORT_PAGE_LETTER:
      w = 792, h = 612;
      break;
    case JM_EXPORT_PAGE_POSTER:
    default:
      break;
    }

  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

static cairo_status_t
pdf_poster (Job              *job,
            cairo_surface_t **surface_out,
            Output           *out,
            JmDocument       *document)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double gw, gh, k;
  JmRect all = { 0, 0, 0, 0 };
  cairo_status_t status;

  job_get_size (job, &gw, &gh);
  gw = MAX (gw, 1);
  gh = MAX (gh, 1);

  /* 96 document units per inch; a poster beyond 200 inches is scaled to fit. */
  k = POINTS_PER_UNIT;
  if (MAX (gw, gh) * k > PDF_MAX_POINTS)
    k = PDF_MAX_POINTS / MAX (gw, gh);

  surface = cairo_pdf_surface_create_for_stream (write_file_cb, out, gw * k, gh * k);
  set_pdf_metadata (surface, document);
  cr = cairo_create (surface);
  cairo_scale (cr, k, k);
  all.width = gw;
  all.height = gh;
  job_draw (job, cr, job->all_x, job->all_y, &all, FALSE, FALSE);
  status = cairo_status (cr);
  cairo_destroy (cr);

  *surface_out = surface;
  return status;
}

gboolean
jm_export_pdf (JmDocument            *document,
               const char            *filename,
               const JmExportOptions *options,
               GError               **error)
{
  g_autoptr(JmExportPages) pages = NULL;
  cairo_surface_t *surface = NULL;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  JmExportOptions defaults;
  Output out;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      jm_export_options_init (&defaults);
      options = &defaults;
    }

  if (options->page == JM_EXPORT_PAGE_POSTER)
    {
      Job job;

      if (!job_init (&job, document, options, error))
        return FALSE;
      if (!output_open (&out, filename, error))
        {
          job_clear (&job);
          return FALSE;
        }
      status = pdf_poster (&job, &surface, &out, document);
      cairo_surface_finish (surface);
      job_clear (&job);
    }
  else
    {
      double pw, ph;
      cairo_t *cr;

      jm_export_page_get_size (options->page, &pw, &ph);
      if (pw <= 0)
        {
          g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_UNSUPPORTED,
                       _("Unknown page size"));
          return FALSE;
        }

      pages = jm_export_pages_new (document, options, pw - 2 * JM_EXPORT_PAGE_MARGIN,
                                   ph - 2 * JM_EXPORT_PAGE_MARGIN, error);
      if (pages == NULL || !output_open (&out, filename, error))
        return FALSE;

      surface = cairo_pdf_surface_create_for_stream (write_file_cb, &out, pw, ph);
      set_pdf_metadata (surface, document);
      cr = cairo_create (surface);
      for (guint i = 0; i < jm_export_pages_get_n_pages (pages); i++)
        {
          cairo_save (cr);
          cairo_translate (cr, JM_EXPORT_PAGE_MARGIN, JM_EXPORT_PAGE_MARGIN);
          jm_export_pages_draw_page (pages, cr, i);
          cairo_restore (cr);
          cairo_show_page (cr);
          if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
            break;
        }
      status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
    }

  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (out.error != NULL)
        g_propagate_error (error, g_steal_pointer (&out.error));
      else
        g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_FAILED,
                     _("Cannot write the PDF document “%s”: %s"), filename,
                     cairo_status_to_string (status));
      output_abort (&out);
      return FALSE;
    }

  return output_commit (&out, error);
}

/* SVG */

static void
append_text (GString    *svg,
             double      x,
             double      y,
             double      size,
             const char *text)
{
  g_autofree char *escaped = NULL;
  char bx[G_ASCII_DTOSTR_BUF_SIZE], by[G_ASCII_DTOSTR_BUF_SIZE], bs[G_ASCII_DTOSTR_BUF_SIZE];

  if (text == NULL || text[0] == '\0')
    return;

  escaped = g_markup_escape_text (text, -1);
  g_string_append_printf (svg, "<text x=\"%s\" y=\"%s\" font-size=\"%s\">%s</text>\n",
                          g_ascii_formatd (bx, sizeof bx, "%.1f", x),
                          g_ascii_formatd (by, sizeof by, "%.1f", y),
                          g_ascii_formatd (bs, sizeof bs, "%.1f", size),
                          escaped);
}

typedef struct
{
  GString            *svg;
  Job                *job;
  const JmThemeSizes *sizes;
} TextLayer;

/* A text at map point (x, y), if that point is part of the output. */
static void
layer_text (TextLayer  *layer,
            double      x,
            double      y,
            double      size,
            const char *text)
{
  double ox, oy;

  /* Texts are anchored at their baseline: look up the point just above it. */
  if (spans_map (layer->job->all_x, x, &ox) && spans_map (layer->job->all_y, y - 1, &oy))
    append_text (layer->svg, ox, oy + 1, size, text);
}

static void
text_layer_card_cb (JmCard       *card,
                    const JmRect *rect,
                    guint         stage,
                    guint         lane,
                    guint         index,
                    gpointer      user_data)
{
  TextLayer *layer = user_data;
  const JmThemeSizes *s = layer->sizes;

  layer_text (layer, rect->x + s->card_padding, rect->y + s->card_padding + s->font_card,
              s->font_card, jm_card_get_text (card));
  if (jm_card_get_kind (card) == JM_CARD_KIND_EMOTION)
    layer_text (layer, rect->x + 6, rect->y + rect->height - 6, s->font_small,
                jm_card_get_feeling (card));
}

/* Invisible, selectable text where the drawn text is: cairo's SVG has glyph outlines only. */
static char *
build_text_layer (Job *job)
{
  JmLayout *layout = job->layout;
  JmDocument *document = jm_layout_get_document (layout);
  const JmThemeSizes *s = jm_theme_get_sizes (job->theme);
  GString *svg = g_string_new (NULL);
  TextLayer layer = { svg, job, s };
  g_autofree char *title = g_markup_escape_text (jm_document_get_title (document), -1);
  JmRect all = { 0, 0, 0, 0 };

  g_string_append (svg, "<g id=\"journey-map-text\" fill-opacity=\"0\" "
                        "font-family=\"sans-serif\" aria-hidden=\"false\">\n");
  g_string_append_printf (svg, "<title>%s</title>\n", title);

  layer_text (&layer, 16, 40, s->font_map_title, jm_document_get_title (document));
  layer_text (&layer, 16, 70, s->font_small, jm_document_get_author (document));

  for (guint i = 0; i < jm_layout_get_n_stages (layout); i++)
    {
      JmStage *stage = jm_layout_get_stage (layout, i);
      JmRect r;

      jm_layout_get_stage_header_rect (layout, i, &r);
      layer_text (&layer, r.x + 16, r.y + s->stage_band + 12 + s->font_stage_title,
                  s->font_stage_title, jm_stage_get_title (stage));
      layer_text (&layer, r.x + 16, r.y + s->stage_band + 40 + s->font_small, s->font_small,
                  jm_stage_get_customer_goal (stage));
      layer_text (&layer, r.x + 16, r.y + s->stage_band + 56 + s->font_small, s->font_small,
                  jm_stage_get_business_goal (stage));
    }

  for (guint i = 0; i < jm_layout_get_n_lanes (layout); i++)
    {
      JmLane *lane = jm_layout_get_lane (layout, i);
      JmRect r;

      jm_layout_get_lane_header_rect (layout, i, &r);
      if (r.height > 0)
        layer_text (&layer, r.x + 22, r.y + 14 + s->font_lane_title, s->font_lane_title,
                    jm_lane_get_title (lane));
    }

  jm_layout_get_grid_size (layout, &all.width, &all.height);
  jm_layout_foreach_card_in_rect (layout, &all, text_layer_card_cb, &layer);

  for (guint i = 0; i < jm_layout_get_n_connectors (layout); i++)
    {
      const JmConnector *c = jm_layout_get_connector (layout, i);
      JmElement *connection = jm_document_lookup (document, c->id);

      if (connection != NULL && JM_IS_CONNECTION (connection))
        {
          JmPoint mid = jm_bezier_point (&c->p0, &c->c1, &c->c2, &c->p3, 0.5);

          layer_text (&layer, mid.x, mid.y, s->font_small,
                      jm_connection_get_label (JM_CONNECTION (connection)));
        }
    }

  g_string_append (svg, "</g>\n");
  return g_string_free (svg, FALSE);
}

gboolean
jm_export_svg (JmDocument            *document,
               const char            *filename,
               const JmExportOptions *options,
               GError               **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree char *text_layer = NULL;
  JmExportOptions defaults;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  const char *end = NULL;
  JmRect all = { 0, 0, 0, 0 };
  gsize head;
  double gw, gh;
  Output out;
  Job job;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      jm_export_options_init (&defaults);
      options = &defaults;
    }

  if (!job_init (&job, document, options, error))
    return FALSE;
  job_get_size (&job, &gw, &gh);
  gw = MAX (gw, 1);
  gh = MAX (gh, 1);

  bytes = g_byte_array_new ();
  surface = cairo_svg_surface_create_for_stream (write_bytes_cb, bytes, gw, gh);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  all.width = gw;
  all.height = gh;
  job_draw (&job, cr, job.all_x, job.all_y, &all, FALSE, FALSE);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_FAILED,
                   _("Cannot write the SVG image “%s”: %s"), filename,
                   cairo_status_to_string (status));
      job_clear (&job);
      return FALSE;
    }

  /* Insert the text layer before the closing tag. */
  for (gsize i = bytes->len; i >= 6; i--)
    if (memcmp (bytes->data + i - 6, "</svg>", 6) == 0)
      {
        end = (const char *) bytes->data + i - 6;
        break;
      }
  if (end == NULL)
    {
      g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_FAILED,
                   _("Cannot write the SVG image “%s”: %s"), filename, _("incomplete drawing"));
      job_clear (&job);
      return FALSE;
    }
  head = end - (const char *) bytes->data;
  text_layer = build_text_layer (&job);
  job_clear (&job);

  if (!output_open (&out, filename, error))
    return FALSE;

  output_write (&out, bytes->data, head);
  output_write (&out, text_layer, strlen (text_layer));
  output_write (&out, bytes->data + head, bytes->len - head);

  return output_commit (&out, error);
}

/* Dispatch */

void
jm_export_options_init (JmExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->format = JM_EXPORT_FORMAT_PNG;
  options->scale = 1.0;
  options->transparent = FALSE;
  options->theme = JM_THEME_LIGHT;
  options->role_id = NULL;
  options->page = JM_EXPORT_PAGE_POSTER;
  options->area = JM_EXPORT_AREA_ALL;
  options->stage_ids = NULL;
}

JmExportFormat
jm_export_format_from_filename (const char *filename)
{
  const char *dot;

  if (filename == NULL || (dot = strrchr (filename, '.')) == NULL)
    return JM_EXPORT_FORMAT_AUTO;

  if (g_ascii_strcasecmp (dot, ".png") == 0)
    return JM_EXPORT_FORMAT_PNG;
  if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    return JM_EXPORT_FORMAT_PDF;
  if (g_ascii_strcasecmp (dot, ".svg") == 0)
    return JM_EXPORT_FORMAT_SVG;

  return JM_EXPORT_FORMAT_AUTO;
}

const char *
jm_export_format_get_extension (JmExportFormat format)
{
  switch (format)
    {
    case JM_EXPORT_FORMAT_PNG:
      return "png";
    case JM_EXPORT_FORMAT_PDF:
      return "pdf";
    case JM_EXPORT_FORMAT_SVG:
      return "svg";
    case JM_EXPORT_FORMAT_AUTO:
    default:
      return NULL;
    }
}

static const char * const page_names[] = { "poster", "a4", "a3", "letter" };

const char *
jm_export_page_to_string (JmExportPage page)
{
  g_return_val_if_fail (page <= JM_EXPORT_PAGE_LETTER, NULL);

  return page_names[page];
}

gboolean
jm_export_page_from_string (const char   *text,
                            JmExportPage *page)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (page_names); i++)
    if (g_ascii_strcasecmp (text, page_names[i]) == 0)
      {
        *page = (JmExportPage) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
jm_export_file (JmDocument            *document,
                const char            *filename,
                const JmExportOptions *options,
                GError               **error)
{
  JmExportOptions defaults;
  JmExportFormat format;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);

  if (options == NULL)
    {
      jm_export_options_init (&defaults);
      defaults.format = JM_EXPORT_FORMAT_AUTO;
      options = &defaults;
    }

  format = options->format;
  if (format == JM_EXPORT_FORMAT_AUTO)
    format = jm_export_format_from_filename (filename);

  switch (format)
    {
    case JM_EXPORT_FORMAT_PNG:
      return jm_export_png (document, filename, options, error);
    case JM_EXPORT_FORMAT_PDF:
      return jm_export_pdf (document, filename, options, error);
    case JM_EXPORT_FORMAT_SVG:
      return jm_export_svg (document, filename, options, error);
    case JM_EXPORT_FORMAT_AUTO:
    default:
      g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_UNSUPPORTED,
                   _("Cannot tell the export format from “%s”: use a name ending in .png, .pdf "
                     "or .svg"), filename);
      return FALSE;
    }
}

/* Async */

typedef struct
{
  GBytes          *bytes;
  char            *filename;
  char            *role_id;
  char           **stage_ids;
  JmExportOptions  options;
} ExportTask;

static void
export_task_free (gpointer data)
{
  ExportTask *task = data;

  g_bytes_unref (task->bytes);
  g_free (task->filename);
  g_free (task->role_id);
  g_strfreev (task->stage_ids);
  g_free (task);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportTask *data = task_data;
  g_autoptr(JmDocument) copy = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  copy = jm_json_load_bytes (data->bytes, &error);
  if (copy == NULL || !jm_export_file (copy, data->filename, &data->options, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
jm_export_file_async (JmDocument            *document,
                      const char            *filename,
                      const JmExportOptions *options,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportTask *data;

  g_return_if_fail (JM_IS_DOCUMENT (document));
  g_return_if_fail (filename != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jm_export_file_async);

  data = g_new0 (ExportTask, 1);
  data->bytes = jm_json_save_bytes (document);
  data->filename = g_strdup (filename);
  if (options != NULL)
    data->options = *options;
  else
    {
      jm_export_options_init (&data->options);
      data->options.format = JM_EXPORT_FORMAT_AUTO;
    }
  data->role_id = g_strdup (data->options.role_id);
  data->options.role_id = data->role_id;
  data->stage_ids = g_strdupv ((char **) data->options.stage_ids);
  data->options.stage_ids = (const char * const *) data->stage_ids;
  g_task_set_task_data (task, data, export_task_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
jm_export_file_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, jm_export_file_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
