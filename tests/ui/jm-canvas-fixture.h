/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-canvas-fixture.h: what the canvas UI tests share — a window with the card palette and a
 * canvas on the sample map (its own history), and helpers that find stages, lanes, cells and
 * cards by the model and their rectangles in canvas widget coordinates. */
#pragma once

#include <adwaita.h>

#include "jm-canvas-private.h"
#include "jm-card-palette.h"
#include "jm-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  GtkWidget     *window;
  GtkWidget     *scroller;
  JmCanvas      *canvas;
  JmCardPalette *palette;
  JmHistory     *history;
  JmDocument    *document;
} Fixture;

/* Model helpers */

/* The map saved to bytes, to compare before and after. */
GBytes          *save            (Fixture          *f);
/* The index of the first lane of kind. */
int              lane_of_kind    (Fixture          *f,
                                  JmLaneKind        kind);
/* The cards of a cell (borrowed), or NULL. */
GPtrArray       *cell            (Fixture          *f,
                                  guint             stage,
                                  guint             lane);
JmCard          *card_at         (Fixture          *f,
                                  guint             stage,
                                  guint             lane,
                                  guint             index);
const char      *stage_id        (Fixture          *f,
                                  guint             stage);

/* Geometry, in canvas widget coordinates */

void             to_widget       (Fixture          *f,
                                  const JmRect     *doc,
                                  graphene_rect_t  *out);
void             card_center     (Fixture          *f,
                                  const char       *card_id,
                                  double           *x,
                                  double           *y);
void             cell_rect       (Fixture          *f,
                                  guint             stage,
                                  guint             lane,
                                  graphene_rect_t  *out);
/* A point in an empty part of a cell of a lane holding text cards, scrolled into view. */
gboolean         find_empty_spot (Fixture          *f,
                                  guint            *stage,
                                  guint            *lane,
                                  double           *x,
                                  double           *y);

/* Fixture: the sample map in a new window (palette + canvas), shown and focused; gtk-double-
 * click-time is 0, so only jm_test_double_click_at() makes double clicks. */
void             fixture_set_up    (Fixture        *f,
                                    gconstpointer   data);
void             fixture_tear_down (Fixture        *f,
                                    gconstpointer   data);

/* main(): jm_test_init() and a check for an X11 display. 0, or what main() returns (77: no
 * display, skipped; 1: not X11). */
int              canvas_test_init  (int            *argc,
                                    char         ***argv);
/* Registers test func as /ui/canvas/path, with the fixture. */
#define CANVAS_TEST_ADD(path, func) \
  g_test_add ("/ui/canvas/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

G_END_DECLS
