/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The banner shown when another program changes a window's file: Reload (their version),
 * Keep Mine (the next Save overwrites), Save refusing to overwrite a change it has not seen,
 * no banner for our own saves, and a deleted file. */
#include "config.h"

#include <string.h>

#include "jm-test-util.h"
#include "jm-window-private.h"

static JmApplication *app;

/* Condition: the window's monitor looked at its file again since n_checks. */
typedef struct
{
  JmWindow *window;
  guint     n_checks;
} MonitorChecks;

static gboolean
monitor_checked (gpointer data)
{
  MonitorChecks *checks = data;

  return jm_window_monitor_get_n_checks (checks->window) > checks->n_checks;
}

/* Tests */

static void
test_monitor_reload (void)
{
  g_autoptr(GFile) file = jm_test_make_map_file ("Before");
  g_autoptr(JmDocument) document = jm_json_load_file (file, NULL, NULL);
  JmWindow *window;
  GtkWidget *reload;

  window = JM_WINDOW (jm_application_open_document (app, document, file));
  jm_test_sync ();
  g_assert_false (jm_test_banner_revealed (window));

  /* Another program saves the file: the banner offers Reload (nothing to lose here). */
  jm_test_write_sample_map (file, "After", FALSE);
  g_assert_true (jm_test_wait_for (jm_test_banner_revealed, window));
  g_assert_nonnull (strstr (gtk_label_get_text (window->file_changed_label),
                            "changed by another program"));
  reload = GTK_WIDGET (window->file_changed_reload_button);
  g_assert_true (gtk_widget_get_visible (reload));
  g_assert_true (gtk_widget_has_css_class (reload, "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (reload, "destructive-action"));

  /* Reload: their version, clean, banner gone. */
  g_signal_emit_by_name (reload, "clicked");
  g_assert_true (jm_test_wait_for (jm_test_banner_hidden, window));
  g_assert_cmpstr (jm_document_get_title (jm_window_get_document (window)), ==, "After");
  g_assert_false (jm_window_get_modified (window));

  /* Changed in place this time, while we have unsaved changes: Reload would lose them. */
  jm_test_apply_title (jm_window_get_history (window), "Ours");
  /* (another size than "After": a change whatever the clock says) */
  jm_test_write_sample_map (file, "In place", TRUE);
  g_assert_true (jm_test_wait_for (jm_test_banner_revealed, window));
  g_assert_nonnull (strstr (gtk_label_get_text (window->file_changed_label),
                            "discards your unsaved changes"));
  g_assert_true (gtk_widget_has_css_class (reload, "destructive-action"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL));
  g_assert_true (jm_test_wait_for (jm_test_banner_hidden, window));
  g_assert_cmpstr (jm_document_get_title (jm_window_get_document (window)), ==, "In place");
  g_assert_false (jm_window_get_modified (window));

  jm_test_destroy_all_windows ();
  jm_test_remove_temp_file (file);
}

static void
test_monitor_keep_mine (void)
{
  g_autoptr(GFile) file = jm_test_make_map_file ("Shared");
  g_autoptr(JmDocument) document = jm_json_load_file (file, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  MonitorChecks checks = { NULL, 0 };
  JmWindow *window;

  window = JM_WINDOW (jm_application_open_document (app, document, file));
  checks.window = window;
  jm_test_sync ();
  jm_test_apply_title (jm_window_get_history (window), "Mine");

  /* Their change arrives; saving now would silently lose it, so Save refuses. */
  jm_test_write_sample_map (file, "Theirs", FALSE);
  g_assert_false (jm_window_save_to_file (window, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&error);
  g_assert_true (jm_test_banner_revealed (window));
  g_assert_true (jm_test_file_contains (path, "Theirs"));
  g_assert_true (jm_window_get_modified (window));

  /* Keep Mine: the banner goes, our map stays as it is, and the next Save writes it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.keep-mine", NULL));
  g_assert_false (jm_test_banner_revealed (window));
  g_assert_cmpstr (jm_document_get_title (jm_window_get_document (window)), ==, "Mine");
  checks.n_checks = jm_window_monitor_get_n_checks (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_false (jm_window_get_modified (window));
  g_assert_true (jm_test_file_contains (path, "Mine"));

  /* The monitor's events of our own save show nothing. */
  g_assert_true (jm_test_wait_for (monitor_checked, &checks));
  g_assert_false (jm_test_banner_revealed (window));

  jm_test_destroy_all_windows ();
  jm_test_remove_temp_file (file);
}

static void
test_monitor_own_saves (void)
{
  g_autoptr(GFile) file = jm_test_make_map_file ("Mine alone");
  g_autoptr(JmDocument) document = jm_json_load_file (file, NULL, NULL);
  g_autoptr(GError) error = NULL;
  MonitorChecks checks = { NULL, 0 };
  JmWindow *window;

  window = JM_WINDOW (jm_application_open_document (app, document, file));
  checks.window = window;
  jm_test_sync ();

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("Mine, take %u", i);

      jm_test_apply_title (jm_window_get_history (window), title);
      checks.n_checks = jm_window_monitor_get_n_checks (window);
      g_assert_true (jm_window_save_to_file (window, file, &error));
      g_assert_no_error (error);
      /* Once the monitor has looked at the file after this save's events, nothing shows. */
      g_assert_true (jm_test_wait_for (monitor_checked, &checks));
      g_assert_false (jm_test_banner_revealed (window));
    }

  /* Deleted by someone else: said, and Save simply writes it again. */
  g_assert_true (g_file_delete (file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (jm_test_wait_for (jm_test_banner_revealed, window));
  g_assert_nonnull (strstr (gtk_label_get_text (window->file_changed_label), "deleted"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->file_changed_reload_button)));
  jm_test_apply_title (jm_window_get_history (window), "Written again");
  g_assert_true (jm_window_save_to_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_false (jm_test_banner_revealed (window));

  jm_test_destroy_all_windows ();
  jm_test_remove_temp_file (file);
}

int
main (int   argc,
      char *argv[])
{
  app = jm_test_app_setup (&argc, &argv, "monitor");
  if (app == NULL)
    return 77;

  g_test_add_func ("/ui/monitor/reload", test_monitor_reload);
  g_test_add_func ("/ui/monitor/keep-mine", test_monitor_keep_mine);
  g_test_add_func ("/ui/monitor/own-saves", test_monitor_own_saves);

  return jm_test_app_run (&app);
}
