/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The win.* actions of JmWindow and their keys. The keys are class bindings: they live in the
 * window's shortcut controller, which runs in the bubble phase, so a focused text field gets
 * Ctrl+Z, Ctrl+C… first and keeps its own undo and clipboard. */
#define G_LOG_DOMAIN "jm-window-actions"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jm-application.h"
#include "jm-export-dialog.h"
#include "jm-print.h"
#include "jm-window-private.h"

static void
open_dialog_response_cb (JmWindow             *self,
                         int                   response,
                         GtkFileChooserNative *native)
{
  g_assert (JM_IS_WINDOW (self));
  g_assert (GTK_IS_FILE_CHOOSER_NATIVE (native));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
      guint n_files = g_list_model_get_n_items (files);

      for (guint i = 0; i < n_files && JM_IS_APPLICATION (app); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          jm_application_open_file (JM_APPLICATION (app), file, GTK_WINDOW (self));
        }
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
}

static void
jm_window_actions_open_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  JmWindow *self = JM_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Map"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  jm_window_add_map_filters (GTK_FILE_CHOOSER (native));

  if (self->file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }

  g_signal_connect_object (native, "response",
                           G_CALLBACK (open_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
jm_window_actions_open_recent_cb (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  JmWindow *self = JM_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GFile) file = NULL;
  const char *uri;

  uri = g_variant_get_string (param, NULL);
  if (uri[0] == '\0' || !JM_IS_APPLICATION (app))
    return;

  file = g_file_new_for_uri (uri);
  jm_application_open_file (JM_APPLICATION (app), file, GTK_WINDOW (self));
}

static void
jm_window_actions_no_recent_maps_cb (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  /* Placeholder row of an empty "Open Recent"; the action stays disabled. */
}

static void
jm_window_actions_save_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  jm_window_save_async (JM_WINDOW (widget), FALSE, NULL, NULL, NULL);
}

static void
jm_window_actions_save_as_cb (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  jm_window_save_async (JM_WINDOW (widget), TRUE, NULL, NULL, NULL);
}

static void
jm_window_actions_export_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  JmWindow *self = JM_WINDOW (widget);
  GtkWidget *dialog;

  if (jm_window_get_document (self) == NULL)
    return;

  dialog = jm_export_dialog_new (self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
jm_window_actions_print_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  jm_print_window_map (JM_WINDOW (widget));
}

static void
jm_window_actions_projector_cb (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  JmWindow *self = JM_WINDOW (widget);

  if (self->projector != NULL)
    jm_projector_set_active (self->projector, !jm_projector_get_active (self->projector));
}

static void
jm_window_actions_close_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  /* Goes through close-request, which asks about unsaved changes. */
  gtk_window_close (GTK_WINDOW (widget));
}

static void
jm_window_actions_undo_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  JmWindow *self = JM_WINDOW (widget);

  if (self->history != NULL)
    jm_history_undo (self->history);
}

static void
jm_window_actions_redo_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  JmWindow *self = JM_WINDOW (widget);

  if (self->history != NULL)
    jm_history_redo (self->history);
}

void
jm_window_class_actions_init (JmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, jm_window_actions_open_cb);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s",
                                   jm_window_actions_open_recent_cb);
  gtk_widget_class_install_action (widget_class, "win.no-recent-maps", NULL,
                                   jm_window_actions_no_recent_maps_cb);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, jm_window_actions_save_cb);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL,
                                   jm_window_actions_save_as_cb);
  gtk_widget_class_install_action (widget_class, "win.export", NULL,
                                   jm_window_actions_export_cb);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, jm_window_actions_print_cb);
  gtk_widget_class_install_action (widget_class, "win.projector", NULL,
                                   jm_window_actions_projector_cb);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, jm_window_actions_close_cb);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, jm_window_actions_undo_cb);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, jm_window_actions_redo_cb);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-sidebar",
                                            "sidebar-visible");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0,
                                       "win.projector", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0,
                                       "win.toggle-sidebar", NULL);
}

void
jm_window_actions_init (JmWindow *self)
{
  g_assert (JM_IS_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.no-recent-maps", FALSE);
}
