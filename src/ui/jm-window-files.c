/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-window-files.c: JmWindow's file flow — saving (to its file or through Save As), asking
 * "Save Changes?" before a modified map closes, and the quick export of the whole map. */
#define G_LOG_DOMAIN "jm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-window-private.h"

/* Saving */

gboolean
jm_window_save_to_file (JmWindow  *self,
                        GFile     *file,
                        GError   **error)
{
  g_autofree char *uri = NULL;
  JmDocument *document;
  GtkRecentData recent = { 0 };
  static char *groups[] = { (char *) "journey-maps", NULL };

  g_return_val_if_fail (JM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  document = jm_window_get_document (self);
  g_return_val_if_fail (document != NULL, FALSE);

  /* Never silently over someone else's change (jm-window-monitor.c). */
  if (!jm_window_monitor_check_save (self, file, error))
    return FALSE;

  if (!jm_json_save_file (document, file, NULL, error))
    return FALSE;

  jm_history_mark_clean (self->history);
  jm_window_set_file (self, file);
  /* The recovery copy goes; the file on disk is ours now. */
  jm_window_autosave_saved (self);
  jm_window_monitor_saved (self);

  uri = g_file_get_uri (file);
  recent.display_name = NULL;
  recent.mime_type = (char *) JM_MIME_TYPE;
  recent.app_name = (char *) g_get_application_name ();
  recent.app_exec = (char *) "journey-maps %u";
  recent.groups = groups;
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &recent);

  jm_window_update_actions (self);
  jm_window_update_title (self);

  return TRUE;
}

static char *
dup_suggested_name (JmWindow   *self,
                    const char *suffix)
{
  JmDocument *document = jm_window_get_document (self);
  const char *title = document ? jm_document_get_title (document) : NULL;
  g_autofree char *name = NULL;

  if (title == NULL || title[0] == '\0')
    title = _("Untitled Map");

  /* Keep the title readable but make it a valid file name. */
  name = g_strdup (title);
  g_strdelimit (name, "/\\:", '-');
  g_strstrip (name);
  if (name[0] == '\0' || name[0] == '.')
    {
      g_free (name);
      name = g_strdup (_("Untitled Map"));
    }

  return g_strconcat (name, suffix, NULL);
}

void
jm_window_add_map_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) maps = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (maps, _("Journey Maps"));
  gtk_file_filter_add_pattern (maps, "*" JM_FILE_SUFFIX);
  gtk_file_filter_add_mime_type (maps, JM_MIME_TYPE);

  gtk_file_filter_set_name (json, _("JSON files"));
  gtk_file_filter_add_pattern (json, "*.json");
  gtk_file_filter_add_mime_type (json, "application/json");

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  gtk_file_chooser_add_filter (chooser, maps);
  gtk_file_chooser_add_filter (chooser, json);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, maps);
}

static void
save_dialog_response_cb (JmWindow             *self,
                         int                   response,
                         GtkFileChooserNative *native)
{
  g_autoptr(GTask) task = g_object_steal_data (G_OBJECT (native), "jm-task");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (JM_IS_WINDOW (self));
  g_assert (GTK_IS_FILE_CHOOSER_NATIVE (native));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  if (file == NULL)
    {
      if (task != NULL)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 "The file chooser was cancelled");
    }
  else if (!jm_window_save_to_file (self, file, &error))
    {
      g_autofree char *name = jm_window_dup_file_display_name (file);
      g_autofree char *message = NULL;

      /* Translators: the first %s is a file name, the second why saving failed */
      message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
      jm_window_show_toast (self, message);

      if (task != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
    }
  else if (task != NULL)
    {
      g_task_return_boolean (task, TRUE);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
}

void
jm_window_show_save_dialog (JmWindow *self,
                            GTask    *task)
{
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;

  g_return_if_fail (JM_IS_WINDOW (self));

  native = gtk_file_chooser_native_new (_("Save Map As"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  jm_window_add_map_filters (GTK_FILE_CHOOSER (native));

  if (self->file != NULL)
    {
      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (native), self->file, NULL);
    }
  else
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GFile) folder = g_file_new_for_path (documents);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
        }

      name = dup_suggested_name (self, JM_FILE_SUFFIX);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    }

  if (task != NULL)
    g_object_set_data_full (G_OBJECT (native), "jm-task", g_object_ref (task), g_object_unref);

  g_signal_connect_object (native, "response",
                           G_CALLBACK (save_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
jm_window_save_async (JmWindow            *self,
                      gboolean             save_as,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (JM_IS_WINDOW (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, jm_window_save_async);

  if (save_as || self->file == NULL)
    {
      jm_window_show_save_dialog (self, task);
      return;
    }

  if (!jm_window_save_to_file (self, self->file, &error))
    {
      g_autofree char *name = jm_window_dup_file_display_name (self->file);
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
      jm_window_show_toast (self, message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

gboolean
jm_window_save_finish (JmWindow      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Closing */

static void
finish_close_tasks (JmWindow *self,
                    gboolean  may_close)
{
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->close_tasks);

  self->close_tasks = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (may_close)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 "Closing was cancelled");
    }
}

static void
save_before_close_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  JmWindow *self = JM_WINDOW (object);
  g_autoptr(GError) error = NULL;
  gboolean saved;

  saved = jm_window_save_finish (self, result, &error);
  finish_close_tasks (self, saved);
}

static void
set_save_changes_dialog (JmWindow         *self,
                         AdwMessageDialog *dialog)
{
  if (self->save_changes_dialog == dialog)
    return;

  /* Weak: the dialog may be destroyed behind our back (e.g. with all windows on quit). */
  if (self->save_changes_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->save_changes_dialog),
                                  (gpointer *) &self->save_changes_dialog);
  self->save_changes_dialog = dialog;
  if (self->save_changes_dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (self->save_changes_dialog),
                               (gpointer *) &self->save_changes_dialog);
}

static void
save_changes_response_cb (JmWindow         *self,
                          const char       *response,
                          AdwMessageDialog *dialog)
{
  g_assert (JM_IS_WINDOW (self));
  g_assert (ADW_IS_MESSAGE_DIALOG (dialog));

  if (self->save_changes_dialog == dialog)
    set_save_changes_dialog (self, NULL);

  if (g_strcmp0 (response, "discard") == 0)
    finish_close_tasks (self, TRUE);
  else if (g_strcmp0 (response, "save") == 0)
    /* An untitled map goes through Save As; the window closes once it is saved. */
    jm_window_save_async (self, FALSE, NULL, save_before_close_cb, NULL);
  else
    finish_close_tasks (self, FALSE);
}

void
jm_window_confirm_close_async (JmWindow            *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkWidget *dialog;
  JmDocument *document;
  const char *title;

  g_return_if_fail (JM_IS_WINDOW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, jm_window_confirm_close_async);

  if (!jm_window_get_modified (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_add (self->close_tasks, g_steal_pointer (&task));

  /* Already asking (e.g. Ctrl+W, then Ctrl+Q): answer both with one dialog. */
  if (self->close_tasks->len > 1)
    {
      if (self->save_changes_dialog != NULL)
        gtk_window_present (GTK_WINDOW (self->save_changes_dialog));
      return;
    }

  document = jm_window_get_document (self);
  title = jm_document_get_title (document);
  if (title == NULL || title[0] == '\0')
    title = _("Untitled Map");

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %s is the title of the map */
                                  _("“%s” has unsaved changes. Changes which are not saved "
                                    "will be permanently lost."),
                                  title);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (save_changes_response_cb),
                           self, G_CONNECT_SWAPPED);

  set_save_changes_dialog (self, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
jm_window_confirm_close_finish (JmWindow      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
jm_window_force_close (JmWindow *self)
{
  g_return_if_fail (JM_IS_WINDOW (self));

  if (self->closed)
    return;

  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}


/* Export */

typedef struct
{
  GWeakRef  window;
  GFile    *file;
} ExportData;

static ExportData *
export_data_new (JmWindow *self,
                 GFile    *file)
{
  ExportData *data = g_new0 (ExportData, 1);

  g_weak_ref_init (&data->window, self);
  data->file = g_object_ref (file);
  return data;
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportData *data = user_data;
  g_autoptr(JmWindow) self = g_weak_ref_get (&data->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = jm_window_dup_file_display_name (data->file);
  g_autofree char *message = NULL;

  if (!jm_export_file_finish (result, &error))
    /* Translators: the first %s is a file name, the second why the export failed */
    message = g_strdup_printf (_("Could not export “%s”: %s"), name, error->message);
  else
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Exported “%s”"), name);

  if (self != NULL)
    jm_window_show_toast (self, message);

  g_weak_ref_clear (&data->window);
  g_object_unref (data->file);
  g_free (data);
}

void
jm_window_export_to_file (JmWindow *self,
                          GFile    *file)
{
  g_autofree char *path = NULL;
  JmDocument *document;
  JmExportOptions options;

  g_return_if_fail (JM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  document = jm_window_get_document (self);
  path = g_file_get_path (file);
  if (document == NULL || path == NULL)
    {
      jm_window_show_toast (self, _("Maps can only be exported to local files"));
      return;
    }

  jm_export_options_init (&options);
  options.format = JM_EXPORT_FORMAT_AUTO;
  options.role_id = jm_canvas_get_role_lens (self->canvas);
  jm_export_file_async (document, path, &options, NULL, export_done_cb,
                        export_data_new (self, file));
}

/* Dispose */

void
jm_window_files_dispose (JmWindow *self)
{
  if (self->save_changes_dialog != NULL)
    {
      GtkWindow *dialog = GTK_WINDOW (self->save_changes_dialog);

      set_save_changes_dialog (self, NULL);
      gtk_window_destroy (dialog);
    }

  if (self->close_tasks != NULL)
    finish_close_tasks (self, FALSE);
  g_clear_pointer (&self->close_tasks, g_ptr_array_unref);
}
