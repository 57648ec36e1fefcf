/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-render-connectors.c: arrows between cards and their labels. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jm-renderer-private.h"

/* Splits a cubic Bézier at t: left and right halves (either may alias nothing in p). */
static void
bezier_split (const JmPoint p[4],
              double        t,
              JmPoint       left[4],
              JmPoint       right[4])
{
  JmPoint a = { p[0].x + (p[1].x - p[0].x) * t, p[0].y + (p[1].y - p[0].y) * t };
  JmPoint b = { p[1].x + (p[2].x - p[1].x) * t, p[1].y + (p[2].y - p[1].y) * t };
  JmPoint c = { p[2].x + (p[3].x - p[2].x) * t, p[2].y + (p[3].y - p[2].y) * t };
  JmPoint d = { a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t };
  JmPoint e = { b.x + (c.x - b.x) * t, b.y + (c.y - b.y) * t };
  JmPoint m = { d.x + (e.x - d.x) * t, d.y + (e.y - d.y) * t };
  JmPoint l[4] = { p[0], a, d, m };
  JmPoint r[4] = { m, e, c, p[3] };

  if (left != NULL)
    memcpy (left, l, sizeof l);
  if (right != NULL)
    memcpy (right, r, sizeof r);
}

/* Adds a Bézier to the path — only the parts near the view when it is much larger than the
 * view (a long arrow seen up close): cairo would otherwise dash and tessellate all of it.
 * Returns the dash offset at the first visible part. */
static double
bezier_path_in_view (JmRenderCtx  *ctx,
                     const JmPoint p[4],
                     double        margin)
{
  const JmRect *v = &ctx->opts->view;
  JmRect near = { v->x - margin, v->y - margin, v->width + 2 * margin, v->height + 2 * margin };
  double x0 = MIN (MIN (p[0].x, p[1].x), MIN (p[2].x, p[3].x));
  double x1 = MAX (MAX (p[0].x, p[1].x), MAX (p[2].x, p[3].x));
  double y0 = MIN (MIN (p[0].y, p[1].y), MIN (p[2].y, p[3].y));
  double y1 = MAX (MAX (p[0].y, p[1].y), MAX (p[2].y, p[3].y));
  const guint n = 64;
  double length = 0, first = -1;
  gboolean open = FALSE;

  if (x1 - x0 <= 2 * v->width && y1 - y0 <= 2 * v->height)
    {
      cairo_move_to (ctx->cr, p[0].x, p[0].y);
      cairo_curve_to (ctx->cr, p[1].x, p[1].y, p[2].x, p[2].y, p[3].x, p[3].y);
      return 0;
    }

  for (guint i = 0; i < n; i++)
    {
      double t0 = (double) i / n, t1 = (double) (i + 1) / n;
      JmPoint left[4], piece[4];
      JmRect box;

      bezier_split (p, t1, left, NULL);
      bezier_split (left, t0 / t1, NULL, piece);
      box.x = MIN (MIN (piece[0].x, piece[1].x), MIN (piece[2].x, piece[3].x));
      box.y = MIN (MIN (piece[0].y, piece[1].y), MIN (piece[2].y, piece[3].y));
      box.width = MAX (MAX (piece[0].x, piece[1].x), MAX (piece[2].x, piece[3].x)) - box.x + 0.01;
      box.height = MAX (MAX (piece[0].y, piece[1].y), MAX (piece[2].y, piece[3].y)) - box.y + 0.01;

      if (jm_rect_intersects (&box, &near))
        {
          if (!open)
            cairo_move_to (ctx->cr, piece[0].x, piece[0].y);
          if (first < 0)
            first = length;
          cairo_curve_to (ctx->cr, piece[1].x, piece[1].y, piece[2].x, piece[2].y,
                          piece[3].x, piece[3].y);
          open = TRUE;
        }
      else
        open = FALSE;

      length += hypot (piece[3].x - piece[0].x, piece[3].y - piece[0].y);
    }

  return MAX (first, 0);
}

static void
arrow_head (cairo_t       *cr,
            const JmPoint *from,
            const JmPoint *tip,
            double         size)
{
  double dx = tip->x - from->x, dy = tip->y - from->y;
  double len = sqrt (dx * dx + dy * dy);
  double ux, uy;

  if (len < 0.001)
    return;
  ux = dx / len;
  uy = dy / len;

  cairo_move_to (cr, tip->x, tip->y);
  cairo_line_to (cr, tip->x - ux * size - uy * size * 0.55, tip->y - uy * size + ux * size * 0.55);
  cairo_line_to (cr, tip->x - ux * size * 0.7, tip->y - uy * size * 0.7);
  cairo_line_to (cr, tip->x - ux * size + uy * size * 0.55, tip->y - uy * size - ux * size * 0.55);
  cairo_close_path (cr);
  cairo_fill (cr);
}

void
jm_render_draw_connector (JmRenderCtx       *ctx,
                          const JmConnector *c,
                          gboolean           preview)
{
  cairo_t *cr = ctx->cr;
  const JmPalette *p = ctx->palette;
  gboolean step_back = c->kind == JM_CONNECTION_KIND_STEP_BACK;
  gboolean selected = !preview && jm_render_is_selected (ctx, c->id);
  gboolean hovered = !preview && jm_render_is_hovered (ctx, c->id);
  const JmColor *color = preview || selected ? &p->accent
                         : step_back ? &p->step_back
                         : &p->connector;
  double alpha = 1;
  double width = ctx->contrast ? 3 : 2;
  double size = 9 + width;
  const JmPoint *from = &c->c2;
  JmPoint tip = c->p3;
  JmPoint end;
  double dx, dy, len;

  if (!preview && ctx->opts->role_lens != NULL && ctx->opts->role_lens[0] != '\0')
    {
      JmElement *a = jm_document_lookup (ctx->document, c->from_id);
      JmElement *b = jm_document_lookup (ctx->document, c->to_id);

      if (a != NULL && b != NULL && JM_IS_CARD (a) && JM_IS_CARD (b) &&
          jm_render_card_alpha (ctx, JM_CARD (a)) < 1 &&
          jm_render_card_alpha (ctx, JM_CARD (b)) < 1)
        alpha = 0.22;
    }

  if (selected || hovered)
    width += 1;

  if (from->x == tip.x && from->y == tip.y)
    from = &c->p0;

  /* Stop the line under the arrow head. */
  dx = tip.x - from->x;
  dy = tip.y - from->y;
  len = sqrt (dx * dx + dy * dy);
  end = tip;
  if (len > 0.001)
    {
      end.x -= dx / len * size * 0.7;
      end.y -= dy / len * size * 0.7;
    }

  jm_render_set_color (cr, color, alpha);
  cairo_set_line_width (cr, width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  {
    JmPoint curve[4] = { c->p0, c->c1, c->c2, end };
    double offset = bezier_path_in_view (ctx, curve, width + 2);

    if (step_back || preview)
      {
        double dash[] = { 7, 5 };

        cairo_set_dash (cr, dash, 2, offset);
      }
  }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  /* Start dot and head. */
  cairo_arc (cr, c->p0.x, c->p0.y, width * 1.2, 0, 2 * G_PI);
  cairo_fill (cr);
  arrow_head (cr, from, &tip, size);

  if (!preview && c->id != NULL && !ctx->greek)
    {
      JmElement *connection = jm_document_lookup (ctx->document, c->id);
      const char *label = connection != NULL && JM_IS_CONNECTION (connection)
                          ? jm_connection_get_label (JM_CONNECTION (connection)) : "";

      if (label[0] != '\0')
        {
          JmPoint mid = jm_bezier_point (&c->p0, &c->c1, &c->c2, &c->p3, 0.5);
          PangoLayout *layout = jm_render_get_text (ctx->self, FONT_SMALL, 160, 1, ALIGN_START,
                                                    label);
          double lw = jm_render_text_width (layout);
          double lh = ctx->self->line_height[FONT_SMALL];
          JmRect pill = { mid.x - lw / 2 - 7, mid.y - lh / 2 - 3, lw + 14, lh + 6 };

          /* An arc's top runs just under the stage headers: keep its label below them. */
          pill.y = MAX (pill.y, jm_layout_get_stage_header_height (ctx->layout) + 2);
          mid.y = pill.y + lh / 2 + 3;

          jm_render_set_color (cr, &p->bubble_bg, alpha);
          jm_render_rounded_rect (cr, &pill, pill.height / 2);
          cairo_fill_preserve (cr);
          jm_render_set_color (cr, color, alpha);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          jm_render_show_text (ctx, layout, mid.x - lw / 2, mid.y - lh / 2, &p->card_fg, alpha);
        }
    }
}

void
jm_render_draw_connectors (JmRenderCtx *ctx)
{
  guint n = jm_layout_get_n_connectors (ctx->layout);

  for (guint i = 0; i < n; i++)
    {
      const JmConnector *c = jm_layout_get_connector (ctx->layout, i);

      if (jm_rect_intersects (&c->bounds, &ctx->opts->view))
        jm_render_draw_connector (ctx, c, FALSE);
    }
}
