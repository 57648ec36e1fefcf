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
 * Discard on close, Discard in the dialog) and the banner shown when another program changes
 * the file (Reload, Keep Mine, no banner for our own saves, Save refusing to overwrite). */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gdk/x11/gdkx.h>
#include <X11/Xatom.h>
#include <X11/keysym.h>
#include <X11/extensions/XTest.h>

#include "jm-application.h"
#include "jm-recovery-dialog.h"
#include "jm-ui.h"
#include "jm-window-private.h"

#define EDIT_TEXT "zebra quokka"

static JmApplication *app;
static char *home;

/* Helpers */

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_for_ms (Condition condition,
             gpointer  data,
             guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

static gboolean
wait_for (Condition condition,
          gpointer  data)
{
  return wait_for_ms (condition, data, 5000);
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static guint
count_map_windows (void)
{
  guint n = 0;

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    {
      if (JM_IS_WINDOW (l->data))
        n++;
    }

  return n;
}

static JmWindow *
get_only_window (void)
{
  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    {
      if (JM_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static gboolean
has_map_window (gpointer data)
{
  return count_map_windows () > 0;
}

static gboolean
n_windows_is (gpointer data)
{
  return count_map_windows () == GPOINTER_TO_UINT (data);
}

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

static AdwMessageDialog *
find_message_dialog (void)
{
  AdwMessageDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        found = l->data;
    }
  g_list_free (toplevels);

  return found;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static void
destroy_all_windows (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l; l = l->next)
    g_object_ref (l->data);
  for (const GList *l = toplevels; l; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free_full (toplevels, g_object_unref);

  spin (20);
  g_assert_cmpuint (count_map_windows (), ==, 0);
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

static gboolean
file_contains (const char *path,
               const char *text)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  return strstr (contents, text) != NULL;
}

static void
apply_title (JmWindow   *window,
             const char *title)
{
  g_autoptr(GError) error = NULL;

  jm_history_apply (jm_window_get_history (window),
                    jm_set_string_command_new (NULL, "title", title),
                    &error);
  g_assert_no_error (error);
}

static JmDocument *
new_sample (void)
{
  g_autoptr(GError) error = NULL;
  JmDocument *document = jm_document_new_sample (NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

/* A map file in a folder of its own: the sample, titled title. */
static GFile *
make_map_file (const char *title)
{
  g_autoptr(JmDocument) document = new_sample ();
  g_autoptr(JmHistory) history = jm_history_new (document);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GFile *file;

  jm_history_apply (history, jm_set_string_command_new (NULL, "title", title), &error);
  g_assert_no_error (error);

  dir = g_dir_make_tmp ("jm-test-recovery-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "map.journey.json", NULL);
  file = g_file_new_for_path (path);
  jm_json_save_file (document, file, NULL, &error);
  g_assert_no_error (error);

  return file;
}

static void
remove_map_file (GFile *file)
{
  g_autoptr(GFile) dir = g_file_get_parent (file);

  g_file_delete (file, NULL, NULL);
  g_file_delete (dir, NULL, NULL);
}

/* Another program writes the map file, titled title: atomically (a new file renamed over
 * it, as most editors and our own writer do) or in place. */
static void
write_elsewhere (GFile      *file,
                 const char *title,
                 gboolean    in_place)
{
  g_autoptr(JmDocument) document = new_sample ();
  g_autoptr(JmHistory) history = jm_history_new (document);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);

  jm_history_apply (history, jm_set_string_command_new (NULL, "title", title), &error);
  g_assert_no_error (error);

  if (!in_place)
    {
      jm_json_save_file (document, file, NULL, &error);
      g_assert_no_error (error);
      return;
    }

  {
    FILE *stream = fopen (path, "r+");
    gsize size;
    const char *data;

    bytes = jm_json_save_bytes (document);
    data = g_bytes_get_data (bytes, &size);
    g_assert_nonnull (stream);
    g_assert_cmpint (ftruncate (fileno (stream), 0), ==, 0);
    g_assert_cmpuint (fwrite (data, 1, size, stream), ==, size);
    g_assert_cmpint (fclose (stream), ==, 0);
  }
}

static gboolean
banner_revealed (gpointer data)
{
  JmWindow *window = data;

  return gtk_revealer_get_reveal_child (window->file_changed_revealer);
}

static gboolean
banner_hidden (gpointer data)
{
  return !banner_revealed (data);
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
  g_usleep (20 * 1000);
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
          file_contains (path, want->text))
        return TRUE;
    }

  return FALSE;
}

/* Tests */

static void
test_kill_and_recover (void)
{
  g_autoptr(GFile) file = make_map_file ("Onboarding");
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
  g_assert_true (wait_for_ms (find_child_window, &child, 20000));
  /* Loaded, drawn, the canvas focused (the window focuses it on load). */
  g_usleep (700 * 1000);

  /* 2. A new card through the keyboard: Insert adds one and opens its editor, Enter keeps
   *    the text. */
  XSetInputFocus (child.display, child.window, RevertToParent, CurrentTime);
  XSync (child.display, False);
  g_usleep (200 * 1000);
  child_key (&child, XK_Insert);
  g_usleep (300 * 1000);
  for (const char *c = EDIT_TEXT; *c != '\0'; c++)
    child_key (&child, *c == ' ' ? XK_space : (KeySym) *c);
  child_key (&child, XK_Return);

  /* 3. The autosave writes it a few seconds later; the map file itself is untouched. */
  g_assert_true (wait_for_ms (copy_with_text_exists, &want, 20000));
  g_assert_false (file_contains (path, EDIT_TEXT));
  /* (its .info follows the map) */
  g_usleep (300 * 1000);

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
  g_assert_true (wait_for (has_recovery_dialog, NULL));
  dialog = g_object_ref (find_recovery_dialog ());
  g_assert_cmpuint (jm_recovery_dialog_get_n_entries (dialog), ==, 1);
  g_assert_cmpstr (jm_recovery_dialog_get_entry (dialog, 0)->id, ==, id);
  g_assert_cmpuint (count_map_windows (), ==, 0);

  /* Open (the row's button): a window on the recovered map, with the edit, modified, saving
   * to the original file. The dialog has nothing left to offer and closes. */
  open_button = find_button (GTK_WIDGET (dialog), "open");
  g_assert_nonnull (open_button);
  g_signal_emit_by_name (open_button, "clicked");
  g_assert_true (wait_for (has_map_window, NULL));
  g_assert_true (wait_for (no_recovery_dialog, NULL));
  g_assert_cmpuint (count_map_windows (), ==, 1);

  window = get_only_window ();
  g_assert_nonnull (find_card_with_text (jm_window_get_document (window), EDIT_TEXT));
  g_assert_true (jm_window_get_modified (window));
  g_assert_true (jm_window_autosave_get_recovered (window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  g_assert_true (g_file_equal (jm_window_get_file (window), file));
  g_assert_cmpstr (jm_window_autosave_get_id (window), ==, id);
  /* Unchanged on disk since the copy was written: no banner. */
  g_assert_false (banner_revealed (window));

  /* Still recoverable should this instance die too, but not offered to another one. */
  g_assert_true (copy_exists (id));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = jm_recovery_list (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);

  /* 6. Save: into the original file; the copy goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  spin (20);
  g_assert_false (jm_window_get_modified (window));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  g_assert_true (copy_gone (id));
  saved = jm_json_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_card_with_text (saved, EDIT_TEXT));

  /* 7. Closing leaves nothing behind, not even the lock. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL);
  g_assert_true (wait_for (n_windows_is, GUINT_TO_POINTER (0)));
  g_assert_true (wait_for (no_recovery_files, NULL));

  destroy_all_windows ();
  remove_map_file (file);
}

static void
test_autosave_then_save (void)
{
  g_autoptr(GFile) file = make_map_file ("Renewal");
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
  id = jm_window_autosave_get_id (window);
  g_assert_true (jm_recovery_id_is_valid (id));
  spin (50);
  /* Nothing unsaved, nothing written. */
  g_assert_false (copy_exists ((gpointer) id));

  start = g_get_monotonic_time ();
  apply_title (window, "Renewal, autosaved");

  /* A few seconds after the change, not at once. */
  g_assert_true (wait_for_ms (copy_exists, (gpointer) id, 15000));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2500 * 1000);

  copy = recovery_path (id, JM_RECOVERY_MAP_SUFFIX);
  g_assert_true (file_contains (copy, "Renewal, autosaved"));
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

  destroy_all_windows ();
  remove_map_file (file);
}

static void
test_untitled_discard_on_close (void)
{
  g_autoptr(JmDocument) document = new_sample ();
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *info_path = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  AdwMessageDialog *question;
  JmWindow *window;

  window = JM_WINDOW (jm_application_open_document (app, document, NULL));
  id = g_strdup (jm_window_autosave_get_id (window));
  apply_title (window, "Never saved");

  /* Untitled maps are kept too, with no original file. */
  g_assert_true (wait_for_ms (copy_exists, id, 15000));
  info_path = recovery_path (id, JM_RECOVERY_INFO_SUFFIX);
  g_assert_true (g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  g_assert_false (g_key_file_has_key (info, "Recovery", "Original", NULL));
  title = g_key_file_get_string (info, "Recovery", "Title", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (title, ==, "Never saved");

  /* Close → "Save Changes?" → Discard: the user gave the changes up; the copy goes. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL);
  g_assert_true (wait_for (has_message_dialog, NULL));
  question = g_object_ref (find_message_dialog ());
  g_assert_true (copy_exists (id));
  adw_message_dialog_response (question, "discard");
  gtk_window_destroy (GTK_WINDOW (question));
  g_object_unref (question);
  g_assert_true (wait_for (n_windows_is, GUINT_TO_POINTER (0)));
  g_assert_true (copy_gone (id));
  g_assert_true (wait_for (no_recovery_files, NULL));

  destroy_all_windows ();
}

static void
test_undo_to_clean_discards (void)
{
  g_autoptr(JmDocument) document = new_sample ();
  g_autofree char *id = NULL;
  JmWindow *window;

  window = JM_WINDOW (jm_application_open_document (app, document, NULL));
  id = g_strdup (jm_window_autosave_get_id (window));
  apply_title (window, "Undone later");
  g_assert_true (wait_for_ms (copy_exists, id, 15000));

  /* Back to the state the map had: nothing unsaved, nothing to recover. */
  g_assert_true (jm_history_undo (jm_window_get_history (window)));
  g_assert_false (jm_window_get_modified (window));
  g_assert_true (copy_gone (id));

  /* Redo: unsaved again, written again. */
  g_assert_true (jm_history_redo (jm_window_get_history (window)));
  g_assert_true (wait_for_ms (copy_exists, id, 15000));

  /* Destroyed rather than closed (as a crash of the window would): the copy stays. */
  destroy_all_windows ();
  spin (100);
  g_assert_true (copy_exists (id));
  g_assert_true (jm_recovery_discard (id, NULL));
  g_assert_true (wait_for (no_recovery_files, NULL));
}

static void
test_dialog_discard (void)
{
  g_autoptr(JmDocument) document = new_sample ();
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
  spin (50);

  /* Discard: gone from disk, gone from the list; nothing left, so the dialog closes and no
   * window opens. */
  discard_button = find_button (GTK_WIDGET (dialog), "discard");
  g_assert_nonnull (discard_button);
  g_assert_true (gtk_widget_has_css_class (discard_button, "destructive-action"));
  g_signal_emit_by_name (discard_button, "clicked");
  g_assert_true (copy_gone (id));
  g_assert_true (wait_for (no_recovery_files, NULL));
  g_assert_cmpuint (jm_recovery_dialog_get_n_entries (dialog), ==, 0);
  g_assert_true (wait_for (no_recovery_dialog, NULL));
  spin (50);
  g_assert_cmpuint (count_map_windows (), ==, 0);

  destroy_all_windows ();
}

static void
test_dialog_open_changed_since (void)
{
  g_autoptr(GFile) file = make_map_file ("Shared map");
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
  g_usleep (20 * 1000);
  write_elsewhere (file, "Theirs", FALSE);

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
  g_assert_true (banner_revealed (window));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window->file_changed_reload_button),
                                           "destructive-action"));
  g_assert_false (jm_window_save_to_file (window, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&error);
  g_assert_true (file_contains (path, "Theirs"));

  /* Keep Mine: the next Save overwrites, deliberately, and the copy goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.keep-mine", NULL));
  g_assert_true (wait_for (banner_hidden, window));
  g_assert_true (jm_window_save_to_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (file_contains (path, "Ours"));
  g_assert_true (copy_gone (id));

  destroy_all_windows ();
  g_assert_true (wait_for (no_recovery_files, NULL));
  remove_map_file (file);
}

static void
test_monitor_reload (void)
{
  g_autoptr(GFile) file = make_map_file ("Before");
  g_autoptr(JmDocument) document = jm_json_load_file (file, NULL, NULL);
  JmWindow *window;
  GtkWidget *reload;

  window = JM_WINDOW (jm_application_open_document (app, document, file));
  spin (100);
  g_assert_false (banner_revealed (window));

  /* Another program saves the file: the banner offers Reload (nothing to lose here). */
  write_elsewhere (file, "After", FALSE);
  g_assert_true (wait_for (banner_revealed, window));
  g_assert_nonnull (strstr (gtk_label_get_text (window->file_changed_label),
                            "changed by another program"));
  reload = GTK_WIDGET (window->file_changed_reload_button);
  g_assert_true (gtk_widget_get_visible (reload));
  g_assert_true (gtk_widget_has_css_class (reload, "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (reload, "destructive-action"));

  /* Reload: their version, clean, banner gone. */
  g_signal_emit_by_name (reload, "clicked");
  g_assert_true (wait_for (banner_hidden, window));
  g_assert_cmpstr (jm_document_get_title (jm_window_get_document (window)), ==, "After");
  g_assert_false (jm_window_get_modified (window));

  /* Changed in place this time, while we have unsaved changes: Reload would lose them. */
  apply_title (window, "Ours");
  g_usleep (20 * 1000);
  write_elsewhere (file, "In place", TRUE);
  g_assert_true (wait_for (banner_revealed, window));
  g_assert_nonnull (strstr (gtk_label_get_text (window->file_changed_label),
                            "discards your unsaved changes"));
  g_assert_true (gtk_widget_has_css_class (reload, "destructive-action"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL));
  g_assert_true (wait_for (banner_hidden, window));
  g_assert_cmpstr (jm_document_get_title (jm_window_get_document (window)), ==, "In place");
  g_assert_false (jm_window_get_modified (window));

  destroy_all_windows ();
  remove_map_file (file);
}

static void
test_monitor_keep_mine (void)
{
  g_autoptr(GFile) file = make_map_file ("Shared");
  g_autoptr(JmDocument) document = jm_json_load_file (file, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  JmWindow *window;

  window = JM_WINDOW (jm_application_open_document (app, document, file));
  spin (100);
  apply_title (window, "Mine");

  /* Their change arrives; saving now would silently lose it, so Save refuses. */
  write_elsewhere (file, "Theirs", FALSE);
  g_assert_false (jm_window_save_to_file (window, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&error);
  g_assert_true (banner_revealed (window));
  g_assert_true (file_contains (path, "Theirs"));
  g_assert_true (jm_window_get_modified (window));

  /* Keep Mine: the banner goes, our map stays as it is, and the next Save writes it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.keep-mine", NULL));
  g_assert_false (banner_revealed (window));
  g_assert_cmpstr (jm_document_get_title (jm_window_get_document (window)), ==, "Mine");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  spin (20);
  g_assert_false (jm_window_get_modified (window));
  g_assert_true (file_contains (path, "Mine"));

  /* The monitor's events of our own save show nothing. */
  spin (600);
  g_assert_false (banner_revealed (window));

  destroy_all_windows ();
  remove_map_file (file);
}

static void
test_monitor_own_saves (void)
{
  g_autoptr(GFile) file = make_map_file ("Mine alone");
  g_autoptr(JmDocument) document = jm_json_load_file (file, NULL, NULL);
  g_autoptr(GError) error = NULL;
  JmWindow *window;

  window = JM_WINDOW (jm_application_open_document (app, document, file));
  spin (100);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("Mine, take %u", i);

      apply_title (window, title);
      g_assert_true (jm_window_save_to_file (window, file, &error));
      g_assert_no_error (error);
      spin (100);
    }

  spin (600);
  g_assert_false (banner_revealed (window));

  /* Deleted by someone else: said, and Save simply writes it again. */
  g_assert_true (g_file_delete (file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (banner_revealed, window));
  g_assert_nonnull (strstr (gtk_label_get_text (window->file_changed_label), "deleted"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->file_changed_reload_button)));
  apply_title (window, "Written again");
  g_assert_true (jm_window_save_to_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_false (banner_revealed (window));

  destroy_all_windows ();
  remove_map_file (file);
}

static void
delete_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL)
    {
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) || child == NULL)
        break;
      delete_tree (child);
    }

  g_file_delete (file, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) home_dir = NULL;
  int ret;

  /* One private home, shared with the app process this test starts: set before GLib caches
   * the user directories. */
  home = g_dir_make_tmp ("jm-test-recovery-home-XXXXXX", &error);
  g_assert_no_error (error);
  home_dir = g_file_new_for_path (home);
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < 4; i++)
    {
      static const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                                    "XDG_STATE_HOME" };
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i], dir, TRUE);
    }

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    return 77;
  adw_init ();
  jm_ui_init ();

  app = g_object_new (JM_TYPE_APPLICATION,
                      "application-id", APP_ID,
                      "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  /* First: it is the application's first activation, when the dialog is offered. */
  g_test_add_func ("/ui/recovery/kill-and-recover", test_kill_and_recover);
  g_test_add_func ("/ui/recovery/autosave-then-save", test_autosave_then_save);
  g_test_add_func ("/ui/recovery/untitled-discard-on-close", test_untitled_discard_on_close);
  g_test_add_func ("/ui/recovery/undo-to-clean-discards", test_undo_to_clean_discards);
  g_test_add_func ("/ui/recovery/dialog-discard", test_dialog_discard);
  g_test_add_func ("/ui/recovery/dialog-open-changed-since", test_dialog_open_changed_since);
  g_test_add_func ("/ui/monitor/reload", test_monitor_reload);
  g_test_add_func ("/ui/monitor/keep-mine", test_monitor_keep_mine);
  g_test_add_func ("/ui/monitor/own-saves", test_monitor_own_saves);

  ret = g_test_run ();

  destroy_all_windows ();
  g_clear_object (&app);
  delete_tree (home_dir);
  g_free (home);

  return ret;
}
