/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmTheme: colours, fonts and sizes of a drawn journey map.
 *
 * Three kinds: LIGHT and DARK (the Adwaita palette) and CONTRAST (high contrast, for a
 * projector in a bright room). A theme is read by the layout (sizes, in document units:
 * 1 unit = 1 px at zoom 1) and by the renderer (colours and fonts).
 *
 * "scale-text" (default 1.0, 0.5…4.0) enlarges text for projector mode; every size grows with
 * it, so a scaled map is laid out exactly like an unscaled one, only larger. Changing it
 * notifies "scale-text"; a JmLayout listening to its theme then relayouts.
 *
 * Colours are plain doubles (0…1), never premultiplied. */
#pragma once

#include <glib-object.h>

#include "jm-types.h"
#include "model/jm-card-kind.h"

G_BEGIN_DECLS

typedef enum {
  JM_THEME_LIGHT,
  JM_THEME_DARK,
  JM_THEME_CONTRAST,
} JmThemeKind;

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} JmColor;

/* How the cards of one card kind look. */
typedef struct
{
  JmColor accent;   /* the kind's own colour: stripe, lane chip, marks */
  JmColor fill;     /* card background */
  JmColor border;   /* card outline */
} JmKindStyle;

#define JM_N_STAGE_COLORS 8

typedef struct
{
  JmColor     background;       /* the map behind the cells */
  JmColor     lane_band;        /* every other lane row is tinted with this */
  JmColor     grid_line;        /* cell separators */
  JmColor     header_bg;        /* stage header row, lane header column, corner */
  JmColor     header_fg;        /* header titles */
  JmColor     header_dim_fg;    /* goals, metrics, lane kind */
  JmColor     header_shadow;    /* below/right of pinned headers */
  JmColor     card_fg;          /* card text */
  JmColor     card_dim_fg;      /* secondary text on cards (owner, badges) */
  JmColor     card_shadow;
  JmColor     chip_bg;          /* background of channel/department chips */
  JmColor     bubble_bg;        /* label of an emotion point, connector labels */
  JmColor     accent;           /* selection, insertion mark, drop target, handles */
  JmColor     accent_fg;        /* text on accent */
  JmColor     connector;        /* "next" arrows */
  JmColor     step_back;        /* "step back" arrows */
  JmColor     curve;            /* the emotion curve */
  JmColor     zero_line;
  JmColor     positive;         /* happy faces, area above zero */
  JmColor     neutral;
  JmColor     negative;         /* dips: sad faces, area below zero */
  JmColor     add_bg;           /* "+" controls */
  JmColor     add_fg;
  JmColor     spotlight_dim;    /* drawn over stages outside the spotlight */
  JmColor     stage_colors[JM_N_STAGE_COLORS];  /* used when a stage has no colour */
  JmKindStyle kinds[JM_N_CARD_KINDS];           /* indexed by JmCardKind */
} JmPalette;

/* Sizes in document units, already multiplied by "scale-text". */
typedef struct
{
  double lane_header_width;
  double stage_width;
  double stage_band;           /* colour band at the top of a stage header */
  double stage_header_min;     /* header with a title only */
  double stage_goals_height;   /* added when a stage has goals */
  double stage_metrics_height; /* added when a stage has metrics */
  double cell_padding;
  double card_height;
  double card_gap;
  double card_radius;
  double card_padding;
  double card_footer;          /* row of marks at the bottom of a card */
  int    card_lines;           /* text lines before ellipsis */
  double emotion_lane_height;
  double emotion_radius;       /* face on the curve */
  double bubble_height;        /* label of an emotion card */
  double handle_radius;        /* connector handle at a card's right edge */
  double add_size;             /* thickness of the "+" controls */
  double add_gap;              /* between the grid and the "+" controls */
  double margin;               /* around the whole map */

  /* font sizes in document units (px at zoom 1) */
  double font_card;
  double font_small;
  double font_stage_title;
  double font_lane_title;
  double font_map_title;
} JmThemeSizes;

#define JM_TYPE_THEME (jm_theme_get_type ())
G_DECLARE_FINAL_TYPE (JmTheme, jm_theme, JM, THEME, GObject)

JmTheme            *jm_theme_new                (JmThemeKind  kind);
JmThemeKind         jm_theme_get_kind           (JmTheme     *self);
double              jm_theme_get_scale_text     (JmTheme     *self);
void                jm_theme_set_scale_text     (JmTheme     *self,
                                                 double       scale_text);
/* Borrowed, valid as long as the theme. */
const JmPalette    *jm_theme_get_palette        (JmTheme     *self);
const JmThemeSizes *jm_theme_get_sizes          (JmTheme     *self);
/* Font family list for Pango, e.g. "Cantarell, Noto Sans, Noto Sans CJK SC, Sans". */
const char         *jm_theme_get_font_family    (JmTheme     *self);
/* The style of a card kind (out-of-range kinds get NOTE's). */
const JmKindStyle  *jm_theme_get_kind_style     (JmTheme     *self,
                                                 JmCardKind   kind);
/* A lane kind's colour (the colour of the card kind it holds; custom lanes: NOTE). */
const JmColor      *jm_theme_get_lane_color     (JmTheme     *self,
                                                 JmLaneKind   kind);
/* A stage's band colour: its own "#rrggbb", else the theme's colour for its position. */
void                jm_theme_get_stage_color    (JmTheme     *self,
                                                 const char  *color,
                                                 guint        stage_index,
                                                 JmColor     *out);
/* Fill and border for a card with a user colour ("#rrggbb"), tinted like the kind fills. */
void                jm_theme_tint_card          (JmTheme     *self,
                                                 const JmColor *color,
                                                 JmColor     *fill,
                                                 JmColor     *border);

/* Parses "#rrggbb" (alpha 1); FALSE (out untouched) for anything else, "" included. */
gboolean            jm_color_parse              (const char  *text,
                                                 JmColor     *out);
/* a*(1−t) + b*t, alpha included. */
void                jm_color_mix                (const JmColor *a,
                                                 const JmColor *b,
                                                 double         t,
                                                 JmColor       *out);

G_END_DECLS
