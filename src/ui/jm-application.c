/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jm-application"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-application.h"
#include "jm-cli.h"
#include "jm-new-map-dialog.h"
#include "jm-recovery-dialog.h"
#include "jm-ui.h"
#include "jm-window-private.h"

struct _JmApplication
{
  AdwApplication  parent_instance;

  /* Owned references */
  GSettings      *settings;        /* NULL when the schema is not installed */
  GPtrArray      *loading;         /* GFiles being loaded, so a second open waits */
  GPtrArray      *quit_queue;      /* JmWindows still to ask on quit */

  /* Borrowed, only during local_command_line: the arguments left after the options. */
  char         ***arguments;
};

G_DEFINE_FINAL_TYPE (JmApplication, jm_application, ADW_TYPE_APPLICATION)

JmApplication *
jm_application_new (void)
{
  return g_object_new (JM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/journeymaps/JourneyMaps",
                       NULL);
}

GSettings *
jm_application_get_settings (JmApplication *self)
{
  g_return_val_if_fail (JM_IS_APPLICATION (self), NULL);

  return self->settings;
}

GtkWindow *
jm_application_find_window (JmApplication *self,
                            GFile         *file)
{
  g_return_val_if_fail (JM_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  for (const GList *iter = gtk_application_get_windows (GTK_APPLICATION (self));
       iter != NULL;
       iter = iter->next)
    {
      GFile *window_file;

      if (!JM_IS_WINDOW (iter->data))
        continue;

      window_file = jm_window_get_file (iter->data);
      if (window_file != NULL && g_file_equal (window_file, file))
        return iter->data;
    }

  return NULL;
}

GtkWindow *
jm_application_open_document (JmApplication *self,
                              JmDocument    *document,
                              GFile         *file)
{
  JmWindow *window;

  g_return_val_if_fail (JM_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (JM_IS_DOCUMENT (document), NULL);

  window = jm_window_new (GTK_APPLICATION (self), document, file);
  gtk_window_present (GTK_WINDOW (window));

  return GTK_WINDOW (window);
}

static void
show_error_dialog (JmApplication *self,
                   GtkWindow     *parent,
                   const char    *heading,
                   const char    *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  /* With no window left, the dialog keeps the application running until it is read. */
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_loading (JmApplication *self,
                GFile         *file)
{
  for (guint i = 0; i < self->loading->len; i++)
    {
      if (g_file_equal (g_ptr_array_index (self->loading, i), file))
        {
          g_ptr_array_remove_index (self->loading, i);
          return;
        }
    }
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *file = task_data;
  JmDocument *document;
  GError *error = NULL;

  document = jm_json_load_file (file, cancellable, &error);
  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  JmApplication *self = JM_APPLICATION (object);
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(JmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  GFile *file = g_task_get_task_data (G_TASK (result));

  remove_loading (self, file);
  document = g_task_propagate_pointer (G_TASK (result), &error);

  if (document == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *body = NULL;

      /* What failed and where: the loader's message names the place in the file. */
      /* Translators: the first %s is a file name, the second says what is wrong with it */
      GtkWindow *transient_for = parent;

      body = g_strdup_printf (_("“%s” could not be opened.\n\n%s"), name, error->message);
      /* The window that asked may be gone; any map window is better than none. */
      if (transient_for == NULL || !gtk_widget_get_visible (GTK_WIDGET (transient_for)))
        transient_for = gtk_application_get_active_window (GTK_APPLICATION (self));
      show_error_dialog (self, transient_for, _("Could Not Open Map"), body);
    }
  else
    {
      GtkWindow *window = jm_application_find_window (self, file);

      if (window != NULL)
        gtk_window_present (window);
      else
        jm_application_open_document (self, document, file);
    }

  g_application_release (G_APPLICATION (self));
}

void
jm_application_open_file (JmApplication *self,
                          GFile         *file,
                          GtkWindow     *parent)
{
  g_autoptr(GTask) task = NULL;
  GtkWindow *window;

  g_return_if_fail (JM_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));

  if ((window = jm_application_find_window (self, file)) != NULL)
    {
      gtk_window_present (window);
      return;
    }

  for (guint i = 0; i < self->loading->len; i++)
    {
      /* Already on its way into a window. */
      if (g_file_equal (g_ptr_array_index (self->loading, i), file))
        return;
    }

  g_ptr_array_add (self->loading, g_object_ref (file));
  g_application_hold (G_APPLICATION (self));

  /* Large maps load in a thread; the window appears when the document is complete. */
  task = g_task_new (self, NULL, load_done_cb, parent ? g_object_ref (parent) : NULL);
  g_task_set_source_tag (task, jm_application_open_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

GtkWindow *
jm_application_new_from_template (JmApplication *self,
                                  JmTemplate     template,
                                  GtkWindow     *parent)
{
  g_autoptr(JmDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (JM_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (template < JM_N_TEMPLATES, NULL);

  document = jm_document_new_from_template (template, NULL, &error);
  if (document == NULL)
    {
      show_error_dialog (self, parent, _("Could Not Create Map"), error->message);
      return NULL;
    }

  return jm_application_open_document (self, document, NULL);
}

static void
open_sample (JmApplication *self)
{
  g_autoptr(JmDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = jm_document_new_sample (NULL, &error);
  if (document == NULL)
    {
      /* The sample is built in; if it cannot load, still give the user an empty map. */
      g_warning ("Could not load the sample map: %s", error->message);
      document = jm_document_new ();
    }

  jm_application_open_document (self, document, NULL);
}

/* Actions */

static void
new_map_create_cb (JmApplication  *self,
                   guint           template,
                   JmNewMapDialog *dialog)
{
  jm_application_new_from_template (self, template,
                                    gtk_window_get_transient_for (GTK_WINDOW (dialog)));
}

static void
jm_application_new_action (GSimpleAction *action,
                           GVariant      *param,
                           gpointer       user_data)
{
  JmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog;

  dialog = jm_new_map_dialog_new (parent);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_object (dialog, "create",
                           G_CALLBACK (new_map_create_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_dialog_response_cb (JmApplication        *self,
                         int                   response,
                         GtkFileChooserNative *native)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      guint n_files = g_list_model_get_n_items (files);

      for (guint i = 0; i < n_files; i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          jm_application_open_file (self, file, NULL);
        }
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
  g_application_release (G_APPLICATION (self));
}

static void
jm_application_open_action (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  JmApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *native;

  /* From a map window, open as the window's own Open… does (next to its file). */
  if (JM_IS_WINDOW (window))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.open", NULL);
      return;
    }

  native = gtk_file_chooser_native_new (_("Open Map"), window,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  jm_window_add_map_filters (GTK_FILE_CHOOSER (native));
  g_application_hold (G_APPLICATION (self));
  g_signal_connect_object (native, "response",
                           G_CALLBACK (open_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
jm_application_about_action (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  JmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (parent,
                         "application-name", _("Journey Maps"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Journey Maps developers"),
                         "copyright", _("© The Journey Maps developers"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/journeymaps/journey-maps",
                         "issue-url", "https://github.com/journeymaps/journey-maps/issues",
                         "comments", _("Map how your customers buy, use and renew, stage by stage"),
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void ask_next_window_before_quit (JmApplication *self);

static void
quit_window_confirmed_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(JmApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!jm_window_confirm_close_finish (JM_WINDOW (object), result, &error))
    {
      /* Cancel: keep everything open. */
      g_clear_pointer (&self->quit_queue, g_ptr_array_unref);
      return;
    }

  ask_next_window_before_quit (self);
}

static void
ask_next_window_before_quit (JmApplication *self)
{
  while (self->quit_queue != NULL && self->quit_queue->len > 0)
    {
      g_autoptr(JmWindow) window = g_ptr_array_steal_index (self->quit_queue, 0);

      /* Closed in the meantime: nothing to ask. */
      if (gtk_window_get_application (GTK_WINDOW (window)) == NULL)
        continue;

      if (jm_window_get_modified (window))
        {
          jm_window_confirm_close_async (window, NULL,
                                         quit_window_confirmed_cb,
                                         g_object_ref (self));
          return;
        }
    }

  /* Everyone agreed: close every window without asking again. */
  g_clear_pointer (&self->quit_queue, g_ptr_array_unref);

  {
    GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

    for (const GList *iter = windows; iter != NULL; iter = iter->next)
      {
        if (JM_IS_WINDOW (iter->data))
          jm_window_force_close (iter->data);
        else
          gtk_window_destroy (iter->data);
      }
    g_list_free (windows);
  }

  g_application_quit (G_APPLICATION (self));
}

static void
jm_application_quit_action (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  JmApplication *self = user_data;

  /* Already asking (a "Save Changes?" dialog is up): one quit at a time. */
  if (self->quit_queue != NULL)
    return;

  self->quit_queue = g_ptr_array_new_with_free_func (g_object_unref);
  for (const GList *iter = gtk_application_get_windows (GTK_APPLICATION (self));
       iter != NULL;
       iter = iter->next)
    {
      if (JM_IS_WINDOW (iter->data))
        g_ptr_array_add (self->quit_queue, g_object_ref (iter->data));
    }

  ask_next_window_before_quit (self);
}

static const GActionEntry app_actions[] = {
  { "new", jm_application_new_action },
  { "open", jm_application_open_action },
  { "about", jm_application_about_action },
  { "quit", jm_application_quit_action },
};

/* GApplication */

static gboolean
jm_application_local_command_line (GApplication   *application,
                                   char         ***arguments,
                                   int            *exit_status)
{
  JmApplication *self = JM_APPLICATION (application);
  gboolean handled;

  /* The options are parsed out of *arguments before handle-local-options runs; what is left
   * there then (after the program name) are the maps, which the headless export needs. */
  self->arguments = arguments;
  handled = G_APPLICATION_CLASS (jm_application_parent_class)->local_command_line (application,
                                                                                    arguments,
                                                                                    exit_status);
  self->arguments = NULL;

  return handled;
}

static int
jm_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  JmApplication *self = JM_APPLICATION (application);
  const char * const *files = NULL;

  /* Headless export (`journey-maps --export OUT MAP`, see jm-cli.h) happens here: before the
   * application registers and before startup, where GTK would open a display. A status of 0
   * or more ends the process with it; −1 goes on to open the files or activate. */
  if (self->arguments != NULL && *self->arguments != NULL && (*self->arguments)[0] != NULL)
    files = (const char * const *) (*self->arguments) + 1;

  return jm_cli_handle_options (options, files);
}

static void
jm_application_startup (GApplication *application)
{
  JmApplication *self = JM_APPLICATION (application);
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (jm_application_parent_class)->startup (application);

  /* Here rather than in init: a headless export (which never starts up) reads no settings. */
  if (self->settings == NULL)
    self->settings = jm_ui_settings_new ();

  g_set_application_name (_("Journey Maps"));
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);

  /* The colour scheme follows the system (ADW_COLOR_SCHEME_DEFAULT): nothing to force. */
}

static void
jm_application_activate (GApplication *application)
{
  JmApplication *self = JM_APPLICATION (application);
  GtkWindow *window;

  /* Activated again (e.g. from the dock): bring back the window in use. */
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  /* Maps a crash left unsaved come first; the sample opens if none is opened from there. */
  if (jm_recovery_dialog_show_at_startup (GTK_APPLICATION (self), TRUE))
    return;

  open_sample (self);
}

static void
jm_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  JmApplication *self = JM_APPLICATION (application);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  for (int i = 0; i < n_files; i++)
    jm_application_open_file (self, files[i], parent);

  /* Maps a crash left unsaved, offered beside the files asked for. */
  jm_recovery_dialog_show_at_startup (GTK_APPLICATION (self), FALSE);
}

static void
jm_application_dispose (GObject *object)
{
  JmApplication *self = JM_APPLICATION (object);

  g_clear_pointer (&self->quit_queue, g_ptr_array_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (jm_application_parent_class)->dispose (object);
}

static void
jm_application_finalize (GObject *object)
{
  JmApplication *self = JM_APPLICATION (object);

  g_clear_pointer (&self->loading, g_ptr_array_unref);

  G_OBJECT_CLASS (jm_application_parent_class)->finalize (object);
}

static void
jm_application_class_init (JmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = jm_application_dispose;
  object_class->finalize = jm_application_finalize;

  app_class->local_command_line = jm_application_local_command_line;
  app_class->handle_local_options = jm_application_handle_local_options;
  app_class->startup = jm_application_startup;
  app_class->activate = jm_application_activate;
  app_class->open = jm_application_open;
}

static void
jm_application_init (JmApplication *self)
{
  self->loading = g_ptr_array_new_with_free_func (g_object_unref);

  g_application_add_main_option_entries (G_APPLICATION (self), jm_cli_get_option_entries ());
  /* Translators: what follows the options on the command line */
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[MAP…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Opens the journey maps given, or the sample "
                                              "map, in a window each."));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                jm_cli_get_description ());
}
