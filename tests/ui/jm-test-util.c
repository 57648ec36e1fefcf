/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-test-util.c: what the UI tests share (see jm-test-util.h). */
#include "config.h"

#include "jm-test-util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gdk/x11/gdkx.h>
#include <X11/keysym.h>
#include <X11/extensions/XTest.h>

#include "jm-ui.h"
#include "jm-window-private.h"

gboolean
jm_test_init (int    *argc,
              char ***argv)
{
  g_test_init (argc, argv, NULL);
  /* As main.c: the app's text domain, the build tree's catalogs ($JM_LOCALEDIR). */
  jm_ui_init_i18n ();

  if (!gtk_init_check ())
    return FALSE;
  adw_init ();
  jm_ui_init ();

  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Main loop */

static gboolean
wake_cb (gpointer unused)
{
  return G_SOURCE_CONTINUE;
}

/* A timer that wakes a blocked main loop every 5 ms, at the lowest priority: a timer at the
 * default one is due again whenever an iteration (a slow condition, a render) takes longer
 * than 5 ms, and as a ready source of a higher priority it would keep GLib from ever
 * dispatching the idles (the widgets' updates, priority HIGH_IDLE) and the frame clock
 * (GDK_PRIORITY_REDRAW) the test waits for. */
static guint
add_wake_timer (void)
{
  return g_timeout_add_full (G_PRIORITY_LOW, 5, wake_cb, NULL, NULL);
}

gboolean
jm_test_wait_for_ms (JmTestCondition condition,
                     gpointer        data,
                     guint           timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint wake_id;
  gboolean holds;

  /* The condition may hang on something outside the main loop (a file, another process):
   * a short timer wakes the loop to look again. */
  wake_id = add_wake_timer ();

  while (!(holds = condition (data)) && g_get_monotonic_time () <= deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_id);
  return holds;
}

void
jm_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  guint wake_id = add_wake_timer ();

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake_id);
}

gboolean
jm_test_wait_for (JmTestCondition condition,
                  gpointer        data)
{
  return jm_test_wait_for_ms (condition, data, 5000);
}

/* Every event GDK reads asks its surface's frame clock for a flush-events phase; the events
 * queued by then (motions are held back for compression until it) are delivered in that
 * frame, before it paints and resumes event delivery. So input has been handled once the X
 * queue is empty and each mapped window's frame clock has resumed events after a flush that
 * came after that. */

#define FLUSHES_KEY "jm-test-flushes"
#define RESUMED_KEY "jm-test-resumed"

static guint
get_count (GdkFrameClock *clock,
           const char    *key)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (clock), key));
}

static void
flush_events_cb (GdkFrameClock *clock,
                 gpointer       unused)
{
  g_object_set_data (G_OBJECT (clock), FLUSHES_KEY,
                     GUINT_TO_POINTER (get_count (clock, FLUSHES_KEY) + 1));
}

static void
resume_events_cb (GdkFrameClock *clock,
                  gpointer       unused)
{
  g_object_set_data (G_OBJECT (clock), RESUMED_KEY,
                     GUINT_TO_POINTER (get_count (clock, FLUSHES_KEY)));
}

typedef struct
{
  GPtrArray *clocks;   /* of GdkFrameClock */
  GArray    *before;   /* of guint: its flushes when the frame was asked for */
} FrameWait;

static gboolean
x_queue_empty (gpointer data)
{
  GdkDisplay *display = gdk_display_get_default ();

  return !GDK_IS_X11_DISPLAY (display) ||
         XPending (gdk_x11_display_get_xdisplay (display)) == 0;
}

static gboolean
frames_done (gpointer data)
{
  FrameWait *wait = data;

  for (guint i = 0; i < wait->clocks->len; i++)
    {
      if (get_count (g_ptr_array_index (wait->clocks, i), RESUMED_KEY) <=
          g_array_index (wait->before, guint, i))
        return FALSE;
    }

  return TRUE;
}

void
jm_test_sync (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GPtrArray) clocks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (guint));
  FrameWait wait = { clocks, before };
  GList *toplevels;

  if (GDK_IS_X11_DISPLAY (display))
    XSync (gdk_x11_display_get_xdisplay (display), False);
  g_assert_true (jm_test_wait_for (x_queue_empty, NULL));

  toplevels = gtk_window_list_toplevels ();
  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      GdkSurface *surface;
      GdkFrameClock *clock;
      guint n;

      if (!gtk_widget_get_mapped (l->data))
        continue;
      surface = gtk_native_get_surface (GTK_NATIVE (l->data));
      clock = surface != NULL ? gdk_surface_get_frame_clock (surface) : NULL;
      if (clock == NULL || g_ptr_array_find (clocks, clock, NULL))
        continue;

      if (g_object_get_data (G_OBJECT (clock), "jm-test-counted") == NULL)
        {
          g_object_set_data (G_OBJECT (clock), "jm-test-counted", GINT_TO_POINTER (TRUE));
          g_signal_connect (clock, "flush-events", G_CALLBACK (flush_events_cb), NULL);
          g_signal_connect (clock, "resume-events", G_CALLBACK (resume_events_cb), NULL);
        }
      n = get_count (clock, FLUSHES_KEY);
      g_ptr_array_add (clocks, g_object_ref (clock));
      g_array_append_val (before, n);
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_FLUSH_EVENTS);
    }
  g_list_free (toplevels);

  g_assert_true (jm_test_wait_for (frames_done, &wait));

  /* And whatever the handlers left ready to run (idles, redraws). */
  for (guint i = 0; i < 1000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

/* ------------------------------------------------------------------------------------------ */
/* XTEST */

gboolean
jm_test_skip_unless_x11 (void)
{
  if (GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    return FALSE;

  g_test_skip ("needs an X11 display for XTEST input");
  return TRUE;
}

static Display *
get_xdisplay (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  return gdk_x11_display_get_xdisplay (display);
}

void
jm_test_widget_to_root (GtkWidget *widget,
                        double     x,
                        double     y,
                        int       *root_x,
                        int       *root_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  Display *xdisplay = get_xdisplay ();
  graphene_point_t p;
  double sx = 0, sy = 0;
  Window child;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (x, y), &p));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (xdisplay, gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                         DefaultRootWindow (xdisplay),
                         (int) round (p.x + sx), (int) round (p.y + sy),
                         root_x, root_y, &child);
}

void
jm_test_pointer_to_root (int root_x,
                         int root_y)
{
  Display *xdisplay = get_xdisplay ();

  XTestFakeMotionEvent (xdisplay, -1, root_x, root_y, CurrentTime);
  XSync (xdisplay, False);
}

void
jm_test_pointer_to (GtkWidget *widget,
                    double     x,
                    double     y)
{
  int rx, ry;

  jm_test_widget_to_root (widget, x, y, &rx, &ry);
  jm_test_pointer_to_root (rx, ry);
  jm_test_sync ();
}

void
jm_test_button (guint    number,
                gboolean press)
{
  Display *xdisplay = get_xdisplay ();

  XTestFakeButtonEvent (xdisplay, number, press, CurrentTime);
  XSync (xdisplay, False);
  jm_test_sync ();
}

void
jm_test_click_at (GtkWidget *widget,
                  double     x,
                  double     y)
{
  jm_test_pointer_to (widget, x, y);
  jm_test_button (1, TRUE);
  jm_test_button (1, FALSE);
}

void
jm_test_double_click_at (GtkWidget *widget,
                         double     x,
                         double     y)
{
  GtkSettings *settings = gtk_widget_get_settings (widget);
  int double_click_time = 0;

  /* However long the two clicks take, they are one double click (tests set the time to 0 so
   * that no other two clicks are). */
  g_object_get (settings, "gtk-double-click-time", &double_click_time, NULL);
  g_object_set (settings, "gtk-double-click-time", 60 * 1000, NULL);
  jm_test_click_at (widget, x, y);
  jm_test_button (1, TRUE);
  jm_test_button (1, FALSE);
  g_object_set (settings, "gtk-double-click-time", double_click_time, NULL);
}

void
jm_test_drag_to (GtkWidget *widget,
                 guint      number,
                 double     x0,
                 double     y0,
                 double     x1,
                 double     y1,
                 gboolean   keep_pressed)
{
  const guint steps = 12;

  jm_test_pointer_to (widget, x0, y0);
  jm_test_button (number, TRUE);
  for (guint i = 1; i <= steps; i++)
    jm_test_pointer_to (widget, x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps);
  jm_test_sync ();
  if (!keep_pressed)
    jm_test_button (number, FALSE);
}

void
jm_test_focus_window (GtkWidget *widget)
{
  Display *xdisplay = get_xdisplay ();
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));

  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (xdisplay, False);
  jm_test_sync ();
}

void
jm_test_key_event (guint    keysym,
                   gboolean press)
{
  Display *xdisplay = get_xdisplay ();
  KeyCode code = XKeysymToKeycode (xdisplay, keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (xdisplay, code, press, CurrentTime);
  XSync (xdisplay, False);
  jm_test_sync ();
}

void
jm_test_send_key (GtkWidget *widget,
                  guint      modifier_keysym,
                  guint      modifier2_keysym,
                  guint      keysym)
{
  jm_test_focus_window (widget);
  if (modifier_keysym != 0)
    jm_test_key_event (modifier_keysym, TRUE);
  if (modifier2_keysym != 0)
    jm_test_key_event (modifier2_keysym, TRUE);
  jm_test_key_event (keysym, TRUE);
  jm_test_key_event (keysym, FALSE);
  if (modifier2_keysym != 0)
    jm_test_key_event (modifier2_keysym, FALSE);
  if (modifier_keysym != 0)
    jm_test_key_event (modifier_keysym, FALSE);
  jm_test_sync ();
}

void
jm_test_type_text (GtkWidget  *widget,
                   const char *text)
{
  jm_test_focus_window (widget);
  for (const char *p = text; *p != '\0'; p++)
    {
      KeySym sym = *p == ' ' ? XK_space : XStringToKeysym ((char[]) { *p, '\0' });

      jm_test_key_event (sym, TRUE);
      jm_test_key_event (sym, FALSE);
    }
  jm_test_sync ();
}

/* ------------------------------------------------------------------------------------------ */
/* Windows and dialogs */

typedef struct
{
  GtkWidget *widget;
  int        min_width;
  int        min_height;
} SizedWidget;

static gboolean
widget_ready (gpointer data)
{
  SizedWidget *want = data;

  return gtk_widget_get_mapped (want->widget) &&
         gtk_widget_get_width (want->widget) > want->min_width &&
         gtk_widget_get_height (want->widget) > want->min_height;
}

void
jm_test_present_and_wait (GtkWindow *window,
                          GtkWidget *widget,
                          int        min_width,
                          int        min_height)
{
  SizedWidget want = { widget, min_width, min_height };

  gtk_window_present (window);
  g_assert_true (jm_test_wait_for (widget_ready, &want));
  jm_test_sync ();
}

JmApplication *
jm_test_application_new (void)
{
  g_autoptr(GError) error = NULL;
  JmApplication *app;

  app = g_object_new (JM_TYPE_APPLICATION,
                      "application-id", APP_ID,
                      "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_application_get_default () == G_APPLICATION (app));

  return app;
}

static GList *
get_windows (void)
{
  GApplication *app = g_application_get_default ();

  g_assert_true (GTK_IS_APPLICATION (app));
  return gtk_application_get_windows (GTK_APPLICATION (app));
}

guint
jm_test_count_map_windows (void)
{
  guint n = 0;

  for (const GList *l = get_windows (); l; l = l->next)
    {
      if (JM_IS_WINDOW (l->data))
        n++;
    }

  return n;
}

JmWindow *
jm_test_get_only_window (void)
{
  for (const GList *l = get_windows (); l; l = l->next)
    {
      if (JM_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

gboolean
jm_test_window_mapped (gpointer unused)
{
  JmWindow *window = jm_test_get_only_window ();

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

gboolean
jm_test_n_windows_is (gpointer n)
{
  return jm_test_count_map_windows () == GPOINTER_TO_UINT (n);
}

void
jm_test_destroy_all_windows (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l; l = l->next)
    g_object_ref (l->data);
  for (const GList *l = toplevels; l; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free_full (toplevels, g_object_unref);

  jm_test_sync ();
  g_assert_cmpuint (jm_test_count_map_windows (), ==, 0);
}

AdwMessageDialog *
jm_test_find_message_dialog (GtkWindow *parent)
{
  AdwMessageDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data) &&
          gtk_widget_get_visible (l->data) &&
          (parent == NULL || gtk_window_get_transient_for (l->data) == parent))
        found = l->data;
    }
  g_list_free (toplevels);

  return found;
}

gboolean
jm_test_has_message_dialog (gpointer parent)
{
  return jm_test_find_message_dialog (parent) != NULL;
}

void
jm_test_destroy_window_and_map (GtkWidget  *window,
                                JmHistory **history,
                                JmDocument *document)
{
  gtk_window_destroy (GTK_WINDOW (window));
  jm_test_sync ();
  g_clear_object (history);
  g_assert_finalize_object (document);
}

gboolean
jm_test_banner_revealed (gpointer window)
{
  return gtk_revealer_get_reveal_child (JM_WINDOW (window)->file_changed_revealer);
}

gboolean
jm_test_banner_hidden (gpointer window)
{
  return !jm_test_banner_revealed (window);
}

/* ------------------------------------------------------------------------------------------ */
/* Maps */

JmDocument *
jm_test_new_sample (const char *language)
{
  g_autoptr(GError) error = NULL;
  JmDocument *document = jm_document_new_sample (language, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

void
jm_test_apply_title (JmHistory  *history,
                     const char *title)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = jm_history_apply (history, jm_set_string_command_new (NULL, "title", title), &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

void
jm_test_assert_bytes_equal (GBytes *a,
                            GBytes *b)
{
  g_assert_cmpmem (g_bytes_get_data (a, NULL), g_bytes_get_size (a),
                   g_bytes_get_data (b, NULL), g_bytes_get_size (b));
}

/* ------------------------------------------------------------------------------------------ */
/* Files */

GFile *
jm_test_make_temp_file (const char *name)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  dir = g_dir_make_tmp ("jm-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);

  return g_file_new_for_path (path);
}

void
jm_test_remove_temp_file (GFile *file)
{
  g_autoptr(GFile) dir = g_file_get_parent (file);

  g_file_delete (file, NULL, NULL);
  g_file_delete (dir, NULL, NULL);
}

void
jm_test_write_sample_map (GFile      *file,
                          const char *title,
                          gboolean    in_place)
{
  g_autoptr(JmDocument) document = jm_test_new_sample (NULL);
  g_autoptr(JmHistory) history = jm_history_new (document);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  FILE *stream;
  const char *data;
  gsize size;

  jm_test_apply_title (history, title);

  if (!in_place)
    {
      jm_json_save_file (document, file, NULL, &error);
      g_assert_no_error (error);
      return;
    }

  bytes = jm_json_save_bytes (document);
  data = g_bytes_get_data (bytes, &size);
  stream = fopen (path, "r+");
  g_assert_nonnull (stream);
  g_assert_cmpint (ftruncate (fileno (stream), 0), ==, 0);
  g_assert_cmpuint (fwrite (data, 1, size, stream), ==, size);
  g_assert_cmpint (fclose (stream), ==, 0);
}

GFile *
jm_test_make_map_file (const char *title)
{
  GFile *file = jm_test_make_temp_file ("map.journey.json");

  jm_test_write_sample_map (file, title, FALSE);
  return file;
}

gboolean
jm_test_file_contains (const char *path,
                       const char *text)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  return strstr (contents, text) != NULL;
}

void
jm_test_delete_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL)
    {
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) || child == NULL)
        break;
      jm_test_delete_tree (child);
    }

  g_file_delete (file, NULL, NULL);
}

char *
jm_test_make_private_home (const char *name_template)
{
  static const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                                "XDG_STATE_HOME" };
  g_autoptr(GError) error = NULL;
  char *home;

  home = g_dir_make_tmp (name_template, &error);
  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i], dir, TRUE);
    }

  return home;
}

static char *app_home;

JmApplication *
jm_test_app_setup (int        *argc,
                   char     ***argv,
                   const char *name)
{
  g_autofree char *template = g_strdup_printf ("jm-test-%s-home-XXXXXX", name);

  g_assert_null (app_home);
  app_home = jm_test_make_private_home (template);

  if (!jm_test_init (argc, argv))
    return NULL;

  return jm_test_application_new ();
}

int
jm_test_app_run (JmApplication **app)
{
  g_autoptr(GFile) home_dir = g_file_new_for_path (app_home);
  int ret = g_test_run ();

  jm_test_destroy_all_windows ();
  g_clear_object (app);
  jm_test_delete_tree (home_dir);
  g_clear_pointer (&app_home, g_free);

  return ret;
}
