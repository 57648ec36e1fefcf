/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmProjector: projector mode of a window, for a cross-functional workshop (F5).
 *
 * Entering makes the window fullscreen without its header bar, side panel and what else sits
 * beside the canvas (the card palette), and draws the map in the high-contrast theme with its
 * text enlarged so that no text is smaller than JM_PROJECTOR_MIN_TEXT_PX pixels (24 px:
 * readable from the back of a room on a 1024×768 projector). A spotlight dims every stage but one and moves stage by stage: PageDown, Right,
 * Down, Space → next; PageUp, Left, Up, BackSpace → previous (presenter clickers send
 * PageUp/PageDown); Home/End → first/last. A small box in a corner says "Stage N of M" and,
 * after T, how long the session has run. Escape leaves and restores the window as it was.
 *
 * The canvas stays editable (a card can be added during the discussion, and undone): while
 * its inline editor is open the keys above go to the editor. */
#pragma once

#include <gtk/gtk.h>

#include "jm-canvas.h"

G_BEGIN_DECLS

#define JM_PROJECTOR_MIN_TEXT_PX 24.0

#define JM_TYPE_PROJECTOR (jm_projector_get_type ())
G_DECLARE_FINAL_TYPE (JmProjector, jm_projector, JM, PROJECTOR, GObject)

/* Projector mode for window: hides header_bar and sidebar while active, drives canvas, and
 * shows its box in overlay (which holds the canvas). Weak references to all of them. */
JmProjector *jm_projector_new               (GtkWindow   *window,
                                             GtkWidget   *header_bar,
                                             GtkWidget   *sidebar,
                                             JmCanvas    *canvas,
                                             GtkOverlay  *overlay);

/* "active" */
gboolean     jm_projector_get_active        (JmProjector *self);
void         jm_projector_set_active        (JmProjector *self,
                                             gboolean     active);
/* "stage": the stage in the spotlight, 0 … stages − 1 (−1 while inactive or without
 * stages). Clamped. */
int          jm_projector_get_stage         (JmProjector *self);
void         jm_projector_set_stage         (JmProjector *self,
                                             int          stage);
void         jm_projector_next              (JmProjector *self);
void         jm_projector_previous          (JmProjector *self);
/* "timer-visible": the session time in the box (T). */
gboolean     jm_projector_get_timer_visible (JmProjector *self);
void         jm_projector_set_timer_visible (JmProjector *self,
                                             gboolean     visible);
/* The text of the box, e.g. "Stage 2 of 8 · Research" (for tests). */
const char  *jm_projector_get_status_text   (JmProjector *self);

G_END_DECLS
