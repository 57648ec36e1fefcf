/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmWindow internals, shared by jm-window.c, jm-window-actions.c and the UI tests. */
#pragma once

#include "jm-canvas.h"
#include "jm-window.h"

G_BEGIN_DECLS

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

  guint                 sidebar_visible : 1;
  guint                 close_confirmed : 1;
  guint                 closed : 1;
};

void     jm_window_class_actions_init  (JmWindowClass        *klass);
void     jm_window_actions_init        (JmWindow             *self);

/* Shows document (a new history is made for it); file may be NULL. */
void     jm_window_load                (JmWindow             *self,
                                        JmDocument           *document,
                                        GFile                *file);
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

/* "Journey Maps", "JSON files" and "All files", the first one selected. */
void     jm_window_add_map_filters     (GtkFileChooser       *chooser);

/* Exports the map to file (format from its extension: .png, .pdf or .svg). */
void     jm_window_export_to_file      (JmWindow             *self,
                                        GFile                *file);

G_END_DECLS
