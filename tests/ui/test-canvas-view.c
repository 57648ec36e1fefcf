/* SPDX-License-Identifier: GPL-3.0-or-later */
/* UI tests of what JmCanvas shows: after a change of the document (a keyboard move, an undo,
 * an edit from elsewhere) the canvas draws again at once, with no pointer motion to wake it.
 * Keys go through the X server (XTEST); what the canvas shows is read from its last rendered
 * node (a widget paintable renders the widget's cached node unless a redraw was queued). */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <X11/keysym.h>

#include "jm-canvas-private.h"
#include "jm-test-util.h"

typedef struct
{
  GtkWidget  *window;
  JmCanvas   *canvas;
  JmHistory  *history;
  JmDocument *document;
  GBytes     *before;   /* pixels shown before the change */
  JmCard     *card;     /* the card moved (borrowed) */
  int         index;    /* its index in its cell after the change */
} Fixture;

/* The canvas' pixels as it shows them now: its cached render node, not a new one. NULL while
 * a redraw is pending (a queued draw drops the node until the next frame). */
static GBytes *
shown_pixels (JmCanvas *canvas)
{
  GtkWidget *widget = GTK_WIDGET (canvas);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gsize stride = 4 * (gsize) w;
  guchar *data;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  data = g_malloc (stride * h);
  gdk_texture_download (texture, data, stride);
  return g_bytes_new_take (data, stride * h);
}

static gboolean
has_drawn (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GBytes) shown = shown_pixels (f->canvas);

  return shown != NULL;
}

/* What the canvas shows once no redraw is pending. */
static GBytes *
wait_shown_pixels (Fixture *f)
{
  g_assert_true (jm_test_wait_for (has_drawn, f));
  return shown_pixels (f->canvas);
}

/* Asserts the canvas shows what a redraw now would show: it is up to date. */
static void
assert_shows_current_document (Fixture *f)
{
  g_autoptr(GBytes) shown = wait_shown_pixels (f);
  g_autoptr(GBytes) fresh = NULL;

  gtk_widget_queue_draw (GTK_WIDGET (f->canvas));
  fresh = wait_shown_pixels (f);
  g_assert_true (g_bytes_equal (shown, fresh));
}

static gboolean
card_index_is (gpointer data)
{
  Fixture *f = data;

  return jm_document_index_of (f->document, JM_ELEMENT (f->card)) == f->index;
}

static gboolean
pixels_changed (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GBytes) now = shown_pixels (f->canvas);

  return now != NULL && !g_bytes_equal (now, f->before);
}

static gboolean
card_selected (gpointer data)
{
  Fixture *f = data;

  return jm_canvas_is_selected (f->canvas, jm_element_get_id (JM_ELEMENT (f->card)));
}

/* Shows the sample map, clicks the first card of a stacked lane (the last pointer event of the
 * test) and keeps what the canvas shows then. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  JmLayout *layout;
  graphene_rect_t w;
  JmRect r;
  guint lane = 0;

  f->document = jm_test_new_sample ("en");
  f->history = jm_history_new (f->document);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 800);
  gtk_window_set_decorated (GTK_WINDOW (f->window), FALSE);
  f->canvas = JM_CANVAS (jm_canvas_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f->canvas));
  gtk_window_set_child (GTK_WINDOW (f->window), scroller);
  jm_canvas_set_history (f->canvas, f->history);
  jm_test_present_and_wait (GTK_WINDOW (f->window), GTK_WIDGET (f->canvas), 600, 400);
  jm_test_focus_window (f->window);

  while (jm_lane_get_kind (jm_document_get_lane (f->document, lane)) != JM_LANE_KIND_BEHAVIOUR)
    lane++;
  f->card = g_ptr_array_index (jm_document_get_cell (f->document,
                                                     jm_element_get_id (JM_ELEMENT (
                                                       jm_document_get_stage (f->document, 0))),
                                                     jm_element_get_id (JM_ELEMENT (
                                                       jm_document_get_lane (f->document,
                                                                             lane)))),
                               0);
  layout = jm_canvas_get_layout (f->canvas);
  g_assert_true (jm_layout_get_card_rect (layout, jm_element_get_id (JM_ELEMENT (f->card)), &r));
  jm_canvas_doc_to_widget_rect (f->canvas, &r, &w);
  jm_test_click_at (GTK_WIDGET (f->canvas), w.origin.x + w.size.width / 2,
                    w.origin.y + w.size.height / 2);
  g_assert_true (jm_test_wait_for (card_selected, f));

  assert_shows_current_document (f);
  f->before = wait_shown_pixels (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->before, g_bytes_unref);
  gtk_window_destroy (GTK_WINDOW (f->window));
  jm_test_spin (30);
  g_clear_object (&f->history);
  g_assert_finalize_object (f->document);
}

/* Waits for the card to be at f->index, then for the canvas to show it; keeps what it shows. */
static void
assert_redrawn (Fixture *f)
{
  g_assert_true (jm_test_wait_for (card_index_is, f));
  g_assert_true (jm_test_wait_for_ms (pixels_changed, f, 2000));
  assert_shows_current_document (f);
  g_clear_pointer (&f->before, g_bytes_unref);
  f->before = wait_shown_pixels (f);
}

/* Alt+Down moves the selected card one place down its cell: no pointer event follows. */
static void
test_alt_down_redraws (Fixture       *f,
                       gconstpointer  data)
{
  jm_test_send_key (f->window, XK_Alt_L, 0, XK_Down);
  f->index = 1;
  assert_redrawn (f);
}

static void
test_undo_redraws (Fixture       *f,
                   gconstpointer  data)
{
  test_alt_down_redraws (f, data);

  /* Undo from elsewhere (the window's action, a panel): the card is drawn back in place. */
  g_assert_true (jm_history_undo (f->history));
  f->index = 0;
  assert_redrawn (f);
}

static void
test_edit_elsewhere_redraws (Fixture       *f,
                             gconstpointer  data)
{
  /* A panel's edit: a command through the history, the canvas not involved. */
  g_assert_true (jm_history_apply (f->history,
                                   jm_set_string_command_new (JM_ELEMENT (f->card), "text",
                                                              "Text set from a panel"),
                                   NULL));
  f->index = 0;
  assert_redrawn (f);
}

int
main (int   argc,
      char *argv[])
{
  static const struct {
    const char *path;
    void      (*func) (Fixture *f, gconstpointer data);
  } tests[] = {
    { "/ui/canvas-view/alt-down-redraws", test_alt_down_redraws },
    { "/ui/canvas-view/undo-redraws", test_undo_redraws },
    { "/ui/canvas-view/edit-elsewhere-redraws", test_edit_elsewhere_redraws },
  };

  /* The test setup gives every UI test an X11 display (GDK_BACKEND=x11), so XTEST works. */
  if (!jm_test_init (&argc, &argv))
    return 77;

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add (tests[i].path, Fixture, NULL, fixture_set_up, tests[i].func, fixture_tear_down);

  return g_test_run ();
}
