/* SPDX-License-Identifier: GPL-3.0-or-later */
/* UI tests of editing on JmCanvas through the X server with XTEST: a double click makes a card,
 * the in-place editor, copy and paste, keyboard moves and navigation, delete and undo, the
 * add-stage control, theme kinds, connector labels, the context menu and the selection API.
 * Same fixture as test-canvas.c (jm-canvas-fixture.c). */
#include "config.h"


#include <X11/keysym.h>

#include "jm-canvas-fixture.h"

/* Tests */

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
  jm_test_click_at (GTK_WIDGET (f->canvas),
                    w.origin.x + w.size.width / 2, w.origin.y + w.size.height / 2);

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
  int status = canvas_test_init (&argc, &argv);

  if (status != 0)
    return status;

  CANVAS_TEST_ADD ("double-click-new-card", test_double_click_new_card);
  CANVAS_TEST_ADD ("edit-card-text", test_edit_card_text);
  CANVAS_TEST_ADD ("copy-paste", test_copy_paste);
  CANVAS_TEST_ADD ("keyboard-move-and-navigate", test_keyboard_move_and_navigate);
  CANVAS_TEST_ADD ("delete-and-undo", test_delete_and_undo);
  CANVAS_TEST_ADD ("add-stage-control", test_add_stage_control);
  CANVAS_TEST_ADD ("theme-kind", test_theme_kind);
  CANVAS_TEST_ADD ("connection-label", test_connection_label);
  CANVAS_TEST_ADD ("context-menu-stage", test_context_menu_stage);
  CANVAS_TEST_ADD ("selection-api", test_selection_api);

  return g_test_run ();
}
