/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-test-util.h: what the UI tests share — running the main loop, real input through the X
 * server (XTEST), the application's windows and dialogs, temporary files and folders.
 *
 * Keysyms are the X ones (XK_Control_L, XK_a… from <X11/keysym.h>). The window helpers work on
 * the process' default GApplication (the JmApplication a test made, see
 * jm_test_application_new()). */
#pragma once

#include <adwaita.h>

#include "jm-application.h"
#include "jm-core.h"
#include "jm-window.h"

G_BEGIN_DECLS

typedef gboolean (*JmTestCondition) (gpointer data);

/* g_test_init() (no options), then GTK, libadwaita and jm_ui_init(). FALSE when there is no
 * display: main() then returns 77 (skipped). */
gboolean           jm_test_init                (int             *argc,
                                                char          ***argv);

/* Main loop */

/* Waits until the input sent so far (XTEST) has been handled: the X server has delivered it,
 * GDK has read it, every mapped window has drawn a frame after it, and what was then ready to
 * run (idles, redraws) has run. No fixed delay: a condition, see jm-test-util.c. */
void               jm_test_sync                (void);
/* Deprecated, a fixed delay: runs the main loop for ms milliseconds. Wait on a condition
 * (jm_test_wait_for(), jm_test_sync()) instead; only test-panels.c still calls it. */
void               jm_test_spin                (guint            ms);
/* Runs the main loop until condition (data) holds: FALSE if it does not within timeout_ms. */
gboolean           jm_test_wait_for_ms         (JmTestCondition  condition,
                                                gpointer         data,
                                                guint            timeout_ms);
/* The same, within 5 s. */
gboolean           jm_test_wait_for            (JmTestCondition  condition,
                                                gpointer         data);

/* Real input through the X server (XTEST) */

/* TRUE, and the test skipped, unless the display is an X11 one. */
gboolean           jm_test_skip_unless_x11     (void);
/* The root window (screen) coordinates of point (x, y) of widget. */
void               jm_test_widget_to_root      (GtkWidget       *widget,
                                                double           x,
                                                double           y,
                                                int             *root_x,
                                                int             *root_y);
/* Moves the pointer to a screen point (no main loop run). */
void               jm_test_pointer_to_root     (int              root_x,
                                                int              root_y);
/* Moves the pointer to point (x, y) of widget. */
void               jm_test_pointer_to          (GtkWidget       *widget,
                                                double           x,
                                                double           y);
/* Presses or releases a pointer button (1 primary, 3 secondary, 4/5 wheel up/down). */
void               jm_test_button              (guint            number,
                                                gboolean         press);
void               jm_test_click_at            (GtkWidget       *widget,
                                                double           x,
                                                double           y);
/* Two clicks that count as a double click, whatever gtk-double-click-time says. */
void               jm_test_double_click_at     (GtkWidget       *widget,
                                                double           x,
                                                double           y);
/* Presses button number at (x0, y0), moves in steps to (x1, y1); releases unless
 * keep_pressed. */
void               jm_test_drag_to             (GtkWidget       *widget,
                                                guint            number,
                                                double           x0,
                                                double           y0,
                                                double           x1,
                                                double           y1,
                                                gboolean         keep_pressed);
/* Gives the keyboard focus to widget's window. */
void               jm_test_focus_window        (GtkWidget       *widget);
/* Presses or releases one key (to the focused window). */
void               jm_test_key_event           (guint            keysym,
                                                gboolean         press);
/* A key with up to two modifiers (XK_Control_L, XK_Shift_L, XK_Alt_L or 0), to widget's
 * window. */
void               jm_test_send_key            (GtkWidget       *widget,
                                                guint            modifier_keysym,
                                                guint            modifier2_keysym,
                                                guint            keysym);
/* Types lowercase ASCII letters and spaces into widget's window. */
void               jm_test_type_text           (GtkWidget       *widget,
                                                const char      *text);

/* Windows and dialogs */

/* Presents window and waits until widget is mapped and larger than min_width × min_height. */
void               jm_test_present_and_wait    (GtkWindow       *window,
                                                GtkWidget       *widget,
                                                int              min_width,
                                                int              min_height);
/* A JmApplication for APP_ID (not unique, handles open), registered: the default one. */
JmApplication     *jm_test_application_new     (void);
/* The number of map windows of the application, the only one (or NULL). */
guint              jm_test_count_map_windows   (void);
JmWindow          *jm_test_get_only_window     (void);
/* Conditions: a map window is shown; there are GPOINTER_TO_UINT (n) map windows. */
gboolean           jm_test_window_mapped       (gpointer         unused);
gboolean           jm_test_n_windows_is        (gpointer         n);
/* Destroys every top-level window; afterwards the application has no map window. */
void               jm_test_destroy_all_windows (void);
/* The (last) visible message dialog over parent (any parent when NULL), or NULL. */
AdwMessageDialog  *jm_test_find_message_dialog (GtkWindow       *parent);
/* Condition: there is one over parent (a GtkWindow, or NULL). */
gboolean           jm_test_has_message_dialog  (gpointer         parent);

/* A test fixture's end: destroys window and *history (cleared), and asserts that document,
 * the last reference the test holds, is finalized (nothing leaked a reference to it). */
void               jm_test_destroy_window_and_map (GtkWidget    *window,
                                                   JmHistory   **history,
                                                   JmDocument   *document);
/* Conditions: window's "changed on disk" banner is shown / hidden. */
gboolean           jm_test_banner_revealed     (gpointer         window);
gboolean           jm_test_banner_hidden       (gpointer         window);

/* Maps */

/* The sample map in language (NULL: the user's). */
JmDocument        *jm_test_new_sample          (const char      *language);
/* Sets the map's title through history (one undo step). */
void               jm_test_apply_title         (JmHistory       *history,
                                                const char      *title);

/* Asserts that a and b hold the same bytes. */
void               jm_test_assert_bytes_equal  (GBytes          *a,
                                                GBytes          *b);

/* Files */

/* name in a new temporary folder of its own (the file itself is not created). */
GFile             *jm_test_make_temp_file      (const char      *name);
/* Deletes file and its folder. */
void               jm_test_remove_temp_file    (GFile           *file);
/* Writes the sample map, titled title, to file: atomically (a new file renamed over it, as
 * most editors and our own writer do) or, when in_place, into the existing file. */
void               jm_test_write_sample_map    (GFile           *file,
                                                const char      *title,
                                                gboolean         in_place);
/* The sample map titled title in a temporary folder of its own (jm_test_remove_temp_file()). */
GFile             *jm_test_make_map_file       (const char      *title);
/* TRUE when the file at path can be read and holds text. */
gboolean           jm_test_file_contains       (const char      *path,
                                                const char      *text);
/* Deletes file, or a folder with everything in it. */
void               jm_test_delete_tree         (GFile           *file);
/* Makes a private HOME (with the XDG data, config, cache and state folders in it) and sets the
 * environment to it. Call first in main(), before GLib caches the user directories. The
 * folder's path; delete it with jm_test_delete_tree(). */
char              *jm_test_make_private_home   (const char      *name_template);

/* main() of a test of the application: a private home (as jm_test_make_private_home(); one
 * for the whole run, as GtkRecentManager is a process-wide singleton that would keep the first
 * test's path), jm_test_init() and jm_test_application_new(). NULL when there is no display:
 * main() then returns 77. */
JmApplication     *jm_test_app_setup           (int             *argc,
                                                char          ***argv,
                                                const char      *name);
/* Then g_test_run(); afterwards destroys the windows, *app (set to NULL) and the home. Its
 * result. */
int                jm_test_app_run             (JmApplication  **app);

G_END_DECLS
