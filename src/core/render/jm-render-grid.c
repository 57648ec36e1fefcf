/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-render-grid.c: lane bands, cell separators and the emotion curve. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jm-renderer-private.h"

/* Grid: lane bands, cell separators, emotion lane backgrounds. */
void
jm_render_draw_grid (JmRenderCtx *ctx,
                     guint        s0,
                     guint        s1,
                     guint        l0,
                     guint        l1,
                     gboolean     has_stages,
                     gboolean     has_lanes)
{
  cairo_t *cr = ctx->cr;
  const JmPalette *p = ctx->palette;
  double grid_w, grid_h;
  double lhw = jm_layout_get_lane_header_width (ctx->layout);
  double hh = jm_layout_get_stage_header_height (ctx->layout);
  const JmRect *v = &ctx->opts->view;
  double x0 = MAX (v->x, lhw);
  double x1;

  jm_layout_get_grid_size (ctx->layout, &grid_w, &grid_h);
  x1 = MIN (v->x + v->width, grid_w);

  if (!has_lanes || x1 <= x0)
    return;

  for (guint l = l0; l <= l1; l++)
    {
      JmRect row;

      jm_layout_get_lane_rect (ctx->layout, l, &row);
      if (row.height <= 0)
        continue;

      if (l % 2 == 1)
        {
          if (ctx->opts->transparent)
            jm_render_set_color (cr, &p->lane_band, 1);
          else
            {
              /* The band over the background, as one opaque colour: cheaper to fill. */
              JmColor banded;

              jm_color_mix (&p->background, &p->lane_band, p->lane_band.alpha, &banded);
              banded.alpha = 1;
              jm_render_set_color (cr, &banded, 1);
            }
          cairo_rectangle (cr, x0, row.y, x1 - x0, row.height);
          cairo_fill (cr);
        }
    }

  /* Separators: one device pixel wide. */
  jm_render_set_color (cr, &p->grid_line, 1);
  cairo_set_line_width (cr, ctx->px);
  for (guint l = l0; l <= l1; l++)
    {
      JmRect row;

      jm_layout_get_lane_rect (ctx->layout, l, &row);
      if (row.height <= 0)
        continue;
      cairo_move_to (cr, x0, row.y + row.height - ctx->px / 2);
      cairo_line_to (cr, x1, row.y + row.height - ctx->px / 2);
    }
  if (has_stages)
    for (guint s = s0; s <= s1; s++)
      {
        JmRect col;
        double y0 = MAX (v->y, hh), y1 = MIN (v->y + v->height, grid_h);

        jm_layout_get_stage_rect (ctx->layout, s, &col);
        if (y1 > y0)
          {
            cairo_move_to (cr, col.x + col.width - ctx->px / 2, y0);
            cairo_line_to (cr, col.x + col.width - ctx->px / 2, y1);
          }
      }
  cairo_stroke (cr);
}

static void
curve_path (cairo_t       *cr,
            const JmCurve *curve)
{
  cairo_move_to (cr, curve->points[0].x, curve->points[0].y);
  for (guint i = 0; i + 1 < curve->n_points; i++)
    cairo_curve_to (cr,
                    curve->controls[2 * i].x, curve->controls[2 * i].y,
                    curve->controls[2 * i + 1].x, curve->controls[2 * i + 1].y,
                    curve->points[i + 1].x, curve->points[i + 1].y);
}

/* The curve in color, clipped to a rectangle: filled down to the zero line (fill) or
 * stroked. */
static void
paint_curve_in (cairo_t       *cr,
                const JmCurve *curve,
                gboolean       fill,
                double         x,
                double         y,
                double         width,
                double         height,
                const JmColor *color,
                double         alpha)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  curve_path (cr, curve);
  jm_render_set_color (cr, color, alpha);
  if (fill)
    {
      cairo_line_to (cr, curve->points[curve->n_points - 1].x, curve->zero_y);
      cairo_line_to (cr, curve->points[0].x, curve->zero_y);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  else
    cairo_stroke (cr);
  cairo_restore (cr);
}

void
jm_render_draw_emotion_lane (JmRenderCtx *ctx,
                             guint        lane)
{
  cairo_t *cr = ctx->cr;
  const JmPalette *p = ctx->palette;
  const JmCurve *curve = jm_layout_get_curve (ctx->layout, lane);
  const JmRect *v = &ctx->opts->view;
  double grid_w, grid_h;
  double lhw = jm_layout_get_lane_header_width (ctx->layout);
  double dash[] = { 4, 4 };
  JmRect row;
  double x0, x1;

  if (curve == NULL || !jm_layout_get_lane_rect (ctx->layout, lane, &row))
    return;

  jm_layout_get_grid_size (ctx->layout, &grid_w, &grid_h);
  x0 = MAX (v->x, lhw);
  x1 = MIN (v->x + v->width, grid_w);
  if (x1 <= x0)
    return;

  /* Below zero is the danger zone: a faint red wash. */
  jm_render_set_color (cr, &p->negative, 0.045);
  cairo_rectangle (cr, x0, curve->zero_y, x1 - x0, row.y + row.height - curve->zero_y);
  cairo_fill (cr);

  jm_render_set_color (cr, &p->zero_line, 1);
  cairo_set_line_width (cr, MAX (1, ctx->px));
  cairo_set_dash (cr, dash, 2, 0);
  cairo_move_to (cr, x0, curve->zero_y);
  cairo_line_to (cr, x1, curve->zero_y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (curve->n_points >= 2)
    {
      double cx0 = curve->points[0].x;
      double cx1 = curve->points[curve->n_points - 1].x;

      /* Area between the curve and zero: blue above, red below. */
      paint_curve_in (cr, curve, TRUE, cx0 - 1, row.y, cx1 - cx0 + 2, curve->zero_y - row.y,
                      &p->curve, 0.12);
      paint_curve_in (cr, curve, TRUE, cx0 - 1, curve->zero_y, cx1 - cx0 + 2,
                      row.y + row.height - curve->zero_y, &p->negative, 0.22);

      /* The curve itself: its dips in red. */
      cairo_set_line_width (cr, ctx->contrast ? 4 : 3);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      paint_curve_in (cr, curve, FALSE, x0, row.y, x1 - x0, curve->zero_y - row.y, &p->curve, 1);
      paint_curve_in (cr, curve, FALSE, x0, curve->zero_y, x1 - x0,
                      row.y + row.height - curve->zero_y, &p->negative, 1);
    }

  /* Points: a face each. */
  for (guint i = 0; i < curve->n_points; i++)
    {
      const JmCurvePoint *pt = &curve->points[i];
      double r = ctx->sizes->emotion_radius;
      JmElement *card;
      double alpha = 1;

      if (pt->x + r < v->x || pt->x - r > v->x + v->width ||
          pt->y + r < v->y || pt->y - r > v->y + v->height)
        continue;

      card = jm_document_lookup (ctx->document, pt->card_id);
      if (card != NULL && JM_IS_CARD (card))
        alpha = jm_render_card_alpha (ctx, JM_CARD (card));

      jm_render_draw_face (ctx, pt->x, pt->y, r, pt->score, alpha, TRUE);
      if (jm_render_is_selected (ctx, pt->card_id) || jm_render_is_hovered (ctx, pt->card_id))
        {
          jm_render_set_color (cr, &p->accent, 1);
          cairo_set_line_width (cr, 2);
          cairo_arc (cr, pt->x, pt->y, r + 4, 0, 2 * G_PI);
          cairo_stroke (cr);
        }
    }
}
