/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-renderer.c: the one drawing code path of Journey Maps (screen, exports, print): the
 * renderer object, its fonts, the drawing helpers and jm_renderer_draw (). */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jm-renderer-private.h"

G_DEFINE_FINAL_TYPE (JmRenderer, jm_renderer, G_TYPE_OBJECT)

/* Labels */

const char *
jm_channel_get_label (JmChannel channel)
{
  switch (channel)
    {
    case JM_CHANNEL_WEBSITE:    return _("Website");
    case JM_CHANNEL_SEARCH:     return _("Search");
    case JM_CHANNEL_SOCIAL:     return _("Social media");
    case JM_CHANNEL_COMMUNITY:  return _("Community");
    case JM_CHANNEL_EMAIL:      return _("Email");
    case JM_CHANNEL_EVENT:      return _("Event");
    case JM_CHANNEL_WEBINAR:    return _("Webinar");
    case JM_CHANNEL_CALL:       return _("Call");
    case JM_CHANNEL_MEETING:    return _("Meeting");
    case JM_CHANNEL_IN_PRODUCT: return _("In product");
    case JM_CHANNEL_OTHER:
    default:                    return _("Other");
    }
}

const char *
jm_status_get_label (JmStatus status)
{
  switch (status)
    {
    case JM_STATUS_PLANNED:     return _("Planned");
    case JM_STATUS_IN_PROGRESS: return _("In progress");
    case JM_STATUS_DONE:        return _("Done");
    case JM_STATUS_IDEA:
    default:                    return _("Idea");
    }
}

/* Drawing helpers */

void
jm_render_set_color (cairo_t       *cr,
                     const JmColor *c,
                     double         alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

void
jm_render_rounded_rect (cairo_t      *cr,
                        const JmRect *r,
                        double        radius)
{
  double x = r->x, y = r->y, w = r->width, h = r->height;

  radius = MIN (radius, MIN (w, h) / 2);
  if (radius <= 0.01)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

gboolean
jm_render_is_selected (JmRenderCtx *ctx,
                       const char  *id)
{
  return !ctx->opts->for_export && ctx->opts->selection != NULL && id != NULL &&
         g_hash_table_contains (ctx->opts->selection, id);
}

gboolean
jm_render_is_hovered (JmRenderCtx *ctx,
                      const char  *id)
{
  return !ctx->opts->for_export && ctx->opts->hover_id != NULL && id != NULL &&
         strcmp (ctx->opts->hover_id, id) == 0;
}

double
jm_render_card_alpha (JmRenderCtx *ctx,
                      JmCard      *card)
{
  if (ctx->opts->role_lens != NULL && ctx->opts->role_lens[0] != '\0' &&
      !jm_card_has_role (card, ctx->opts->role_lens))
    return 0.22;

  return 1.0;
}

static void
draw_add_control (JmRenderCtx  *ctx,
                  const JmRect *r)
{
  cairo_t *cr = ctx->cr;
  const JmPalette *p = ctx->palette;
  double cx = r->x + r->width / 2, cy = r->y + r->height / 2;
  double arm = MIN (r->width, r->height) * 0.2;
  double dash[] = { 4, 3 };

  if (!jm_rect_intersects (r, &ctx->opts->view))
    return;

  jm_render_set_color (cr, &p->add_bg, 1);
  jm_render_rounded_rect (cr, r, 10);
  cairo_fill_preserve (cr);
  jm_render_set_color (cr, &p->add_fg, 0.5);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  jm_render_set_color (cr, &p->add_fg, 1);
  cairo_set_line_width (cr, 2);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, cx - arm, cy);
  cairo_line_to (cr, cx + arm, cy);
  cairo_move_to (cr, cx, cy - arm);
  cairo_line_to (cr, cx, cy + arm);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

static void
draw_drop_feedback (JmRenderCtx *ctx)
{
  const JmRenderOptions *o = ctx->opts;
  cairo_t *cr = ctx->cr;
  JmRect r;

  if (o->for_export || o->drop_stage < 0 || o->drop_lane < 0)
    return;

  if (jm_layout_get_cell_rect (ctx->layout, o->drop_stage, o->drop_lane, &r))
    {
      double dash[] = { 6, 4 };
      JmRect in = { r.x + 3, r.y + 3, r.width - 6, r.height - 6 };

      jm_render_set_color (cr, &ctx->palette->accent, 0.08);
      jm_render_rounded_rect (cr, &in, 8);
      cairo_fill_preserve (cr);
      jm_render_set_color (cr, &ctx->palette->accent, 0.7);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (o->drop_index >= 0 &&
      jm_layout_get_insertion_mark (ctx->layout, o->drop_stage, o->drop_lane, o->drop_index, &r))
    {
      jm_render_set_color (cr, &ctx->palette->accent, 1);
      jm_render_rounded_rect (cr, &r, 2);
      cairo_fill (cr);
    }
}

/* GObject */

static void
jm_renderer_finalize (GObject *object)
{
  JmRenderer *self = JM_RENDERER (object);

  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->images, g_hash_table_unref);
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_clear_object (&self->context);
  g_clear_object (&self->theme);

  G_OBJECT_CLASS (jm_renderer_parent_class)->finalize (object);
}

static void
jm_renderer_class_init (JmRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jm_renderer_finalize;
}

static void
jm_renderer_init (JmRenderer *self)
{
  self->cache = g_hash_table_new_full (jm_render_text_entry_hash, jm_render_text_entry_equal,
                                       jm_render_text_entry_free, NULL);
  self->images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, jm_render_card_image_free);
}

static PangoFontDescription *
make_font (JmTheme    *theme,
           double      size,
           PangoWeight weight)
{
  PangoFontDescription *desc;

  desc = pango_font_description_from_string (jm_theme_get_font_family (theme));

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  return desc;
}

static void
setup_fonts (JmRenderer *self)
{
  const JmThemeSizes *s = jm_theme_get_sizes (self->theme);
  gboolean contrast = jm_theme_get_kind (self->theme) == JM_THEME_CONTRAST;

  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);

  self->fonts[FONT_CARD] = make_font (self->theme, s->font_card,
                                      contrast ? PANGO_WEIGHT_MEDIUM : PANGO_WEIGHT_NORMAL);
  self->fonts[FONT_SMALL] = make_font (self->theme, s->font_small, PANGO_WEIGHT_NORMAL);
  self->fonts[FONT_SMALL_BOLD] = make_font (self->theme, s->font_small, PANGO_WEIGHT_BOLD);
  self->fonts[FONT_STAGE_TITLE] = make_font (self->theme, s->font_stage_title, PANGO_WEIGHT_BOLD);
  self->fonts[FONT_LANE_TITLE] = make_font (self->theme, s->font_lane_title, PANGO_WEIGHT_BOLD);
  self->fonts[FONT_MAP_TITLE] = make_font (self->theme, s->font_map_title, PANGO_WEIGHT_HEAVY);

  self->line_height[FONT_CARD] = round (s->font_card * 1.36);
  self->line_height[FONT_SMALL] = round (s->font_small * 1.32);
  self->line_height[FONT_SMALL_BOLD] = self->line_height[FONT_SMALL];
  self->line_height[FONT_STAGE_TITLE] = round (s->font_stage_title * 1.3);
  self->line_height[FONT_LANE_TITLE] = round (s->font_lane_title * 1.3);
  self->line_height[FONT_MAP_TITLE] = round (s->font_map_title * 1.3);
}

static void
theme_changed_cb (JmRenderer *self,
                  GParamSpec *pspec,
                  JmTheme    *theme)
{
  setup_fonts (self);
  jm_renderer_clear_cache (self);
}

/* Public API */

void
jm_render_options_init (JmRenderOptions *opts)
{
  g_return_if_fail (opts != NULL);

  memset (opts, 0, sizeof *opts);
  opts->view.x = -G_MAXINT / 2;
  opts->view.y = -G_MAXINT / 2;
  opts->view.width = G_MAXINT;
  opts->view.height = G_MAXINT;
  opts->zoom = 1.0;
  opts->scale_factor = 1.0;
  opts->spotlight_stage = -1;
  opts->drop_stage = -1;
  opts->drop_lane = -1;
  opts->drop_index = -1;
}

JmRenderer *
jm_renderer_new (JmTheme *theme)
{
  JmRenderer *self;
  cairo_font_options_t *options;

  g_return_val_if_fail (JM_IS_THEME (theme), NULL);

  self = g_object_new (JM_TYPE_RENDERER, NULL);
  self->theme = g_object_ref (theme);
  g_signal_connect_object (theme, "notify::scale-text", G_CALLBACK (theme_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* Scale-independent text: no hinting of metrics, no rounding of glyph positions. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (self->context, 96);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  setup_fonts (self);
  return self;
}

JmTheme *
jm_renderer_get_theme (JmRenderer *self)
{
  g_return_val_if_fail (JM_IS_RENDERER (self), NULL);

  return self->theme;
}

void
jm_renderer_clear_cache (JmRenderer *self)
{
  g_return_if_fail (JM_IS_RENDERER (self));

  g_hash_table_remove_all (self->cache);
  g_hash_table_remove_all (self->images);
  self->image_bytes = 0;
}

guint
jm_renderer_get_cache_size (JmRenderer *self)
{
  g_return_val_if_fail (JM_IS_RENDERER (self), 0);

  return g_hash_table_size (self->cache);
}

gboolean
jm_renderer_card_text_is_ellipsized (JmRenderer *self,
                                     JmLayout   *layout,
                                     const char *card_id)
{
  const JmThemeSizes *s;
  JmElement *card;
  JmRect r;
  PangoLayout *text;
  guint lane;

  g_return_val_if_fail (JM_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (JM_IS_LAYOUT (layout), FALSE);

  s = jm_theme_get_sizes (self->theme);
  card = jm_document_lookup (jm_layout_get_document (layout), card_id);
  if (card == NULL || !JM_IS_CARD (card) || !jm_layout_get_card_rect (layout, card_id, &r) ||
      !jm_layout_get_card_position (layout, card_id, NULL, &lane, NULL))
    return FALSE;

  if (jm_lane_get_kind (jm_layout_get_lane (layout, lane)) == JM_LANE_KIND_EMOTIONS)
    {
      /* Bubbles show a line of feeling and a line of text: anything longer is cut. */
      return TRUE;
    }

  text = jm_render_get_text (self, FONT_CARD,
                             r.width -
                             (jm_theme_get_kind (self->theme) == JM_THEME_CONTRAST ? 6 : 4) -
                             2 * s->card_padding,
                             s->card_lines, ALIGN_START, jm_card_get_text (JM_CARD (card)));
  return pango_layout_is_ellipsized (text);
}

void
jm_renderer_draw (JmRenderer            *self,
                  JmLayout              *layout,
                  cairo_t               *cr,
                  const JmRenderOptions *opts)
{
  JmRenderOptions defaults;
  JmRenderCtx ctx = { 0 };
  JmRect add;
  guint s0 = 0, s1 = 0, l0 = 0, l1 = 0;
  gboolean has_stages, has_lanes;
  double grid_w, grid_h, hh, lhw;
  const JmRect *v;

  g_return_if_fail (JM_IS_RENDERER (self));
  g_return_if_fail (JM_IS_LAYOUT (layout));
  g_return_if_fail (cr != NULL);

  if (opts == NULL)
    {
      jm_render_options_init (&defaults);
      opts = &defaults;
    }

  jm_layout_update (layout, NULL);

  ctx.self = self;
  ctx.layout = layout;
  ctx.document = jm_layout_get_document (layout);
  ctx.cr = cr;
  ctx.opts = opts;
  ctx.palette = jm_theme_get_palette (self->theme);
  ctx.sizes = jm_theme_get_sizes (self->theme);
  ctx.contrast = jm_theme_get_kind (self->theme) == JM_THEME_CONTRAST;
  ctx.px = 1.0 / MAX (opts->zoom, 0.01);
  /* Below 7 px, text is unreadable (Chinese far sooner): draw lines instead. */
  ctx.greek = ctx.sizes->font_card * opts->zoom < 6.0;
  ctx.details = ctx.sizes->font_small * opts->zoom >= 4.0;
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
      ctx.vector = TRUE;
      break;
    default:
      ctx.vector = FALSE;
      break;
    }

  /* Card images only on screen, once the zoom holds still (a zoom gesture would redraw every
   * image every frame), and when user space maps to device pixels by that zoom. */
  {
    cairo_matrix_t m;

    cairo_get_matrix (cr, &m);
    ctx.use_images = !opts->for_export && !ctx.greek && opts->zoom == self->last_zoom &&
                     m.xy == 0 && m.yx == 0 && fabs (m.xx - opts->zoom) < 1e-9 &&
                     fabs (m.yy - opts->zoom) < 1e-9;
  }
  v = &opts->view;

  jm_layout_get_grid_size (layout, &grid_w, &grid_h);
  hh = jm_layout_get_stage_header_height (layout);
  lhw = jm_layout_get_lane_header_width (layout);
  ctx.header_y = opts->pinned_headers ? MAX (v->y, 0) : 0;
  ctx.header_x = opts->pinned_headers ? MAX (v->x, 0) : 0;

  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);

  if (!opts->transparent)
    {
      /* Opaque: a plain store, no blending. */
      if (ctx.palette->background.alpha >= 1)
        cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      jm_render_set_color (cr, &ctx.palette->background, 1);
      cairo_rectangle (cr, v->x, v->y, v->width, v->height);
      cairo_fill (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
    }

  has_stages = jm_layout_get_stage_range (layout, v->x, v->x + v->width, &s0, &s1);
  has_lanes = jm_layout_get_lane_range (layout, v->y, v->y + v->height, &l0, &l1);

  jm_render_draw_grid (&ctx, s0, s1, l0, l1, has_stages, has_lanes);

  if (has_lanes)
    for (guint l = l0; l <= l1; l++)
      if (jm_layout_get_curve (layout, l) != NULL)
        jm_render_draw_emotion_lane (&ctx, l);

  draw_drop_feedback (&ctx);

  if (has_stages && has_lanes)
    {
      if (ctx.greek)
        jm_render_draw_cards_batched (&ctx);
      else
        jm_layout_foreach_card_in_rect (layout, v, jm_render_draw_card_cb, &ctx);
    }

  jm_render_draw_connectors (&ctx);
  if (opts->preview != NULL && !opts->for_export)
    jm_render_draw_connector (&ctx, opts->preview, TRUE);

  /* Spotlight: everything but one stage fades back. */
  if (opts->spotlight_stage >= 0 && has_stages)
    for (guint s = s0; s <= s1; s++)
      if ((int) s != opts->spotlight_stage)
        {
          JmRect col;

          jm_layout_get_stage_rect (layout, s, &col);
          jm_render_set_color (cr, &ctx.palette->spotlight_dim, 1);
          cairo_rectangle (cr, col.x, hh, col.width, grid_h - hh);
          cairo_fill (cr);
        }

  /* Headers last, so pinned headers cover what scrolled underneath. */
  if (has_lanes && (ctx.header_x < v->x + v->width) && ctx.header_x + lhw > v->x)
    jm_render_draw_lane_headers (&ctx, l0, l1);

  if (has_stages && ctx.header_y < v->y + v->height && ctx.header_y + hh > v->y)
    {
      jm_render_draw_stage_headers (&ctx, s0, s1);
      if (opts->spotlight_stage >= 0)
        for (guint s = s0; s <= s1; s++)
          if ((int) s != opts->spotlight_stage)
            {
              JmRect r;

              jm_layout_get_stage_header_rect (layout, s, &r);
              jm_render_set_color (cr, &ctx.palette->spotlight_dim, 1);
              cairo_rectangle (cr, r.x, ctx.header_y, r.width, hh);
              cairo_fill (cr);
            }
    }

  if (opts->pinned_headers && !opts->for_export)
    {
      /* Soft shadows where content scrolls under the pinned headers. */
      if (ctx.header_y > 0)
        {
          cairo_pattern_t *shade = cairo_pattern_create_linear (0, ctx.header_y + hh, 0,
                                                                ctx.header_y + hh + 6);

          cairo_pattern_add_color_stop_rgba (shade, 0, ctx.palette->header_shadow.red,
                                             ctx.palette->header_shadow.green,
                                             ctx.palette->header_shadow.blue,
                                             ctx.palette->header_shadow.alpha);
          cairo_pattern_add_color_stop_rgba (shade, 1, 0, 0, 0, 0);
          cairo_set_source (cr, shade);
          cairo_rectangle (cr, ctx.header_x, ctx.header_y + hh,
                           MIN (grid_w, v->x + v->width) - ctx.header_x, 6);
          cairo_fill (cr);
          cairo_pattern_destroy (shade);
        }
      if (ctx.header_x > 0)
        {
          cairo_pattern_t *shade = cairo_pattern_create_linear (ctx.header_x + lhw, 0,
                                                                ctx.header_x + lhw + 6, 0);

          cairo_pattern_add_color_stop_rgba (shade, 0, ctx.palette->header_shadow.red,
                                             ctx.palette->header_shadow.green,
                                             ctx.palette->header_shadow.blue,
                                             ctx.palette->header_shadow.alpha);
          cairo_pattern_add_color_stop_rgba (shade, 1, 0, 0, 0, 0);
          cairo_set_source (cr, shade);
          cairo_rectangle (cr, ctx.header_x + lhw, ctx.header_y, 6,
                           MIN (grid_h, v->y + v->height) - ctx.header_y);
          cairo_fill (cr);
          cairo_pattern_destroy (shade);
        }
    }

  if (ctx.header_x < v->x + v->width && ctx.header_y < v->y + v->height &&
      ctx.header_x + lhw > v->x && ctx.header_y + hh > v->y)
    jm_render_draw_corner (&ctx);

  if (!opts->for_export)
    {
      jm_layout_get_add_stage_rect (layout, &add);
      add.y += ctx.header_y;
      draw_add_control (&ctx, &add);
      jm_layout_get_add_lane_rect (layout, &add);
      add.x += ctx.header_x;
      draw_add_control (&ctx, &add);
    }

  cairo_restore (cr);

  if (!opts->for_export)
    {
      self->last_zoom = opts->zoom;
      jm_render_trim_images (self);
    }
}
