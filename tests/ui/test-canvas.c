/* SPDX-License-Identifier: GPL-3.0-or-later */
/* UI tests of JmCanvas and JmCardPalette, driven through the X server with XTEST: real pointer
 * motion, buttons and keys, so the gestures, bindings and drag and drop are what is tested.
 * Each test shows the sample map in its own window and checks the model (by ids, through the
 * document), the undo history and the view's adjustments. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <X11/keysym.h>

#include "jm-canvas-private.h"
#include "jm-card-palette.h"
#include "jm-test-util.h"

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

static GBytes *
save (Fixture *f)
{
  return jm_json_save_bytes (f->document);
}

static int
lane_of_kind (Fixture    *f,
              JmLaneKind  kind)
{
  for (guint l = 0; l < jm_document_get_n_lanes (f->document); l++)
    if (jm_lane_get_kind (jm_document_get_lane (f->document, l)) == kind)
      return l;

  g_assert_not_reached ();
  return -1;
}

static GPtrArray *
cell (Fixture *f,
      guint    stage,
      guint    lane)
{
  JmStage *st = jm_document_get_stage (f->document, stage);
  JmLane *ln = jm_document_get_lane (f->document, lane);

  return jm_document_get_cell (f->document, jm_element_get_id (JM_ELEMENT (st)),
                               jm_element_get_id (JM_ELEMENT (ln)));
}

static JmCard *
card_at (Fixture *f,
         guint    stage,
         guint    lane,
         guint    index)
{
  GPtrArray *cards = cell (f, stage, lane);

  g_assert_nonnull (cards);
  g_assert_cmpuint (index, <, cards->len);
  return g_ptr_array_index (cards, index);
}

static const char *
stage_id (Fixture *f,
          guint    stage)
{
  return jm_element_get_id (JM_ELEMENT (jm_document_get_stage (f->document, stage)));
}

/* Geometry, in canvas widget coordinates */

static void
to_widget (Fixture      *f,
           const JmRect *doc,
           graphene_rect_t *out)
{
  jm_layout_update (jm_canvas_get_layout (f->canvas), NULL);
  jm_canvas_doc_to_widget_rect (f->canvas, doc, out);
}

static void
card_center (Fixture    *f,
             const char *card_id,
             double     *x,
             double     *y)
{
  JmRect r;
  graphene_rect_t w;

  g_assert_true (jm_layout_get_card_rect (jm_canvas_get_layout (f->canvas), card_id, &r));
  to_widget (f, &r, &w);
  *x = w.origin.x + w.size.width / 2;
  *y = w.origin.y + w.size.height / 2;
}

static void
cell_rect (Fixture         *f,
           guint            stage,
           guint            lane,
           graphene_rect_t *out)
{
  JmRect r;

  g_assert_true (jm_layout_get_cell_rect (jm_canvas_get_layout (f->canvas), stage, lane, &r));
  to_widget (f, &r, out);
}

/* Fixture */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box;
  GtkWidget *palette_scroller;

  f->document = jm_test_new_sample ("en");
  f->history = jm_history_new (f->document);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1240, 860);
  gtk_window_set_decorated (GTK_WINDOW (f->window), FALSE);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  f->palette = JM_CARD_PALETTE (jm_card_palette_new ());
  palette_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (palette_scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (palette_scroller), GTK_WIDGET (f->palette));
  gtk_widget_set_size_request (palette_scroller, 180, -1);
  gtk_box_append (GTK_BOX (box), palette_scroller);

  f->canvas = JM_CANVAS (jm_canvas_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (f->canvas), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (f->canvas), TRUE);
  f->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (f->scroller), GTK_WIDGET (f->canvas));
  gtk_widget_set_hexpand (f->scroller, TRUE);
  gtk_box_append (GTK_BOX (box), f->scroller);
  gtk_window_set_child (GTK_WINDOW (f->window), box);

  jm_canvas_set_history (f->canvas, f->history);
  jm_card_palette_set_canvas (f->palette, f->canvas);

  /* Clicks are never taken for a double click by their timing; the double click test
   * allows one. */
  g_object_set (gtk_settings_get_default (), "gtk-double-click-time", 0, NULL);

  jm_test_present_and_wait (GTK_WINDOW (f->window), GTK_WIDGET (f->canvas), 600, 400);
  jm_test_focus_window (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* Release anything a failed test left pressed. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  jm_test_sync ();
  g_clear_object (&f->history);
  g_assert_finalize_object (f->document);
}

/* Tests */

static void
test_drag_card_to_stage (Fixture       *f,
                         gconstpointer  data)
{
  int lane = lane_of_kind (f, JM_LANE_KIND_BEHAVIOUR);
  JmCard *card = card_at (f, 0, lane, 0);
  g_autofree char *id = g_strdup (jm_element_get_id (JM_ELEMENT (card)));
  JmCard *target = card_at (f, 2, lane, 0);
  g_autoptr(GBytes) before = save (f);
  g_autoptr(GBytes) after_undo = NULL;
  double x0, y0, x1, y1;

  g_assert_cmpint (jm_document_index_of (f->document, JM_ELEMENT (card)), ==, 0);

  /* Onto the lower half of the first card of stage 3: after it, at index 1. */
  card_center (f, id, &x0, &y0);
  card_center (f, jm_element_get_id (JM_ELEMENT (target)), &x1, &y1);
  jm_test_drag_to (GTK_WIDGET (f->canvas), 1, x0, y0, x1, y1 + 12, FALSE);
  jm_test_sync ();

  g_assert_cmpstr (jm_card_get_stage (card), ==, stage_id (f, 2));
  g_assert_cmpstr (jm_card_get_lane (card), ==,
                   jm_element_get_id (JM_ELEMENT (jm_document_get_lane (f->document, lane))));
  g_assert_cmpint (jm_document_index_of (f->document, JM_ELEMENT (card)), ==, 1);
  g_assert_true (jm_canvas_is_selected (f->canvas, id));
  g_assert_false (jm_canvas_is_dragging (f->canvas));

  /* One undo step. */
  g_assert_true (jm_history_undo (f->history));
  g_assert_cmpstr (jm_card_get_stage (card), ==, stage_id (f, 0));
  g_assert_cmpint (jm_document_index_of (f->document, JM_ELEMENT (card)), ==, 0);
  after_undo = save (f);
  jm_test_assert_bytes_equal (before, after_undo);
}

static void
test_drag_many_cards (Fixture       *f,
                      gconstpointer  data)
{
  int lane = lane_of_kind (f, JM_LANE_KIND_TOUCHPOINTS);
  JmCard *a = card_at (f, 0, lane, 0);
  JmCard *b = card_at (f, 0, lane, 2);
  JmCard *first = card_at (f, 1, lane, 0);
  double x0, y0, x1, y1, bx, by;

  /* Click a, Ctrl+click b, drag a to the top half of stage 2's first card: both go before it,
   * in their order. */
  card_center (f, jm_element_get_id (JM_ELEMENT (a)), &x0, &y0);
  card_center (f, jm_element_get_id (JM_ELEMENT (b)), &bx, &by);
  jm_test_click_at (GTK_WIDGET (f->canvas), x0, y0);
  jm_test_focus_window (f->window);
  jm_test_key_event (XK_Control_L, TRUE);
  jm_test_click_at (GTK_WIDGET (f->canvas), bx, by);
  jm_test_key_event (XK_Control_L, FALSE);
  jm_test_sync ();
  g_assert_true (jm_canvas_is_selected (f->canvas, jm_element_get_id (JM_ELEMENT (a))));
  g_assert_true (jm_canvas_is_selected (f->canvas, jm_element_get_id (JM_ELEMENT (b))));

  card_center (f, jm_element_get_id (JM_ELEMENT (first)), &x1, &y1);
  jm_test_drag_to (GTK_WIDGET (f->canvas), 1, x0, y0, x1, y1 - 12, FALSE);
  jm_test_sync ();

  g_assert_cmpstr (jm_card_get_stage (a), ==, stage_id (f, 1));
  g_assert_cmpstr (jm_card_get_stage (b), ==, stage_id (f, 1));
  g_assert_cmpint (jm_document_index_of (f->document, JM_ELEMENT (a)), ==, 0);
  g_assert_cmpint (jm_document_index_of (f->document, JM_ELEMENT (b)), ==, 1);
  g_assert_cmpint (jm_document_index_of (f->document, JM_ELEMENT (first)), ==, 2);

  g_assert_true (jm_history_undo (f->history));
  g_assert_cmpstr (jm_card_get_stage (a), ==, stage_id (f, 0));
  g_assert_cmpstr (jm_card_get_stage (b), ==, stage_id (f, 0));
  g_assert_cmpint (jm_document_index_of (f->document, JM_ELEMENT (b)), ==, 2);
}

static void
test_drag_escape_cancels (Fixture       *f,
                          gconstpointer  data)
{
  int lane = lane_of_kind (f, JM_LANE_KIND_BEHAVIOUR);
  JmCard *card = card_at (f, 0, lane, 0);
  JmCard *target = card_at (f, 2, lane, 0);
  g_autoptr(GBytes) before = save (f);
  g_autoptr(GBytes) after = NULL;
  double x0, y0, x1, y1;

  card_center (f, jm_element_get_id (JM_ELEMENT (card)), &x0, &y0);
  card_center (f, jm_element_get_id (JM_ELEMENT (target)), &x1, &y1);
  jm_test_drag_to (GTK_WIDGET (f->canvas), 1, x0, y0, x1, y1, TRUE);

  /* The preview shows where it would land. */
  g_assert_true (jm_canvas_is_dragging (f->canvas));
  g_assert_cmpint (f->canvas->drop_stage, ==, 2);
  g_assert_cmpint (f->canvas->drop_lane, ==, lane);

  jm_test_send_key (f->window, 0, 0, XK_Escape);
  g_assert_false (jm_canvas_is_dragging (f->canvas));
  g_assert_cmpint (f->canvas->drop_stage, ==, -1);
  jm_test_button (1, FALSE);
  jm_test_sync ();

  g_assert_cmpstr (jm_card_get_stage (card), ==, stage_id (f, 0));
  g_assert_false (jm_history_get_can_undo (f->history));
  after = save (f);
  jm_test_assert_bytes_equal (before, after);
}

static void
test_drag_refused_by_typed_lane (Fixture       *f,
                                 gconstpointer  data)
{
  int lane = lane_of_kind (f, JM_LANE_KIND_BEHAVIOUR);
  int other = lane_of_kind (f, JM_LANE_KIND_TOUCHPOINTS);
  JmCard *card = card_at (f, 0, lane, 0);
  g_autoptr(GBytes) before = save (f);
  g_autoptr(GBytes) after = NULL;
  graphene_rect_t r;
  double x0, y0;

  card_center (f, jm_element_get_id (JM_ELEMENT (card)), &x0, &y0);
  cell_rect (f, 1, other, &r);
  jm_test_drag_to (GTK_WIDGET (f->canvas), 1, x0, y0, r.origin.x + r.size.width / 2,
           r.origin.y + r.size.height / 2, TRUE);
  g_assert_true (jm_canvas_is_dragging (f->canvas));
  /* No insertion mark where the card may not go. */
  g_assert_cmpint (f->canvas->drop_stage, ==, -1);
  g_assert_false (f->canvas->drop_ok);
  jm_test_button (1, FALSE);
  jm_test_sync ();

  after = save (f);
  jm_test_assert_bytes_equal (before, after);
}

static void
test_reorder_stage (Fixture       *f,
                    gconstpointer  data)
{
  JmStage *stage = jm_document_get_stage (f->document, 0);
  g_autofree char *id = g_strdup (jm_element_get_id (JM_ELEMENT (stage)));
  JmLayout *layout = jm_canvas_get_layout (f->canvas);
  g_autoptr(GBytes) before = save (f);
  g_autoptr(GBytes) after = NULL;
  JmRect r0, r2;
  graphene_rect_t w0, w2;

  jm_layout_get_stage_header_rect (layout, 0, &r0);
  jm_layout_get_stage_header_rect (layout, 2, &r2);
  to_widget (f, &r0, &w0);
  to_widget (f, &r2, &w2);

  jm_test_drag_to (GTK_WIDGET (f->canvas), 1,
           w0.origin.x + w0.size.width / 2, w0.origin.y + 30,
           w2.origin.x + w2.size.width / 2, w2.origin.y + 30, FALSE);
  jm_test_sync ();

  g_assert_cmpint (jm_document_index_of (f->document, JM_ELEMENT (stage)), ==, 2);
  g_assert_cmpstr (stage_id (f, 2), ==, id);

  /* The whole drag is one step. */
  g_assert_true (jm_history_undo (f->history));
  g_assert_false (jm_history_get_can_undo (f->history));
  g_assert_cmpint (jm_document_index_of (f->document, JM_ELEMENT (stage)), ==, 0);
  after = save (f);
  jm_test_assert_bytes_equal (before, after);
}

static void
test_reorder_stage_escape (Fixture       *f,
                           gconstpointer  data)
{
  JmStage *stage = jm_document_get_stage (f->document, 0);
  JmLayout *layout = jm_canvas_get_layout (f->canvas);
  g_autoptr(GBytes) before = save (f);
  g_autoptr(GBytes) after = NULL;
  JmRect r0, r2;
  graphene_rect_t w0, w2;

  jm_layout_get_stage_header_rect (layout, 0, &r0);
  jm_layout_get_stage_header_rect (layout, 2, &r2);
  to_widget (f, &r0, &w0);
  to_widget (f, &r2, &w2);

  jm_test_drag_to (GTK_WIDGET (f->canvas), 1,
           w0.origin.x + w0.size.width / 2, w0.origin.y + 30,
           w2.origin.x + w2.size.width / 2, w2.origin.y + 30, TRUE);
  /* Applied live while dragging… */
  g_assert_cmpint (jm_document_index_of (f->document, JM_ELEMENT (stage)), ==, 2);
  /* …and rolled back by Escape. */
  jm_test_send_key (f->window, 0, 0, XK_Escape);
  jm_test_button (1, FALSE);
  jm_test_sync ();

  g_assert_cmpint (jm_document_index_of (f->document, JM_ELEMENT (stage)), ==, 0);
  g_assert_false (jm_history_get_can_undo (f->history));
  after = save (f);
  jm_test_assert_bytes_equal (before, after);
}

static void
test_reorder_lane (Fixture       *f,
                   gconstpointer  data)
{
  JmLane *lane = jm_document_get_lane (f->document, 0);
  JmLayout *layout = jm_canvas_get_layout (f->canvas);
  JmRect r0, r1;
  graphene_rect_t w0, w1;

  jm_layout_get_lane_header_rect (layout, 0, &r0);
  jm_layout_get_lane_header_rect (layout, 1, &r1);
  to_widget (f, &r0, &w0);
  to_widget (f, &r1, &w1);

  jm_test_drag_to (GTK_WIDGET (f->canvas), 1,
           w0.origin.x + 40, w0.origin.y + 20,
           w1.origin.x + 40, w1.origin.y + w1.size.height / 2, FALSE);
  jm_test_sync ();

  g_assert_cmpint (jm_document_index_of (f->document, JM_ELEMENT (lane)), ==, 1);
  g_assert_true (jm_history_undo (f->history));
  g_assert_cmpint (jm_document_index_of (f->document, JM_ELEMENT (lane)), ==, 0);
}

/* A point in an empty part of a cell of a lane holding text cards, scrolled into view. */
static gboolean
find_empty_spot (Fixture *f,
                 guint   *stage,
                 guint   *lane,
                 double  *x,
                 double  *y)
{
  JmLayout *layout = jm_canvas_get_layout (f->canvas);
  const JmThemeSizes *sizes = jm_theme_get_sizes (jm_canvas_get_theme (f->canvas));

  for (guint l = 0; l < jm_document_get_n_lanes (f->document); l++)
    {
      if (jm_lane_get_kind (jm_document_get_lane (f->document, l)) == JM_LANE_KIND_EMOTIONS)
        continue;
      for (guint s = 0; s < jm_document_get_n_stages (f->document); s++)
        {
          GPtrArray *cards = cell (f, s, l);
          guint n = cards != NULL ? cards->len : 0;
          JmRect r, spot;
          graphene_rect_t w;

          g_assert_true (jm_layout_get_cell_rect (layout, s, l, &r));
          spot.x = r.x + sizes->cell_padding;
          spot.width = r.width - 2 * sizes->cell_padding;
          spot.y = r.y + sizes->cell_padding + n * (sizes->card_height + sizes->card_gap);
          spot.height = sizes->card_height;
          if (spot.y + spot.height > r.y + r.height)
            continue;

          jm_canvas_scroll_to_rect (f->canvas, &spot);
          jm_test_sync ();
          to_widget (f, &spot, &w);
          *x = w.origin.x + w.size.width / 2;
          *y = w.origin.y + w.size.height / 2;
          if (jm_canvas_hit_test (f->canvas, *x, *y).kind != JM_HIT_CELL)
            continue;
          *stage = s;
          *lane = l;
          return TRUE;
        }
    }

  return FALSE;
}

static void
test_double_click_new_card (Fixture       *f,
                            gconstpointer  data)
{
  guint n_cards = jm_document_get_n_cards (f->document);
  g_autoptr(GBytes) before = save (f);
  g_autoptr(GBytes) after = NULL;
  guint stage, lane;
  GPtrArray *cards;
  JmCard *card;
  double x, y;

  g_assert_true (find_empty_spot (f, &stage, &lane, &x, &y));
  g_assert_cmpint (jm_canvas_hit_test (f->canvas, x, y).kind, ==, JM_HIT_CELL);

  jm_test_double_click_at (GTK_WIDGET (f->canvas), x, y);
  g_assert_true (jm_canvas_is_editing (f->canvas));
  g_assert_true (gtk_widget_has_focus (f->canvas->editor));

  /* Typing goes to the editor: Delete/BackSpace edit text, never delete cards. */
  jm_test_type_text (f->window, "first stepx");
  jm_test_send_key (f->window, 0, 0, XK_BackSpace);
  jm_test_send_key (f->window, 0, 0, XK_Delete);
  g_assert_cmpuint (jm_document_get_n_cards (f->document), ==, n_cards);
  jm_test_send_key (f->window, 0, 0, XK_Return);

  g_assert_false (jm_canvas_is_editing (f->canvas));
  g_assert_cmpuint (jm_document_get_n_cards (f->document), ==, n_cards + 1);
  cards = cell (f, stage, lane);
  g_assert_nonnull (cards);
  card = g_ptr_array_index (cards, cards->len - 1);
  g_assert_cmpstr (jm_card_get_text (card), ==, "first step");
  g_assert_cmpint (jm_card_get_kind (card), ==,
                   jm_lane_kind_default_card_kind (
                     jm_lane_get_kind (jm_document_get_lane (f->document, lane))));

  /* The new card and its text are one undo step. */
  g_assert_true (jm_history_undo (f->history));
  g_assert_false (jm_history_get_can_undo (f->history));
  g_assert_cmpuint (jm_document_get_n_cards (f->document), ==, n_cards);
  after = save (f);
  jm_test_assert_bytes_equal (before, after);
}

static void
test_edit_card_text (Fixture       *f,
                     gconstpointer  data)
{
  int lane = lane_of_kind (f, JM_LANE_KIND_BEHAVIOUR);
  JmCard *card = card_at (f, 1, lane, 0);
  g_autofree char *old = g_strdup (jm_card_get_text (card));
  double x, y;

  card_center (f, jm_element_get_id (JM_ELEMENT (card)), &x, &y);
  jm_test_click_at (GTK_WIDGET (f->canvas), x, y);
  jm_test_sync ();
  g_assert_true (jm_canvas_is_selected (f->canvas, jm_element_get_id (JM_ELEMENT (card))));

  /* F2 edits; Escape cancels. */
  jm_test_send_key (f->window, 0, 0, XK_F2);
  g_assert_true (jm_canvas_is_editing (f->canvas));
  jm_test_type_text (f->window, "zzz");
  jm_test_send_key (f->window, 0, 0, XK_Escape);
  g_assert_false (jm_canvas_is_editing (f->canvas));
  g_assert_cmpstr (jm_card_get_text (card), ==, old);

  /* Enter edits; the text is selected, so typing replaces it; Shift+Enter is a new line. */
  jm_test_send_key (f->window, 0, 0, XK_Return);
  g_assert_true (jm_canvas_is_editing (f->canvas));
  /* A click inside the editor is the editor's (it places the cursor, keeps editing). */
  {
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (f->canvas->editor, GTK_WIDGET (f->canvas), &bounds));
    jm_test_click_at (GTK_WIDGET (f->canvas), bounds.origin.x + 20, bounds.origin.y + 10);
    jm_test_sync ();
    g_assert_true (jm_canvas_is_editing (f->canvas));
    jm_test_send_key (f->window, XK_Control_L, 0, XK_a);
  }
  jm_test_type_text (f->window, "one");
  jm_test_send_key (f->window, XK_Shift_L, 0, XK_Return);
  jm_test_type_text (f->window, "two");
  jm_test_send_key (f->window, 0, 0, XK_Return);
  g_assert_false (jm_canvas_is_editing (f->canvas));
  g_assert_cmpstr (jm_card_get_text (card), ==, "one\ntwo");

  g_assert_true (jm_history_undo (f->history));
  g_assert_cmpstr (jm_card_get_text (card), ==, old);
}

static void
test_zoom_and_pan_keep_model (Fixture       *f,
                              gconstpointer  data)
{
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas));
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas));
  g_autoptr(GBytes) before = save (f);
  g_autoptr(GBytes) after = NULL;
  double upper = gtk_adjustment_get_upper (h);
  double zoom;
  graphene_rect_t r;
  guint s, l;
  double x, y;

  g_assert_cmpfloat (jm_canvas_get_zoom (f->canvas), ==, 1.0);

  /* Focus the canvas with a click on an empty spot. */
  g_assert_true (find_empty_spot (f, &s, &l, &x, &y));
  jm_test_click_at (GTK_WIDGET (f->canvas), x, y);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->canvas)));

  jm_test_send_key (f->window, XK_Control_L, 0, XK_plus);
  zoom = jm_canvas_get_zoom (f->canvas);
  g_assert_cmpfloat (zoom, >, 1.0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), >, upper);

  jm_test_send_key (f->window, XK_Control_L, 0, XK_minus);
  g_assert_cmpfloat (fabs (jm_canvas_get_zoom (f->canvas) - 1.0), <, 1e-6);

  /* Ctrl+wheel zooms around the pointer. */
  cell_rect (f, 1, 1, &r);
  jm_test_pointer_to (GTK_WIDGET (f->canvas), r.origin.x + 20, r.origin.y + 20);
  {
    double dx, dy;
    JmRect d;
    graphene_rect_t w;

    jm_canvas_widget_to_doc (f->canvas, r.origin.x + 20, r.origin.y + 20, &dx, &dy);
    jm_test_focus_window (f->window);
    jm_test_key_event (XK_Control_L, TRUE);
    jm_test_button (4, TRUE);
    jm_test_button (4, FALSE);
    jm_test_key_event (XK_Control_L, FALSE);
    jm_test_sync ();
    g_assert_cmpfloat (jm_canvas_get_zoom (f->canvas), >, 1.0);

    /* The document point under the pointer stayed there. */
    d = (JmRect) { dx, dy, 0, 0 };
    to_widget (f, &d, &w);
    g_assert_cmpfloat (fabs (w.origin.x - (r.origin.x + 20)), <, 2);
    g_assert_cmpfloat (fabs (w.origin.y - (r.origin.y + 20)), <, 2);
  }

  /* Ctrl+0 fits the map (never above 100 %). */
  jm_test_send_key (f->window, XK_Control_L, 0, XK_0);
  g_assert_cmpfloat (jm_canvas_get_zoom (f->canvas), <, 1.0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), <=, gtk_adjustment_get_page_size (h) + 1);
  jm_test_send_key (f->window, XK_Control_L, 0, XK_1);
  g_assert_cmpfloat (jm_canvas_get_zoom (f->canvas), ==, 1.0);

  /* Middle-drag pans. */
  gtk_adjustment_set_value (h, 0);
  gtk_adjustment_set_value (v, 0);
  jm_test_sync ();
  jm_test_drag_to (GTK_WIDGET (f->canvas), 2, 700, 500, 500, 350, FALSE);
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (h) - 200), <, 3);
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (v) - 150), <, 3);

  /* Space + drag pans too, even over a card. */
  gtk_adjustment_set_value (h, 0);
  gtk_adjustment_set_value (v, 0);
  jm_test_sync ();
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->canvas)));
  {
    JmCard *card = card_at (f, 1, lane_of_kind (f, JM_LANE_KIND_BEHAVIOUR), 0);
    double cx, cy;

    card_center (f, jm_element_get_id (JM_ELEMENT (card)), &cx, &cy);
    jm_test_focus_window (f->window);
    jm_test_key_event (XK_space, TRUE);
    jm_test_drag_to (GTK_WIDGET (f->canvas), 1, cx, cy, cx - 100, cy - 50, FALSE);
    jm_test_key_event (XK_space, FALSE);
    g_assert_cmpfloat (fabs (gtk_adjustment_get_value (h) - 100), <, 3);
    g_assert_cmpfloat (fabs (gtk_adjustment_get_value (v) - 50), <, 3);
    g_assert_cmpstr (jm_card_get_stage (card), ==, stage_id (f, 1));
  }

  /* Plain wheel scrolls (the scrolled window's). */
  {
    double before_wheel = gtk_adjustment_get_value (v);

    jm_test_pointer_to (GTK_WIDGET (f->canvas), 600, 400);
    jm_test_button (5, TRUE);
    jm_test_button (5, FALSE);
    jm_test_sync ();
    g_assert_cmpfloat (gtk_adjustment_get_value (v), >, before_wheel);
  }

  after = save (f);
  jm_test_assert_bytes_equal (before, after);
  g_assert_false (jm_history_get_can_undo (f->history));
}

static GtkWidget *
find_palette_item (GtkWidget  *widget,
                   JmCardKind  kind,
                   int         channel)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      /* Items carry their kind + 1 and channel + 1. */
      int item_kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "jm-card-kind")) - 1;
      int item_channel = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "jm-channel")) - 1;

      if (GTK_IS_BUTTON (child) && item_kind >= 0 && item_kind == (int) kind &&
          item_channel == channel)
        return child;
      found = find_palette_item (child, kind, channel);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Drags from a palette item to canvas point (x, y), with real pointer input. */
static void
palette_drag (Fixture    *f,
              GtkWidget  *item,
              double      x,
              double      y)
{
  int ix = gtk_widget_get_width (item) / 2, iy = gtk_widget_get_height (item) / 2;
  int rx, ry, cx, cy;

  jm_test_widget_to_root (item, ix, iy, &rx, &ry);
  jm_test_widget_to_root (GTK_WIDGET (f->canvas), x, y, &cx, &cy);

  jm_test_pointer_to (item, ix, iy);
  jm_test_button (1, TRUE);
  for (guint i = 1; i <= 20; i++)
    {
      jm_test_pointer_to_root (rx + (cx - rx) * i / 20, ry + (cy - ry) * i / 20);
      jm_test_sync ();
    }
  jm_test_sync ();
}

static void
test_palette_drop (Fixture       *f,
                   gconstpointer  data)
{
  int behaviour = lane_of_kind (f, JM_LANE_KIND_BEHAVIOUR);
  int pains = lane_of_kind (f, JM_LANE_KIND_PAIN_POINTS);
  guint n_cards = jm_document_get_n_cards (f->document);
  g_autoptr(GBytes) before = save (f);
  g_autoptr(GBytes) after = NULL;
  GtkWidget *item;
  graphene_rect_t r;
  GPtrArray *cards;
  JmCard *card;

  item = find_palette_item (GTK_WIDGET (f->palette), JM_CARD_KIND_PAIN_POINT, -1);
  g_assert_nonnull (item);

  /* Over the behaviour lane: refused (no insertion mark), and dropping does nothing. */
  cell_rect (f, 1, behaviour, &r);
  palette_drag (f, item, r.origin.x + r.size.width / 2, r.origin.y + r.size.height - 10);
  g_assert_cmpint (f->canvas->drop_stage, ==, -1);
  jm_test_button (1, FALSE);
  jm_test_sync ();
  g_assert_false (jm_canvas_is_editing (f->canvas));
  g_assert_cmpuint (jm_document_get_n_cards (f->document), ==, n_cards);
  after = save (f);
  jm_test_assert_bytes_equal (before, after);

  /* Over the pain points lane: accepted; the new card gets an editor; Enter makes it. */
  jm_canvas_scroll_to_element (f->canvas,
                               jm_element_get_id (JM_ELEMENT (jm_document_get_lane (f->document,
                                                                                    pains))));
  jm_test_sync ();
  cell_rect (f, 1, pains, &r);
  palette_drag (f, item, r.origin.x + r.size.width / 2, r.origin.y + r.size.height - 10);
  g_assert_cmpint (f->canvas->drop_stage, ==, 1);
  g_assert_cmpint (f->canvas->drop_lane, ==, pains);
  jm_test_button (1, FALSE);
  jm_test_sync ();
  g_assert_true (jm_canvas_is_editing (f->canvas));
  jm_test_type_text (f->window, "slow onboarding");
  jm_test_send_key (f->window, 0, 0, XK_Return);

  g_assert_cmpuint (jm_document_get_n_cards (f->document), ==, n_cards + 1);
  cards = cell (f, 1, pains);
  card = g_ptr_array_index (cards, cards->len - 1);
  g_assert_cmpint (jm_card_get_kind (card), ==, JM_CARD_KIND_PAIN_POINT);
  g_assert_cmpstr (jm_card_get_text (card), ==, "slow onboarding");
  g_assert_true (jm_history_undo (f->history));
  g_assert_cmpuint (jm_document_get_n_cards (f->document), ==, n_cards);
}

static void
test_palette_click_channel (Fixture       *f,
                            gconstpointer  data)
{
  int touchpoints = lane_of_kind (f, JM_LANE_KIND_TOUCHPOINTS);
  JmCard *card = card_at (f, 1, touchpoints, 0);
  guint n_cards = jm_document_get_n_cards (f->document);
  GtkWidget *item = find_palette_item (GTK_WIDGET (f->palette), JM_CARD_KIND_TOUCHPOINT,
                                       JM_CHANNEL_WEBINAR);
  JmCard *made;
  double x, y;

  g_assert_nonnull (item);

  card_center (f, jm_element_get_id (JM_ELEMENT (card)), &x, &y);
  jm_test_click_at (GTK_WIDGET (f->canvas), x, y);
  /* Clicking an item adds that card after the selected one (even a channel item hidden in
   * the unfolded list: activate it as a click would). */
  g_signal_emit_by_name (item, "clicked");
  jm_test_sync ();
  g_assert_true (jm_canvas_is_editing (f->canvas));
  jm_test_type_text (f->window, "live demo");
  jm_test_send_key (f->window, 0, 0, XK_Return);

  g_assert_cmpuint (jm_document_get_n_cards (f->document), ==, n_cards + 1);
  made = card_at (f, 1, touchpoints, 1);
  g_assert_cmpstr (jm_card_get_text (made), ==, "live demo");
  g_assert_cmpint (jm_card_get_kind (made), ==, JM_CARD_KIND_TOUCHPOINT);
  g_assert_cmpint (jm_card_get_channel (made), ==, JM_CHANNEL_WEBINAR);
}

static gboolean
cards_count_is (gpointer data)
{
  Fixture *f = data;

  guint expected = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (f->canvas), "expected"));

  return jm_document_get_n_cards (f->document) == expected;
}

static void
test_copy_paste (Fixture       *f,
                 gconstpointer  data)
{
  int lane = lane_of_kind (f, JM_LANE_KIND_BEHAVIOUR);
  JmCard *card = card_at (f, 0, lane, 0);
  g_autofree char *id = g_strdup (jm_element_get_id (JM_ELEMENT (card)));
  guint n_cards = jm_document_get_n_cards (f->document);
  JmCard *copy;
  double x, y;

  card_center (f, id, &x, &y);
  jm_test_click_at (GTK_WIDGET (f->canvas), x, y);
  jm_test_sync ();
  jm_test_send_key (f->window, XK_Control_L, 0, XK_c);
  jm_test_send_key (f->window, XK_Control_L, 0, XK_v);

  g_object_set_data (G_OBJECT (f->canvas), "expected", GUINT_TO_POINTER (n_cards + 1));
  g_assert_true (jm_test_wait_for (cards_count_is, f));

  /* Pasted right after the selected card, with a new id and the same text and kind. */
  copy = card_at (f, 0, lane, 1);
  g_assert_cmpstr (jm_element_get_id (JM_ELEMENT (copy)), !=, id);
  g_assert_cmpstr (jm_card_get_text (copy), ==, jm_card_get_text (card));
  g_assert_cmpint (jm_card_get_kind (copy), ==, jm_card_get_kind (card));
  g_assert_true (jm_canvas_is_selected (f->canvas, jm_element_get_id (JM_ELEMENT (copy))));
  g_assert_false (jm_canvas_is_selected (f->canvas, id));

  /* Duplicate (Ctrl+D) makes another one, after the copy. */
  jm_test_send_key (f->window, XK_Control_L, 0, XK_d);
  g_assert_cmpuint (jm_document_get_n_cards (f->document), ==, n_cards + 2);
  g_assert_cmpstr (jm_card_get_text (card_at (f, 0, lane, 2)), ==, jm_card_get_text (card));

  g_assert_true (jm_history_undo (f->history));
  g_assert_true (jm_history_undo (f->history));
  g_assert_cmpuint (jm_document_get_n_cards (f->document), ==, n_cards);

  /* The clipboard also holds the texts for other applications. */
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->canvas));
    GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

    g_assert_true (gdk_content_formats_contain_mime_type (formats, JM_CANVAS_CARDS_MIME_TYPE));
    g_assert_true (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING));
  }
}

static void
test_keyboard_move_and_navigate (Fixture       *f,
                                 gconstpointer  data)
{
  int lane = lane_of_kind (f, JM_LANE_KIND_BEHAVIOUR);
  JmCard *card = card_at (f, 0, lane, 0);
  const char *id = jm_element_get_id (JM_ELEMENT (card));
  JmCard *below = card_at (f, 0, lane, 1);
  double x, y;

  card_center (f, id, &x, &y);
  jm_test_click_at (GTK_WIDGET (f->canvas), x, y);
  jm_test_sync ();

  /* Arrows move the selection. */
  jm_test_send_key (f->window, 0, 0, XK_Down);
  g_assert_true (jm_canvas_is_selected (f->canvas, jm_element_get_id (JM_ELEMENT (below))));
  jm_test_send_key (f->window, 0, 0, XK_Up);
  g_assert_true (jm_canvas_is_selected (f->canvas, id));
  jm_test_send_key (f->window, 0, 0, XK_Tab);
  g_assert_true (jm_canvas_is_selected (f->canvas, jm_element_get_id (JM_ELEMENT (below))));
  jm_test_send_key (f->window, XK_Shift_L, 0, XK_Tab);
  g_assert_true (jm_canvas_is_selected (f->canvas, id));

  /* Alt+Right moves the card to the next stage; Alt+Down within the cell. */
  jm_test_send_key (f->window, XK_Alt_L, 0, XK_Right);
  g_assert_cmpstr (jm_card_get_stage (card), ==, stage_id (f, 1));
  g_assert_true (jm_canvas_is_selected (f->canvas, id));
  jm_test_send_key (f->window, XK_Alt_L, 0, XK_Down);
  g_assert_cmpint (jm_document_index_of (f->document, JM_ELEMENT (card)), ==, 1);

  g_assert_true (jm_history_undo (f->history));
  g_assert_true (jm_history_undo (f->history));
  g_assert_cmpstr (jm_card_get_stage (card), ==, stage_id (f, 0));
  g_assert_cmpint (jm_document_index_of (f->document, JM_ELEMENT (card)), ==, 0);
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  int lane = lane_of_kind (f, JM_LANE_KIND_BEHAVIOUR);
  JmCard *card = card_at (f, 0, lane, 0);
  g_autofree char *id = g_strdup (jm_element_get_id (JM_ELEMENT (card)));
  g_autoptr(GBytes) before = save (f);
  g_autoptr(GBytes) after = NULL;
  guint n_connections = g_list_model_get_n_items (jm_document_get_connections (f->document));
  double x, y;

  card_center (f, id, &x, &y);
  jm_test_click_at (GTK_WIDGET (f->canvas), x, y);
  jm_test_sync ();
  jm_test_send_key (f->window, 0, 0, XK_Delete);

  /* Gone with its connections; the selection forgot it. */
  g_assert_null (jm_document_lookup (f->document, id));
  g_assert_cmpuint (g_list_model_get_n_items (jm_document_get_connections (f->document)), <,
                    n_connections);
  g_assert_false (jm_canvas_is_selected (f->canvas, id));

  g_assert_true (jm_history_undo (f->history));
  g_assert_nonnull (jm_document_lookup (f->document, id));
  after = save (f);
  jm_test_assert_bytes_equal (before, after);
}

static void
test_rubber_band (Fixture       *f,
                  gconstpointer  data)
{
  int lane = lane_of_kind (f, JM_LANE_KIND_BEHAVIOUR);
  JmCard *a = card_at (f, 0, lane, 0);
  JmCard *b = card_at (f, 1, lane, 1);
  g_auto(GStrv) selection = NULL;
  JmLayout *layout = jm_canvas_get_layout (f->canvas);
  JmRect ra, rb;
  graphene_rect_t wa, wb;

  jm_layout_get_card_rect (layout, jm_element_get_id (JM_ELEMENT (a)), &ra);
  jm_layout_get_card_rect (layout, jm_element_get_id (JM_ELEMENT (b)), &rb);
  to_widget (f, &ra, &wa);
  to_widget (f, &rb, &wb);

  /* From the gap left of stage 1's first card to the middle of stage 2's second. */
  jm_test_drag_to (GTK_WIDGET (f->canvas), 1, wa.origin.x - 5, wa.origin.y - 5,
           wb.origin.x + 20, wb.origin.y + 20, FALSE);
  selection = jm_canvas_get_selection (f->canvas);
  g_assert_cmpuint (g_strv_length (selection), ==, 4);
  g_assert_true (jm_canvas_is_selected (f->canvas, jm_element_get_id (JM_ELEMENT (a))));
  g_assert_true (jm_canvas_is_selected (f->canvas, jm_element_get_id (JM_ELEMENT (b))));

  jm_test_send_key (f->window, 0, 0, XK_Escape);
  g_clear_pointer (&selection, g_strfreev);
  selection = jm_canvas_get_selection (f->canvas);
  g_assert_cmpuint (g_strv_length (selection), ==, 0);
}

static void
test_emotion_point_drag (Fixture       *f,
                         gconstpointer  data)
{
  int lane = lane_of_kind (f, JM_LANE_KIND_EMOTIONS);
  JmCard *card = card_at (f, 0, lane, 0);
  const char *id = jm_element_get_id (JM_ELEMENT (card));
  JmLayout *layout = jm_canvas_get_layout (f->canvas);
  int score = jm_card_get_score (card);
  int target = score <= 0 ? score + 2 : score - 2;
  JmPoint p;
  JmRect r;
  graphene_rect_t w;
  double y1;

  jm_canvas_scroll_to_element (f->canvas,
                               jm_element_get_id (JM_ELEMENT (jm_document_get_lane (f->document,
                                                                                    lane))));
  jm_canvas_scroll_to_element (f->canvas, id);
  jm_test_sync ();
  g_assert_true (jm_layout_get_card_point (layout, id, &p));
  r = (JmRect) { p.x, p.y, 0, 0 };
  to_widget (f, &r, &w);
  g_assert_cmpint (jm_canvas_hit_test (f->canvas, w.origin.x, w.origin.y).kind, ==,
                   JM_HIT_CURVE_POINT);

  r.y = jm_layout_score_to_y (layout, lane, target);
  {
    graphene_rect_t w1;

    to_widget (f, &r, &w1);
    y1 = w1.origin.y;
  }
  jm_test_drag_to (GTK_WIDGET (f->canvas), 1, w.origin.x, w.origin.y, w.origin.x, y1, FALSE);

  g_assert_cmpint (jm_card_get_score (card), ==, target);
  /* One undo step for the whole drag. */
  g_assert_true (jm_history_undo (f->history));
  g_assert_false (jm_history_get_can_undo (f->history));
  g_assert_cmpint (jm_card_get_score (card), ==, score);
}

static void
test_connect_cards (Fixture       *f,
                    gconstpointer  data)
{
  int lane = lane_of_kind (f, JM_LANE_KIND_BEHAVIOUR);
  JmCard *from = card_at (f, 1, lane, 1);
  JmCard *to = card_at (f, 0, lane, 1);
  GListModel *connections = jm_document_get_connections (f->document);
  guint n = g_list_model_get_n_items (connections);
  g_autoptr(JmConnection) made = NULL;
  JmPoint handle;
  JmRect r;
  graphene_rect_t w;
  double x1, y1;

  g_assert_true (jm_layout_get_card_handle (jm_canvas_get_layout (f->canvas),
                                            jm_element_get_id (JM_ELEMENT (from)), &handle));
  r = (JmRect) { handle.x, handle.y, 0, 0 };
  to_widget (f, &r, &w);
  g_assert_cmpint (jm_canvas_hit_test (f->canvas, w.origin.x, w.origin.y).kind, ==,
                   JM_HIT_CARD_HANDLE);
  card_center (f, jm_element_get_id (JM_ELEMENT (to)), &x1, &y1);
  jm_test_drag_to (GTK_WIDGET (f->canvas), 1, w.origin.x, w.origin.y, x1, y1, FALSE);

  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, n + 1);
  made = g_list_model_get_item (connections, n);
  g_assert_cmpstr (jm_connection_get_from (made), ==, jm_element_get_id (JM_ELEMENT (from)));
  g_assert_cmpstr (jm_connection_get_to (made), ==, jm_element_get_id (JM_ELEMENT (to)));
  /* To an earlier stage: a step back. */
  g_assert_cmpint (jm_connection_get_kind (made), ==, JM_CONNECTION_KIND_STEP_BACK);
  g_assert_true (jm_canvas_is_selected (f->canvas, jm_element_get_id (JM_ELEMENT (made))));

  /* Delete removes the selected connection. */
  jm_test_send_key (f->window, 0, 0, XK_Delete);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, n);
}

static void
test_add_stage_control (Fixture       *f,
                        gconstpointer  data)
{
  guint n = jm_document_get_n_stages (f->document);
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas));
  JmRect r;
  graphene_rect_t w;

  /* Scroll to the far right, where the "+" is. */
  gtk_adjustment_set_value (h, gtk_adjustment_get_upper (h));
  jm_test_sync ();
  jm_layout_get_add_stage_rect (jm_canvas_get_layout (f->canvas), &r);
  to_widget (f, &r, &w);
  jm_test_click_at (GTK_WIDGET (f->canvas), w.origin.x + w.size.width / 2, w.origin.y + w.size.height / 2);

  g_assert_cmpuint (jm_document_get_n_stages (f->document), ==, n + 1);
  g_assert_true (jm_canvas_is_editing (f->canvas));
  jm_test_type_text (f->window, "advocacy");
  jm_test_send_key (f->window, 0, 0, XK_Return);
  g_assert_cmpstr (jm_stage_get_title (jm_document_get_stage (f->document, n)), ==, "advocacy");
}

static void
test_theme_kind (Fixture       *f,
                 gconstpointer  data)
{
  g_assert_cmpint (jm_canvas_get_theme_kind (f->canvas), ==, JM_CANVAS_THEME_AUTO);
  g_assert_cmpint (jm_theme_get_kind (jm_canvas_get_theme (f->canvas)), ==, JM_THEME_LIGHT);

  jm_canvas_set_theme_kind (f->canvas, JM_THEME_CONTRAST);
  g_assert_cmpint (jm_theme_get_kind (jm_canvas_get_theme (f->canvas)), ==, JM_THEME_CONTRAST);

  jm_canvas_set_theme_kind (f->canvas, JM_CANVAS_THEME_AUTO);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  jm_test_sync ();
  g_assert_cmpint (jm_theme_get_kind (jm_canvas_get_theme (f->canvas)), ==, JM_THEME_DARK);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  jm_test_sync ();
  g_assert_cmpint (jm_theme_get_kind (jm_canvas_get_theme (f->canvas)), ==, JM_THEME_LIGHT);
}

static void
test_autoscroll (Fixture       *f,
                 gconstpointer  data)
{
  int lane = lane_of_kind (f, JM_LANE_KIND_BEHAVIOUR);
  JmCard *card = card_at (f, 0, lane, 0);
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas));
  int width = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  double x0, y0;

  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 0);
  card_center (f, jm_element_get_id (JM_ELEMENT (card)), &x0, &y0);
  jm_test_drag_to (GTK_WIDGET (f->canvas), 1, x0, y0, width - 4, y0, TRUE);
  /* Auto-scroll runs on the frame clock: wait for it (a loaded machine is slower) but look as
   * soon as it has moved, before it reaches the end of the map. */
  for (guint waited = 0; gtk_adjustment_get_value (h) <= 100 && waited < 5000; waited += 10)
    jm_test_sync ();
  g_assert_cmpfloat (gtk_adjustment_get_value (h), >, 100);
  /* The drop target follows what scrolled under the pointer. */
  g_assert_cmpint (f->canvas->drop_stage, >, 2);

  jm_test_send_key (f->window, 0, 0, XK_Escape);
  jm_test_button (1, FALSE);
  g_assert_cmpstr (jm_card_get_stage (card), ==, stage_id (f, 0));
  g_assert_false (jm_history_get_can_undo (f->history));
}

static void
test_connection_label (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JmConnection) connection =
    g_list_model_get_item (jm_document_get_connections (f->document), 0);
  const char *id = jm_element_get_id (JM_ELEMENT (connection));
  const JmConnector *c = jm_layout_lookup_connector (jm_canvas_get_layout (f->canvas), id);
  JmPoint mid;
  JmRect r;
  graphene_rect_t w;

  g_assert_nonnull (c);
  mid = jm_bezier_point (&c->p0, &c->c1, &c->c2, &c->p3, 0.5);
  r = (JmRect) { mid.x, mid.y, 0, 0 };
  to_widget (f, &r, &w);
  g_assert_cmpint (jm_canvas_hit_test (f->canvas, w.origin.x, w.origin.y).kind, ==,
                   JM_HIT_CONNECTION);

  /* Click selects the connector; F2 asks for its label. */
  jm_test_click_at (GTK_WIDGET (f->canvas), w.origin.x, w.origin.y);
  jm_test_sync ();
  g_assert_true (jm_canvas_is_selected (f->canvas, id));
  jm_test_send_key (f->window, 0, 0, XK_F2);
  g_assert_nonnull (f->canvas->label_popover);
  g_assert_true (gtk_widget_get_visible (f->canvas->label_popover));
  jm_test_send_key (f->window, XK_Control_L, 0, XK_a);
  jm_test_type_text (f->window, "asks for a demo");
  jm_test_send_key (f->window, 0, 0, XK_Return);
  jm_test_sync ();

  g_assert_cmpstr (jm_connection_get_label (connection), ==, "asks for a demo");
  g_assert_false (gtk_widget_get_visible (f->canvas->label_popover));
  /* Typing in the entry did not reach the canvas (Ctrl+A selected text, not cards). */
  g_assert_true (jm_canvas_is_selected (f->canvas, id));

  /* Its kind from the context menu's action. */
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.connection-kind", "s", "step-back");
  g_assert_cmpint (jm_connection_get_kind (connection), ==, JM_CONNECTION_KIND_STEP_BACK);
}

static void
test_context_menu_stage (Fixture       *f,
                         gconstpointer  data)
{
  JmLayout *layout = jm_canvas_get_layout (f->canvas);
  JmStage *stage = jm_document_get_stage (f->document, 1);
  guint n = jm_document_get_n_stages (f->document);
  JmRect r;
  graphene_rect_t w;

  jm_layout_get_stage_header_rect (layout, 1, &r);
  to_widget (f, &r, &w);
  jm_test_pointer_to (GTK_WIDGET (f->canvas), w.origin.x + w.size.width / 2, w.origin.y + 30);
  jm_test_button (3, TRUE);
  jm_test_button (3, FALSE);
  jm_test_sync ();

  g_assert_nonnull (f->canvas->context_menu);
  g_assert_true (gtk_widget_get_visible (f->canvas->context_menu));
  g_assert_true (jm_canvas_is_selected (f->canvas, jm_element_get_id (JM_ELEMENT (stage))));
  gtk_popover_popdown (GTK_POPOVER (f->canvas->context_menu));
  jm_test_sync ();

  /* "Insert Stage After": a new stage right after it, being renamed. */
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.stage-insert-after", NULL);
  g_assert_cmpuint (jm_document_get_n_stages (f->document), ==, n + 1);
  g_assert_true (jm_canvas_is_editing (f->canvas));
  jm_test_type_text (f->window, "evaluate");
  jm_test_send_key (f->window, 0, 0, XK_Return);
  g_assert_cmpstr (jm_stage_get_title (jm_document_get_stage (f->document, 2)), ==, "evaluate");

  /* "Colour": one of the swatches. */
  jm_canvas_select_ids (f->canvas,
                        (const char *[]) { jm_element_get_id (JM_ELEMENT (stage)), NULL });
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.stage-color", "s", "#3584e4");
  g_assert_cmpstr (jm_stage_get_color (stage), ==, "#3584e4");
}

static void
on_selection_changed (JmCanvas *canvas,
                      guint    *count)
{
  (*count)++;
}

static void
test_selection_api (Fixture       *f,
                    gconstpointer  data)
{
  int lane = lane_of_kind (f, JM_LANE_KIND_BEHAVIOUR);
  const char *a = jm_element_get_id (JM_ELEMENT (card_at (f, 0, lane, 0)));
  const char *b = jm_element_get_id (JM_ELEMENT (card_at (f, 1, lane, 0)));
  const char *ids[] = { a, b, "no-such-id", NULL };
  g_auto(GStrv) selection = NULL;
  guint count = 0;

  g_signal_connect (f->canvas, "selection-changed", G_CALLBACK (on_selection_changed), &count);

  jm_canvas_select_ids (f->canvas, ids);
  g_assert_cmpuint (count, ==, 1);
  selection = jm_canvas_get_selection (f->canvas);
  g_assert_cmpuint (g_strv_length (selection), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) selection, a));
  g_assert_true (g_strv_contains ((const char * const *) selection, b));

  /* The same selection again is no news. */
  jm_canvas_select_ids (f->canvas, ids);
  g_assert_cmpuint (count, ==, 1);

  /* A selected card that disappears leaves the selection. */
  g_assert_true (jm_history_apply (f->history,
                                   jm_delete_command_new (f->document,
                                                          (const char *[]) { a, NULL }, NULL),
                                   NULL));
  g_assert_cmpuint (count, ==, 2);
  g_assert_false (jm_canvas_is_selected (f->canvas, a));
  g_assert_true (jm_canvas_is_selected (f->canvas, b));

  jm_canvas_set_spotlight_stage (f->canvas, 1);
  g_assert_cmpint (jm_canvas_get_spotlight_stage (f->canvas), ==, 1);
  jm_canvas_set_role_lens (f->canvas, "r1");
  g_assert_cmpstr (jm_canvas_get_role_lens (f->canvas), ==, "r1");
  jm_canvas_set_role_lens (f->canvas, NULL);
  g_assert_null (jm_canvas_get_role_lens (f->canvas));

  g_signal_handlers_disconnect_by_func (f->canvas, on_selection_changed, &count);
}

int
main (int   argc,
      char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it empties XDG_DATA_DIRS, and without the shared MIME
   * database gdk-pixbuf no longer recognises the SVG icons. Nothing here writes files. */
  if (!jm_test_init (&argc, &argv))
    return 77;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_printerr ("These tests drive the canvas through XTEST: they need an X11 display.\n");
      return 1;
    }

#define ADD(path, func) \
  g_test_add ("/ui/canvas/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("drag-card-to-stage", test_drag_card_to_stage);
  ADD ("drag-many-cards", test_drag_many_cards);
  ADD ("drag-escape-cancels", test_drag_escape_cancels);
  ADD ("drag-refused-by-typed-lane", test_drag_refused_by_typed_lane);
  ADD ("reorder-stage", test_reorder_stage);
  ADD ("reorder-stage-escape", test_reorder_stage_escape);
  ADD ("reorder-lane", test_reorder_lane);
  ADD ("double-click-new-card", test_double_click_new_card);
  ADD ("edit-card-text", test_edit_card_text);
  ADD ("zoom-and-pan-keep-model", test_zoom_and_pan_keep_model);
  ADD ("palette-drop", test_palette_drop);
  ADD ("palette-click-channel", test_palette_click_channel);
  ADD ("copy-paste", test_copy_paste);
  ADD ("keyboard-move-and-navigate", test_keyboard_move_and_navigate);
  ADD ("delete-and-undo", test_delete_and_undo);
  ADD ("rubber-band", test_rubber_band);
  ADD ("emotion-point-drag", test_emotion_point_drag);
  ADD ("connect-cards", test_connect_cards);
  ADD ("add-stage-control", test_add_stage_control);
  ADD ("theme-kind", test_theme_kind);
  ADD ("autoscroll", test_autoscroll);
  ADD ("connection-label", test_connection_label);
  ADD ("context-menu-stage", test_context_menu_stage);
  ADD ("selection-api", test_selection_api);

#undef ADD

  return g_test_run ();
}
