/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmCanvas: the journey-map editing widget. Shows a JmHistory's document through the core
 * layout and renderer; every gesture becomes a command on the history.
 *
 * It implements GtkScrollable: put it in a GtkScrolledWindow. Its content is the map at the
 * current zoom (0.1…4); the stage header row and the lane header column stay in view.
 *
 * Actions (installed on the widget, so reachable from its menus and from
 * gtk_widget_activate_action (canvas, "canvas.zoom-in", NULL)):
 *   canvas.zoom-in  canvas.zoom-out  canvas.zoom-fit  canvas.zoom-reset
 *   canvas.delete  canvas.copy  canvas.cut  canvas.paste  canvas.duplicate  canvas.select-all
 *   canvas.add-card  canvas.rename  canvas.edit
 * plus the ones the context menus use (canvas.card-color, canvas.stage-insert-before, …).
 * The keys (Ctrl+plus/minus/0, Delete, Ctrl+C/X/V/D/A, Insert, F2, Enter, arrows, Alt+arrows,
 * Tab, Escape) are the canvas' own and never fire while its inline editor has the focus;
 * Ctrl+Z / Ctrl+Shift+Z are left to the window. */
#pragma once

#include <gtk/gtk.h>

#include "jm-core.h"

G_BEGIN_DECLS

/* The value of "theme-kind" that follows the desktop (AdwStyleManager dark / high contrast). */
#define JM_CANVAS_THEME_AUTO ((JmThemeKind) -1)

#define JM_CANVAS_ZOOM_MIN 0.1
#define JM_CANVAS_ZOOM_MAX 4.0

/* The clipboard format of cards (jm_json_save_cards ()). */
#define JM_CANVAS_CARDS_MIME_TYPE "application/x-journey-map-cards+json"
/* The string a JmCardPalette item drags: "journey-maps/card-kind:<kind nick>[:<channel nick>]". */
#define JM_CANVAS_CARD_KIND_PREFIX "journey-maps/card-kind:"

#define JM_TYPE_CANVAS (jm_canvas_get_type ())
G_DECLARE_FINAL_TYPE (JmCanvas, jm_canvas, JM, CANVAS, GtkWidget)

GtkWidget   *jm_canvas_new                (void);
/* The history whose document is shown and edited (property "history"). */
JmHistory   *jm_canvas_get_history        (JmCanvas           *self);
void         jm_canvas_set_history        (JmCanvas           *self,
                                           JmHistory          *history);
/* Borrowed; NULL without a history. */
JmDocument  *jm_canvas_get_document       (JmCanvas           *self);
JmLayout    *jm_canvas_get_layout         (JmCanvas           *self);
JmTheme     *jm_canvas_get_theme          (JmCanvas           *self);

/* "zoom": device-independent pixels per document unit, JM_CANVAS_ZOOM_MIN…MAX. */
double       jm_canvas_get_zoom           (JmCanvas           *self);
void         jm_canvas_set_zoom           (JmCanvas           *self,
                                           double              zoom);
/* Zooms keeping the document point under widget point (x, y) in place. */
void         jm_canvas_zoom_at            (JmCanvas           *self,
                                           double              zoom,
                                           double              x,
                                           double              y);
/* Fits the whole map in the visible area (never above 100 %). */
void         jm_canvas_zoom_fit           (JmCanvas           *self);

/* "theme-kind": JM_CANVAS_THEME_AUTO (the default: light/dark/high contrast from the desktop)
 * or a fixed JmThemeKind (projector mode uses JM_THEME_CONTRAST). */
JmThemeKind  jm_canvas_get_theme_kind     (JmCanvas           *self);
void         jm_canvas_set_theme_kind     (JmCanvas           *self,
                                           JmThemeKind         kind);
/* "text-scale": the theme's scale-text (projector mode), 0.5…4. */
double       jm_canvas_get_text_scale     (JmCanvas           *self);
void         jm_canvas_set_text_scale     (JmCanvas           *self,
                                           double              scale);

/* Selection: ids of cards, connections, stages or lanes. "selection-changed" is emitted after
 * every change (including elements disappearing from the document). */
char       **jm_canvas_get_selection      (JmCanvas           *self);
gboolean     jm_canvas_is_selected        (JmCanvas           *self,
                                           const char         *id);
void         jm_canvas_select_ids         (JmCanvas           *self,
                                           const char * const *ids);
void         jm_canvas_clear_selection    (JmCanvas           *self);
/* Scrolls so the element (card, stage, lane or connection) is visible. */
void         jm_canvas_scroll_to_element  (JmCanvas           *self,
                                           const char         *id);

/* Role lens: cards not tagged with role_id are dimmed (NULL = off). */
void         jm_canvas_set_role_lens      (JmCanvas           *self,
                                           const char         *role_id);
const char  *jm_canvas_get_role_lens      (JmCanvas           *self);
/* Projector spotlight: other stages are dimmed (−1 = off). */
void         jm_canvas_set_spotlight_stage (JmCanvas          *self,
                                            int                stage);
int          jm_canvas_get_spotlight_stage (JmCanvas          *self);

/* Adds a card of a kind (touchpoints: with a channel, or −1 for the default) to the current
 * cell — the selected card's cell, the focused cell, or the first lane of the selected stage
 * that accepts the kind — and opens its inline editor. FALSE if there is no such cell. */
gboolean     jm_canvas_add_card_of_kind   (JmCanvas           *self,
                                           JmCardKind          kind,
                                           int                 channel);

/* Parses a palette drag string (JM_CANVAS_CARD_KIND_PREFIX…). channel is −1 when absent. */
gboolean     jm_canvas_parse_card_kind    (const char         *text,
                                           JmCardKind         *kind,
                                           int                *channel);

/* TRUE while the inline editor (card text, header title) is open. */
gboolean     jm_canvas_is_editing         (JmCanvas           *self);

G_END_DECLS
