/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-export.c: what every export shares (the atomic output, the spans of the chosen area, the
 * job that lays out and draws them), the options, the dispatch by format and the worker. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "io/jm-json.h"
#include "jm-export-private.h"

G_DEFINE_QUARK (jm-export-error-quark, jm_export_error)

/* Atomic output file: the core's one atomic writer, with the first write error kept. */

gboolean
jm_export_output_open (JmExportOutput *out,
                       const char     *filename,
                       GError        **error)
{
  out->error = NULL;
  out->file = jm_atomic_file_new (filename, error);
  return out->file != NULL;
}

gboolean
jm_export_output_write (JmExportOutput *out,
                        const void     *data,
                        gsize           len)
{
  if (out->error != NULL)
    return FALSE;
  return jm_atomic_file_write (out->file, data, len, &out->error);
}

void
jm_export_output_abort (JmExportOutput *out)
{
  g_clear_pointer (&out->file, jm_atomic_file_abort);
  g_clear_error (&out->error);
}

gboolean
jm_export_output_commit (JmExportOutput *out,
                         GError        **error)
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

/* A cairo stream into an output. */
cairo_status_t
jm_export_write_file_cb (void                *closure,
                         const unsigned char *data,
                         unsigned int         length)
{
  if (!jm_export_output_write (closure, data, length))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

cairo_status_t
jm_export_write_bytes_cb (void                *closure,
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


void
jm_export_spans_append (GArray *spans,
                        double  src,
                        double  len)
{
  if (len <= 1e-6)
    return;

  if (spans->len > 0)
    {
      JmExportSpan *last = &g_array_index (spans, JmExportSpan, spans->len - 1);

      if (fabs (last->src + last->len - src) < 1e-6)
        {
          last->len += len;
          return;
        }
    }

  g_array_append_val (spans, ((JmExportSpan) { src, len }));
}

double
jm_export_spans_total (GArray *spans)
{
  double total = 0;

  for (guint i = 0; i < spans->len; i++)
    total += g_array_index (spans, JmExportSpan, i).len;
  return total;
}

/* Appends to out the runs of spans between v0 and v1, counted along the output. */
void
jm_export_spans_slice (GArray *spans,
                       double  v0,
                       double  v1,
                       GArray *out)
{
  double v = 0;

  for (guint i = 0; i < spans->len && v < v1; i++)
    {
      const JmExportSpan *s = &g_array_index (spans, JmExportSpan, i);
      double a = MAX (v0, v), b = MIN (v1, v + s->len);

      if (b > a)
        jm_export_spans_append (out, s->src + (a - v), b - a);
      v += s->len;
    }
}

/* Where a map coordinate lands in the output; FALSE if it is not part of it. */
gboolean
jm_export_spans_map (GArray *spans,
                     double  src,
                     double *out)
{
  double v = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const JmExportSpan *s = &g_array_index (spans, JmExportSpan, i);

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

void
jm_export_job_clear (JmExportJob *job)
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

gboolean
jm_export_job_init (JmExportJob           *job,
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

  job->head_x = g_array_new (FALSE, FALSE, sizeof (JmExportSpan));
  job->head_y = g_array_new (FALSE, FALSE, sizeof (JmExportSpan));
  job->body_x = g_array_new (FALSE, FALSE, sizeof (JmExportSpan));
  job->body_y = g_array_new (FALSE, FALSE, sizeof (JmExportSpan));
  job->all_x = g_array_new (FALSE, FALSE, sizeof (JmExportSpan));
  job->all_y = g_array_new (FALSE, FALSE, sizeof (JmExportSpan));

  jm_export_spans_append (job->head_x, 0, MIN (lhw, gw));
  jm_export_spans_append (job->head_y, 0, MIN (hh, gh));

  switch (options->area)
    {
    case JM_EXPORT_AREA_GRID:
      {
        const JmRect *g = &options->grid;
        double x0 = CLAMP (lhw + g->x * sw, lhw, gw);
        double x1 = CLAMP (lhw + (g->x + g->width) * sw, lhw, gw);
        double y0 = lane_units_to_y (job->layout, g->y);
        double y1 = lane_units_to_y (job->layout, g->y + g->height);

        jm_export_spans_append (job->body_x, x0, x1 - x0);
        jm_export_spans_append (job->body_y, y0, y1 - y0);
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
          jm_export_spans_append (job->body_x, r.x, r.width);
        }
      if (job->body_x->len == 0)
        {
          g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_EMPTY,
                       _("No stage to export: select one or more stages first"));
          jm_export_job_clear (job);
          return FALSE;
        }
      jm_export_spans_append (job->body_y, hh, gh - hh);
      break;

    case JM_EXPORT_AREA_ALL:
    default:
      jm_export_spans_append (job->body_x, lhw, gw - lhw);
      jm_export_spans_append (job->body_y, hh, gh - hh);
      break;
    }

  jm_export_spans_slice (job->head_x, 0, G_MAXDOUBLE, job->all_x);
  jm_export_spans_slice (job->body_x, 0, G_MAXDOUBLE, job->all_x);
  jm_export_spans_slice (job->head_y, 0, G_MAXDOUBLE, job->all_y);
  jm_export_spans_slice (job->body_y, 0, G_MAXDOUBLE, job->all_y);
  return TRUE;
}

void
jm_export_job_get_size (JmExportJob *job,
                        double      *width,
                        double      *height)
{
  *width = jm_export_spans_total (job->all_x);
  *height = jm_export_spans_total (job->all_y);
}

/* Draws the part of the output grid (columns xs, rows ys) that lies in out (output units:
 * document units laid end to end) onto cr, whose user space is output units. Each block of
 * the grid is one renderer call, clipped to its block unless the caller's surface already
 * ends where the output does (clip FALSE with a single block). */
void
jm_export_job_draw (JmExportJob  *job,
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
      const JmExportSpan *sx = &g_array_index (xs, JmExportSpan, i);
      double x0 = MAX (ox, out->x), x1 = MIN (ox + sx->len, out->x + out->width);
      double oy = 0;

      if (x1 > x0)
        for (guint j = 0; j < ys->len; j++)
          {
            const JmExportSpan *sy = &g_array_index (ys, JmExportSpan, j);
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
                    double hh = g_array_index (ys, JmExportSpan, 0).len;

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
jm_export_file_finish (GAsyncResult *result,
                       GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, jm_export_file_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
