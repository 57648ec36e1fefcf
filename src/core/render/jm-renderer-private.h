/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-renderer-private.h: what the files of the renderer share — the renderer's struct, one draw
 * call's state (JmRenderCtx) and the drawing routines of each part of the map. */
#pragma once

#include <pango/pangocairo.h>

#include "jm-renderer.h"

G_BEGIN_DECLS

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
} JmRenderCtx;

/* jm-renderer.c */
void
jm_render_set_color (cairo_t       *cr,
                     const JmColor *c,
                     double         alpha);

void
jm_render_rounded_rect (cairo_t      *cr,
                        const JmRect *r,
                        double        radius);

gboolean
jm_render_is_selected (JmRenderCtx *ctx,
                       const char  *id);

gboolean
jm_render_is_hovered (JmRenderCtx *ctx,
                      const char  *id);

double
jm_render_card_alpha (JmRenderCtx *ctx,
                      JmCard      *card);

/* jm-render-text.c */
guint
jm_render_text_entry_hash (gconstpointer data);

gboolean
jm_render_text_entry_equal (gconstpointer a,
                            gconstpointer b);

void
jm_render_text_entry_free (gpointer data);

PangoLayout *
jm_render_get_text (JmRenderer *self,
                    FontId      font,
                    double      width,
                    int         lines,
                    TextAlign   align,
                    const char *text);

void
jm_render_show_text (JmRenderCtx   *ctx,
                     PangoLayout   *layout,
                     double         x,
                     double         y,
                     const JmColor *color,
                     double         alpha);

double
jm_render_text_width (PangoLayout *layout);

/* jm-render-cards.c */
void
jm_render_draw_face (JmRenderCtx *ctx,
                     double       x,
                     double       y,
                     double       r,
                     double       score,
                     double       alpha,
                     gboolean     ring);

void
jm_render_draw_card (JmRenderCtx  *ctx,
                     JmCard       *card,
                     const JmRect *r);

void
jm_render_draw_card_cb (JmCard       *card,
                        const JmRect *rect,
                        guint         stage,
                        guint         lane,
                        guint         index,
                        gpointer      user_data);

void
jm_render_draw_cards_batched (JmRenderCtx *ctx);

/* jm-render-images.c */
void
jm_render_card_image_free (gpointer data);

void
jm_render_trim_images (JmRenderer *self);

void
jm_render_draw_card_cached (JmRenderCtx  *ctx,
                            JmCard       *card,
                            const JmRect *r);

/* jm-render-grid.c */
void
jm_render_draw_grid (JmRenderCtx *ctx,
                     guint        s0,
                     guint        s1,
                     guint        l0,
                     guint        l1,
                     gboolean     has_stages,
                     gboolean     has_lanes);

void
jm_render_draw_emotion_lane (JmRenderCtx *ctx,
                             guint        lane);

/* jm-render-connectors.c */
void
jm_render_draw_connector (JmRenderCtx       *ctx,
                          const JmConnector *c,
                          gboolean           preview);

void
jm_render_draw_connectors (JmRenderCtx *ctx);

/* jm-render-headers.c */
void
jm_render_draw_stage_headers (JmRenderCtx *ctx,
                              guint        s0,
                              guint        s1);

void
jm_render_draw_lane_headers (JmRenderCtx *ctx,
                             guint        l0,
                             guint        l1);

void
jm_render_draw_corner (JmRenderCtx *ctx);

G_END_DECLS
