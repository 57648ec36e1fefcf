/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-render-cards.c: cards, their footers and chips, emotion bubbles, batched far-out cards. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jm-renderer-private.h"

/* A chip: small rounded label with an optional coloured dot. Returns its width. */
static double
draw_chip (JmRenderCtx   *ctx,
           double         x,
           double         y,
           double         max_width,
           const char    *text,
           const JmColor *dot,
           const JmColor *bg,
           double         alpha)
{
  const JmThemeSizes *s = ctx->sizes;
  double h = s->card_footer;
  double pad = h * 0.35;
  double dot_w = dot != NULL ? h * 0.5 : 0;
  double avail = max_width - 2 * pad - dot_w;
  PangoLayout *layout;
  double tw;
  JmRect r;

  if (avail < h)
    return 0;

  layout = jm_render_get_text (ctx->self, FONT_SMALL, avail, 1, ALIGN_START, text);
  tw = MIN (jm_render_text_width (layout), avail);
  r.x = x;
  r.y = y;
  r.width = tw + 2 * pad + dot_w;
  r.height = h;

  jm_render_set_color (ctx->cr, bg, alpha);
  jm_render_rounded_rect (ctx->cr, &r, h / 2);
  cairo_fill (ctx->cr);

  if (dot != NULL)
    {
      jm_render_set_color (ctx->cr, dot, alpha);
      cairo_arc (ctx->cr, x + pad + h * 0.16, y + h / 2, h * 0.2, 0, 2 * G_PI);
      cairo_fill (ctx->cr);
    }

  jm_render_show_text (ctx, layout, x + pad + dot_w,
                       y + (h - ctx->self->line_height[FONT_SMALL]) / 2,
                       &ctx->palette->card_dim_fg, alpha);
  return r.width;
}

static void
face_color (JmRenderCtx *ctx,
            double       score,
            JmColor     *out)
{
  if (score > 0.25)
    *out = ctx->palette->positive;
  else if (score < -0.25)
    *out = ctx->palette->negative;
  else
    *out = ctx->palette->neutral;
}

/* A round face whose mouth follows the score. */
void
jm_render_draw_face (JmRenderCtx *ctx,
                     double       x,
                     double       y,
                     double       r,
                     double       score,
                     double       alpha,
                     gboolean     ring)
{
  cairo_t *cr = ctx->cr;
  JmColor color;
  JmColor white = { 1, 1, 1, 1 };
  double bend = CLAMP (score, JM_SCORE_MIN, JM_SCORE_MAX) / JM_SCORE_MAX;

  face_color (ctx, score, &color);

  if (ring)
    {
      jm_render_set_color (cr, &ctx->palette->background, alpha);
      cairo_arc (cr, x, y, r + 2.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  jm_render_set_color (cr, &color, alpha);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_fill (cr);

  if (!ctx->details || r * ctx->opts->zoom < 4)
    return;

  jm_render_set_color (cr, &white, alpha);
  cairo_arc (cr, x - r * 0.36, y - r * 0.22, r * 0.13, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_arc (cr, x + r * 0.36, y - r * 0.22, r * 0.13, 0, 2 * G_PI);
  cairo_fill (cr);

  cairo_set_line_width (cr, r * 0.14);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x - r * 0.42, y + r * 0.32 - bend * r * 0.12);
  cairo_curve_to (cr,
                  x - r * 0.2, y + r * 0.32 + bend * r * 0.32,
                  x + r * 0.2, y + r * 0.32 + bend * r * 0.32,
                  x + r * 0.42, y + r * 0.32 - bend * r * 0.12);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

static void
role_color (JmRenderCtx *ctx,
            const char  *role_id,
            JmColor     *out)
{
  JmElement *role = jm_document_lookup (ctx->document, role_id);

  if (role != NULL && JM_IS_ROLE (role) && jm_color_parse (jm_role_get_color (JM_ROLE (role)), out))
    return;

  /* No colour of its own: a stable one from the theme by position. */
  {
    int index = role != NULL ? jm_document_index_of (ctx->document, role) : 0;

    *out = ctx->palette->stage_colors[(guint) MAX (index, 0) % JM_N_STAGE_COLORS];
  }
}

/* Card text as grey lines, estimated from the text without shaping: added to the path. */
static gboolean
greek_path (JmRenderCtx *ctx,
            const char  *text,
            double       x,
            double       y,
            double       width)
{
  const JmThemeSizes *s = ctx->sizes;
  double em = s->font_card;
  double total = 0;
  double line_h = ctx->self->line_height[FONT_CARD];
  int lines;

  for (const char *p = text; *p != '\0' && total < width * s->card_lines; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      total += g_unichar_iswide (c) ? em : em * 0.52;
    }

  if (total <= 0 || width <= 0)
    return FALSE;

  lines = (int) MIN (ceil (total / width), s->card_lines);
  for (int i = 0; i < lines; i++)
    {
      double w = i + 1 < lines ? width : MAX (total - width * (lines - 1), em);

      cairo_rectangle (ctx->cr, x, y + i * line_h + line_h * 0.3, MIN (w, width), line_h * 0.42);
    }
  return TRUE;
}

static void
draw_greeked_text (JmRenderCtx *ctx,
                   const char  *text,
                   double       x,
                   double       y,
                   double       width,
                   double       alpha)
{
  if (greek_path (ctx, text, x, y, width))
    {
      jm_render_set_color (ctx->cr, &ctx->palette->card_fg, alpha * 0.28);
      cairo_fill (ctx->cr);
    }
}

/* Footer marks: channel and online/offline, impact/effort and status, department and owner,
 * score; role dots on the right. */
static void
draw_card_footer (JmRenderCtx       *ctx,
                  JmCard            *card,
                  const JmRect      *r,
                  const JmKindStyle *style,
                  double             alpha)
{
  const JmThemeSizes *s = ctx->sizes;
  const JmPalette *p = ctx->palette;
  cairo_t *cr = ctx->cr;
  double x = r->x + s->card_padding + 4;
  double y = r->y + r->height - s->card_padding * 0.75 - s->card_footer;
  double right = r->x + r->width - s->card_padding;
  const char * const *roles = jm_card_get_roles (card);
  guint n_roles = roles != NULL ? g_strv_length ((char **) roles) : 0;
  double dot_r = s->card_footer * 0.26;
  double roles_w = 0;
  double avail;

  if (n_roles > 0)
    {
      guint shown = MIN (n_roles, 5);
      double cx = right - dot_r;

      roles_w = shown * dot_r * 1.6 + dot_r * 0.4 + 4;
      for (guint i = 0; i < shown; i++)
        {
          JmColor c;

          role_color (ctx, roles[i], &c);
          jm_render_set_color (cr, &p->chip_bg, alpha);
          cairo_arc (cr, cx, y + s->card_footer / 2, dot_r + 1.5, 0, 2 * G_PI);
          cairo_fill (cr);
          jm_render_set_color (cr, &c, alpha);
          cairo_arc (cr, cx, y + s->card_footer / 2, dot_r, 0, 2 * G_PI);
          cairo_fill (cr);
          cx -= dot_r * 1.6;
        }
    }

  avail = right - roles_w - x;

  switch (jm_card_get_kind (card))
    {
    case JM_CARD_KIND_TOUCHPOINT:
      {
        gboolean online = jm_card_get_online (card);
        double w;

        /* Online: filled dot; offline: a ring. */
        w = draw_chip (ctx, x, y, avail, jm_channel_get_label (jm_card_get_channel (card)),
                       NULL, &p->chip_bg, alpha);
        x += w + 6;
        avail -= w + 6;
        if (avail > s->card_footer * 2)
          {
            const char *label = online ? _("Online") : _("Offline");
            PangoLayout *layout = jm_render_get_text (ctx->self, FONT_SMALL, avail - 12, 1,
                                                      ALIGN_START, label);

            jm_render_set_color (cr, &style->accent, alpha);
            cairo_arc (cr, x + 4, y + s->card_footer / 2, 4, 0, 2 * G_PI);
            if (online)
              cairo_fill (cr);
            else
              {
                cairo_set_line_width (cr, 1.5);
                cairo_stroke (cr);
              }
            jm_render_show_text (ctx, layout, x + 12,
                                 y + (s->card_footer - ctx->self->line_height[FONT_SMALL]) / 2,
                                 &p->card_dim_fg, alpha);
          }
      }
      break;

    case JM_CARD_KIND_OPPORTUNITY:
      {
        g_autofree char *badge = g_strdup_printf (_("Impact %d · Effort %d"),
                                                  jm_card_get_impact (card),
                                                  jm_card_get_effort (card));
        JmStatus status = jm_card_get_status (card);
        JmColor status_color = status == JM_STATUS_DONE ? p->positive
                               : status == JM_STATUS_IN_PROGRESS ? p->neutral
                               : status == JM_STATUS_PLANNED ? p->accent
                               : p->card_dim_fg;
        double w;

        w = draw_chip (ctx, x, y, avail, badge, &style->accent, &p->chip_bg, alpha);
        x += w + 6;
        avail -= w + 6;
        draw_chip (ctx, x, y, avail, jm_status_get_label (status), &status_color, &p->chip_bg,
                   alpha);
      }
      break;

    case JM_CARD_KIND_RESPONSIBILITY:
      {
        JmElement *dept = jm_document_lookup (ctx->document, jm_card_get_department (card));
        const char *owner = jm_card_get_owner (card);
        double w = 0;

        if (dept != NULL && JM_IS_DEPARTMENT (dept))
          {
            JmColor c;

            if (!jm_color_parse (jm_department_get_color (JM_DEPARTMENT (dept)), &c))
              c = style->accent;
            w = draw_chip (ctx, x, y, avail, jm_department_get_name (JM_DEPARTMENT (dept)),
                           &c, &p->chip_bg, alpha);
            x += w + 6;
            avail -= w + 6;
          }
        if (owner[0] != '\0' && avail > s->card_footer)
          {
            PangoLayout *layout = jm_render_get_text (ctx->self, FONT_SMALL, avail, 1,
                                                      ALIGN_START, owner);

            jm_render_show_text (ctx, layout, x,
                                 y + (s->card_footer - ctx->self->line_height[FONT_SMALL]) / 2,
                                 &p->card_dim_fg, alpha);
          }
      }
      break;

    case JM_CARD_KIND_EMOTION:
      {
        const char *feeling = jm_card_get_feeling (card);
        double fr = s->card_footer * 0.45;

        jm_render_draw_face (ctx, x + fr, y + s->card_footer / 2, fr, jm_card_get_score (card),
                             alpha, FALSE);
        if (feeling[0] != '\0' && avail > s->card_footer * 2)
          {
            PangoLayout *layout = jm_render_get_text (ctx->self, FONT_SMALL, avail - 2 * fr - 6, 1,
                                                      ALIGN_START, feeling);

            jm_render_show_text (ctx, layout, x + 2 * fr + 6,
                                 y + (s->card_footer - ctx->self->line_height[FONT_SMALL]) / 2,
                                 &p->card_dim_fg, alpha);
          }
      }
      break;

    default:
      break;
    }
}

static void
draw_handle (JmRenderCtx  *ctx,
             const JmRect *r)
{
  cairo_t *cr = ctx->cr;
  double hr = ctx->sizes->handle_radius;
  double cx = r->x + r->width;
  double cy = r->y + r->height / 2;

  jm_render_set_color (cr, &ctx->palette->background, 1);
  cairo_arc (cr, cx, cy, hr + 1.5, 0, 2 * G_PI);
  cairo_fill (cr);
  jm_render_set_color (cr, &ctx->palette->accent, 1);
  cairo_arc (cr, cx, cy, hr, 0, 2 * G_PI);
  cairo_fill (cr);
  jm_render_set_color (cr, &ctx->palette->accent_fg, 1);
  cairo_set_line_width (cr, MAX (1.5, ctx->px));
  cairo_move_to (cr, cx - hr * 0.5, cy);
  cairo_line_to (cr, cx + hr * 0.5, cy);
  cairo_move_to (cr, cx, cy - hr * 0.5);
  cairo_line_to (cr, cx, cy + hr * 0.5);
  cairo_stroke (cr);
}

static void
draw_selection_ring (JmRenderCtx  *ctx,
                     const JmRect *r,
                     double        radius)
{
  double w = MAX (2, 1.5 * ctx->px);
  JmRect ring = { r->x - w, r->y - w, r->width + 2 * w, r->height + 2 * w };

  jm_render_set_color (ctx->cr, &ctx->palette->accent, 1);
  cairo_set_line_width (ctx->cr, w);
  jm_render_rounded_rect (ctx->cr, &ring, radius + w);
  cairo_stroke (ctx->cr);
}

void
jm_render_draw_card (JmRenderCtx  *ctx,
                     JmCard       *card,
                     const JmRect *r)
{
  const JmThemeSizes *s = ctx->sizes;
  const JmPalette *p = ctx->palette;
  cairo_t *cr = ctx->cr;
  const JmKindStyle *style = jm_theme_get_kind_style (jm_renderer_get_theme (ctx->self),
                                                      jm_card_get_kind (card));
  const char *id = jm_element_get_id (JM_ELEMENT (card));
  double alpha = jm_render_card_alpha (ctx, card);
  JmColor fill = style->fill, border = style->border, custom;
  double radius = s->card_radius;
  double stripe = ctx->contrast ? 6 : 4;
  gboolean hovered = jm_render_is_hovered (ctx, id);
  gboolean selected = jm_render_is_selected (ctx, id);
  double text_x, text_w;

  if (jm_color_parse (jm_card_get_color (card), &custom))
    jm_theme_tint_card (jm_renderer_get_theme (ctx->self), &custom, &fill, &border);

  /* Shadow, body with its border, then the kind's accent stripe. */
  if (ctx->details && p->card_shadow.alpha > 0)
    {
      jm_render_set_color (cr, &p->card_shadow, alpha);
      if (ctx->vector)
        /* What shows of the shadow: a sliver below the straight part of the bottom edge
         * (4 numbers in a PDF instead of 34). */
        cairo_rectangle (cr, r->x + radius, r->y + r->height, r->width - 2 * radius, 1.5);
      else
        {
          JmRect sh = { r->x, r->y + 1.5, r->width, r->height };

          jm_render_rounded_rect (cr, &sh, radius);
        }
      cairo_fill (cr);
    }

  jm_render_set_color (cr, &fill, alpha);
  jm_render_rounded_rect (cr, r, radius);
  if (ctx->details || ctx->contrast)
    {
      /* Fill and stroke of one path: a PDF writes it once ("B"). */
      cairo_fill_preserve (cr);
      jm_render_set_color (cr, hovered ? &p->accent : &border, alpha);
      cairo_set_line_width (cr, ctx->contrast ? 2 : MAX (1, ctx->px));
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);

  /* The kind's accent as a stripe along the left edge, following the rounded corners. */
  if (!jm_color_parse (jm_card_get_color (card), &custom))
    custom = style->accent;
  jm_render_set_color (cr, &custom, alpha);
  radius = MIN (radius, MIN (r->width, r->height) / 2);
  if (radius * ctx->opts->zoom < 1.5 || stripe >= radius)
    cairo_rectangle (cr, r->x, r->y, stripe, r->height);
  else
    {
      double a = acos ((stripe - radius) / radius);

      cairo_new_sub_path (cr);
      cairo_arc_negative (cr, r->x + radius, r->y + radius, radius, 2 * G_PI - a, G_PI);
      cairo_arc_negative (cr, r->x + radius, r->y + r->height - radius, radius, G_PI, a);
      cairo_close_path (cr);
    }
  cairo_fill (cr);
  radius = s->card_radius;

  text_x = r->x + stripe + s->card_padding;
  text_w = r->width - stripe - 2 * s->card_padding;

  if (ctx->greek)
    draw_greeked_text (ctx, jm_card_get_text (card), text_x, r->y + s->card_padding * 0.8,
                       text_w, alpha);
  else
    {
      PangoLayout *layout = jm_render_get_text (ctx->self, FONT_CARD, text_w, s->card_lines,
                                                ALIGN_START, jm_card_get_text (card));

      jm_render_show_text (ctx, layout, text_x, r->y + s->card_padding * 0.8, &p->card_fg, alpha);
    }

  if (ctx->details)
    draw_card_footer (ctx, card, r, style, alpha);

  if (selected)
    draw_selection_ring (ctx, r, radius);
  if ((hovered || selected) && !ctx->opts->for_export)
    draw_handle (ctx, r);
}

/* The label of an emotion card under or above its point. */
static void
draw_bubble (JmRenderCtx  *ctx,
             JmCard       *card,
             const JmRect *r)
{
  const JmPalette *p = ctx->palette;
  cairo_t *cr = ctx->cr;
  const char *id = jm_element_get_id (JM_ELEMENT (card));
  const char *feeling = jm_card_get_feeling (card);
  const char *text = jm_card_get_text (card);
  double alpha = jm_render_card_alpha (ctx, card);
  double pad = 6;
  double line = ctx->self->line_height[FONT_SMALL];
  JmColor border;

  face_color (ctx, jm_card_get_score (card), &border);

  jm_render_set_color (cr, &p->bubble_bg, alpha);
  jm_render_rounded_rect (cr, r, MIN (8, r->height / 2));
  cairo_fill_preserve (cr);
  jm_render_set_color (cr, &border, alpha * (ctx->contrast ? 1 : 0.55));
  cairo_set_line_width (cr, ctx->contrast ? 2 : MAX (1, ctx->px));
  cairo_stroke (cr);

  if (r->width >= 36 && !ctx->greek)
    {
      double w = r->width - 2 * pad;
      double y = r->y + (r->height - 2 * line) / 2;

      if (feeling[0] != '\0' && text[0] != '\0' && strcmp (feeling, text) != 0)
        {
          jm_render_show_text (ctx,
                               jm_render_get_text (ctx->self, FONT_SMALL_BOLD, w, 1, ALIGN_CENTER,
                                                   feeling),
                               r->x + pad, y, &p->card_fg, alpha);
          jm_render_show_text (ctx,
                               jm_render_get_text (ctx->self, FONT_SMALL, w, 1, ALIGN_CENTER, text),
                               r->x + pad, y + line, &p->card_dim_fg, alpha);
        }
      else
        {
          const char *label = feeling[0] != '\0' ? feeling : text;
          PangoLayout *layout = jm_render_get_text (ctx->self, FONT_SMALL, w, 2, ALIGN_CENTER,
                                                    label);
          int lw, lh;

          pango_layout_get_pixel_size (layout, &lw, &lh);
          jm_render_show_text (ctx, layout, r->x + pad, r->y + (r->height - MIN (lh, 2 * line)) / 2,
                               &p->card_fg, alpha);
        }
    }
  else if (ctx->greek && r->width >= 20)
    {
      jm_render_set_color (cr, &p->card_fg, alpha * 0.25);
      cairo_rectangle (cr, r->x + pad, r->y + r->height / 2 - line * 0.2, r->width - 2 * pad,
                       line * 0.4);
      cairo_fill (cr);
    }

  if (jm_render_is_selected (ctx, id))
    draw_selection_ring (ctx, r, MIN (8, r->height / 2));
  if ((jm_render_is_hovered (ctx, id) || jm_render_is_selected (ctx, id)) && !ctx->opts->for_export)
    draw_handle (ctx, r);
}

void
jm_render_draw_card_cb (JmCard       *card,
                        const JmRect *rect,
                        guint         stage,
                        guint         lane,
                        guint         index,
                        gpointer      user_data)
{
  JmRenderCtx *ctx = user_data;
  JmLane *l = jm_layout_get_lane (ctx->layout, lane);

  if (jm_lane_get_kind (l) == JM_LANE_KIND_EMOTIONS)
    draw_bubble (ctx, card, rect);
  else if (ctx->use_images)
    jm_render_draw_card_cached (ctx, card, rect);
  else
    jm_render_draw_card (ctx, card, rect);
}

/* Far out, hundreds of cards are on screen, each a few pixels of colour: draw them in a few
 * big fills (one per colour) instead of several small ones per card. */
typedef struct
{
  JmCard  *card;
  JmRect   rect;
  gboolean bubble;
} VisibleCard;

static void
collect_visible_cb (JmCard       *card,
                    const JmRect *rect,
                    guint         stage,
                    guint         lane,
                    guint         index,
                    gpointer      user_data)
{
  JmRenderCtx *ctx = user_data;
  VisibleCard vc = { card, *rect, FALSE };

  vc.bubble = jm_lane_get_kind (jm_layout_get_lane (ctx->layout, lane)) == JM_LANE_KIND_EMOTIONS;
  g_array_append_val (ctx->visible, vc);
}

void
jm_render_draw_cards_batched (JmRenderCtx *ctx)
{
  cairo_t *cr = ctx->cr;
  JmTheme *theme = jm_renderer_get_theme (ctx->self);
  const JmThemeSizes *s = ctx->sizes;
  g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (VisibleCard));
  double radius = s->card_radius * ctx->opts->zoom >= 2 ? s->card_radius : 0;
  double stripe = ctx->contrast ? 6 : 4;
  const double alphas[] = { 1.0, 0.22 };

  ctx->visible = cards;
  jm_layout_foreach_card_in_rect (ctx->layout, &ctx->opts->view, collect_visible_cb, ctx);
  ctx->visible = NULL;

  for (guint a = 0; a < G_N_ELEMENTS (alphas); a++)
    for (guint k = 0; k < JM_N_CARD_KINDS; k++)
      {
        const JmKindStyle *style = jm_theme_get_kind_style (theme, k);
        gboolean any = FALSE;

        /* Bodies. */
        for (guint i = 0; i < cards->len; i++)
          {
            VisibleCard *vc = &g_array_index (cards, VisibleCard, i);

            if (vc->bubble || jm_card_get_kind (vc->card) != k ||
                jm_render_card_alpha (ctx, vc->card) != alphas[a] ||
                jm_card_get_color (vc->card)[0] != '\0')
              continue;
            jm_render_rounded_rect (cr, &vc->rect, radius);
            any = TRUE;
          }
        if (!any)
          continue;
        jm_render_set_color (cr, &style->fill, alphas[a]);
        cairo_fill (cr);

        /* Stripes. */
        for (guint i = 0; i < cards->len; i++)
          {
            VisibleCard *vc = &g_array_index (cards, VisibleCard, i);

            if (vc->bubble || jm_card_get_kind (vc->card) != k ||
                jm_render_card_alpha (ctx, vc->card) != alphas[a] ||
                jm_card_get_color (vc->card)[0] != '\0')
              continue;
            cairo_rectangle (cr, vc->rect.x, vc->rect.y + radius * 0.5, stripe,
                             vc->rect.height - radius);
          }
        jm_render_set_color (cr, &style->accent, alphas[a]);
        cairo_fill (cr);
      }

  /* Greeked text: one path per alpha. */
  for (guint a = 0; a < G_N_ELEMENTS (alphas); a++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < cards->len; i++)
        {
          VisibleCard *vc = &g_array_index (cards, VisibleCard, i);

          if (vc->bubble || jm_render_card_alpha (ctx, vc->card) != alphas[a])
            continue;
          any |= greek_path (ctx, jm_card_get_text (vc->card),
                             vc->rect.x + stripe + s->card_padding,
                             vc->rect.y + s->card_padding * 0.8,
                             vc->rect.width - stripe - 2 * s->card_padding);
        }
      if (any)
        {
          jm_render_set_color (cr, &ctx->palette->card_fg, alphas[a] * 0.28);
          cairo_fill (cr);
        }
    }

  /* One by one: bubbles, and cards with their own colour, selected or hovered. */
  for (guint i = 0; i < cards->len; i++)
    {
      VisibleCard *vc = &g_array_index (cards, VisibleCard, i);
      const char *id = jm_element_get_id (JM_ELEMENT (vc->card));

      if (vc->bubble)
        draw_bubble (ctx, vc->card, &vc->rect);
      else if (jm_card_get_color (vc->card)[0] != '\0' || jm_render_is_selected (ctx, id) ||
               jm_render_is_hovered (ctx, id))
        jm_render_draw_card (ctx, vc->card, &vc->rect);
    }
}
