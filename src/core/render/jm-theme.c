/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-theme.c: the light, dark and high-contrast looks of a map (Adwaita palette). */
#include "config.h"

#include <string.h>

#include "jm-theme.h"

struct _JmTheme
{
  GObject      parent_instance;

  JmThemeKind  kind;
  double       scale_text;
  JmPalette    palette;
  JmThemeSizes base;
  JmThemeSizes sizes;
};

G_DEFINE_FINAL_TYPE (JmTheme, jm_theme, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_SCALE_TEXT,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Light, dark, contrast. */
#define N_THEMES (JM_THEME_CONTRAST + 1)

#define FONT_FAMILY "Cantarell, Noto Sans, Noto Sans CJK SC, Sans"

/* Helpers */

static JmColor
hex (guint32 rgb)
{
  JmColor c = {
    ((rgb >> 16) & 0xff) / 255.0,
    ((rgb >> 8) & 0xff) / 255.0,
    (rgb & 0xff) / 255.0,
    1.0,
  };

  return c;
}

static JmColor
hexa (guint32 rgb,
      double  alpha)
{
  JmColor c = hex (rgb);

  c.alpha = alpha;
  return c;
}

static JmColor
mixed (guint32 a,
       guint32 b,
       double  t)
{
  JmColor ca = hex (a);
  JmColor cb = hex (b);
  JmColor out;

  jm_color_mix (&ca, &cb, t, &out);
  return out;
}

static const guint32 light_stage_colors[JM_N_STAGE_COLORS] = {
  0x3584e4, 0x2190a4, 0x26a269, 0xe5a50a, 0xe66100, 0xe01b24, 0x9141ac, 0x986a44,
};

static const guint32 dark_stage_colors[JM_N_STAGE_COLORS] = {
  0x62a0ea, 0x5bc8d9, 0x57e389, 0xf6d32d, 0xffa348, 0xf66151, 0xc061cb, 0xcdab8f,
};

static const guint32 contrast_stage_colors[JM_N_STAGE_COLORS] = {
  0x1a5fb4, 0x0b6476, 0x1e7b4f, 0x9c6e03, 0xc64600, 0xa51d2d, 0x613583, 0x63452c,
};

/* Every colour of the palette in the light, dark and high-contrast themes (JmThemeKind order):
 * RGB and alpha. */
typedef struct
{
  gsize   offset;  /* of the JmColor in JmPalette */
  guint32 rgb[N_THEMES];
  double  alpha[N_THEMES];
} PaletteRow;

#define ROW(field, light, light_alpha, dark, dark_alpha, contrast, contrast_alpha) \
  { G_STRUCT_OFFSET (JmPalette, field), { light, dark, contrast }, \
    { light_alpha, dark_alpha, contrast_alpha } }

static const PaletteRow palette_rows[] = {
  /*   field          light             dark              contrast */
  ROW (background,    0xfafafa, 1,     0x1e1e1e, 1,     0xffffff, 1),
  ROW (lane_band,     0x000000, 0.022, 0xffffff, 0.025, 0x000000, 0.05),
  ROW (grid_line,     0x000000, 0.08,  0xffffff, 0.07,  0x000000, 0.45),
  ROW (header_bg,     0xffffff, 1,     0x2a2a2a, 1,     0xffffff, 1),
  ROW (header_fg,     0x000000, 0.85,  0xffffff, 1,     0x000000, 1),
  ROW (header_dim_fg, 0x000000, 0.55,  0xffffff, 0.6,   0x000000, 0.85),
  ROW (header_shadow, 0x000000, 0.10,  0x000000, 0.35,  0x000000, 0.30),
  ROW (card_fg,       0x000000, 0.82,  0xffffff, 0.92,  0x000000, 1),
  ROW (card_dim_fg,   0x000000, 0.55,  0xffffff, 0.62,  0x000000, 0.80),
  ROW (card_shadow,   0x000000, 0.07,  0x000000, 0.30,  0x000000, 0.0),
  ROW (chip_bg,       0xffffff, 0.75,  0x000000, 0.25,  0xffffff, 1),
  ROW (bubble_bg,     0xffffff, 0.94,  0x2e2e32, 0.94,  0xffffff, 1),
  ROW (accent,        0x3584e4, 1,     0x78aeed, 1,     0x1a5fb4, 1),
  ROW (accent_fg,     0xffffff, 1,     0x000000, 1,     0xffffff, 1),
  ROW (connector,     0x3d3846, 0.75,  0xdeddda, 0.75,  0x000000, 1),
  ROW (step_back,     0xe66100, 1,     0xffa348, 1,     0xc64600, 1),
  ROW (curve,         0x1c71d8, 1,     0x78aeed, 1,     0x1a5fb4, 1),
  ROW (zero_line,     0x000000, 0.22,  0xffffff, 0.25,  0x000000, 0.6),
  ROW (positive,      0x26a269, 1,     0x57e389, 1,     0x1e7b4f, 1),
  ROW (neutral,       0xe5a50a, 1,     0xf6d32d, 1,     0x9c6e03, 1),
  ROW (negative,      0xe01b24, 1,     0xf66151, 1,     0xc01c28, 1),
  ROW (add_bg,        0x000000, 0.05,  0xffffff, 0.07,  0x000000, 0.10),
  ROW (add_fg,        0x000000, 0.55,  0xffffff, 0.6,   0x000000, 1),
  ROW (spotlight_dim, 0xfafafa, 0.72,  0x1e1e1e, 0.72,  0xffffff, 0.80),
};

#undef ROW

/* Card kinds: the fill (and border) is the kind's accent mixed into a base colour; a border
 * mix below 0 means a black border. */
static const struct
{
  const guint32 *stage_colors;
  guint32        card_base;
  double         fill_mix;
  double         border_mix;
} theme_specs[N_THEMES] = {
  { light_stage_colors,    0xffffff, 0.11, 0.38 },
  { dark_stage_colors,     0x2e2e32, 0.17, 0.42 },
  { contrast_stage_colors, 0xffffff, 0.07, -1 },
};

static void
setup_palette (JmPalette   *p,
               JmThemeKind  kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (palette_rows); i++)
    {
      const PaletteRow *row = &palette_rows[i];

      *(JmColor *) ((guchar *) p + row->offset) = hexa (row->rgb[kind], row->alpha[kind]);
    }

  for (guint i = 0; i < JM_N_STAGE_COLORS; i++)
    p->stage_colors[i] = hex (theme_specs[kind].stage_colors[i]);

  for (guint i = 0; i < JM_N_CARD_KINDS; i++)
    {
      guint32 accent = jm_card_kind_get_info (i)->accents[kind];

      p->kinds[i].accent = hex (accent);
      p->kinds[i].fill = mixed (theme_specs[kind].card_base, accent, theme_specs[kind].fill_mix);
      p->kinds[i].border = theme_specs[kind].border_mix < 0
                           ? hex (0x000000)
                           : mixed (theme_specs[kind].card_base, accent,
                                    theme_specs[kind].border_mix);
    }
}

static void
setup_base_sizes (JmTheme *self)
{
  JmThemeSizes *s = &self->base;

  s->lane_header_width = 208;
  s->stage_width = 256;
  s->stage_band = 6;
  s->stage_header_min = 62;
  s->stage_goals_height = 42;
  s->stage_metrics_height = 24;
  s->cell_padding = 12;
  s->card_height = 100;
  s->card_gap = 10;
  s->card_radius = 10;
  s->card_padding = 12;
  s->card_footer = 20;
  s->card_lines = 3;
  s->emotion_lane_height = 220;
  s->emotion_radius = 13;
  s->bubble_height = 40;
  s->handle_radius = 6;
  s->add_size = 40;
  s->add_gap = 12;

  s->font_card = 13;
  s->font_small = 11;
  s->font_stage_title = 16;
  s->font_lane_title = 14;
  s->font_map_title = 17;

  if (self->kind == JM_THEME_CONTRAST)
    {
      /* Projector text must carry across a room: a little larger everywhere. */
      s->font_card = 14;
      s->font_small = 12;
      s->card_height = 106;
    }
}

static void
update_sizes (JmTheme *self)
{
  const JmThemeSizes *b = &self->base;
  JmThemeSizes *s = &self->sizes;
  double k = self->scale_text;

  s->lane_header_width = b->lane_header_width * k;
  s->stage_width = b->stage_width * k;
  s->stage_band = b->stage_band * k;
  s->stage_header_min = b->stage_header_min * k;
  s->stage_goals_height = b->stage_goals_height * k;
  s->stage_metrics_height = b->stage_metrics_height * k;
  s->cell_padding = b->cell_padding * k;
  s->card_height = b->card_height * k;
  s->card_gap = b->card_gap * k;
  s->card_radius = b->card_radius * k;
  s->card_padding = b->card_padding * k;
  s->card_footer = b->card_footer * k;
  s->card_lines = b->card_lines;
  s->emotion_lane_height = b->emotion_lane_height * k;
  s->emotion_radius = b->emotion_radius * k;
  s->bubble_height = b->bubble_height * k;
  s->handle_radius = b->handle_radius * k;
  s->add_size = b->add_size * k;
  s->add_gap = b->add_gap * k;
  s->font_card = b->font_card * k;
  s->font_small = b->font_small * k;
  s->font_stage_title = b->font_stage_title * k;
  s->font_lane_title = b->font_lane_title * k;
  s->font_map_title = b->font_map_title * k;
}

/* GObject */

static void
jm_theme_constructed (GObject *object)
{
  JmTheme *self = JM_THEME (object);

  G_OBJECT_CLASS (jm_theme_parent_class)->constructed (object);

  setup_palette (&self->palette, self->kind < N_THEMES ? self->kind : JM_THEME_LIGHT);

  setup_base_sizes (self);
  update_sizes (self);
}

static void
jm_theme_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  JmTheme *self = JM_THEME (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_SCALE_TEXT:
      g_value_set_double (value, self->scale_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_theme_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  JmTheme *self = JM_THEME (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_SCALE_TEXT:
      jm_theme_set_scale_text (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_theme_class_init (JmThemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = jm_theme_constructed;
  object_class->get_property = jm_theme_get_property;
  object_class->set_property = jm_theme_set_property;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      JM_THEME_LIGHT, JM_THEME_CONTRAST, JM_THEME_LIGHT,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCALE_TEXT] =
    g_param_spec_double ("scale-text", NULL, NULL,
                         0.5, 4.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_theme_init (JmTheme *self)
{
  self->scale_text = 1.0;
}

/* Public API */

JmTheme *
jm_theme_new (JmThemeKind kind)
{
  return g_object_new (JM_TYPE_THEME, "kind", kind, NULL);
}

JmThemeKind
jm_theme_get_kind (JmTheme *self)
{
  g_return_val_if_fail (JM_IS_THEME (self), JM_THEME_LIGHT);

  return self->kind;
}

double
jm_theme_get_scale_text (JmTheme *self)
{
  g_return_val_if_fail (JM_IS_THEME (self), 1.0);

  return self->scale_text;
}

void
jm_theme_set_scale_text (JmTheme *self,
                         double   scale_text)
{
  g_return_if_fail (JM_IS_THEME (self));

  scale_text = CLAMP (scale_text, 0.5, 4.0);
  if (scale_text == self->scale_text)
    return;

  self->scale_text = scale_text;
  update_sizes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE_TEXT]);
}

const JmPalette *
jm_theme_get_palette (JmTheme *self)
{
  g_return_val_if_fail (JM_IS_THEME (self), NULL);

  return &self->palette;
}

const JmThemeSizes *
jm_theme_get_sizes (JmTheme *self)
{
  g_return_val_if_fail (JM_IS_THEME (self), NULL);

  return &self->sizes;
}

const char *
jm_theme_get_font_family (JmTheme *self)
{
  g_return_val_if_fail (JM_IS_THEME (self), NULL);

  return FONT_FAMILY;
}

const JmKindStyle *
jm_theme_get_kind_style (JmTheme    *self,
                         JmCardKind  kind)
{
  g_return_val_if_fail (JM_IS_THEME (self), NULL);

  if ((guint) kind >= JM_N_CARD_KINDS)
    kind = JM_CARD_KIND_NOTE;

  return &self->palette.kinds[kind];
}

const JmColor *
jm_theme_get_lane_color (JmTheme    *self,
                         JmLaneKind  kind)
{
  g_return_val_if_fail (JM_IS_THEME (self), NULL);

  if (kind > JM_LANE_KIND_CUSTOM)
    kind = JM_LANE_KIND_CUSTOM;

  return &self->palette.kinds[jm_lane_kind_default_card_kind (kind)].accent;
}

void
jm_theme_get_stage_color (JmTheme    *self,
                          const char *color,
                          guint       stage_index,
                          JmColor    *out)
{
  g_return_if_fail (JM_IS_THEME (self));
  g_return_if_fail (out != NULL);

  if (!jm_color_parse (color, out))
    *out = self->palette.stage_colors[stage_index % JM_N_STAGE_COLORS];
}

void
jm_theme_tint_card (JmTheme       *self,
                    const JmColor *color,
                    JmColor       *fill,
                    JmColor       *border)
{
  JmColor base;

  g_return_if_fail (JM_IS_THEME (self));

  switch (self->kind)
    {
    case JM_THEME_DARK:
      base = hex (0x2e2e32);
      jm_color_mix (&base, color, 0.30, fill);
      jm_color_mix (&base, color, 0.60, border);
      break;
    case JM_THEME_CONTRAST:
      base = hex (0xffffff);
      jm_color_mix (&base, color, 0.15, fill);
      *border = hex (0x000000);
      break;
    case JM_THEME_LIGHT:
    default:
      base = hex (0xffffff);
      jm_color_mix (&base, color, 0.22, fill);
      jm_color_mix (&base, color, 0.55, border);
      break;
    }
}

gboolean
jm_color_parse (const char *text,
                JmColor    *out)
{
  guint32 value = 0;

  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return FALSE;

  for (guint i = 1; i < 7; i++)
    {
      int digit = g_ascii_xdigit_value (text[i]);

      if (digit < 0)
        return FALSE;
      value = (value << 4) | (guint32) digit;
    }

  *out = hex (value);
  return TRUE;
}

void
jm_color_mix (const JmColor *a,
              const JmColor *b,
              double         t,
              JmColor       *out)
{
  out->red = a->red * (1 - t) + b->red * t;
  out->green = a->green * (1 - t) + b->green * t;
  out->blue = a->blue * (1 - t) + b->blue * t;
  out->alpha = a->alpha * (1 - t) + b->alpha * t;
}
