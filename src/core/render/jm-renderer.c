/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-renderer.c: the one drawing code path of Journey Maps (screen, exports, print). */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "jm-renderer.h"

typedef enum {
  FONT_CARD,
  FONT_SMALL,
  FONT_SMALL_BOLD,
  FONT_STAGE_TITLE,
  FONT_LANE_TITLE,
  FONT_MAP_TITLE,
  N_FONTS,
} FontId;

typedef enum {
  ALIGN_START,
  ALIGN_CENTER,
  ALIGN_END,
} TextAlign;

/* A cached text layout. The key fields come first; text is owned. */
typedef struct
{
  guint        font;
  int          width;     /* Pango units, −1 = no wrapping */
  int          lines;     /* ellipsise after this many lines; 1 = single line */
  guint        align;
  char        *text;
  PangoLayout *layout;
  guint64      stamp;     /* last use */
} TextEntry;

#define CACHE_LIMIT 4096

struct _JmRenderer
{
  GObject               parent_instance;

  /* owned */
  JmTheme              *theme;
  PangoContext         *context;
  PangoFontDescription *fonts[N_FONTS];
  double                line_height[N_FONTS];
  GHashTable           *cache;   /* TextEntry (key and value) */
  guint64               stamp;

  /* On screen, cards are kept as images at the current zoom and blitted while panning. */
  GHashTable           *images;  /* card id (owned) → CardImage */
  gsize                 image_bytes;
  double                last_zoom;
};

typedef struct
{
  guint64          fingerprint;  /* everything drawn on the card, and its state */
  double           scale;
  double           fx;           /* fractional device offset it was drawn at */
  double           fy;
  int              width;
  int              height;
  cairo_surface_t *surface;
  guint64          stamp;
} CardImage;

#define IMAGE_CACHE_BYTES (64 * 1024 * 1024)

G_DEFINE_FINAL_TYPE (JmRenderer, jm_renderer, G_TYPE_OBJECT)

/* One draw call's state. */
typedef struct
{
  JmRenderer            *self;
  JmLayout              *layout;
  JmDocument            *document;
  cairo_t               *cr;
  const JmRenderOptions *opts;
  const JmPalette       *palette;
  const JmThemeSizes    *sizes;
  gboolean               contrast;
  double                 px;          /* one device pixel in document units */
  gboolean               greek;       /* card text too small to read: draw lines */
  gboolean               details;     /* footers, chips, faces */
  double                 header_y;    /* where the stage header row is drawn */
  double                 header_x;    /* where the lane header column is drawn */
  GArray                *visible;     /* VisibleCard, while drawing batched */
  gboolean               use_images;  /* blit cached card images (screen, stable zoom) */
  gboolean               vector;      /* a PDF, SVG or PostScript target: every path costs */
} Ctx;

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

/* Text cache */

static guint
text_entry_hash (gconstpointer data)
{
  const TextEntry *e = data;

  return g_str_hash (e->text) ^ (e->font * 16777619u) ^ ((guint) e->width * 2654435761u) ^
         (e->lines << 24) ^ (e->align << 28);
}

static gboolean
text_entry_equal (gconstpointer a,
                  gconstpointer b)
{
  const TextEntry *x = a;
  const TextEntry *y = b;

  return x->font == y->font && x->width == y->width && x->lines == y->lines &&
         x->align == y->align && strcmp (x->text, y->text) == 0;
}

static void
text_entry_free (gpointer data)
{
  TextEntry *e = data;

  g_free (e->text);
  g_clear_object (&e->layout);
  g_free (e);
}

static void
prune_cache (JmRenderer *self)
{
  GHashTableIter iter;
  TextEntry *e;
  guint64 oldest = G_MAXUINT64, newest = 0, cut;

  /* Drop the older half: amortised O(1) per lookup, memory stays bounded even while one
   * export draws ten thousand cards. */
  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, (gpointer *) &e, NULL))
    {
      oldest = MIN (oldest, e->stamp);
      newest = MAX (newest, e->stamp);
    }
  cut = oldest + (newest - oldest) / 2;

  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, (gpointer *) &e, NULL))
    if (e->stamp <= cut)
      g_hash_table_iter_remove (&iter);
}

static PangoLayout *
get_text (JmRenderer *self,
          FontId      font,
          double      width,
          int         lines,
          TextAlign   align,
          const char *text)
{
  TextEntry key = { font, width > 0 ? (int) (width * PANGO_SCALE) : -1, lines, align,
                    (char *) text, NULL, 0 };
  TextEntry *e = g_hash_table_lookup (self->cache, &key);
  PangoAttrList *attrs;

  if (e != NULL)
    {
      e->stamp = ++self->stamp;
      return e->layout;
    }

  if (g_hash_table_size (self->cache) >= CACHE_LIMIT)
    prune_cache (self);

  e = g_new (TextEntry, 1);
  *e = key;
  e->text = g_strdup (text);
  e->stamp = ++self->stamp;
  e->layout = pango_layout_new (self->context);
  pango_layout_set_font_description (e->layout, self->fonts[font]);

  /* The same line height whatever the script, so Chinese and Latin cards line up. */
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_line_height_new_absolute (
                            (int) (self->line_height[font] * PANGO_SCALE)));
  pango_layout_set_attributes (e->layout, attrs);
  pango_attr_list_unref (attrs);

  pango_layout_set_text (e->layout, text, -1);
  pango_layout_set_alignment (e->layout, align == ALIGN_CENTER ? PANGO_ALIGN_CENTER
                                         : align == ALIGN_END ? PANGO_ALIGN_RIGHT
                                         : PANGO_ALIGN_LEFT);
  if (key.width > 0)
    {
      pango_layout_set_width (e->layout, key.width);
      pango_layout_set_wrap (e->layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (e->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (e->layout, -MAX (lines, 1));
    }
  if (lines == 1)
    pango_layout_set_single_paragraph_mode (e->layout, TRUE);

  g_hash_table_add (self->cache, e);
  return e->layout;
}

/* Drawing helpers */

static void
set_color (cairo_t       *cr,
           const JmColor *c,
           double         alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

static void
rounded_rect (cairo_t      *cr,
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

static void
show_text (Ctx         *ctx,
           PangoLayout *layout,
           double       x,
           double       y,
           const JmColor *color,
           double       alpha)
{
  set_color (ctx->cr, color, alpha);
  cairo_move_to (ctx->cr, x, y);
  pango_cairo_show_layout (ctx->cr, layout);
  cairo_new_path (ctx->cr);
}

/* Width of a layout's logical extents, document units. */
static double
text_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

/* A chip: small rounded label with an optional coloured dot. Returns its width. */
static double
draw_chip (Ctx           *ctx,
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

  layout = get_text (ctx->self, FONT_SMALL, avail, 1, ALIGN_START, text);
  tw = MIN (text_width (layout), avail);
  r.x = x;
  r.y = y;
  r.width = tw + 2 * pad + dot_w;
  r.height = h;

  set_color (ctx->cr, bg, alpha);
  rounded_rect (ctx->cr, &r, h / 2);
  cairo_fill (ctx->cr);

  if (dot != NULL)
    {
      set_color (ctx->cr, dot, alpha);
      cairo_arc (ctx->cr, x + pad + h * 0.16, y + h / 2, h * 0.2, 0, 2 * G_PI);
      cairo_fill (ctx->cr);
    }

  show_text (ctx, layout, x + pad + dot_w, y + (h - ctx->self->line_height[FONT_SMALL]) / 2,
             &ctx->palette->card_dim_fg, alpha);
  return r.width;
}

static void
face_color (Ctx     *ctx,
            double   score,
            JmColor *out)
{
  if (score > 0.25)
    *out = ctx->palette->positive;
  else if (score < -0.25)
    *out = ctx->palette->negative;
  else
    *out = ctx->palette->neutral;
}

/* A round face whose mouth follows the score. */
static void
draw_face (Ctx    *ctx,
           double  x,
           double  y,
           double  r,
           double  score,
           double  alpha,
           gboolean ring)
{
  cairo_t *cr = ctx->cr;
  JmColor color;
  JmColor white = { 1, 1, 1, 1 };
  double bend = CLAMP (score, JM_SCORE_MIN, JM_SCORE_MAX) / JM_SCORE_MAX;

  face_color (ctx, score, &color);

  if (ring)
    {
      set_color (cr, &ctx->palette->background, alpha);
      cairo_arc (cr, x, y, r + 2.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  set_color (cr, &color, alpha);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_fill (cr);

  if (!ctx->details || r * ctx->opts->zoom < 4)
    return;

  set_color (cr, &white, alpha);
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

static gboolean
is_selected (Ctx        *ctx,
             const char *id)
{
  return !ctx->opts->for_export && ctx->opts->selection != NULL && id != NULL &&
         g_hash_table_contains (ctx->opts->selection, id);
}

static gboolean
is_hovered (Ctx        *ctx,
            const char *id)
{
  return !ctx->opts->for_export && ctx->opts->hover_id != NULL && id != NULL &&
         strcmp (ctx->opts->hover_id, id) == 0;
}

static double
card_alpha (Ctx    *ctx,
            JmCard *card)
{
  if (ctx->opts->role_lens != NULL && ctx->opts->role_lens[0] != '\0' &&
      !jm_card_has_role (card, ctx->opts->role_lens))
    return 0.22;

  return 1.0;
}

static void
role_color (Ctx        *ctx,
            const char *role_id,
            JmColor    *out)
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
greek_path (Ctx          *ctx,
            const char   *text,
            double        x,
            double        y,
            double        width)
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
draw_greeked_text (Ctx          *ctx,
                   const char   *text,
                   double        x,
                   double        y,
                   double        width,
                   double        alpha)
{
  if (greek_path (ctx, text, x, y, width))
    {
      set_color (ctx->cr, &ctx->palette->card_fg, alpha * 0.28);
      cairo_fill (ctx->cr);
    }
}

/* Footer marks: channel and online/offline, impact/effort and status, department and owner,
 * score; role dots on the right. */
static void
draw_card_footer (Ctx          *ctx,
                  JmCard       *card,
                  const JmRect *r,
                  const JmKindStyle *style,
                  double        alpha)
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
          set_color (cr, &p->chip_bg, alpha);
          cairo_arc (cr, cx, y + s->card_footer / 2, dot_r + 1.5, 0, 2 * G_PI);
          cairo_fill (cr);
          set_color (cr, &c, alpha);
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
            PangoLayout *layout = get_text (ctx->self, FONT_SMALL, avail - 12, 1, ALIGN_START,
                                            label);

            set_color (cr, &style->accent, alpha);
            cairo_arc (cr, x + 4, y + s->card_footer / 2, 4, 0, 2 * G_PI);
            if (online)
              cairo_fill (cr);
            else
              {
                cairo_set_line_width (cr, 1.5);
                cairo_stroke (cr);
              }
            show_text (ctx, layout, x + 12,
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
            PangoLayout *layout = get_text (ctx->self, FONT_SMALL, avail, 1, ALIGN_START, owner);

            show_text (ctx, layout, x,
                       y + (s->card_footer - ctx->self->line_height[FONT_SMALL]) / 2,
                       &p->card_dim_fg, alpha);
          }
      }
      break;

    case JM_CARD_KIND_EMOTION:
      {
        const char *feeling = jm_card_get_feeling (card);
        double fr = s->card_footer * 0.45;

        draw_face (ctx, x + fr, y + s->card_footer / 2, fr, jm_card_get_score (card), alpha, FALSE);
        if (feeling[0] != '\0' && avail > s->card_footer * 2)
          {
            PangoLayout *layout = get_text (ctx->self, FONT_SMALL, avail - 2 * fr - 6, 1,
                                            ALIGN_START, feeling);

            show_text (ctx, layout, x + 2 * fr + 6,
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
draw_handle (Ctx          *ctx,
             const JmRect *r)
{
  cairo_t *cr = ctx->cr;
  double hr = ctx->sizes->handle_radius;
  double cx = r->x + r->width;
  double cy = r->y + r->height / 2;

  set_color (cr, &ctx->palette->background, 1);
  cairo_arc (cr, cx, cy, hr + 1.5, 0, 2 * G_PI);
  cairo_fill (cr);
  set_color (cr, &ctx->palette->accent, 1);
  cairo_arc (cr, cx, cy, hr, 0, 2 * G_PI);
  cairo_fill (cr);
  set_color (cr, &ctx->palette->accent_fg, 1);
  cairo_set_line_width (cr, MAX (1.5, ctx->px));
  cairo_move_to (cr, cx - hr * 0.5, cy);
  cairo_line_to (cr, cx + hr * 0.5, cy);
  cairo_move_to (cr, cx, cy - hr * 0.5);
  cairo_line_to (cr, cx, cy + hr * 0.5);
  cairo_stroke (cr);
}

static void
draw_selection_ring (Ctx          *ctx,
                     const JmRect *r,
                     double        radius)
{
  double w = MAX (2, 1.5 * ctx->px);
  JmRect ring = { r->x - w, r->y - w, r->width + 2 * w, r->height + 2 * w };

  set_color (ctx->cr, &ctx->palette->accent, 1);
  cairo_set_line_width (ctx->cr, w);
  rounded_rect (ctx->cr, &ring, radius + w);
  cairo_stroke (ctx->cr);
}

static void
draw_card (Ctx          *ctx,
           JmCard       *card,
           const JmRect *r)
{
  const JmThemeSizes *s = ctx->sizes;
  const JmPalette *p = ctx->palette;
  cairo_t *cr = ctx->cr;
  const JmKindStyle *style = jm_theme_get_kind_style (jm_renderer_get_theme (ctx->self),
                                                      jm_card_get_kind (card));
  const char *id = jm_element_get_id (JM_ELEMENT (card));
  double alpha = card_alpha (ctx, card);
  JmColor fill = style->fill, border = style->border, custom;
  double radius = s->card_radius;
  double stripe = ctx->contrast ? 6 : 4;
  gboolean hovered = is_hovered (ctx, id);
  gboolean selected = is_selected (ctx, id);
  double text_x, text_w;

  if (jm_color_parse (jm_card_get_color (card), &custom))
    jm_theme_tint_card (jm_renderer_get_theme (ctx->self), &custom, &fill, &border);

  /* Shadow, body with its border, then the kind's accent stripe. */
  if (ctx->details && p->card_shadow.alpha > 0)
    {
      set_color (cr, &p->card_shadow, alpha);
      if (ctx->vector)
        /* What shows of the shadow: a sliver below the straight part of the bottom edge
         * (4 numbers in a PDF instead of 34). */
        cairo_rectangle (cr, r->x + radius, r->y + r->height, r->width - 2 * radius, 1.5);
      else
        {
          JmRect sh = { r->x, r->y + 1.5, r->width, r->height };

          rounded_rect (cr, &sh, radius);
        }
      cairo_fill (cr);
    }

  set_color (cr, &fill, alpha);
  rounded_rect (cr, r, radius);
  if (ctx->details || ctx->contrast)
    {
      /* Fill and stroke of one path: a PDF writes it once ("B"). */
      cairo_fill_preserve (cr);
      set_color (cr, hovered ? &p->accent : &border, alpha);
      cairo_set_line_width (cr, ctx->contrast ? 2 : MAX (1, ctx->px));
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);

  /* The kind's accent as a stripe along the left edge, following the rounded corners. */
  set_color (cr, jm_color_parse (jm_card_get_color (card), &custom) ? &custom : &style->accent,
             alpha);
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
      PangoLayout *layout = get_text (ctx->self, FONT_CARD, text_w, s->card_lines, ALIGN_START,
                                      jm_card_get_text (card));

      show_text (ctx, layout, text_x, r->y + s->card_padding * 0.8, &p->card_fg, alpha);
    }

  if (ctx->details)
    draw_card_footer (ctx, card, r, style, alpha);

  if (selected)
    draw_selection_ring (ctx, r, radius);
  if ((hovered || selected) && !ctx->opts->for_export)
    draw_handle (ctx, r);
}

/* Card images */

static void
card_image_free (gpointer data)
{
  CardImage *image = data;

  cairo_surface_destroy (image->surface);
  g_free (image);
}

static guint64
fnv (guint64       h,
     gconstpointer data,
     gsize         len)
{
  const guchar *p = data;

  for (gsize i = 0; i < len; i++)
    h = (h ^ p[i]) * 1099511628211ull;
  return h;
}

static guint64
fnv_str (guint64     h,
         const char *text)
{
  return fnv (h, text != NULL ? text : "", text != NULL ? strlen (text) + 1 : 1);
}

/* Everything that shows on a card: when it changes, the card's image is redrawn. */
static guint64
card_fingerprint (Ctx          *ctx,
                  JmCard       *card,
                  const JmRect *r,
                  double        alpha,
                  gboolean      selected,
                  gboolean      hovered)
{
  const char * const *roles = jm_card_get_roles (card);
  JmElement *dept = jm_document_lookup (ctx->document, jm_card_get_department (card));
  guint64 h = 1469598103934665603ull;
  int ints[] = {
    jm_card_get_kind (card), jm_card_get_channel (card), jm_card_get_online (card),
    jm_card_get_score (card), jm_card_get_impact (card), jm_card_get_effort (card),
    jm_card_get_status (card), selected, hovered, ctx->details,
  };
  double doubles[] = { r->width, r->height, alpha };

  h = fnv (h, ints, sizeof ints);
  h = fnv (h, doubles, sizeof doubles);
  h = fnv_str (h, jm_card_get_text (card));
  h = fnv_str (h, jm_card_get_color (card));
  h = fnv_str (h, jm_card_get_feeling (card));
  h = fnv_str (h, jm_card_get_owner (card));
  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    {
      JmElement *role = jm_document_lookup (ctx->document, roles[i]);

      h = fnv_str (h, roles[i]);
      if (role != NULL && JM_IS_ROLE (role))
        h = fnv_str (h, jm_role_get_color (JM_ROLE (role)));
    }
  if (dept != NULL && JM_IS_DEPARTMENT (dept))
    {
      h = fnv_str (h, jm_department_get_name (JM_DEPARTMENT (dept)));
      h = fnv_str (h, jm_department_get_color (JM_DEPARTMENT (dept)));
    }

  return h;
}

static int
compare_stamps (gconstpointer a,
                gconstpointer b)
{
  const CardImage *x = *(CardImage * const *) a;
  const CardImage *y = *(CardImage * const *) b;

  return x->stamp < y->stamp ? -1 : x->stamp > y->stamp;
}

/* Least recently used images go first once they hold more than the budget. */
static void
trim_images (JmRenderer *self)
{
  g_autoptr(GPtrArray) all = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint64 cut;

  if (self->image_bytes <= IMAGE_CACHE_BYTES)
    return;

  all = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->images);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (all, value);
  g_ptr_array_sort (all, compare_stamps);

  {
    gsize bytes = self->image_bytes;
    guint i = 0;

    for (; i < all->len && bytes > IMAGE_CACHE_BYTES * 3 / 4; i++)
      {
        CardImage *image = g_ptr_array_index (all, i);

        bytes -= (gsize) image->width * image->height * 4;
      }
    cut = i > 0 ? ((CardImage *) g_ptr_array_index (all, i - 1))->stamp : 0;
  }

  g_hash_table_iter_init (&iter, self->images);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CardImage *image = value;

      if (image->stamp <= cut)
        {
          self->image_bytes -= (gsize) image->width * image->height * 4;
          g_hash_table_iter_remove (&iter);
        }
    }
}

static void draw_card (Ctx          *ctx,
                       JmCard       *card,
                       const JmRect *r);

/* The card from its image, drawing the image first if the card changed. The image is drawn
 * at the same fractional pixel offset it is shown at, so it matches direct drawing. */
static void
draw_card_cached (Ctx          *ctx,
                  JmCard       *card,
                  const JmRect *r)
{
  JmRenderer *self = ctx->self;
  cairo_t *cr = ctx->cr;
  const char *id = jm_element_get_id (JM_ELEMENT (card));
  double factor = ctx->opts->scale_factor > 0 ? ctx->opts->scale_factor : 1;
  double scale = ctx->opts->zoom * factor;
  gboolean decorated = is_selected (ctx, id) || is_hovered (ctx, id);
  /* Room for the shadow; for a selection ring and the connector handle when shown. */
  double margin = decorated ? ctx->sizes->handle_radius + 5 : 2;
  guint64 fingerprint = card_fingerprint (ctx, card, r, card_alpha (ctx, card),
                                          is_selected (ctx, id), is_hovered (ctx, id));
  int width = (int) ceil ((r->width + 2 * margin) * scale) + 1;
  int height = (int) ceil ((r->height + 2 * margin) * scale) + 1;
  double dx = r->x - margin, dy = r->y - margin;
  double ix, iy, fx, fy;
  CardImage *image;

  /* Device pixels: user_to_device gives pixels, the scale factor makes them device pixels. */
  cairo_user_to_device (cr, &dx, &dy);
  dx *= factor;
  dy *= factor;
  ix = floor (dx);
  iy = floor (dy);
  fx = round ((dx - ix) * 8) / 8;
  fy = round ((dy - iy) * 8) / 8;
  if (fx >= 1)
    {
      ix += 1;
      fx -= 1;
    }
  if (fy >= 1)
    {
      iy += 1;
      fy -= 1;
    }

  image = g_hash_table_lookup (self->images, id);
  if (image == NULL || image->fingerprint != fingerprint || image->scale != scale ||
      image->fx != fx || image->fy != fy || image->width != width || image->height != height)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cairo_t *icr = cairo_create (surface);

      cairo_translate (icr, fx, fy);
      cairo_scale (icr, scale, scale);
      cairo_translate (icr, -(r->x - margin), -(r->y - margin));
      ctx->cr = icr;
      draw_card (ctx, card, r);
      ctx->cr = cr;
      cairo_destroy (icr);

      if (image != NULL)
        self->image_bytes -= (gsize) image->width * image->height * 4;
      image = g_new0 (CardImage, 1);
      image->fingerprint = fingerprint;
      image->scale = scale;
      image->fx = fx;
      image->fy = fy;
      image->width = width;
      image->height = height;
      image->surface = surface;
      self->image_bytes += (gsize) width * height * 4;
      g_hash_table_replace (self->images, g_strdup (id), image);
    }
  image->stamp = ++self->stamp;

  cairo_save (cr);
  cairo_identity_matrix (cr);
  if (factor != 1)
    cairo_scale (cr, 1 / factor, 1 / factor);
  cairo_set_source_surface (cr, image->surface, ix, iy);
  cairo_rectangle (cr, ix, iy, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* The label of an emotion card under or above its point. */
static void
draw_bubble (Ctx          *ctx,
             JmCard       *card,
             const JmRect *r)
{
  const JmPalette *p = ctx->palette;
  cairo_t *cr = ctx->cr;
  const char *id = jm_element_get_id (JM_ELEMENT (card));
  const char *feeling = jm_card_get_feeling (card);
  const char *text = jm_card_get_text (card);
  double alpha = card_alpha (ctx, card);
  double pad = 6;
  double line = ctx->self->line_height[FONT_SMALL];
  JmColor border;

  face_color (ctx, jm_card_get_score (card), &border);

  set_color (cr, &p->bubble_bg, alpha);
  rounded_rect (cr, r, MIN (8, r->height / 2));
  cairo_fill_preserve (cr);
  set_color (cr, &border, alpha * (ctx->contrast ? 1 : 0.55));
  cairo_set_line_width (cr, ctx->contrast ? 2 : MAX (1, ctx->px));
  cairo_stroke (cr);

  if (r->width >= 36 && !ctx->greek)
    {
      double w = r->width - 2 * pad;
      double y = r->y + (r->height - 2 * line) / 2;

      if (feeling[0] != '\0' && text[0] != '\0' && strcmp (feeling, text) != 0)
        {
          show_text (ctx, get_text (ctx->self, FONT_SMALL_BOLD, w, 1, ALIGN_CENTER, feeling),
                     r->x + pad, y, &p->card_fg, alpha);
          show_text (ctx, get_text (ctx->self, FONT_SMALL, w, 1, ALIGN_CENTER, text),
                     r->x + pad, y + line, &p->card_dim_fg, alpha);
        }
      else
        {
          const char *label = feeling[0] != '\0' ? feeling : text;
          PangoLayout *layout = get_text (ctx->self, FONT_SMALL, w, 2, ALIGN_CENTER, label);
          int lw, lh;

          pango_layout_get_pixel_size (layout, &lw, &lh);
          show_text (ctx, layout, r->x + pad, r->y + (r->height - MIN (lh, 2 * line)) / 2,
                     &p->card_fg, alpha);
        }
    }
  else if (ctx->greek && r->width >= 20)
    {
      set_color (cr, &p->card_fg, alpha * 0.25);
      cairo_rectangle (cr, r->x + pad, r->y + r->height / 2 - line * 0.2, r->width - 2 * pad,
                       line * 0.4);
      cairo_fill (cr);
    }

  if (is_selected (ctx, id))
    draw_selection_ring (ctx, r, MIN (8, r->height / 2));
  if ((is_hovered (ctx, id) || is_selected (ctx, id)) && !ctx->opts->for_export)
    draw_handle (ctx, r);
}

static void
draw_card_cb (JmCard       *card,
              const JmRect *rect,
              guint         stage,
              guint         lane,
              guint         index,
              gpointer      user_data)
{
  Ctx *ctx = user_data;
  JmLane *l = jm_layout_get_lane (ctx->layout, lane);

  if (jm_lane_get_kind (l) == JM_LANE_KIND_EMOTIONS)
    draw_bubble (ctx, card, rect);
  else if (ctx->use_images)
    draw_card_cached (ctx, card, rect);
  else
    draw_card (ctx, card, rect);
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
  Ctx *ctx = user_data;
  VisibleCard vc = { card, *rect, FALSE };

  vc.bubble = jm_lane_get_kind (jm_layout_get_lane (ctx->layout, lane)) == JM_LANE_KIND_EMOTIONS;
  g_array_append_val (ctx->visible, vc);
}

static void
draw_cards_batched (Ctx *ctx)
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
                card_alpha (ctx, vc->card) != alphas[a] || jm_card_get_color (vc->card)[0] != '\0')
              continue;
            rounded_rect (cr, &vc->rect, radius);
            any = TRUE;
          }
        if (!any)
          continue;
        set_color (cr, &style->fill, alphas[a]);
        cairo_fill (cr);

        /* Stripes. */
        for (guint i = 0; i < cards->len; i++)
          {
            VisibleCard *vc = &g_array_index (cards, VisibleCard, i);

            if (vc->bubble || jm_card_get_kind (vc->card) != k ||
                card_alpha (ctx, vc->card) != alphas[a] || jm_card_get_color (vc->card)[0] != '\0')
              continue;
            cairo_rectangle (cr, vc->rect.x, vc->rect.y + radius * 0.5, stripe,
                             vc->rect.height - radius);
          }
        set_color (cr, &style->accent, alphas[a]);
        cairo_fill (cr);
      }

  /* Greeked text: one path per alpha. */
  for (guint a = 0; a < G_N_ELEMENTS (alphas); a++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < cards->len; i++)
        {
          VisibleCard *vc = &g_array_index (cards, VisibleCard, i);

          if (vc->bubble || card_alpha (ctx, vc->card) != alphas[a])
            continue;
          any |= greek_path (ctx, jm_card_get_text (vc->card),
                             vc->rect.x + stripe + s->card_padding,
                             vc->rect.y + s->card_padding * 0.8,
                             vc->rect.width - stripe - 2 * s->card_padding);
        }
      if (any)
        {
          set_color (cr, &ctx->palette->card_fg, alphas[a] * 0.28);
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
      else if (jm_card_get_color (vc->card)[0] != '\0' || is_selected (ctx, id) ||
               is_hovered (ctx, id))
        draw_card (ctx, vc->card, &vc->rect);
    }
}

/* Grid: lane bands, cell separators, emotion lane backgrounds. */
static void
draw_grid (Ctx    *ctx,
           guint   s0,
           guint   s1,
           guint   l0,
           guint   l1,
           gboolean has_stages,
           gboolean has_lanes)
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
            set_color (cr, &p->lane_band, 1);
          else
            {
              /* The band over the background, as one opaque colour: cheaper to fill. */
              JmColor banded;

              jm_color_mix (&p->background, &p->lane_band, p->lane_band.alpha, &banded);
              banded.alpha = 1;
              set_color (cr, &banded, 1);
            }
          cairo_rectangle (cr, x0, row.y, x1 - x0, row.height);
          cairo_fill (cr);
        }
    }

  /* Separators: one device pixel wide. */
  set_color (cr, &p->grid_line, 1);
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
  set_color (cr, color, alpha);
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

static void
draw_emotion_lane (Ctx   *ctx,
                   guint  lane)
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
  set_color (cr, &p->negative, 0.045);
  cairo_rectangle (cr, x0, curve->zero_y, x1 - x0, row.y + row.height - curve->zero_y);
  cairo_fill (cr);

  set_color (cr, &p->zero_line, 1);
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
        alpha = card_alpha (ctx, JM_CARD (card));

      draw_face (ctx, pt->x, pt->y, r, pt->score, alpha, TRUE);
      if (is_selected (ctx, pt->card_id) || is_hovered (ctx, pt->card_id))
        {
          set_color (cr, &p->accent, 1);
          cairo_set_line_width (cr, 2);
          cairo_arc (cr, pt->x, pt->y, r + 4, 0, 2 * G_PI);
          cairo_stroke (cr);
        }
    }
}

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
bezier_path_in_view (Ctx           *ctx,
                     const JmPoint  p[4],
                     double         margin)
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

static void
draw_connector (Ctx               *ctx,
                const JmConnector *c,
                gboolean           preview)
{
  cairo_t *cr = ctx->cr;
  const JmPalette *p = ctx->palette;
  gboolean step_back = c->kind == JM_CONNECTION_KIND_STEP_BACK;
  gboolean selected = !preview && is_selected (ctx, c->id);
  gboolean hovered = !preview && is_hovered (ctx, c->id);
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
          card_alpha (ctx, JM_CARD (a)) < 1 && card_alpha (ctx, JM_CARD (b)) < 1)
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

  set_color (cr, color, alpha);
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
          PangoLayout *layout = get_text (ctx->self, FONT_SMALL, 160, 1, ALIGN_START, label);
          double lw = text_width (layout);
          double lh = ctx->self->line_height[FONT_SMALL];
          JmRect pill = { mid.x - lw / 2 - 7, mid.y - lh / 2 - 3, lw + 14, lh + 6 };

          /* An arc's top runs just under the stage headers: keep its label below them. */
          pill.y = MAX (pill.y, jm_layout_get_stage_header_height (ctx->layout) + 2);
          mid.y = pill.y + lh / 2 + 3;

          set_color (cr, &p->bubble_bg, alpha);
          rounded_rect (cr, &pill, pill.height / 2);
          cairo_fill_preserve (cr);
          set_color (cr, color, alpha);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          show_text (ctx, layout, mid.x - lw / 2, mid.y - lh / 2, &p->card_fg, alpha);
        }
    }
}

static void
draw_connectors (Ctx *ctx)
{
  guint n = jm_layout_get_n_connectors (ctx->layout);

  for (guint i = 0; i < n; i++)
    {
      const JmConnector *c = jm_layout_get_connector (ctx->layout, i);

      if (jm_rect_intersects (&c->bounds, &ctx->opts->view))
        draw_connector (ctx, c, FALSE);
    }
}

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

static void
draw_stage_headers (Ctx   *ctx,
                    guint  s0,
                    guint  s1)
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

      set_color (cr, &p->header_bg, 1);
      cairo_rectangle (cr, r.x, r.y, r.width, r.height);
      cairo_fill (cr);

      jm_theme_get_stage_color (theme, jm_stage_get_color (stage), i, &band);
      set_color (cr, &band, 1);
      cairo_rectangle (cr, r.x, r.y, r.width, s->stage_band);
      cairo_fill (cr);

      x = r.x + 16;
      w = r.width - 32;
      y = r.y + s->stage_band + 12;

      /* Step number in the stage colour, then the title. */
      {
        g_autofree char *number = g_strdup_printf ("%u", i + 1);
        PangoLayout *num = get_text (ctx->self, FONT_SMALL_BOLD, -1, 1, ALIGN_START, number);
        double nw = MAX (text_width (num) + 10, ctx->self->line_height[FONT_SMALL] + 2);
        double nh = ctx->self->line_height[FONT_SMALL] + 2;
        double ty = y + (ctx->self->line_height[FONT_STAGE_TITLE] - nh) / 2;
        JmRect pill = { x, ty, nw, nh };

        set_color (cr, &band, 1);
        rounded_rect (cr, &pill, nh / 2);
        cairo_fill (cr);
        show_text (ctx, num, x + (nw - text_width (num)) / 2, ty + 1,
                   ctx->contrast || jm_theme_get_kind (theme) == JM_THEME_DARK
                   ? &p->accent_fg : &(JmColor) { 1, 1, 1, 1 }, 1);

        layout = get_text (ctx->self, FONT_STAGE_TITLE, w - nw - 8, 1, ALIGN_START,
                           jm_stage_get_title (stage));
        show_text (ctx, layout, x + nw + 8, y, &p->header_fg, 1);
      }
      y += ctx->self->line_height[FONT_STAGE_TITLE] + 8;

      if (goals)
        {
          if (cg[0] != '\0')
            {
              g_autofree char *text = g_strdup_printf (_("Customer: %s"), cg);

              layout = get_text (ctx->self, FONT_SMALL, w, 1, ALIGN_START, text);
              show_text (ctx, layout, x, y, &p->header_dim_fg, 1);
            }
          if (bg[0] != '\0')
            {
              g_autofree char *text = g_strdup_printf (_("Business: %s"), bg);

              layout = get_text (ctx->self, FONT_SMALL, w, 1, ALIGN_START, text);
              show_text (ctx, layout, x, y + ctx->self->line_height[FONT_SMALL] + 2,
                         &p->header_dim_fg, 1);
            }
          y += s->stage_goals_height;
        }

      if (metrics && jm_metrics_get_n (jm_stage_get_metrics (stage)) > 0)
        {
          g_autofree char *text = format_metrics (jm_stage_get_metrics (stage));
          JmRect chip;

          layout = get_text (ctx->self, FONT_SMALL_BOLD, w - 12, 1, ALIGN_START, text);
          chip.x = x - 6;
          chip.y = y - 3;
          chip.width = MIN (text_width (layout), w - 12) + 12;
          chip.height = ctx->self->line_height[FONT_SMALL] + 6;
          set_color (cr, &band, 0.14);
          rounded_rect (cr, &chip, 6);
          cairo_fill (cr);
          show_text (ctx, layout, x, y, &p->header_fg, 0.9);
        }

      /* Separator and bottom edge. */
      set_color (cr, &p->grid_line, 1);
      cairo_set_line_width (cr, ctx->px);
      cairo_move_to (cr, r.x + r.width - ctx->px / 2, r.y + s->stage_band);
      cairo_line_to (cr, r.x + r.width - ctx->px / 2, r.y + hh);
      cairo_move_to (cr, r.x, r.y + hh - ctx->px / 2);
      cairo_line_to (cr, r.x + r.width, r.y + hh - ctx->px / 2);
      cairo_stroke (cr);

      if (is_selected (ctx, jm_element_get_id (JM_ELEMENT (stage))))
        {
          set_color (cr, &p->accent, 1);
          cairo_set_line_width (cr, 2);
          cairo_rectangle (cr, r.x + 1, r.y + 1, r.width - 2, hh - 2);
          cairo_stroke (cr);
        }
    }
}

static void
draw_lane_headers (Ctx   *ctx,
                   guint  l0,
                   guint  l1)
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

      set_color (cr, &p->header_bg, 1);
      cairo_rectangle (cr, r.x, r.y, r.width, r.height);
      cairo_fill (cr);

      /* Kind colour as a rounded bar on the left. */
      {
        JmRect bar = { r.x + 8, r.y + 10, 4, r.height - 20 };

        set_color (cr, color, 1);
        rounded_rect (cr, &bar, 2);
        cairo_fill (cr);
      }

      w = r.width - 40;
      y = r.y + 14;
      layout = get_text (ctx->self, FONT_LANE_TITLE, w, 2, ALIGN_START, jm_lane_get_title (lane));
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
      show_text (ctx, layout, r.x + 22, y, &p->header_fg, 1);
      y += MIN (th, 2 * ctx->self->line_height[FONT_LANE_TITLE]) + 2;
      if (g_strcmp0 (jm_lane_get_title (lane), jm_lane_kind_get_label (kind)) != 0)
        {
          layout = get_text (ctx->self, FONT_SMALL, w, 1, ALIGN_START,
                             jm_lane_kind_get_label (kind));
          show_text (ctx, layout, r.x + 22, y, &p->header_dim_fg, 1);
        }

      if (kind == JM_LANE_KIND_EMOTIONS)
        {
          /* A score scale at the right edge, level with the curve. */
          static const int ticks[] = { JM_SCORE_MAX, 0, JM_SCORE_MIN };

          for (guint t = 0; t < G_N_ELEMENTS (ticks); t++)
            {
              const char *label = ticks[t] > 0 ? "+3" : ticks[t] < 0 ? "−3" : "0";
              double ty = jm_layout_score_to_y (ctx->layout, i, ticks[t]);

              layout = get_text (ctx->self, FONT_SMALL, 30, 1, ALIGN_END, label);
              show_text (ctx, layout, r.x + r.width - 40,
                         ty - ctx->self->line_height[FONT_SMALL] / 2,
                         &p->header_dim_fg, 1);
            }
        }

      set_color (cr, &p->grid_line, 1);
      cairo_set_line_width (cr, ctx->px);
      cairo_move_to (cr, r.x, r.y + r.height - ctx->px / 2);
      cairo_line_to (cr, r.x + r.width, r.y + r.height - ctx->px / 2);
      cairo_move_to (cr, r.x + r.width - ctx->px / 2, r.y);
      cairo_line_to (cr, r.x + r.width - ctx->px / 2, r.y + r.height);
      cairo_stroke (cr);

      if (is_selected (ctx, jm_element_get_id (JM_ELEMENT (lane))))
        {
          set_color (cr, &p->accent, 1);
          cairo_set_line_width (cr, 2);
          cairo_rectangle (cr, r.x + 1, r.y + 1, r.width - 2, r.height - 2);
          cairo_stroke (cr);
        }
    }
}

static void
draw_corner (Ctx *ctx)
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

  set_color (cr, &p->header_bg, 1);
  cairo_rectangle (cr, r.x, r.y, r.width, r.height);
  cairo_fill (cr);

  y = r.y + ctx->sizes->stage_band + 12;
  if (title[0] != '\0')
    {
      int lines = MAX (1, (int) ((r.height - 40) / ctx->self->line_height[FONT_MAP_TITLE]));

      layout = get_text (ctx->self, FONT_MAP_TITLE, r.width - 32, MIN (lines, 4), ALIGN_START,
                         title);
      show_text (ctx, layout, r.x + 16, y, &p->header_fg, 1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      y += th + 4;
    }
  if (author[0] != '\0' && y + ctx->self->line_height[FONT_SMALL] < r.y + r.height - 6)
    {
      layout = get_text (ctx->self, FONT_SMALL, r.width - 32, 1, ALIGN_START, author);
      show_text (ctx, layout, r.x + 16, y, &p->header_dim_fg, 1);
    }

  set_color (cr, &p->grid_line, 1);
  cairo_set_line_width (cr, ctx->px);
  cairo_move_to (cr, r.x + r.width - ctx->px / 2, r.y);
  cairo_line_to (cr, r.x + r.width - ctx->px / 2, r.y + r.height);
  cairo_move_to (cr, r.x, r.y + r.height - ctx->px / 2);
  cairo_line_to (cr, r.x + r.width, r.y + r.height - ctx->px / 2);
  cairo_stroke (cr);
}

static void
draw_add_control (Ctx          *ctx,
                  const JmRect *r)
{
  cairo_t *cr = ctx->cr;
  const JmPalette *p = ctx->palette;
  double cx = r->x + r->width / 2, cy = r->y + r->height / 2;
  double arm = MIN (r->width, r->height) * 0.2;
  double dash[] = { 4, 3 };

  if (!jm_rect_intersects (r, &ctx->opts->view))
    return;

  set_color (cr, &p->add_bg, 1);
  rounded_rect (cr, r, 10);
  cairo_fill_preserve (cr);
  set_color (cr, &p->add_fg, 0.5);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  set_color (cr, &p->add_fg, 1);
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
draw_drop_feedback (Ctx *ctx)
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

      set_color (cr, &ctx->palette->accent, 0.08);
      rounded_rect (cr, &in, 8);
      cairo_fill_preserve (cr);
      set_color (cr, &ctx->palette->accent, 0.7);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (o->drop_index >= 0 &&
      jm_layout_get_insertion_mark (ctx->layout, o->drop_stage, o->drop_lane, o->drop_index, &r))
    {
      set_color (cr, &ctx->palette->accent, 1);
      rounded_rect (cr, &r, 2);
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
  self->cache = g_hash_table_new_full (text_entry_hash, text_entry_equal, text_entry_free, NULL);
  self->images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, card_image_free);
}

static PangoFontDescription *
make_font (JmTheme     *theme,
           double       size,
           PangoWeight  weight)
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

  text = get_text (self, FONT_CARD,
                   r.width - (jm_theme_get_kind (self->theme) == JM_THEME_CONTRAST ? 6 : 4) -
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
  Ctx ctx = { 0 };
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
      set_color (cr, &ctx.palette->background, 1);
      cairo_rectangle (cr, v->x, v->y, v->width, v->height);
      cairo_fill (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
    }

  has_stages = jm_layout_get_stage_range (layout, v->x, v->x + v->width, &s0, &s1);
  has_lanes = jm_layout_get_lane_range (layout, v->y, v->y + v->height, &l0, &l1);

  draw_grid (&ctx, s0, s1, l0, l1, has_stages, has_lanes);

  if (has_lanes)
    for (guint l = l0; l <= l1; l++)
      if (jm_layout_get_curve (layout, l) != NULL)
        draw_emotion_lane (&ctx, l);

  draw_drop_feedback (&ctx);

  if (has_stages && has_lanes)
    {
      if (ctx.greek)
        draw_cards_batched (&ctx);
      else
        jm_layout_foreach_card_in_rect (layout, v, draw_card_cb, &ctx);
    }

  draw_connectors (&ctx);
  if (opts->preview != NULL && !opts->for_export)
    draw_connector (&ctx, opts->preview, TRUE);

  /* Spotlight: everything but one stage fades back. */
  if (opts->spotlight_stage >= 0 && has_stages)
    for (guint s = s0; s <= s1; s++)
      if ((int) s != opts->spotlight_stage)
        {
          JmRect col;

          jm_layout_get_stage_rect (layout, s, &col);
          set_color (cr, &ctx.palette->spotlight_dim, 1);
          cairo_rectangle (cr, col.x, hh, col.width, grid_h - hh);
          cairo_fill (cr);
        }

  /* Headers last, so pinned headers cover what scrolled underneath. */
  if (has_lanes && (ctx.header_x < v->x + v->width) && ctx.header_x + lhw > v->x)
    draw_lane_headers (&ctx, l0, l1);

  if (has_stages && ctx.header_y < v->y + v->height && ctx.header_y + hh > v->y)
    {
      draw_stage_headers (&ctx, s0, s1);
      if (opts->spotlight_stage >= 0)
        for (guint s = s0; s <= s1; s++)
          if ((int) s != opts->spotlight_stage)
            {
              JmRect r;

              jm_layout_get_stage_header_rect (layout, s, &r);
              set_color (cr, &ctx.palette->spotlight_dim, 1);
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
    draw_corner (&ctx);

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
      trim_images (self);
    }
}
