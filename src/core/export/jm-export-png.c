/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-export-png.c: PNG images drawn in bands and written through libpng. */
#include "config.h"

#include <errno.h>
#include <setjmp.h>

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include <png.h>

#include "jm-export-private.h"

/* PNG */

typedef struct
{
  jmp_buf         jmp;
  char            message[256];
  JmExportOutput *out;
} PngErrorState;

static void
png_error_cb (png_structp     png,
              png_const_charp message)
{
  PngErrorState *state = png_get_error_ptr (png);

  g_strlcpy (state->message, message, sizeof state->message);
  longjmp (state->jmp, 1);
}

static void
png_warning_cb (png_structp     png,
                png_const_charp message)
{
}

static void
png_write_cb (png_structp png,
              png_bytep   data,
              png_size_t  length)
{
  PngErrorState *state = png_get_error_ptr (png);

  if (!jm_export_output_write (state->out, data, length))
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
png_size (JmExportJob           *job,
          const JmExportOptions *options,
          int                   *width,
          int                   *height,
          GError               **error)
{
  g_autofree char *advice = NULL;
  double gw, gh, w, h, fit;

  jm_export_job_get_size (job, &gw, &gh);
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
  JmExportJob job;
  double gw = 0, gh = 0;

  g_return_if_fail (JM_IS_DOCUMENT (document));
  g_return_if_fail (options != NULL);

  if (jm_export_job_init (&job, document, options, NULL))
    {
      jm_export_job_get_size (&job, &gw, &gh);
      jm_export_job_clear (&job);
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
  JmExportJob job;
  double gw, gh;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (options != NULL, 0);

  if (!jm_export_job_init (&job, document, options, NULL))
    return 0;
  jm_export_job_get_size (&job, &gw, &gh);
  jm_export_job_clear (&job);
  return max_png_scale (gw, gh);
}

static gboolean
write_png (JmExportJob           *job,
           const JmExportOptions *options,
           int                    width,
           int                    height,
           JmExportOutput        *file,
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
      jm_export_job_draw (job, cr, job->all_x, job->all_y, &out, FALSE, FALSE);

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
  JmExportOutput out;
  JmExportJob job;
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

  if (!check_scale (options, error) ||
      !jm_export_job_init (&job, document, options, error))
    return FALSE;

  /* Check the size before anything is allocated or created. */
  if (!png_size (&job, options, &width, &height, error) ||
      !jm_export_output_open (&out, filename, error))
    {
      jm_export_job_clear (&job);
      return FALSE;
    }

  ok = write_png (&job, options, width, height, &out, filename, error);
  jm_export_job_clear (&job);
  if (!ok)
    {
      jm_export_output_abort (&out);
      return FALSE;
    }

  return jm_export_output_commit (&out, error);
}
