/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmRenderer: draws a JmLayout onto any cairo_t — the canvas, PNG, PDF and SVG exports,
 * printing and projector mode all go through jm_renderer_draw().
 *
 * The caller sets up the cairo transformation so that user space is document units (for the
 * canvas: scale by the zoom, translate by the scroll offset) and says which part of the map is
 * visible (opts->view); only what intersects it is drawn, so the work per frame depends on
 * what is on screen, not on the size of the map.
 *
 * Text goes through PangoCairo with hint metrics off and unrounded glyph positions, so text
 * is laid out identically at every zoom and in every export. The renderer keeps a cache of
 * Pango layouts keyed by font, width and text: a card's text is shaped once, not every frame;
 * editing a card simply misses the cache. On screen (not for_export), once the zoom is the same
 * as in the previous call, cards are also kept as images at that zoom — keyed by everything
 * drawn on them, so an edited card is simply drawn again — and panning blits them; the user
 * space → device mapping must then be a plain scale by zoom (plus any translation), with
 * scale_factor giving the extra device scale of a HiDPI screen. Below 7 px of text on screen,
 * cards are drawn in a few batched fills with their text as grey lines ("greeked").
 *
 * A renderer belongs to the thread that created it (Pango font maps are per thread). */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "layout/jm-layout.h"
#include "render/jm-theme.h"

G_BEGIN_DECLS

/* A text as the renderer shows it, in the document coordinates of the drawing (user space
 * of the cairo_t given to jm_renderer_draw): what a searchable text layer needs. */
typedef struct
{
  const char  *text;         /* as shown (printable: see jm_render_printable_text) */
  double       font_size;    /* document units */
  int          weight;       /* a PangoWeight: 400 normal, 700 bold */
  JmRect       box;          /* logical extents of the laid-out text */
  double       baseline;     /* y of the first line's baseline */
} JmRenderText;

/* Called once for every text drawn, in drawing order. */
typedef void (*JmRenderTextFunc) (const JmRenderText *text,
                                  gpointer            user_data);

typedef struct
{
  JmRect       view;            /* visible part of the map, document units */
  double       zoom;            /* pixels per document unit (hairlines, level of detail) */
  double       scale_factor;    /* device pixels per pixel (GTK's scale factor, 2 on HiDPI):
                                   cached card images are drawn at zoom × scale_factor */
  GHashTable  *selection;       /* set of selected element ids (cards, connections), or NULL */
  const char  *hover_id;        /* card or connection under the pointer, or NULL */
  const char  *role_lens;       /* role id: cards not tagged with it are dimmed; NULL = off */
  int          spotlight_stage; /* projector mode: other stages are dimmed; −1 = off */
  gboolean     pinned_headers;  /* draw the stage header row at the view's top edge and the
                                   lane header column at its left edge */
  gboolean     for_export;      /* no hover, selection, handles, drop feedback, "+" controls */
  gboolean     transparent;     /* leave the map background unpainted */
  /* drag and drop feedback */
  int          drop_stage;      /* cell under a dragged card, −1 = none */
  int          drop_lane;
  int          drop_index;      /* insertion mark in that cell, −1 = none */
  const JmConnector *preview;   /* connector being dragged out of a handle, or NULL */
  JmRenderTextFunc text_func;   /* told every text drawn (e.g. the SVG text layer), or NULL */
  gpointer     text_data;
} JmRenderOptions;

/* Defaults: view = the whole plane, zoom 1, scale factor 1, nothing selected, no
 * lens/spotlight/pinning, no drop feedback. */
void jm_render_options_init (JmRenderOptions *opts);

#define JM_TYPE_RENDERER (jm_renderer_get_type ())
G_DECLARE_FINAL_TYPE (JmRenderer, jm_renderer, JM, RENDERER, GObject)

JmRenderer *jm_renderer_new                (JmTheme               *theme);
JmTheme    *jm_renderer_get_theme          (JmRenderer            *self);

/* Draws what of the layout intersects opts->view (NULL: defaults, whole map) onto cr. The
 * layout is brought up to date first. cr's state is saved and restored. */
void        jm_renderer_draw               (JmRenderer            *self,
                                            JmLayout              *layout,
                                            cairo_t               *cr,
                                            const JmRenderOptions *opts);

/* TRUE if the card's text does not fit its card and is ellipsised (show it in a tooltip). */
gboolean    jm_renderer_card_text_is_ellipsized (JmRenderer   *self,
                                                 JmLayout     *layout,
                                                 const char   *card_id);

/* Drops every cached text layout (e.g. after a font change). */
void        jm_renderer_clear_cache        (JmRenderer            *self);
guint       jm_renderer_get_cache_size     (JmRenderer            *self);

/* A copy of text that cairo and XML accept: Unicode noncharacters (U+FDD0…U+FDEF, U+FFFE,
 * U+FFFF and their kin in every plane), which GLib takes for valid UTF-8 but cairo refuses
 * ("input string not valid UTF-8"), become U+FFFD; invalid UTF-8 is repaired. Control
 * characters other than tab, newline and carriage return are kept when keep_controls (Pango
 * draws them as hex boxes, on screen and in every export) and dropped otherwise (document
 * metadata, XML). */
char       *jm_render_printable_text       (const char             *text,
                                            gboolean                keep_controls);

/* Human-readable names used on cards (translated). */
const char *jm_channel_get_label           (JmChannel              channel);
const char *jm_status_get_label            (JmStatus               status);

G_END_DECLS
