/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The win.* actions of JmWindow and their keys. The keys are class bindings: they live in the
 * window's shortcut controller, which runs in the bubble phase, so a focused text field gets
 * Ctrl+Z, Ctrl+C… first and keeps its own undo and clipboard. */
#define G_LOG_DOMAIN "jm-window-actions"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jm-application.h"
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

static const struct {
  const char *extension;
  const char *mime_type;
  const char *name;
} export_formats[] = {
  { "png", "image/png", N_("PNG image") },
  { "pdf", "application/pdf", N_("PDF document") },
  { "svg", "image/svg+xml", N_("SVG image") },
};

static void
export_dialog_response_cb (JmWindow             *self,
                           int                   response,
                           GtkFileChooserNative *native)
{
  g_assert (JM_IS_WINDOW (self));
  g_assert (GTK_IS_FILE_CHOOSER_NATIVE (native));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        jm_window_export_to_file (self, file);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
}

static void
jm_window_actions_export_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  JmWindow *self = JM_WINDOW (widget);
  JmDocument *document = jm_window_get_document (self);
  const char *title = document ? jm_document_get_title (document) : NULL;
  g_autoptr(GtkFileFilter) all_formats = gtk_file_filter_new ();
  g_autofree char *extension = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Export Map"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  gtk_file_filter_set_name (all_formats, _("Images and documents"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all_formats);
  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autofree char *pattern = g_strconcat ("*.", export_formats[i].extension, NULL);

      gtk_file_filter_set_name (filter, _(export_formats[i].name));
      gtk_file_filter_add_pattern (filter, pattern);
      gtk_file_filter_add_mime_type (filter, export_formats[i].mime_type);
      gtk_file_filter_add_pattern (all_formats, pattern);
      gtk_file_filter_add_mime_type (all_formats, export_formats[i].mime_type);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    }
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), all_formats);

  /* Propose the format of the last export. */
  if (self->settings != NULL)
    extension = g_settings_get_string (self->settings, "export-format");
  if (extension == NULL ||
      (g_strcmp0 (extension, "png") != 0 &&
       g_strcmp0 (extension, "pdf") != 0 &&
       g_strcmp0 (extension, "svg") != 0))
    {
      g_free (extension);
      extension = g_strdup ("png");
    }

  if (self->file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (self->file);

      if (basename != NULL && g_str_has_suffix (basename, ".journey.json"))
        basename[strlen (basename) - strlen (".journey.json")] = '\0';
      else if (basename != NULL && g_str_has_suffix (basename, ".json"))
        basename[strlen (basename) - strlen (".json")] = '\0';
      base = g_filename_display_name (basename ? basename : "");
    }
  else
    {
      base = g_strdup (title && title[0] ? title : _("Untitled Map"));
      g_strdelimit (base, "/\\:", '-');
    }
  name = g_strdup_printf ("%s.%s", base, extension);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  g_signal_connect_object (native, "response",
                           G_CALLBACK (export_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
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
