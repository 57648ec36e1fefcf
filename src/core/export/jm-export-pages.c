/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-export-pages.c: the map cut into pages (paginated PDF and printing). */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include <pango/pangocairo.h>

#include "jm-export-private.h"

/* Pages */


struct _JmExportPages
{
  GObject  parent_instance;

  JmExportJob      job;
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
    jm_export_job_clear (&self->job);
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
add_cut (GArray  *cuts,
         GArray  *spans,
         double   src,
         gboolean strong)
{
  double v = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const JmExportSpan *s = &g_array_index (spans, JmExportSpan, i);

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

      v += g_array_index (spans, JmExportSpan, i).len;
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
  if (!jm_export_job_init (&self->job, document, options, error))
    return NULL;
  self->has_job = TRUE;
  self->title = jm_render_printable_text (jm_document_get_title (document), TRUE);
  self->width = width;
  self->height = height;

  layout = self->job.layout;
  s = jm_theme_get_sizes (self->job.theme);
  lhw = jm_export_spans_total (self->job.head_x);
  hh = jm_export_spans_total (self->job.head_y);
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

  cut_pages (self->cols, xcuts, jm_export_spans_total (self->job.body_x),
             width / self->scale - lhw);
  cut_pages (self->rows, ycuts, jm_export_spans_total (self->job.body_y),
             content_h / self->scale - hh);

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

  g_autoptr(GArray) body_x = g_array_new (FALSE, FALSE, sizeof (JmExportSpan));
  g_autoptr(GArray) body_y = g_array_new (FALSE, FALSE, sizeof (JmExportSpan));

  /* The headers stay blocks of their own (not merged with the part of the map beside them),
   * for the sticky lane titles of jm_export_job_draw (). */
  jm_export_spans_slice (self->job.body_x, g_array_index (self->cols, double, col),
                         g_array_index (self->cols, double, col + 1), body_x);
  jm_export_spans_slice (self->job.body_y, g_array_index (self->rows, double, row),
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
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (JmExportSpan));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (JmExportSpan));

  g_return_if_fail (JM_IS_EXPORT_PAGES (self));
  g_return_if_fail (page < jm_export_pages_get_n_pages (self));

  page_spans (self, page, xs, ys);
  if (width != NULL)
    *width = jm_export_spans_total (xs);
  if (height != NULL)
    *height = jm_export_spans_total (ys);
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
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (JmExportSpan));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (JmExportSpan));
  JmRect out = { 0, 0, 0, 0 };

  g_return_if_fail (JM_IS_EXPORT_PAGES (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < jm_export_pages_get_n_pages (self));

  page_spans (self, page, xs, ys);
  out.width = jm_export_spans_total (xs);
  out.height = jm_export_spans_total (ys);

  cairo_save (cr);
  cairo_scale (cr, self->scale, self->scale);
  self->job.opts.zoom = 1;
  jm_export_job_draw (&self->job, cr, xs, ys, &out, TRUE, TRUE);
  cairo_restore (cr);

  draw_footer (self, cr, page);
}
