/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-render-headers.c: the stage header row, the lane header column and the corner. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jm-renderer-private.h"

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (fabs (value - round (value)) < 1e-9 && fabs (value) < 1e12)
    return g_strdup_printf ("%.0f", value);

  g_ascii_formatd (buf, sizeof buf, "%.2f", value);
  /* Trim trailing zeros: 3.50 → 3.5 */
  for (char *end = buf + strlen (buf) - 1; end > buf && *end == '0'; end--)
    *end = '\0';
  return g_strdup (buf);
}

static char *
format_metrics (const JmMetrics *metrics)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < jm_metrics_get_n (metrics); i++)
    {
      const JmMetric *m = jm_metrics_get (metrics, i);
      g_autofree char *value = format_number (m->value);

      if (i > 0)
        g_string_append (out, "  ·  ");
      g_string_append_printf (out, "%s %s%s%s", m->name, value,
                              m->unit[0] != '\0' && m->unit[0] != '%' ? " " : "", m->unit);
      if (m->has_target)
        {
          g_autofree char *target = format_number (m->target);

          /* TRANSLATORS: a metric's target value, e.g. "Conversion 12% (→ 15)" */
          g_string_append_printf (out, _(" (→ %s)"), target);
        }
    }

  return g_string_free (out, FALSE);
}

void
jm_render_draw_stage_headers (JmRenderCtx *ctx,
                              guint        s0,
                              guint        s1)
{
  cairo_t *cr = ctx->cr;
  const JmPalette *p = ctx->palette;
  const JmThemeSizes *s = ctx->sizes;
  JmTheme *theme = jm_renderer_get_theme (ctx->self);
  double hh = jm_layout_get_stage_header_height (ctx->layout);
  double y0 = ctx->header_y;
  gboolean goals = jm_layout_stage_has_goals (ctx->layout);
  gboolean metrics = jm_layout_stage_has_metrics (ctx->layout);

  for (guint i = s0; i <= s1; i++)
    {
      JmStage *stage = jm_layout_get_stage (ctx->layout, i);
      const char *cg = jm_stage_get_customer_goal (stage);
      const char *bg = jm_stage_get_business_goal (stage);
      JmColor band;
      JmRect r;
      double x, y, w;
      PangoLayout *layout;

      jm_layout_get_stage_header_rect (ctx->layout, i, &r);
      r.y = y0;

      jm_render_set_color (cr, &p->header_bg, 1);
      cairo_rectangle (cr, r.x, r.y, r.width, r.height);
      cairo_fill (cr);

      jm_theme_get_stage_color (theme, jm_stage_get_color (stage), i, &band);
      jm_render_set_color (cr, &band, 1);
      cairo_rectangle (cr, r.x, r.y, r.width, s->stage_band);
      cairo_fill (cr);

      x = r.x + 16;
      w = r.width - 32;
      y = r.y + s->stage_band + 12;

      /* Step number in the stage colour, then the title. */
      {
        g_autofree char *number = g_strdup_printf ("%u", i + 1);
        PangoLayout *num = jm_render_get_text (ctx->self, FONT_SMALL_BOLD, -1, 1, ALIGN_START,
                                               number);
        double nw = MAX (jm_render_text_width (num) + 10, ctx->self->line_height[FONT_SMALL] + 2);
        double nh = ctx->self->line_height[FONT_SMALL] + 2;
        double ty = y + (ctx->self->line_height[FONT_STAGE_TITLE] - nh) / 2;
        JmRect pill = { x, ty, nw, nh };

        jm_render_set_color (cr, &band, 1);
        jm_render_rounded_rect (cr, &pill, nh / 2);
        cairo_fill (cr);
        jm_render_show_text (ctx, num, x + (nw - jm_render_text_width (num)) / 2, ty + 1,
                             ctx->contrast || jm_theme_get_kind (theme) == JM_THEME_DARK
                             ? &p->accent_fg : &(JmColor) { 1, 1, 1, 1 }, 1);

        layout = jm_render_get_text (ctx->self, FONT_STAGE_TITLE, w - nw - 8, 1, ALIGN_START,
                                     jm_stage_get_title (stage));
        jm_render_show_text (ctx, layout, x + nw + 8, y, &p->header_fg, 1);
      }
      y += ctx->self->line_height[FONT_STAGE_TITLE] + 8;

      if (goals)
        {
          if (cg[0] != '\0')
            {
              g_autofree char *text = g_strdup_printf (_("Customer: %s"), cg);

              layout = jm_render_get_text (ctx->self, FONT_SMALL, w, 1, ALIGN_START, text);
              jm_render_show_text (ctx, layout, x, y, &p->header_dim_fg, 1);
            }
          if (bg[0] != '\0')
            {
              g_autofree char *text = g_strdup_printf (_("Business: %s"), bg);

              layout = jm_render_get_text (ctx->self, FONT_SMALL, w, 1, ALIGN_START, text);
              jm_render_show_text (ctx, layout, x, y + ctx->self->line_height[FONT_SMALL] + 2,
                                   &p->header_dim_fg, 1);
            }
          y += s->stage_goals_height;
        }

      if (metrics && jm_metrics_get_n (jm_stage_get_metrics (stage)) > 0)
        {
          g_autofree char *text = format_metrics (jm_stage_get_metrics (stage));
          JmRect chip;

          layout = jm_render_get_text (ctx->self, FONT_SMALL_BOLD, w - 12, 1, ALIGN_START, text);
          chip.x = x - 6;
          chip.y = y - 3;
          chip.width = MIN (jm_render_text_width (layout), w - 12) + 12;
          chip.height = ctx->self->line_height[FONT_SMALL] + 6;
          jm_render_set_color (cr, &band, 0.14);
          jm_render_rounded_rect (cr, &chip, 6);
          cairo_fill (cr);
          jm_render_show_text (ctx, layout, x, y, &p->header_fg, 0.9);
        }

      /* Separator and bottom edge. */
      jm_render_set_color (cr, &p->grid_line, 1);
      cairo_set_line_width (cr, ctx->px);
      cairo_move_to (cr, r.x + r.width - ctx->px / 2, r.y + s->stage_band);
      cairo_line_to (cr, r.x + r.width - ctx->px / 2, r.y + hh);
      cairo_move_to (cr, r.x, r.y + hh - ctx->px / 2);
      cairo_line_to (cr, r.x + r.width, r.y + hh - ctx->px / 2);
      cairo_stroke (cr);

      if (jm_render_is_selected (ctx, jm_element_get_id (JM_ELEMENT (stage))))
        {
          jm_render_set_color (cr, &p->accent, 1);
          cairo_set_line_width (cr, 2);
          cairo_rectangle (cr, r.x + 1, r.y + 1, r.width - 2, hh - 2);
          cairo_stroke (cr);
        }
    }
}

void
jm_render_draw_lane_headers (JmRenderCtx *ctx,
                             guint        l0,
                             guint        l1)
{
  cairo_t *cr = ctx->cr;
  const JmPalette *p = ctx->palette;
  JmTheme *theme = jm_renderer_get_theme (ctx->self);
  double x0 = ctx->header_x;

  for (guint i = l0; i <= l1; i++)
    {
      JmLane *lane = jm_layout_get_lane (ctx->layout, i);
      JmLaneKind kind = jm_lane_get_kind (lane);
      const JmColor *color = jm_theme_get_lane_color (theme, kind);
      PangoLayout *layout;
      JmRect r;
      double w, y;
      int tw, th;

      jm_layout_get_lane_header_rect (ctx->layout, i, &r);
      if (r.height <= 0)
        continue;
      r.x = x0;

      jm_render_set_color (cr, &p->header_bg, 1);
      cairo_rectangle (cr, r.x, r.y, r.width, r.height);
      cairo_fill (cr);

      /* Kind colour as a rounded bar on the left. */
      {
        JmRect bar = { r.x + 8, r.y + 10, 4, r.height - 20 };

        jm_render_set_color (cr, color, 1);
        jm_render_rounded_rect (cr, &bar, 2);
        cairo_fill (cr);
      }

      w = r.width - 40;
      y = r.y + 14;
      layout = jm_render_get_text (ctx->self, FONT_LANE_TITLE, w, 2, ALIGN_START,
                                   jm_lane_get_title (lane));
      pango_layout_get_pixel_size (layout, &tw, &th);
      if (ctx->opts->pinned_headers)
        {
          /* Sticky: a tall lane keeps its title in view while it scrolls by. */
          double block = MIN (th, 2 * ctx->self->line_height[FONT_LANE_TITLE]) +
                         ctx->self->line_height[FONT_SMALL] + 2;
          double top = ctx->header_y + jm_layout_get_stage_header_height (ctx->layout) + 14;

          y = MAX (y, top);
          y = MIN (y, r.y + r.height - block - 12);
          y = MAX (y, r.y + 14);
        }
      jm_render_show_text (ctx, layout, r.x + 22, y, &p->header_fg, 1);
      y += MIN (th, 2 * ctx->self->line_height[FONT_LANE_TITLE]) + 2;
      if (g_strcmp0 (jm_lane_get_title (lane), jm_lane_kind_get_label (kind)) != 0)
        {
          layout = jm_render_get_text (ctx->self, FONT_SMALL, w, 1, ALIGN_START,
                                       jm_lane_kind_get_label (kind));
          jm_render_show_text (ctx, layout, r.x + 22, y, &p->header_dim_fg, 1);
        }

      if (kind == JM_LANE_KIND_EMOTIONS)
        {
          /* A score scale at the right edge, level with the curve. */
          static const int ticks[] = { JM_SCORE_MAX, 0, JM_SCORE_MIN };

          for (guint t = 0; t < G_N_ELEMENTS (ticks); t++)
            {
              const char *label = ticks[t] > 0 ? "+3" : ticks[t] < 0 ? "−3" : "0";
              double ty = jm_layout_score_to_y (ctx->layout, i, ticks[t]);

              layout = jm_render_get_text (ctx->self, FONT_SMALL, 30, 1, ALIGN_END, label);
              jm_render_show_text (ctx, layout, r.x + r.width - 40,
                                   ty - ctx->self->line_height[FONT_SMALL] / 2,
                                   &p->header_dim_fg, 1);
            }
        }

      jm_render_set_color (cr, &p->grid_line, 1);
      cairo_set_line_width (cr, ctx->px);
      cairo_move_to (cr, r.x, r.y + r.height - ctx->px / 2);
      cairo_line_to (cr, r.x + r.width, r.y + r.height - ctx->px / 2);
      cairo_move_to (cr, r.x + r.width - ctx->px / 2, r.y);
      cairo_line_to (cr, r.x + r.width - ctx->px / 2, r.y + r.height);
      cairo_stroke (cr);

      if (jm_render_is_selected (ctx, jm_element_get_id (JM_ELEMENT (lane))))
        {
          jm_render_set_color (cr, &p->accent, 1);
          cairo_set_line_width (cr, 2);
          cairo_rectangle (cr, r.x + 1, r.y + 1, r.width - 2, r.height - 2);
          cairo_stroke (cr);
        }
    }
}

void
jm_render_draw_corner (JmRenderCtx *ctx)
{
  cairo_t *cr = ctx->cr;
  const JmPalette *p = ctx->palette;
  const char *title = jm_document_get_title (ctx->document);
  const char *author = jm_document_get_author (ctx->document);
  PangoLayout *layout;
  JmRect r;
  double y;
  int tw, th;

  jm_layout_get_corner_rect (ctx->layout, &r);
  r.x = ctx->header_x;
  r.y = ctx->header_y;

  jm_render_set_color (cr, &p->header_bg, 1);
  cairo_rectangle (cr, r.x, r.y, r.width, r.height);
  cairo_fill (cr);

  y = r.y + ctx->sizes->stage_band + 12;
  if (title[0] != '\0')
    {
      int lines = MAX (1, (int) ((r.height - 40) / ctx->self->line_height[FONT_MAP_TITLE]));

      layout = jm_render_get_text (ctx->self, FONT_MAP_TITLE, r.width - 32, MIN (lines, 4),
                                   ALIGN_START, title);
      jm_render_show_text (ctx, layout, r.x + 16, y, &p->header_fg, 1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      y += th + 4;
    }
  if (author[0] != '\0' && y + ctx->self->line_height[FONT_SMALL] < r.y + r.height - 6)
    {
      layout = jm_render_get_text (ctx->self, FONT_SMALL, r.width - 32, 1, ALIGN_START, author);
      jm_render_show_text (ctx, layout, r.x + 16, y, &p->header_dim_fg, 1);
    }

  jm_render_set_color (cr, &p->grid_line, 1);
  cairo_set_line_width (cr, ctx->px);
  cairo_move_to (cr, r.x + r.width - ctx->px / 2, r.y);
  cairo_line_to (cr, r.x + r.width - ctx->px / 2, r.y + r.height);
  cairo_move_to (cr, r.x, r.y + r.height - ctx->px / 2);
  cairo_line_to (cr, r.x + r.width, r.y + r.height - ctx->px / 2);
  cairo_stroke (cr);
}
