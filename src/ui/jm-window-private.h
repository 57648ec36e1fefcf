/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmWindow internals, shared by jm-window.c, jm-window-actions.c and the UI tests. */
#pragma once

#include "jm-canvas.h"
#include "jm-projector.h"
#include "jm-window.h"

G_BEGIN_DECLS

#define JM_MIME_TYPE      "application/x-journey-map+json"
#define JM_FILE_SUFFIX    ".journey.json"

/* Private state of jm-window-autosave.c and jm-window-monitor.c. */
typedef struct _JmWindowAutosave JmWindowAutosave;
typedef struct _JmWindowMonitor  JmWindowMonitor;

struct _JmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  GtkToggleButton      *sidebar_button;
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  GtkMenuButton        *primary_menu_button;
  GMenu                *recent_menu;
  AdwFlap              *flap;
  GtkWidget            *sidebar;
  GtkScrolledWindow    *scroller;
  JmCanvas             *canvas;

  /* Owned references */
  JmHistory            *history;
  GFile                *file;
  GSettings            *settings;          /* NULL when the schema is not installed */
  GSignalGroup         *history_signals;
  GSignalGroup         *document_signals;
  GPtrArray            *close_tasks;       /* GTasks waiting for the "Save changes?" answer */

  /* Borrowed references */
  AdwMessageDialog     *save_changes_dialog;
  GtkDropTarget        *file_drop_target;    /* map files dropped from a file manager */

  guint                 sidebar_visible : 1;
  guint                 close_confirmed : 1;
  guint                 closed : 1;

  /* Autosave and the "changed on disk" banner (jm-window-autosave.c, jm-window-monitor.c) */
  GtkRevealer          *file_changed_revealer;
  GtkLabel             *file_changed_label;
  GtkButton            *file_changed_reload_button;
  JmWindowAutosave     *autosave;
  JmWindowMonitor      *monitor;

  /* Projector mode (F5, jm-projector.c): the overlay above the canvas holds its status box */
  GtkOverlay           *canvas_overlay;
  GtkButton            *projector_button;
  JmProjector          *projector;
};

void     jm_window_class_actions_init  (JmWindowClass        *klass);
void     jm_window_actions_init        (JmWindow             *self);

/* Shows document (a new history is made for it); file may be NULL. */
void     jm_window_load                (JmWindow             *self,
                                        JmDocument           *document,
                                        GFile                *file);
/* Makes file (may be NULL) the window's file, notifying "file". */
void     jm_window_set_file            (JmWindow             *self,
                                        GFile                *file);
/* The file's name as the user knows it, without a round trip to the file system. */
char    *jm_window_dup_file_display_name (GFile              *file);
/* Enables save, undo and redo as the history allows. */
void     jm_window_update_actions      (JmWindow             *self);
void     jm_window_update_title        (JmWindow             *self);
/* Rebuilds "Open Recent" from GtkRecentManager (up to 10 maps, newest first). */
void     jm_window_update_recent_menu  (JmWindow             *self);
/* A short message at the bottom of the window (plain text, not markup). */
void     jm_window_show_toast          (JmWindow             *self,
                                        const char           *message);

/* Saves synchronously and atomically to file; on success the map becomes clean, file becomes
 * the window's file and is added to the recent files. */
gboolean jm_window_save_to_file        (JmWindow             *self,
                                        GFile                *file,
                                        GError              **error);
/* Saves to the window's file, or asks for one first (always when save_as is TRUE). A failure
 * is shown as a toast. Finishes TRUE once saved; FALSE (G_IO_ERROR_CANCELLED when the user
 * cancelled the file chooser). */
void     jm_window_save_async          (JmWindow             *self,
                                        gboolean              save_as,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean jm_window_save_finish         (JmWindow             *self,
                                        GAsyncResult         *result,
                                        GError              **error);
void     jm_window_show_save_dialog    (JmWindow             *self,
                                        GTask                *task);

/* If the map is modified, asks "Save Changes?" (Save / Discard / Cancel). Finishes TRUE when
 * the window may close (nothing to save, saved, or discarded), FALSE when cancelled. */
void     jm_window_confirm_close_async (JmWindow             *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean jm_window_confirm_close_finish (JmWindow            *self,
                                         GAsyncResult        *result,
                                         GError             **error);

/* Closes without asking again (after the user confirmed elsewhere, e.g. on quit). */
void     jm_window_force_close         (JmWindow             *self);
/* From dispose: closes a "Save Changes?" dialog and cancels whoever waits for its answer. */
void     jm_window_files_dispose       (JmWindow             *self);

/* "Journey Maps", "JSON files" and "All files", the first one selected. */
void     jm_window_add_map_filters     (GtkFileChooser       *chooser);

/* Exports the whole map to file (format from its extension: .png, .pdf or .svg) with the
 * default options, in a thread on a copy; a toast says where it went or why it failed. The
 * export dialog (win.export, jm-export-dialog.c) is the way with options. */
void     jm_window_export_to_file      (JmWindow             *self,
                                        GFile                *file);

/* Autosave (jm-window-autosave.c): unsaved changes go to a recovery file (jm-recovery.h) a
 * few seconds after the last change; a clean save or closing without the changes deletes it. */
void        jm_window_autosave_init          (JmWindow   *self);
void        jm_window_autosave_dispose       (JmWindow   *self);
/* Writes delay_ms after the last change, and no later than max_delay_ms after the first one
 * not written yet (by default 3 s and 15 s; the tests shorten them). From the next change. */
void        jm_window_autosave_set_delay     (JmWindow   *self,
                                              guint       delay_ms,
                                              guint       max_delay_ms);
/* After a successful save. */
void        jm_window_autosave_saved         (JmWindow   *self);
/* The window closes for good and its unsaved changes are not wanted. */
void        jm_window_autosave_closed        (JmWindow   *self);
/* TRUE while the window shows a recovered map that was not saved since. */
gboolean    jm_window_autosave_get_recovered (JmWindow   *self);
const char *jm_window_autosave_get_id        (JmWindow   *self);
/* Makes the window's document the recovered copy id: the window takes over id and its lock
 * (lock_fd, from jm_recovery_lock ()) and shows the map as modified until it is saved.
 * saved: when the copy was written, to notice a file changed on disk since. */
void        jm_window_autosave_adopt         (JmWindow   *self,
                                              const char *id,
                                              int         lock_fd,
                                              GDateTime  *saved);

/* The file monitor (jm-window-monitor.c): a banner offers Reload or Keep Mine when another
 * program changes the window's file, and Save does not silently overwrite that change. */
void        jm_window_class_monitor_init     (JmWindowClass *klass);
void        jm_window_monitor_init           (JmWindow   *self);
void        jm_window_monitor_dispose        (JmWindow   *self);
/* Before saving to file: FALSE (G_IO_ERROR_WRONG_ETAG) if another program changed it and
 * the user has not chosen Reload or Keep Mine yet; the banner then shows. */
gboolean    jm_window_monitor_check_save     (JmWindow   *self,
                                              GFile      *file,
                                              GError    **error);
/* After a successful save: the file on disk is ours. */
void        jm_window_monitor_saved          (JmWindow   *self);
/* Shows the banner if the window's file changed on disk after since (or is gone). */
void        jm_window_monitor_check_since    (JmWindow   *self,
                                              GDateTime  *since);
/* How often the file was compared with the window's version after a change event: a test
 * waits for it to grow to know that the events of a save have been seen. */
guint       jm_window_monitor_get_n_checks   (JmWindow   *self);

G_END_DECLS
