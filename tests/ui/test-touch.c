/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Touch on JmCanvas: pinch zoom, touch drag pan and long press.
 *
 * Xvfb has no touch device and GTK 4 has no public API to create input events, so these tests
 * emit the canvas' own gestures' signals (see PLATFORM-NOTES.md): GtkGestureZoom "begin" and
 * "scale-changed", GtkGestureLongPress "pressed", GtkGestureDrag "drag-begin" / "drag-update" /
 * "drag-end". What GDK would otherwise supply (the touch device, the touch points' centre) is
 * stated where a test stands in for it. */
#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "jm-canvas-private.h"
#include "jm-test-util.h"

typedef struct
{
  GtkWidget  *window;
  GtkWidget  *scroller;
  JmCanvas   *canvas;
  JmHistory  *history;
  JmDocument *document;
} Fixture;

/* Fixture */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->document = jm_test_new_sample ("en");
  f->history = jm_history_new (f->document);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_set_decorated (GTK_WINDOW (f->window), FALSE);

  f->canvas = JM_CANVAS (jm_canvas_new ());
  f->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (f->scroller), GTK_WIDGET (f->canvas));
  gtk_window_set_child (GTK_WINDOW (f->window), f->scroller);
  jm_canvas_set_history (f->canvas, f->history);

  jm_test_present_and_wait (GTK_WINDOW (f->window), GTK_WIDGET (f->canvas), 600, 400);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jm_test_destroy_window_and_map (f->window, &f->history, f->document);
}

/* Helpers */

static GtkAdjustment *
hadj (Fixture *f)
{
  return gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas));
}

static GtkAdjustment *
vadj (Fixture *f)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas));
}

/* A widget point over an empty part of a cell (no card, header or connection). */
static void
find_empty_cell_point (Fixture *f,
                       double  *x,
                       double  *y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (f->canvas));

  for (int wy = height / 3; wy < height - 20; wy += 7)
    for (int wx = width / 3; wx < width - 20; wx += 7)
      {
        JmHit hit = jm_canvas_hit_test (f->canvas, wx, wy);

        if (hit.kind == JM_HIT_CELL)
          {
            *x = wx;
            *y = wy;
            return;
          }
      }

  g_assert_not_reached ();
}

/* The first card whose centre is inside the canvas' visible area, away from the headers. */
static const char *
find_visible_card (Fixture *f,
                   double  *x,
                   double  *y)
{
  JmLayout *layout = jm_canvas_get_layout (f->canvas);
  int width = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (f->canvas));

  jm_layout_update (layout, NULL);
  for (int wy = height / 4; wy < height - 20; wy += 5)
    for (int wx = width / 4; wx < width - 20; wx += 5)
      {
        JmHit hit = jm_canvas_hit_test (f->canvas, wx, wy);
        JmRect r;
        graphene_rect_t w;

        if (hit.kind != JM_HIT_CARD)
          continue;
        g_assert_true (jm_layout_get_card_rect (layout, hit.element_id, &r));
        jm_canvas_doc_to_widget_rect (f->canvas, &r, &w);
        *x = w.origin.x + w.size.width / 2;
        *y = w.origin.y + w.size.height / 2;
        g_assert_cmpint (jm_canvas_hit_test (f->canvas, *x, *y).kind, ==, JM_HIT_CARD);
        return hit.element_id;
      }

  g_assert_not_reached ();
  return NULL;
}

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;

      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          if (menu_has_action (link, action))
            return TRUE;
        }
    }

  return FALSE;
}

/* Tests */

static void
test_pinch_zoom (Fixture       *f,
                 gconstpointer  data)
{
  GtkGesture *zoom = f->canvas->zoom_gesture;
  g_autoptr(GBytes) before = jm_json_save_bytes (f->document);
  g_autoptr(GBytes) after = NULL;
  double cx, cy, dx0, dy0, dx1, dy1;

  g_assert_true (GTK_IS_GESTURE_ZOOM (zoom));

  jm_canvas_set_zoom (f->canvas, 1.0);
  jm_test_sync ();
  gtk_adjustment_set_value (hadj (f), 40);
  gtk_adjustment_set_value (vadj (f), 30);
  jm_test_sync ();
  g_assert_cmpfloat_with_epsilon (jm_canvas_get_zoom (f->canvas), 1.0, 1e-9);

  /* Emitted signals have no touch points: the canvas then pinches around its centre (what
   * gtk_gesture_get_bounding_box_center () would give for two fingers placed symmetrically
   * about it). */
  cx = gtk_widget_get_width (GTK_WIDGET (f->canvas)) / 2.0;
  cy = gtk_widget_get_height (GTK_WIDGET (f->canvas)) / 2.0;
  g_assert_false (gtk_gesture_is_active (zoom));
  jm_canvas_widget_to_doc (f->canvas, cx, cy, &dx0, &dy0);

  g_signal_emit_by_name (zoom, "begin", NULL);
  /* The scale is relative to the pinch's start, not cumulative. */
  g_signal_emit_by_name (zoom, "scale-changed", 1.5);
  g_assert_cmpfloat_with_epsilon (jm_canvas_get_zoom (f->canvas), 1.5, 1e-9);
  g_signal_emit_by_name (zoom, "scale-changed", 2.0);
  g_signal_emit_by_name (zoom, "end", NULL);
  jm_test_sync ();

  g_assert_cmpfloat_with_epsilon (jm_canvas_get_zoom (f->canvas), 2.0, 1e-9);
  jm_canvas_widget_to_doc (f->canvas, cx, cy, &dx1, &dy1);
  /* The document point under the pinch centre stays there, to 2 px on screen. */
  g_assert_cmpfloat (fabs (dx1 - dx0) * 2.0, <=, 2.0);
  g_assert_cmpfloat (fabs (dy1 - dy0) * 2.0, <=, 2.0);

  /* A second pinch starts from the new zoom: 0.5 brings it back to 1. */
  g_signal_emit_by_name (zoom, "begin", NULL);
  g_signal_emit_by_name (zoom, "scale-changed", 0.5);
  g_signal_emit_by_name (zoom, "end", NULL);
  jm_test_sync ();
  g_assert_cmpfloat_with_epsilon (jm_canvas_get_zoom (f->canvas), 1.0, 1e-9);
  jm_canvas_widget_to_doc (f->canvas, cx, cy, &dx1, &dy1);
  g_assert_cmpfloat (fabs (dx1 - dx0), <=, 2.0);
  g_assert_cmpfloat (fabs (dy1 - dy0), <=, 2.0);

  /* Zooming is a view change. */
  after = jm_json_save_bytes (f->document);
  jm_test_assert_bytes_equal (before, after);
  g_assert_false (jm_history_get_can_undo (f->history));
}

static void
test_touch_drag_pans (Fixture       *f,
                      gconstpointer  data)
{
  GtkGesture *drag = f->canvas->drag_gesture;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  double x, y, h0, v0;
  const double ox = -70, oy = -45;

  g_assert_true (GTK_IS_GESTURE_DRAG (drag));

  /* Room to scroll both ways. */
  jm_canvas_set_zoom (f->canvas, 1.5);
  jm_test_sync ();
  gtk_adjustment_set_value (hadj (f), 150);
  gtk_adjustment_set_value (vadj (f), 100);
  jm_test_sync ();
  h0 = gtk_adjustment_get_value (hadj (f));
  v0 = gtk_adjustment_get_value (vadj (f));
  g_assert_cmpfloat (h0, ==, 150);
  g_assert_cmpfloat (v0, ==, 100);
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadj (f)) -
                     gtk_adjustment_get_page_size (hadj (f)), >=, h0 - ox);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadj (f)) -
                     gtk_adjustment_get_page_size (vadj (f)), >=, v0 - oy);

  find_empty_cell_point (f, &x, &y);
  before = jm_json_save_bytes (f->document);

  g_signal_emit_by_name (drag, "drag-begin", x, y);
  g_assert_true (jm_canvas_is_dragging (f->canvas));
  /* GDK would say the press came from a touchscreen (gtk_gesture_get_device ()); an emitted
   * signal has no device, so the test states it. */
  g_assert_false (f->canvas->press_touch);
  f->canvas->press_touch = TRUE;

  /* Within the (doubled) touch threshold: nothing moves yet. */
  g_signal_emit_by_name (drag, "drag-update", -5.0, -3.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (hadj (f)), ==, h0);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj (f)), ==, v0);

  g_signal_emit_by_name (drag, "drag-update", ox / 2, oy / 2);
  g_assert_cmpint (f->canvas->drag_mode, ==, JM_DRAG_PAN);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (hadj (f)), h0 - ox / 2, 1e-6);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadj (f)), v0 - oy / 2, 1e-6);

  g_signal_emit_by_name (drag, "drag-update", ox, oy);
  g_signal_emit_by_name (drag, "drag-end", ox, oy);
  jm_test_sync ();

  /* The content followed the finger by the drag distance. */
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (hadj (f)), h0 - ox, 1e-6);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadj (f)), v0 - oy, 1e-6);
  g_assert_false (jm_canvas_is_dragging (f->canvas));
  g_assert_false (f->canvas->rubber_band != NULL &&
                  gtk_widget_get_visible (f->canvas->rubber_band));

  /* A pan is a view change. */
  after = jm_json_save_bytes (f->document);
  jm_test_assert_bytes_equal (before, after);
  g_assert_false (jm_history_get_can_undo (f->history));
}

static void
test_long_press_menu (Fixture       *f,
                      gconstpointer  data)
{
  GtkGesture *long_press = f->canvas->long_press_gesture;
  g_autoptr(GBytes) before = jm_json_save_bytes (f->document);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *id = NULL;
  g_auto(GStrv) selection = NULL;
  GtkWidget *menu = NULL;
  GMenuModel *model;
  double x, y;

  g_assert_true (GTK_IS_GESTURE_LONG_PRESS (long_press));
  g_assert_true (gtk_gesture_single_get_touch_only (GTK_GESTURE_SINGLE (long_press)));

  jm_canvas_clear_selection (f->canvas);
  id = g_strdup (find_visible_card (f, &x, &y));
  g_assert_false (jm_canvas_is_selected (f->canvas, id));

  g_signal_emit_by_name (long_press, "pressed", x, y);
  jm_test_sync ();

  /* The card is the selection... */
  selection = jm_canvas_get_selection (f->canvas);
  g_assert_cmpuint (g_strv_length (selection), ==, 1);
  g_assert_cmpstr (selection[0], ==, id);

  /* ...and its context menu is open: a visible GtkPopoverMenu child of the canvas. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->canvas));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child) && gtk_widget_get_visible (child))
      menu = child;
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_mapped (menu));
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu));
  g_assert_nonnull (model);
  /* The card menu, not the cell's or the map's. */
  g_assert_true (menu_has_action (model, "canvas.edit"));
  g_assert_true (menu_has_action (model, "canvas.connect"));
  g_assert_false (menu_has_action (model, "canvas.add-stage"));

  gtk_popover_popdown (GTK_POPOVER (menu));
  jm_test_sync ();
  g_assert_false (gtk_widget_get_visible (menu));

  after = jm_json_save_bytes (f->document);
  jm_test_assert_bytes_equal (before, after);
  g_assert_false (jm_history_get_can_undo (f->history));
}

int
main (int   argc,
      char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it empties XDG_DATA_DIRS (icons). Nothing here writes
   * files. */
  if (!jm_test_init (&argc, &argv))
    return 77;

#define ADD(path, func) \
  g_test_add ("/ui/touch/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("pinch-zoom", test_pinch_zoom);
  ADD ("drag-pans", test_touch_drag_pans);
  ADD ("long-press-menu", test_long_press_menu);

#undef ADD

  return g_test_run ();
}
