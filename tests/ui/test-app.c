/* SPDX-License-Identifier: GPL-3.0-or-later */
/* UI smoke test of the application shell: the sample window, closing with and without unsaved
 * changes, quitting, opening a file that is already open, Save As, the New Map dialog, the side
 * panel and the keyboard (real key presses through XTEST, so the bindings are what is tested). */
#include "config.h"

#include <string.h>

#include <X11/keysym.h>

#include "jm-application.h"
#include "jm-new-map-dialog.h"
#include "jm-test-util.h"
#include "jm-ui.h"
#include "jm-window-private.h"

static JmApplication *app;

/* Helpers */

static JmNewMapDialog *
find_new_map_dialog (void)
{
  JmNewMapDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l; l = l->next)
    {
      if (JM_IS_NEW_MAP_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        found = l->data;
    }
  g_list_free (toplevels);

  return found;
}

static gboolean
has_new_map_dialog (gpointer data)
{
  return find_new_map_dialog () != NULL;
}

static JmWindow *
activate_sample_window (void)
{
  JmWindow *window;

  g_application_activate (G_APPLICATION (app));
  g_assert_true (jm_test_wait_for (jm_test_window_mapped, NULL));
  window = jm_test_get_only_window ();
  g_assert_true (JM_IS_WINDOW (window));

  return window;
}

static char *
dup_sample_title (void)
{
  g_autoptr(JmDocument) sample = jm_test_new_sample (NULL);

  return g_strdup (jm_document_get_title (sample));
}

/* Tests */

static void
test_activate_shows_sample (void)
{
  g_autofree char *sample_title = dup_sample_title ();
  JmWindow *window = activate_sample_window ();

  g_assert_cmpuint (jm_test_count_map_windows (), ==, 1);
  g_assert_true (JM_IS_CANVAS (window->canvas));
  g_assert_true (jm_canvas_get_history (window->canvas) == jm_window_get_history (window));
  g_assert_null (jm_window_get_file (window));
  g_assert_false (jm_window_get_modified (window));

  g_assert_cmpstr (jm_document_get_title (jm_window_get_document (window)), ==, sample_title);
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==, sample_title);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, sample_title);
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==, "Not saved");

  /* Activating again brings back the same window instead of a second sample. */
  g_application_activate (G_APPLICATION (app));
  jm_test_sync ();
  g_assert_cmpuint (jm_test_count_map_windows (), ==, 1);

  jm_test_destroy_all_windows ();
}

static void
test_close_unmodified (void)
{
  JmWindow *window;

  if (jm_test_skip_unless_x11 ())
    return;

  window = activate_sample_window ();

  /* Ctrl+W, a real key press: an unmodified map closes at once, without a question. */
  jm_test_send_key (GTK_WIDGET (window), XK_Control_L, 0, XK_w);
  g_assert_true (jm_test_wait_for (jm_test_n_windows_is, GUINT_TO_POINTER (0)));
  g_assert_null (jm_test_find_message_dialog (NULL));

  jm_test_destroy_all_windows ();
}

static void
test_close_modified_asks (void)
{
  JmWindow *window = activate_sample_window ();
  AdwMessageDialog *dialog;

  jm_test_apply_title (jm_window_get_history (window), "Changed title");
  g_assert_true (jm_window_get_modified (window));
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==, "• Changed title");

  /* Close: the question comes up, the window stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL));
  g_assert_true (jm_test_wait_for (jm_test_has_message_dialog, window));
  dialog = jm_test_find_message_dialog (GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Changed title"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "discard"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "save"), ==,
                   ADW_RESPONSE_SUGGESTED);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "save");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_cmpuint (jm_test_count_map_windows (), ==, 1);

  /* Cancel (as Escape does: the close response) keeps the window and its changes. */
  gtk_window_close (GTK_WINDOW (dialog));
  jm_test_sync ();
  g_assert_null (jm_test_find_message_dialog (GTK_WINDOW (window)));
  g_assert_cmpuint (jm_test_count_map_windows (), ==, 1);
  g_assert_true (jm_window_get_modified (window));

  /* Asked again; Discard closes it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL);
  g_assert_true (jm_test_wait_for (jm_test_has_message_dialog, window));
  dialog = g_object_ref (jm_test_find_message_dialog (GTK_WINDOW (window)));
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  g_assert_true (jm_test_wait_for (jm_test_n_windows_is, GUINT_TO_POINTER (0)));

  jm_test_destroy_all_windows ();
}

static void
test_close_modified_save (void)
{
  g_autoptr(GFile) file = jm_test_make_temp_file ("saved.journey.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDocument) loaded = NULL;
  JmWindow *window = activate_sample_window ();
  AdwMessageDialog *dialog;

  g_assert_true (jm_window_save_to_file (window, file, &error));
  g_assert_no_error (error);
  jm_test_apply_title (jm_window_get_history (window), "Saved on close");

  /* Save in the question: the map has a file, so it is saved there and the window closes. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL);
  g_assert_true (jm_test_wait_for (jm_test_has_message_dialog, window));
  dialog = g_object_ref (jm_test_find_message_dialog (GTK_WINDOW (window)));
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  g_assert_true (jm_test_wait_for (jm_test_n_windows_is, GUINT_TO_POINTER (0)));

  loaded = jm_json_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jm_document_get_title (loaded), ==, "Saved on close");

  jm_test_remove_temp_file (file);
  jm_test_destroy_all_windows ();
}

static void
test_save_as (void)
{
  g_autoptr(GFile) file = jm_test_make_temp_file ("My map.journey.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDocument) loaded = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  JmWindow *window = activate_sample_window ();

  jm_test_apply_title (jm_window_get_history (window), "Renamed map");
  g_assert_true (jm_window_get_modified (window));

  g_assert_true (jm_window_save_to_file (window, file, &error));
  g_assert_no_error (error);

  /* The file holds the map as it is now. */
  loaded = jm_json_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (jm_document_get_title (loaded), ==, "Renamed map");

  /* The window knows its file and the unsaved mark is gone. */
  g_assert_false (jm_window_get_modified (window));
  g_assert_true (g_file_equal (jm_window_get_file (window), file));
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==, "Renamed map");
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==,
                   "My map.journey.json");

  /* It is a recent file now, and "Open Recent" lists it. */
  g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));
  jm_test_sync ();
  jm_window_update_recent_menu (window);
  {
    g_autoptr(GVariant) target = NULL;
    g_autofree char *action = NULL;

    g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (window->recent_menu)), >=, 1);
    g_menu_model_get_item_attribute (G_MENU_MODEL (window->recent_menu), 0,
                                     G_MENU_ATTRIBUTE_ACTION, "s", &action);
    target = g_menu_model_get_item_attribute_value (G_MENU_MODEL (window->recent_menu), 0,
                                                    G_MENU_ATTRIBUTE_TARGET,
                                                    G_VARIANT_TYPE_STRING);
    g_assert_cmpstr (action, ==, "win.open-recent");
    g_assert_nonnull (target);
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri);
  }

  /* Closing now asks nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL);
  g_assert_true (jm_test_wait_for (jm_test_n_windows_is, GUINT_TO_POINTER (0)));
  g_assert_null (jm_test_find_message_dialog (NULL));

  jm_test_remove_temp_file (file);
  jm_test_destroy_all_windows ();
}

static void
test_open_already_open (void)
{
  g_autoptr(GFile) file = jm_test_make_temp_file ("open-twice.journey.json");
  g_autoptr(GFile) same_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDocument) document = NULL;
  g_autofree char *path = NULL;
  JmWindow *window;

  document = jm_document_new_sample (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (jm_json_save_file (document, file, NULL, &error));
  g_assert_no_error (error);

  /* Asked twice before the first load finishes: still one window. */
  g_application_open (G_APPLICATION (app), &file, 1, "");
  g_application_open (G_APPLICATION (app), &file, 1, "");
  g_assert_true (jm_test_wait_for (jm_test_n_windows_is, GUINT_TO_POINTER (1)));
  jm_test_sync ();
  g_assert_cmpuint (jm_test_count_map_windows (), ==, 1);

  window = jm_test_get_only_window ();
  g_assert_true (g_file_equal (jm_window_get_file (window), file));
  g_assert_false (jm_window_get_modified (window));
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==,
                   "open-twice.journey.json");

  /* The same file by another GFile (same path): focuses the window, no second one. */
  path = g_file_get_path (file);
  same_file = g_file_new_for_path (path);
  g_application_open (G_APPLICATION (app), &same_file, 1, "");
  jm_test_sync ();
  g_assert_cmpuint (jm_test_count_map_windows (), ==, 1);
  g_assert_true (jm_application_find_window (app, same_file) == GTK_WINDOW (window));

  jm_test_remove_temp_file (file);
  jm_test_destroy_all_windows ();
}

/* Files dropped onto a window from a file manager open in a window each; a file that is already
 * open is focused, not opened twice. The drop target's own "drop" signal carries the same
 * GdkFileList a file manager's drag delivers. */
static void
test_drop_files_opens_windows (void)
{
  g_autoptr(GFile) first = jm_test_make_temp_file ("dropped-1.journey.json");
  g_autoptr(GFile) second = jm_test_make_temp_file ("dropped-2.journey.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDocument) document = jm_document_new_sample (NULL, &error);
  g_autoslist(GFile) files = NULL;
  GdkFileList *list;
  GValue value = G_VALUE_INIT;
  JmWindow *window;
  gboolean handled = FALSE;

  g_assert_no_error (error);
  g_assert_true (jm_json_save_file (document, first, NULL, &error));
  g_assert_true (jm_json_save_file (document, second, NULL, &error));
  g_assert_no_error (error);

  window = activate_sample_window ();
  files = g_slist_append (files, g_object_ref (first));
  files = g_slist_append (files, g_object_ref (second));
  list = gdk_file_list_new_from_list (files);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, list);

  g_signal_emit_by_name (window->file_drop_target, "drop", &value, 10.0, 10.0, &handled);
  g_assert_true (handled);
  g_assert_true (jm_test_wait_for (jm_test_n_windows_is, GUINT_TO_POINTER (3)));
  g_assert_nonnull (jm_application_find_window (app, first));
  g_assert_nonnull (jm_application_find_window (app, second));

  /* The same drop again: both are open already, nothing new. */
  g_signal_emit_by_name (window->file_drop_target, "drop", &value, 10.0, 10.0, &handled);
  jm_test_sync ();
  g_assert_cmpuint (jm_test_count_map_windows (), ==, 3);

  g_value_unset (&value);
  jm_test_remove_temp_file (first);
  jm_test_remove_temp_file (second);
  jm_test_destroy_all_windows ();
}

static gboolean
error_dialog_shown (gpointer data)
{
  return jm_test_find_message_dialog (NULL) != NULL;
}

static void
test_open_error (void)
{
  g_autoptr(GFile) file = jm_test_make_temp_file ("broken.journey.json");
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autoptr(JmDocument) not_loaded = NULL;
  AdwMessageDialog *dialog;
  const char *body;

  g_file_set_contents (path, "{ \"format\": \"journey-maps\", \"version\": 1, ", -1, &error);
  g_assert_no_error (error);

  g_application_open (G_APPLICATION (app), &file, 1, "");
  g_assert_true (jm_test_wait_for (error_dialog_shown, NULL));
  g_assert_cmpuint (jm_test_count_map_windows (), ==, 0);

  /* What (the file's name) and why (the loader's message). */
  dialog = jm_test_find_message_dialog (NULL);
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "broken.journey.json"));
  not_loaded = jm_json_load_file (file, NULL, &load_error);
  g_assert_null (not_loaded);
  g_assert_nonnull (load_error);
  g_assert_nonnull (strstr (body, load_error->message));

  jm_test_remove_temp_file (file);
  jm_test_destroy_all_windows ();
}

static void
test_undo_redo_actions (void)
{
  g_autofree char *sample_title = dup_sample_title ();
  JmWindow *window = activate_sample_window ();

  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (window->undo_button)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (window->redo_button)));

  jm_test_apply_title (jm_window_get_history (window), "Undo me");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window->undo_button)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (window->redo_button)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpstr (jm_document_get_title (jm_window_get_document (window)), ==, sample_title);
  g_assert_false (jm_window_get_modified (window));
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==, sample_title);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (window->undo_button)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window->redo_button)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  g_assert_cmpstr (jm_document_get_title (jm_window_get_document (window)), ==, "Undo me");
  g_assert_true (jm_window_get_modified (window));

  jm_test_destroy_all_windows ();
}

/* The tooltips always name the step that undo and redo would do next, after every change. */
static void
assert_tooltips (JmWindow   *window,
                 const char *undo,
                 const char *redo)
{
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (window->undo_button)), ==, undo);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (window->redo_button)), ==, redo);
}

static void
apply_or_fail (JmHistory *history,
               JmCommand *command)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = jm_history_apply (history, command, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
test_undo_tooltip_names_next_step (void)
{
  JmWindow *window = activate_sample_window ();
  JmHistory *history = jm_window_get_history (window);
  JmDocument *document = jm_window_get_document (window);
  g_autoptr(JmStage) stage = NULL;

  assert_tooltips (window, "Undo", "Redo");

  jm_test_apply_title (history, "Tooltips");
  assert_tooltips (window, "Undo Rename", "Redo");
  /* A second step: can-undo stays TRUE, the tooltip still moves on. */
  stage = jm_stage_new ("tooltip-stage", "Tooltip stage");
  apply_or_fail (history, jm_insert_command_new (JM_ELEMENT (stage), -1));
  assert_tooltips (window, "Undo Add Stage", "Redo");
  apply_or_fail (history, jm_set_bool_command_new (JM_ELEMENT (jm_document_get_lane (document, 0)),
                                                   "visible", FALSE));
  assert_tooltips (window, "Undo Show or Hide Lane", "Redo");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  assert_tooltips (window, "Undo Add Stage", "Redo Show or Hide Lane");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  assert_tooltips (window, "Undo Rename", "Redo Add Stage");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  assert_tooltips (window, "Undo Add Stage", "Redo Show or Hide Lane");

  /* A new step drops what could be redone. */
  jm_test_apply_title (history, "Tooltips again");
  assert_tooltips (window, "Undo Rename", "Redo");

  jm_test_destroy_all_windows ();
}

static void
test_undo_key_spares_entries (void)
{
  g_autofree char *sample_title = NULL;
  JmWindow *window;
  GtkWidget *entry;
  JmHistory *history;

  if (jm_test_skip_unless_x11 ())
    return;

  sample_title = dup_sample_title ();
  window = activate_sample_window ();
  entry = gtk_entry_new ();
  history = jm_window_get_history (window);

  adw_header_bar_pack_start (window->header_bar, entry);
  jm_test_apply_title (jm_window_get_history (window), "Keyboard");
  jm_test_sync ();

  /* Typing into a text field, then Ctrl+Z: the field undoes its own typing… */
  gtk_widget_grab_focus (entry);
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_a);
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_b);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "ab");
  jm_test_send_key (GTK_WIDGET (window), XK_Control_L, 0, XK_z);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), !=, "ab");
  /* …and the map keeps its change. */
  g_assert_cmpstr (jm_document_get_title (jm_window_get_document (window)), ==, "Keyboard");
  g_assert_true (jm_history_get_can_undo (history));

  /* Outside a text field, Ctrl+Z undoes the map, Ctrl+Shift+Z and Ctrl+Y redo it. */
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  jm_test_send_key (GTK_WIDGET (window), XK_Control_L, 0, XK_z);
  g_assert_cmpstr (jm_document_get_title (jm_window_get_document (window)), ==, sample_title);
  jm_test_send_key (GTK_WIDGET (window), XK_Control_L, XK_Shift_L, XK_z);
  g_assert_cmpstr (jm_document_get_title (jm_window_get_document (window)), ==, "Keyboard");
  jm_test_send_key (GTK_WIDGET (window), XK_Control_L, 0, XK_z);
  jm_test_send_key (GTK_WIDGET (window), XK_Control_L, 0, XK_y);
  g_assert_cmpstr (jm_document_get_title (jm_window_get_document (window)), ==, "Keyboard");

  jm_test_destroy_all_windows ();
}

static void
test_sidebar_toggle (void)
{
  g_autoptr(GSettings) settings = jm_ui_settings_new ();
  JmWindow *window;
  gboolean visible;

  if (jm_test_skip_unless_x11 ())
    return;

  window = activate_sample_window ();

  g_assert_nonnull (settings);
  visible = jm_window_get_sidebar_visible (window);
  g_assert_cmpint (adw_flap_get_reveal_flap (window->flap), ==, visible);

  /* F9, a real key press */
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_F9);
  g_assert_cmpint (jm_window_get_sidebar_visible (window), ==, !visible);
  g_assert_cmpint (adw_flap_get_reveal_flap (window->flap), ==, !visible);
  g_assert_cmpint (gtk_toggle_button_get_active (window->sidebar_button), ==, !visible);
  g_assert_cmpint (g_settings_get_boolean (settings, "sidebar-visible"), ==, !visible);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL);
  g_assert_cmpint (jm_window_get_sidebar_visible (window), ==, visible);
  g_assert_cmpint (g_settings_get_boolean (settings, "sidebar-visible"), ==, visible);

  jm_test_destroy_all_windows ();
}

static void
test_window_size_persists (void)
{
  g_autoptr(GSettings) settings = jm_ui_settings_new ();
  JmWindow *window;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = activate_sample_window ();
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 900);
    g_assert_cmpint (height, ==, 640);
  }

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  jm_test_sync ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL);
  g_assert_true (jm_test_wait_for (jm_test_n_windows_is, GUINT_TO_POINTER (0)));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);

  jm_test_destroy_all_windows ();
}

static void
test_new_map_dialog (void)
{
  g_autoptr(GSettings) settings = jm_ui_settings_new ();
  g_autoptr(JmDocument) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  JmWindow *window;
  JmNewMapDialog *dialog;
  JmWindow *new_window = NULL;

  if (jm_test_skip_unless_x11 ())
    return;

  window = activate_sample_window ();

  g_settings_set_string (settings, "last-template", jm_template_get_id (JM_TEMPLATE_LIFECYCLE));

  /* Ctrl+N, a real key press, opens the dialog on the last template used. */
  jm_test_send_key (GTK_WIDGET (window), XK_Control_L, 0, XK_n);
  g_assert_true (jm_test_wait_for (has_new_map_dialog, NULL));
  dialog = find_new_map_dialog ();
  g_assert_cmpuint (jm_new_map_dialog_get_template (dialog), ==, JM_TEMPLATE_LIFECYCLE);

  jm_new_map_dialog_set_template (dialog, JM_TEMPLATE_CLASSIC);
  jm_new_map_dialog_create (dialog);
  g_assert_true (jm_test_wait_for (jm_test_n_windows_is, GUINT_TO_POINTER (2)));
  g_assert_null (find_new_map_dialog ());

  last = g_settings_get_string (settings, "last-template");
  g_assert_cmpstr (last, ==, jm_template_get_id (JM_TEMPLATE_CLASSIC));

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    {
      if (JM_IS_WINDOW (l->data) && l->data != window)
        new_window = l->data;
    }
  g_assert_nonnull (new_window);
  expected = jm_document_new_from_template (JM_TEMPLATE_CLASSIC, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jm_document_get_title (jm_window_get_document (new_window)), ==,
                   jm_document_get_title (expected));
  g_assert_cmpuint (jm_document_get_n_stages (jm_window_get_document (new_window)), ==,
                    jm_document_get_n_stages (expected));
  g_assert_null (jm_window_get_file (new_window));

  jm_test_destroy_all_windows ();
}

static gboolean
quit_dialog_on (gpointer data)
{
  return jm_test_find_message_dialog (data) != NULL;
}

static void
test_quit_asks_each_window (void)
{
  g_autoptr(JmDocument) doc_a = jm_document_new_sample (NULL, NULL);
  g_autoptr(JmDocument) doc_b = jm_document_new_sample (NULL, NULL);
  JmWindow *a = JM_WINDOW (jm_application_open_document (app, doc_a, NULL));
  JmWindow *b = JM_WINDOW (jm_application_open_document (app, doc_b, NULL));
  JmWindow *first;
  JmWindow *second;
  AdwMessageDialog *dialog;

  jm_test_apply_title (jm_window_get_history (a), "Map A");
  jm_test_apply_title (jm_window_get_history (b), "Map B");
  g_assert_cmpuint (jm_test_count_map_windows (), ==, 2);

  /* Quit: asked for one window… */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_true (jm_test_wait_for (jm_test_has_message_dialog, NULL));
  dialog = jm_test_find_message_dialog (NULL);
  first = JM_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  second = first == a ? b : a;
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);

  /* …then for the other; Cancel keeps both windows open. */
  g_assert_true (jm_test_wait_for (quit_dialog_on, second));
  dialog = jm_test_find_message_dialog (GTK_WINDOW (second));
  gtk_window_close (GTK_WINDOW (dialog));
  jm_test_sync ();
  g_assert_cmpuint (jm_test_count_map_windows (), ==, 2);
  g_assert_true (jm_window_get_modified (first));
  g_assert_true (jm_window_get_modified (second));

  /* Quit again, Discard both: every window closes. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (jm_test_wait_for (jm_test_has_message_dialog, NULL));
      dialog = g_object_ref (jm_test_find_message_dialog (NULL));
      adw_message_dialog_response (dialog, "discard");
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_object_unref (dialog);
    }
  g_assert_true (jm_test_wait_for (jm_test_n_windows_is, GUINT_TO_POINTER (0)));

  jm_test_destroy_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  app = jm_test_app_setup (&argc, &argv, "app");
  if (app == NULL)
    return 77;

  g_test_add_func ("/ui/app/activate-shows-sample", test_activate_shows_sample);
  g_test_add_func ("/ui/app/close-unmodified", test_close_unmodified);
  g_test_add_func ("/ui/app/close-modified-asks", test_close_modified_asks);
  g_test_add_func ("/ui/app/close-modified-save", test_close_modified_save);
  g_test_add_func ("/ui/app/save-as", test_save_as);
  g_test_add_func ("/ui/app/open-already-open", test_open_already_open);
  g_test_add_func ("/ui/app/drop-files-opens-windows", test_drop_files_opens_windows);
  g_test_add_func ("/ui/app/open-error", test_open_error);
  g_test_add_func ("/ui/app/undo-redo-actions", test_undo_redo_actions);
  g_test_add_func ("/ui/app/undo-tooltip-names-next-step", test_undo_tooltip_names_next_step);
  g_test_add_func ("/ui/app/undo-key-spares-entries", test_undo_key_spares_entries);
  g_test_add_func ("/ui/app/sidebar-toggle", test_sidebar_toggle);
  g_test_add_func ("/ui/app/window-size-persists", test_window_size_persists);
  g_test_add_func ("/ui/app/new-map-dialog", test_new_map_dialog);
  g_test_add_func ("/ui/app/quit-asks-each-window", test_quit_asks_each_window);

  return jm_test_app_run (&app);
}
