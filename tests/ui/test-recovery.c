/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Never lose a map", through the real app.
 *
 * kill-and-recover: starts the journey-maps executable on a map, adds a card with real key
 * presses (XTEST: Insert, typing, Enter), waits for the autosave, kills the process with
 * SIGKILL, then starts the application again (in this process, on the same state folder):
 * the recovery dialog offers the map, Open brings the edit back in a modified window that
 * saves to the original file, and a clean save removes the recovery copy.
 *
 * The others check the rest of the autosave (untitled maps, undo back to the saved state,
 * Discard on close, Discard in the dialog, a copy older than its file). Their windows write
 * their copies after TEST_AUTOSAVE_DELAY_MS; the banner for files changed by another program
 * is test-monitor.c's. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gdk/x11/gdkx.h>
#include <X11/Xatom.h>
#include <X11/keysym.h>
#include <X11/extensions/XTest.h>

#include "jm-recovery-dialog.h"
#include "jm-test-util.h"
#include "jm-window-private.h"

#define EDIT_TEXT "zebra quokka"
/* The windows of this process write their copies this soon (the app waits 3 s). */
#define TEST_AUTOSAVE_DELAY_MS      100
#define TEST_AUTOSAVE_MAX_DELAY_MS  1000

static JmApplication *app;

/* Helpers */

static JmRecoveryDialog *
find_recovery_dialog (void)
{
  JmRecoveryDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l; l = l->next)
    {
      if (JM_IS_RECOVERY_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        found = l->data;
    }
  g_list_free (toplevels);

  return found;
}

static gboolean
has_recovery_dialog (gpointer data)
{
  return find_recovery_dialog () != NULL;
}

static gboolean
no_recovery_dialog (gpointer data)
{
  return find_recovery_dialog () == NULL;
}

/* The first button named name under widget (depth first). */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *name)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
recovery_path (const char *id,
               const char *suffix)
{
  g_autofree char *dir = jm_recovery_get_dir ();
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (dir, name, NULL);
}

/* The copy of id and its .info (written last) are there. */
static gboolean
copy_exists (gpointer data)
{
  g_autofree char *map = recovery_path (data, JM_RECOVERY_MAP_SUFFIX);
  g_autofree char *info = recovery_path (data, JM_RECOVERY_INFO_SUFFIX);

  return g_file_test (map, G_FILE_TEST_EXISTS) && g_file_test (info, G_FILE_TEST_EXISTS);
}

/* Neither is. */
static gboolean
copy_gone (gpointer data)
{
  g_autofree char *map = recovery_path (data, JM_RECOVERY_MAP_SUFFIX);
  g_autofree char *info = recovery_path (data, JM_RECOVERY_INFO_SUFFIX);

  return !g_file_test (map, G_FILE_TEST_EXISTS) && !g_file_test (info, G_FILE_TEST_EXISTS);
}

/* The number of files in the recovery folder (a missing folder has none). */
static guint
count_recovery_files (void)
{
  g_autofree char *dir_path = jm_recovery_get_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static gboolean
no_recovery_files (gpointer data)
{
  return count_recovery_files () == 0;
}

static JmCard *
find_card_with_text (JmDocument *document,
                     const char *text)
{
  g_autoptr(GPtrArray) cards = jm_document_dup_cards (document);

  for (guint i = 0; i < cards->len; i++)
    {
      JmCard *card = g_ptr_array_index (cards, i);

      if (g_strcmp0 (jm_card_get_text (card), text) == 0)
        return card;   /* the document keeps it alive */
    }

  return NULL;
}

/* Dates file a minute from now: newer than anything written before, however coarse the file
 * system's clock. */
static void
set_modified_later (GFile *file)
{
  g_autoptr(GError) error = NULL;
  guint64 later = (guint64) (g_get_real_time () / G_USEC_PER_SEC + 60);

  g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, later,
                               G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
}

/* The other process, through the X server */

typedef struct
{
  Display *display;
  GPid     pid;
  Window   window;
} ChildWindow;

/* The viewable top-level window of the process pid (GDK sets _NET_WM_PID). */
static gboolean
find_child_window (gpointer data)
{
  ChildWindow *child = data;
  Atom pid_atom = XInternAtom (child->display, "_NET_WM_PID", False);
  Window root = DefaultRootWindow (child->display);
  Window parent;
  Window *children = NULL;
  unsigned int n_children = 0;

  child->window = None;
  if (!XQueryTree (child->display, root, &root, &parent, &children, &n_children))
    return FALSE;

  for (unsigned int i = 0; i < n_children && child->window == None; i++)
    {
      XWindowAttributes attributes;
      Atom type;
      int format;
      unsigned long n_items, bytes_after;
      unsigned char *property = NULL;

      if (!XGetWindowAttributes (child->display, children[i], &attributes) ||
          attributes.map_state != IsViewable)
        continue;

      if (XGetWindowProperty (child->display, children[i], pid_atom, 0, 1, False, XA_CARDINAL,
                              &type, &format, &n_items, &bytes_after, &property) == Success &&
          property != NULL && format == 32 && n_items == 1 &&
          (GPid) *(unsigned long *) property == child->pid)
        child->window = children[i];

      if (property != NULL)
        XFree (property);
    }

  if (children != NULL)
    XFree (children);

  return child->window != None;
}

static void
child_key (ChildWindow *child,
           KeySym       keysym)
{
  KeyCode code = XKeysymToKeycode (child->display, keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (child->display, code, True, CurrentTime);
  XTestFakeKeyEvent (child->display, code, False, CurrentTime);
  XSync (child->display, False);
}

/* The child's window is titled title (_NET_WM_NAME): "Onboarding" once the map is loaded,
 * "• Onboarding" once it has an unsaved change. */
static gboolean
child_title_is (ChildWindow *child,
                const char  *title)
{
  Atom name_atom = XInternAtom (child->display, "_NET_WM_NAME", False);
  Atom utf8_atom = XInternAtom (child->display, "UTF8_STRING", False);
  unsigned char *property = NULL;
  unsigned long n_items, bytes_after;
  gboolean equal = FALSE;
  Atom type;
  int format;

  if (XGetWindowProperty (child->display, child->window, name_atom, 0, 1024, False, utf8_atom,
                          &type, &format, &n_items, &bytes_after, &property) == Success &&
      property != NULL && format == 8)
    equal = g_strcmp0 ((const char *) property, title) == 0;

  if (property != NULL)
    XFree (property);

  return equal;
}

static gboolean
child_shows_loaded_map (gpointer data)
{
  return find_child_window (data) && child_title_is (data, "Onboarding");
}

static gboolean
child_shows_modified_map (gpointer data)
{
  return child_title_is (data, "• Onboarding");
}

typedef struct
{
  const char *dir;
  const char *text;
} CopyWithText;

static gboolean
copy_with_text_exists (gpointer data)
{
  CopyWithText *want = data;
  g_autoptr(GDir) dir = g_dir_open (want->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (want->dir, name, NULL);

      if (name[0] != '.' && g_str_has_suffix (name, JM_RECOVERY_MAP_SUFFIX) &&
          jm_test_file_contains (path, want->text))
        {
          g_autofree char *id = g_strndup (name, strlen (name) - strlen (JM_RECOVERY_MAP_SUFFIX));

          /* …and its .info, written after it. */
          return copy_exists (id);
        }
    }

  return FALSE;
}

/* Tests */

static void
test_kill_and_recover (void)
{
  g_autoptr(GFile) file = jm_test_make_map_file ("Onboarding");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = jm_recovery_get_dir ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = NULL;
  g_autoptr(JmRecoveryDialog) dialog = NULL;
  g_autoptr(JmDocument) saved = NULL;
  g_autofree char *id = NULL;
  const char *argv[] = { JM_APP_EXE, path, NULL };
  CopyWithText want = { dir, EDIT_TEXT };
  ChildWindow child = { 0 };
  const JmRecoveryEntry *entry;
  GtkWidget *open_button;
  JmWindow *window;
  int status = 0;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("needs an X11 display for XTEST key presses");
      return;
    }

  /* 1. The real app, on its own: no session bus, so no single-instance hand-over to
   *    anything running. Its output goes to stderr, away from the TAP stream. */
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);
  g_spawn_async_with_fds (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                          &child.pid, -1, STDERR_FILENO, STDERR_FILENO, &error);
  g_assert_no_error (error);

  child.display = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  /* Shown with the map loaded (the window focuses the canvas on load). */
  g_assert_true (jm_test_wait_for_ms (child_shows_loaded_map, &child, 20000));

  /* 2. A new card through the keyboard: Insert adds one and opens its editor, Enter keeps
   *    the text. The X server delivers the focus change and the keys in this order, and the
   *    child handles them in order: nothing to wait for in between. */
  XSetInputFocus (child.display, child.window, RevertToParent, CurrentTime);
  child_key (&child, XK_Insert);
  for (const char *c = EDIT_TEXT; *c != '\0'; c++)
    child_key (&child, *c == ' ' ? XK_space : (KeySym) *c);
  child_key (&child, XK_Return);
  g_assert_true (jm_test_wait_for_ms (child_shows_modified_map, &child, 20000));

  /* 3. The autosave writes it (and then its .info) a few seconds later; the map file itself
   *    is untouched. */
  g_assert_true (jm_test_wait_for_ms (copy_with_text_exists, &want, 20000));
  g_assert_false (jm_test_file_contains (path, EDIT_TEXT));

  /* 4. Killed, the hard way. */
  g_assert_cmpint (kill (child.pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (child.pid, &status, 0), ==, child.pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_spawn_close_pid (child.pid);

  /* Its lock died with it: the copy is recoverable, and knows where the map lives. */
  entries = jm_recovery_list (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_null (entry->error);
  g_assert_cmpstr (entry->title, ==, "Onboarding");
  g_assert_nonnull (entry->original);
  g_assert_true (g_file_equal (entry->original, file));
  id = g_strdup (entry->id);

  /* 5. The next start: the dialog offers the map, and no sample map opens meanwhile. */
  g_application_activate (G_APPLICATION (app));
  g_assert_true (jm_test_wait_for (has_recovery_dialog, NULL));
  dialog = g_object_ref (find_recovery_dialog ());
  g_assert_cmpuint (jm_recovery_dialog_get_n_entries (dialog), ==, 1);
  g_assert_cmpstr (jm_recovery_dialog_get_entry (dialog, 0)->id, ==, id);
  g_assert_cmpuint (jm_test_count_map_windows (), ==, 0);

  /* Open (the row's button): a window on the recovered map, with the edit, modified, saving
   * to the original file. The dialog has nothing left to offer and closes. */
  open_button = find_button (GTK_WIDGET (dialog), "open");
  g_assert_nonnull (open_button);
  g_signal_emit_by_name (open_button, "clicked");
  g_assert_true (jm_test_wait_for (jm_test_window_mapped, NULL));
  g_assert_true (jm_test_wait_for (no_recovery_dialog, NULL));
  g_assert_cmpuint (jm_test_count_map_windows (), ==, 1);

  window = jm_test_get_only_window ();
  g_assert_nonnull (find_card_with_text (jm_window_get_document (window), EDIT_TEXT));
  g_assert_true (jm_window_get_modified (window));
  g_assert_true (jm_window_autosave_get_recovered (window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  g_assert_true (g_file_equal (jm_window_get_file (window), file));
  g_assert_cmpstr (jm_window_autosave_get_id (window), ==, id);
  /* Unchanged on disk since the copy was written: no banner. */
  g_assert_false (jm_test_banner_revealed (window));

  /* Still recoverable should this instance die too, but not offered to another one. */
  g_assert_true (copy_exists (id));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = jm_recovery_list (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);

  /* 6. Save: into the original file; the copy goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  jm_test_sync ();
  g_assert_false (jm_window_get_modified (window));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  g_assert_true (copy_gone (id));
  saved = jm_json_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_card_with_text (saved, EDIT_TEXT));

  /* 7. Closing leaves nothing behind, not even the lock. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL);
  g_assert_true (jm_test_wait_for (jm_test_n_windows_is, GUINT_TO_POINTER (0)));
  g_assert_true (jm_test_wait_for (no_recovery_files, NULL));

  jm_test_destroy_all_windows ();
  jm_test_remove_temp_file (file);
}

static void
test_autosave_then_save (void)
{
  g_autoptr(GFile) file = jm_test_make_map_file ("Renewal");
  g_autoptr(JmDocument) document = jm_json_load_file (file, NULL, NULL);
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *info_path = NULL;
  g_autofree char *original = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  JmWindow *window;
  const char *id;
  gint64 start;

  window = JM_WINDOW (jm_application_open_document (app, document, file));
  jm_window_autosave_set_delay (window, TEST_AUTOSAVE_DELAY_MS, TEST_AUTOSAVE_MAX_DELAY_MS);
  id = jm_window_autosave_get_id (window);
  g_assert_true (jm_recovery_id_is_valid (id));
  jm_test_sync ();
  /* Nothing unsaved, nothing written. */
  g_assert_false (copy_exists ((gpointer) id));

  start = g_get_monotonic_time ();
  jm_test_apply_title (jm_window_get_history (window), "Renewal, autosaved");

  /* Not at once: the delay after the change (a timer never fires early). */
  g_assert_false (copy_exists ((gpointer) id));
  g_assert_true (jm_test_wait_for_ms (copy_exists, (gpointer) id, 15000));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, TEST_AUTOSAVE_DELAY_MS * 1000);

  copy = recovery_path (id, JM_RECOVERY_MAP_SUFFIX);
  g_assert_true (jm_test_file_contains (copy, "Renewal, autosaved"));
  info_path = recovery_path (id, JM_RECOVERY_INFO_SUFFIX);
  g_assert_true (g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  original = g_key_file_get_string (info, "Recovery", "Original", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (original, ==, uri);

  /* Ours and alive: never offered to anyone. */
  entries = jm_recovery_list (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);

  /* A clean save removes it at once. */
  g_assert_true (jm_window_save_to_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (copy_gone ((gpointer) id));

  jm_test_destroy_all_windows ();
  jm_test_remove_temp_file (file);
}

static void
test_untitled_discard_on_close (void)
{
  g_autoptr(JmDocument) document = jm_test_new_sample (NULL);
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *info_path = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  AdwMessageDialog *question;
  JmWindow *window;

  window = JM_WINDOW (jm_application_open_document (app, document, NULL));
  jm_window_autosave_set_delay (window, TEST_AUTOSAVE_DELAY_MS, TEST_AUTOSAVE_MAX_DELAY_MS);
  id = g_strdup (jm_window_autosave_get_id (window));
  jm_test_apply_title (jm_window_get_history (window), "Never saved");

  /* Untitled maps are kept too, with no original file. */
  g_assert_true (jm_test_wait_for_ms (copy_exists, id, 15000));
  info_path = recovery_path (id, JM_RECOVERY_INFO_SUFFIX);
  g_assert_true (g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  g_assert_false (g_key_file_has_key (info, "Recovery", "Original", NULL));
  title = g_key_file_get_string (info, "Recovery", "Title", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (title, ==, "Never saved");

  /* Close → "Save Changes?" → Discard: the user gave the changes up; the copy goes. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL);
  g_assert_true (jm_test_wait_for (jm_test_has_message_dialog, NULL));
  question = g_object_ref (jm_test_find_message_dialog (NULL));
  g_assert_true (copy_exists (id));
  adw_message_dialog_response (question, "discard");
  gtk_window_destroy (GTK_WINDOW (question));
  g_object_unref (question);
  g_assert_true (jm_test_wait_for (jm_test_n_windows_is, GUINT_TO_POINTER (0)));
  g_assert_true (copy_gone (id));
  g_assert_true (jm_test_wait_for (no_recovery_files, NULL));

  jm_test_destroy_all_windows ();
}

static void
test_undo_to_clean_discards (void)
{
  g_autoptr(JmDocument) document = jm_test_new_sample (NULL);
  g_autofree char *id = NULL;
  JmWindow *window;

  window = JM_WINDOW (jm_application_open_document (app, document, NULL));
  jm_window_autosave_set_delay (window, TEST_AUTOSAVE_DELAY_MS, TEST_AUTOSAVE_MAX_DELAY_MS);
  id = g_strdup (jm_window_autosave_get_id (window));
  jm_test_apply_title (jm_window_get_history (window), "Undone later");
  g_assert_true (jm_test_wait_for_ms (copy_exists, id, 15000));

  /* Back to the state the map had: nothing unsaved, nothing to recover. */
  g_assert_true (jm_history_undo (jm_window_get_history (window)));
  g_assert_false (jm_window_get_modified (window));
  g_assert_true (copy_gone (id));

  /* Redo: unsaved again, written again. */
  g_assert_true (jm_history_redo (jm_window_get_history (window)));
  g_assert_true (jm_test_wait_for_ms (copy_exists, id, 15000));

  /* Destroyed rather than closed (as a crash of the window would): the copy stays. */
  jm_test_destroy_all_windows ();
  jm_test_sync ();
  g_assert_true (copy_exists (id));
  g_assert_true (jm_recovery_discard (id, NULL));
  g_assert_true (jm_test_wait_for (no_recovery_files, NULL));
}

static void
test_dialog_discard (void)
{
  g_autoptr(JmDocument) document = jm_test_new_sample (NULL);
  g_autoptr(JmHistory) history = jm_history_new (document);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmRecoveryDialog) dialog = NULL;
  g_autofree char *id = jm_recovery_new_id ();
  g_autofree char *copy = NULL;
  GtkWidget *discard_button;

  /* A copy left by some earlier run. */
  jm_history_apply (history, jm_set_string_command_new (NULL, "title", "Left behind"), &error);
  g_assert_no_error (error);
  copy = jm_recovery_write (document, id, NULL, &error);
  g_assert_no_error (error);
  entries = jm_recovery_list (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);

  dialog = g_object_ref (jm_recovery_dialog_new (GTK_APPLICATION (app), entries));
  gtk_window_present (GTK_WINDOW (dialog));
  jm_test_sync ();

  /* Discard: gone from disk, gone from the list; nothing left, so the dialog closes and no
   * window opens. */
  discard_button = find_button (GTK_WIDGET (dialog), "discard");
  g_assert_nonnull (discard_button);
  g_assert_true (gtk_widget_has_css_class (discard_button, "destructive-action"));
  g_signal_emit_by_name (discard_button, "clicked");
  g_assert_true (copy_gone (id));
  g_assert_true (jm_test_wait_for (no_recovery_files, NULL));
  g_assert_cmpuint (jm_recovery_dialog_get_n_entries (dialog), ==, 0);
  g_assert_true (jm_test_wait_for (no_recovery_dialog, NULL));
  jm_test_sync ();
  g_assert_cmpuint (jm_test_count_map_windows (), ==, 0);

  jm_test_destroy_all_windows ();
}

static void
test_dialog_open_changed_since (void)
{
  g_autoptr(GFile) file = jm_test_make_map_file ("Shared map");
  g_autoptr(JmDocument) document = jm_json_load_file (file, NULL, NULL);
  g_autoptr(JmHistory) history = jm_history_new (document);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmRecoveryDialog) dialog = NULL;
  g_autofree char *id = jm_recovery_new_id ();
  g_autofree char *copy = NULL;
  g_autofree char *path = g_file_get_path (file);
  JmWindow *window;

  /* Our unsaved changes, from an earlier run; then someone else saved the file. */
  jm_history_apply (history, jm_set_string_command_new (NULL, "title", "Ours"), &error);
  g_assert_no_error (error);
  copy = jm_recovery_write (document, id, file, &error);
  g_assert_no_error (error);
  jm_test_write_sample_map (file, "Theirs", FALSE);
  set_modified_later (file);

  entries = jm_recovery_list (&error);
  g_assert_no_error (error);
  dialog = g_object_ref (jm_recovery_dialog_new (GTK_APPLICATION (app), entries));
  gtk_window_present (GTK_WINDOW (dialog));

  window = JM_WINDOW (jm_recovery_dialog_open (dialog, id));
  g_assert_nonnull (window);
  g_assert_cmpstr (jm_document_get_title (jm_window_get_document (window)), ==, "Ours");
  g_assert_true (jm_window_get_modified (window));

  /* The file is newer than the copy: the banner says so at once, and Save does not write
   * over their version until the user chooses. */
  g_assert_true (jm_test_banner_revealed (window));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window->file_changed_reload_button),
                                           "destructive-action"));
  g_assert_false (jm_window_save_to_file (window, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&error);
  g_assert_true (jm_test_file_contains (path, "Theirs"));

  /* Keep Mine: the next Save overwrites, deliberately, and the copy goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.keep-mine", NULL));
  g_assert_true (jm_test_wait_for (jm_test_banner_hidden, window));
  g_assert_true (jm_window_save_to_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (jm_test_file_contains (path, "Ours"));
  g_assert_true (copy_gone (id));

  jm_test_destroy_all_windows ();
  g_assert_true (jm_test_wait_for (no_recovery_files, NULL));
  jm_test_remove_temp_file (file);
}

int
main (int   argc,
      char *argv[])
{
  app = jm_test_app_setup (&argc, &argv, "recovery");
  if (app == NULL)
    return 77;

  /* First: it is the application's first activation, when the dialog is offered. */
  g_test_add_func ("/ui/recovery/kill-and-recover", test_kill_and_recover);
  g_test_add_func ("/ui/recovery/autosave-then-save", test_autosave_then_save);
  g_test_add_func ("/ui/recovery/untitled-discard-on-close", test_untitled_discard_on_close);
  g_test_add_func ("/ui/recovery/undo-to-clean-discards", test_undo_to_clean_discards);
  g_test_add_func ("/ui/recovery/dialog-discard", test_dialog_discard);
  g_test_add_func ("/ui/recovery/dialog-open-changed-since", test_dialog_open_changed_since);

  return jm_test_app_run (&app);
}
