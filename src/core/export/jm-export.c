/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-export.c: PNG (libpng, banded), PDF poster and SVG files, written atomically. */
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
#include <png.h>

#include "jm-export.h"
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

/* Atomic output file */

typedef struct
{
  char *filename;
  char *tmp_path;
  FILE *file;
} Output;

static gboolean
output_open (Output     *out,
             const char *filename,
             GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (filename);
  g_autofree char *base = g_path_get_basename (filename);
  g_autofree char *tmpl = g_strdup_printf (".%s.XXXXXX", base);
  GStatBuf st;
  int fd;

  memset (out, 0, sizeof *out);
  out->filename = g_strdup (filename);
  out->tmp_path = g_build_filename (dir, tmpl, NULL);

  fd = g_mkstemp_full (out->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), filename, g_strerror (saved));
      g_clear_pointer (&out->tmp_path, g_free);
      g_clear_pointer (&out->filename, g_free);
      return FALSE;
    }

  /* mkstemp creates 0600; give the export the permissions a new file would get (or those of
   * the file it replaces). */
  if (g_stat (filename, &st) == 0)
    fchmod (fd, st.st_mode & 07777);
  else
    {
      mode_t mask = umask (0);

      umask (mask);
      fchmod (fd, 0666 & ~mask);
    }

  out->file = fdopen (fd, "wb");
  if (out->file == NULL)
    {
      int saved = errno;

      close (fd);
      g_unlink (out->tmp_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), filename, g_strerror (saved));
      g_clear_pointer (&out->tmp_path, g_free);
      g_clear_pointer (&out->filename, g_free);
      return FALSE;
    }

  return TRUE;
}

static void
output_abort (Output *out)
{
  if (out->file != NULL)
    fclose (out->file);
  if (out->tmp_path != NULL)
    g_unlink (out->tmp_path);
  g_clear_pointer (&out->tmp_path, g_free);
  g_clear_pointer (&out->filename, g_free);
  out->file = NULL;
}

static gboolean
output_commit (Output  *out,
               GError **error)
{
  int saved = 0;

  if (fflush (out->file) != 0 || ferror (out->file))
    saved = errno ? errno : EIO;
  else if (fsync (fileno (out->file)) != 0 && errno != EINVAL)
    saved = errno;

  if (fclose (out->file) != 0 && saved == 0)
    saved = errno;
  out->file = NULL;

  if (saved == 0 && g_rename (out->tmp_path, out->filename) != 0)
    saved = errno;

  if (saved != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), out->filename, g_strerror (saved));
      output_abort (out);
      return FALSE;
    }

  g_clear_pointer (&out->tmp_path, g_free);
  g_clear_pointer (&out->filename, g_free);
  return TRUE;
}

static cairo_status_t
write_file_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  FILE *file = closure;

  return fwrite (data, 1, length, file) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static cairo_status_t
write_bytes_cb (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Common */

static gboolean
check_options (const JmExportOptions *options,
               GError               **error)
{
  if (options->page != JM_EXPORT_PAGE_POSTER)
    {
      g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_UNSUPPORTED,
                   _("Paginated export (A4, A3, Letter) is not available yet; export the map "
                     "as a single poster page instead"));
      return FALSE;
    }

  if (!(options->scale >= MIN_SCALE && options->scale <= MAX_SCALE))
    {
      g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_UNSUPPORTED,
                   _("The export scale must be between %g and %g"), MIN_SCALE, MAX_SCALE);
      return FALSE;
    }

  return TRUE;
}

static void
render_options_for_export (const JmExportOptions *options,
                           JmRenderOptions       *opts)
{
  jm_render_options_init (opts);
  opts->for_export = TRUE;
  opts->transparent = options->transparent;
  opts->role_lens = options->role_id;
}

/* PNG */

typedef struct
{
  jmp_buf  jmp;
  char     message[256];
  int      saved_errno;
} PngErrorState;

static void
png_error_cb (png_structp      png,
              png_const_charp  message)
{
  PngErrorState *state = png_get_error_ptr (png);

  state->saved_errno = errno;
  g_strlcpy (state->message, message, sizeof state->message);
  longjmp (state->jmp, 1);
}

static void
png_warning_cb (png_structp      png,
                png_const_charp  message)
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

static gboolean
png_size (JmLayout              *layout,
          const JmExportOptions *options,
          int                   *width,
          int                   *height,
          GError               **error)
{
  double gw, gh, w, h;

  jm_layout_get_grid_size (layout, &gw, &gh);
  w = ceil (gw * options->scale - 1e-6);
  h = ceil (gh * options->scale - 1e-6);
  *width = (int) MIN (w, G_MAXINT / 2);
  *height = (int) MIN (h, G_MAXINT / 2);

  if (w > JM_EXPORT_MAX_PIXELS || h > JM_EXPORT_MAX_PIXELS)
    {
      double fit = floor (JM_EXPORT_MAX_PIXELS / MAX (gw, gh) * 100) / 100;

      if (fit >= MIN_SCALE)
        g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_TOO_LARGE,
                     _("The image would be %.0f × %.0f pixels, but an image can have at most "
                       "%d pixels per side. Export at a scale of %.2f or less, or export a PDF."),
                     w, h, JM_EXPORT_MAX_PIXELS, fit);
      else
        g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_TOO_LARGE,
                     _("The image would be %.0f × %.0f pixels, but an image can have at most "
                       "%d pixels per side. The map is too large for an image: export a PDF."),
                     w, h, JM_EXPORT_MAX_PIXELS);
      return FALSE;
    }

  if (w < 1 || h < 1)
    {
      *width = MAX (*width, 1);
      *height = MAX (*height, 1);
    }

  return TRUE;
}

void
jm_export_get_png_size (JmDocument            *document,
                        const JmExportOptions *options,
                        int                   *width,
                        int                   *height)
{
  g_autoptr(JmTheme) theme = NULL;
  g_autoptr(JmLayout) layout = NULL;
  double gw, gh;

  g_return_if_fail (JM_IS_DOCUMENT (document));
  g_return_if_fail (options != NULL);

  theme = jm_theme_new (options->theme);
  layout = jm_layout_new (document, theme);
  jm_layout_get_grid_size (layout, &gw, &gh);
  if (width != NULL)
    *width = (int) ceil (gw * options->scale - 1e-6);
  if (height != NULL)
    *height = (int) ceil (gh * options->scale - 1e-6);
}

static gboolean
write_png (JmLayout              *layout,
           JmRenderer            *renderer,
           const JmExportOptions *options,
           int                    width,
           int                    height,
           FILE                  *file,
           const char            *filename,
           GError               **error)
{
  PngErrorState state = { 0 };
  gboolean alpha = options->transparent;
  int band = CLAMP (PNG_BAND_BYTES / (width * 4), 16, 2048);
  cairo_surface_t *surface = NULL;
  guchar *row = NULL;
  png_structp png = NULL;
  png_infop info = NULL;
  volatile gboolean ok = FALSE;
  JmRenderOptions opts;
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
      if (ferror (file) && state.saved_errno != 0)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (state.saved_errno),
                     _("Cannot write “%s”: %s"), filename, g_strerror (state.saved_errno));
      else
        g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_FAILED,
                     _("Cannot write the PNG image “%s”: %s"), filename, state.message);
      goto out;
    }

  png_init_io (png, file);
  /* zlib level 1 without row filters: large maps compress ~5× faster, files grow ~20 %. */
  png_set_compression_level (png, 1);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_IHDR (png, info, width, height, 8,
                alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  ppm = (png_uint_32) lround (96.0 * options->scale / 0.0254);
  png_set_pHYs (png, info, ppm, ppm, PNG_RESOLUTION_METER);
  png_write_info (png, info);

  render_options_for_export (options, &opts);
  opts.zoom = options->scale;

  for (int y0 = 0; y0 < height; y0 += band)
    {
      int rows = MIN (band, height - y0);
      cairo_t *cr = cairo_create (surface);
      const guchar *data;
      int stride;

      if (alpha)
        {
          cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
          cairo_paint (cr);
          cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
        }

      cairo_scale (cr, options->scale, options->scale);
      cairo_translate (cr, 0, -y0 / options->scale);
      opts.view.x = 0;
      opts.view.y = y0 / options->scale;
      opts.view.width = width / options->scale;
      opts.view.height = rows / options->scale;
      jm_renderer_draw (renderer, layout, cr, &opts);

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

gboolean
jm_export_png (JmDocument            *document,
               const char            *filename,
               const JmExportOptions *options,
               GError               **error)
{
  g_autoptr(JmTheme) theme = NULL;
  g_autoptr(JmLayout) layout = NULL;
  g_autoptr(JmRenderer) renderer = NULL;
  JmExportOptions defaults;
  Output out;
  int width, height;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      jm_export_options_init (&defaults);
      options = &defaults;
    }

  if (!check_options (options, error))
    return FALSE;

  theme = jm_theme_new (options->theme);
  layout = jm_layout_new (document, theme);

  /* Check the size before anything is allocated or created. */
  if (!png_size (layout, options, &width, &height, error))
    return FALSE;

  renderer = jm_renderer_new (theme);
  if (!output_open (&out, filename, error))
    return FALSE;

  if (!write_png (layout, renderer, options, width, height, out.file, filename, error))
    {
      output_abort (&out);
      return FALSE;
    }

  return output_commit (&out, error);
}

/* PDF */

gboolean
jm_export_pdf (JmDocument            *document,
               const char            *filename,
               const JmExportOptions *options,
               GError               **error)
{
  g_autoptr(JmTheme) theme = NULL;
  g_autoptr(JmLayout) layout = NULL;
  g_autoptr(JmRenderer) renderer = NULL;
  JmExportOptions defaults;
  JmRenderOptions opts;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double gw, gh, k;
  Output out;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      jm_export_options_init (&defaults);
      options = &defaults;
    }

  if (options->page != JM_EXPORT_PAGE_POSTER)
    return check_options (options, error);

  theme = jm_theme_new (options->theme);
  layout = jm_layout_new (document, theme);
  renderer = jm_renderer_new (theme);
  jm_layout_get_grid_size (layout, &gw, &gh);
  gw = MAX (gw, 1);
  gh = MAX (gh, 1);

  /* 96 document units per inch; a poster beyond 200 inches is scaled to fit. */
  k = 0.75;
  if (MAX (gw, gh) * k > PDF_MAX_POINTS)
    k = PDF_MAX_POINTS / MAX (gw, gh);

  if (!output_open (&out, filename, error))
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (write_file_cb, out.file, gw * k, gh * k);
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

  cr = cairo_create (surface);
  cairo_scale (cr, k, k);
  render_options_for_export (options, &opts);
  opts.view.x = 0;
  opts.view.y = 0;
  opts.view.width = gw;
  opts.view.height = gh;
  opts.zoom = 1;
  cairo_rectangle (cr, 0, 0, gw, gh);
  cairo_clip (cr);
  jm_renderer_draw (renderer, layout, cr, &opts);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
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
  const JmThemeSizes *sizes;
} TextLayer;

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

  append_text (layer->svg, rect->x + s->card_padding, rect->y + s->card_padding + s->font_card,
               s->font_card, jm_card_get_text (card));
  if (jm_card_get_kind (card) == JM_CARD_KIND_EMOTION)
    append_text (layer->svg, rect->x + 6, rect->y + rect->height - 6, s->font_small,
                 jm_card_get_feeling (card));
}

/* Invisible, selectable text where the drawn text is: cairo's SVG has glyph outlines only. */
static char *
build_text_layer (JmLayout *layout)
{
  JmDocument *document = jm_layout_get_document (layout);
  const JmThemeSizes *s = jm_theme_get_sizes (jm_layout_get_theme (layout));
  GString *svg = g_string_new (NULL);
  TextLayer layer = { svg, s };
  g_autofree char *title = g_markup_escape_text (jm_document_get_title (document), -1);
  JmRect all = { 0, 0, 0, 0 };

  g_string_append (svg, "<g id=\"journey-map-text\" fill-opacity=\"0\" "
                        "font-family=\"sans-serif\" aria-hidden=\"false\">\n");
  g_string_append_printf (svg, "<title>%s</title>\n", title);

  append_text (svg, 16, 40, s->font_map_title, jm_document_get_title (document));
  append_text (svg, 16, 70, s->font_small, jm_document_get_author (document));

  for (guint i = 0; i < jm_layout_get_n_stages (layout); i++)
    {
      JmStage *stage = jm_layout_get_stage (layout, i);
      JmRect r;

      jm_layout_get_stage_header_rect (layout, i, &r);
      append_text (svg, r.x + 16, r.y + s->stage_band + 12 + s->font_stage_title,
                   s->font_stage_title, jm_stage_get_title (stage));
      append_text (svg, r.x + 16, r.y + s->stage_band + 40 + s->font_small, s->font_small,
                   jm_stage_get_customer_goal (stage));
      append_text (svg, r.x + 16, r.y + s->stage_band + 56 + s->font_small, s->font_small,
                   jm_stage_get_business_goal (stage));
    }

  for (guint i = 0; i < jm_layout_get_n_lanes (layout); i++)
    {
      JmLane *lane = jm_layout_get_lane (layout, i);
      JmRect r;

      jm_layout_get_lane_header_rect (layout, i, &r);
      if (r.height > 0)
        append_text (svg, r.x + 22, r.y + 14 + s->font_lane_title, s->font_lane_title,
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

          append_text (svg, mid.x, mid.y, s->font_small,
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
  g_autoptr(JmTheme) theme = NULL;
  g_autoptr(JmLayout) layout = NULL;
  g_autoptr(JmRenderer) renderer = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree char *text_layer = NULL;
  JmExportOptions defaults;
  JmRenderOptions opts;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  const char *end = NULL;
  gsize head;
  double gw, gh;
  Output out;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      jm_export_options_init (&defaults);
      options = &defaults;
    }

  if (options->page != JM_EXPORT_PAGE_POSTER)
    return check_options (options, error);

  theme = jm_theme_new (options->theme);
  layout = jm_layout_new (document, theme);
  renderer = jm_renderer_new (theme);
  jm_layout_get_grid_size (layout, &gw, &gh);
  gw = MAX (gw, 1);
  gh = MAX (gh, 1);

  bytes = g_byte_array_new ();
  surface = cairo_svg_surface_create_for_stream (write_bytes_cb, bytes, gw, gh);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  render_options_for_export (options, &opts);
  opts.view.x = 0;
  opts.view.y = 0;
  opts.view.width = gw;
  opts.view.height = gh;
  opts.zoom = 1;
  jm_renderer_draw (renderer, layout, cr, &opts);
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
      return FALSE;
    }
  head = end - (const char *) bytes->data;
  text_layer = build_text_layer (layout);

  if (!output_open (&out, filename, error))
    return FALSE;

  if (fwrite (bytes->data, 1, head, out.file) != head ||
      fputs (text_layer, out.file) == EOF ||
      fwrite (bytes->data + head, 1, bytes->len - head, out.file) != bytes->len - head)
    {
      int saved = errno ? errno : EIO;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), filename, g_strerror (saved));
      output_abort (&out);
      return FALSE;
    }

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
  JmExportOptions  options;
} ExportTask;

static void
export_task_free (gpointer data)
{
  ExportTask *task = data;

  g_bytes_unref (task->bytes);
  g_free (task->filename);
  g_free (task->role_id);
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
