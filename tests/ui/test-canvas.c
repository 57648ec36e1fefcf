/* SPDX-License-Identifier: GPL-3.0-or-later */
/* UI tests of JmCanvas's pointer gestures and JmCardPalette, driven through the X server with
 * XTEST: real pointer motion, buttons and keys, so the gestures and drag and drop are what is
 * tested — dragging cards, stages and lanes (Escape rolls back), zoom and pan, palette drops,
 * rubber band, emotion points, connectors, autoscroll. Each test shows the sample map in its
 * own window (jm-canvas-fixture.c) and checks the model (by ids, through the document), the
 * undo history and the view's adjustments. Editing and the keyboard: test-canvas-edit.c. */
#include "config.h"

#include <math.h>

#include <X11/keysym.h>

#include "jm-canvas-fixture.h"

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

/* Drags stage from's header onto stage to's, with the primary button (kept pressed when
 * keep_pressed). */
static void
drag_stage_header (Fixture  *f,
                   guint     from,
                   guint     to,
                   gboolean  keep_pressed)
{
  JmLayout *layout = jm_canvas_get_layout (f->canvas);
  JmRect r0, r1;
  graphene_rect_t w0, w1;

  jm_layout_get_stage_header_rect (layout, from, &r0);
  jm_layout_get_stage_header_rect (layout, to, &r1);
  to_widget (f, &r0, &w0);
  to_widget (f, &r1, &w1);

  jm_test_drag_to (GTK_WIDGET (f->canvas), 1,
                   w0.origin.x + w0.size.width / 2, w0.origin.y + 30,
                   w1.origin.x + w1.size.width / 2, w1.origin.y + 30, keep_pressed);
}

static void
test_reorder_stage (Fixture       *f,
                    gconstpointer  data)
{
  JmStage *stage = jm_document_get_stage (f->document, 0);
  g_autofree char *id = g_strdup (jm_element_get_id (JM_ELEMENT (stage)));
  g_autoptr(GBytes) before = save (f);
  g_autoptr(GBytes) after = NULL;

  drag_stage_header (f, 0, 2, FALSE);
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
  g_autoptr(GBytes) before = save (f);
  g_autoptr(GBytes) after = NULL;

  drag_stage_header (f, 0, 2, TRUE);
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
  for (guint waited = 0;
       (gtk_adjustment_get_value (h) <= 100 || f->canvas->drop_stage <= 2) && waited < 5000;
       waited += 10)
    jm_test_sync ();
  g_assert_cmpfloat (gtk_adjustment_get_value (h), >, 100);
  /* The drop target follows what scrolled under the pointer (updated on the next tick). */
  g_assert_cmpint (f->canvas->drop_stage, >, 2);

  jm_test_send_key (f->window, 0, 0, XK_Escape);
  jm_test_button (1, FALSE);
  g_assert_cmpstr (jm_card_get_stage (card), ==, stage_id (f, 0));
  g_assert_false (jm_history_get_can_undo (f->history));
}

int
main (int   argc,
      char *argv[])
{
  int status = canvas_test_init (&argc, &argv);

  if (status != 0)
    return status;

  CANVAS_TEST_ADD ("drag-card-to-stage", test_drag_card_to_stage);
  CANVAS_TEST_ADD ("drag-many-cards", test_drag_many_cards);
  CANVAS_TEST_ADD ("drag-escape-cancels", test_drag_escape_cancels);
  CANVAS_TEST_ADD ("drag-refused-by-typed-lane", test_drag_refused_by_typed_lane);
  CANVAS_TEST_ADD ("reorder-stage", test_reorder_stage);
  CANVAS_TEST_ADD ("reorder-stage-escape", test_reorder_stage_escape);
  CANVAS_TEST_ADD ("reorder-lane", test_reorder_lane);
  CANVAS_TEST_ADD ("zoom-and-pan-keep-model", test_zoom_and_pan_keep_model);
  CANVAS_TEST_ADD ("palette-drop", test_palette_drop);
  CANVAS_TEST_ADD ("palette-click-channel", test_palette_click_channel);
  CANVAS_TEST_ADD ("rubber-band", test_rubber_band);
  CANVAS_TEST_ADD ("emotion-point-drag", test_emotion_point_drag);
  CANVAS_TEST_ADD ("connect-cards", test_connect_cards);
  CANVAS_TEST_ADD ("autoscroll", test_autoscroll);

  return g_test_run ();
}
