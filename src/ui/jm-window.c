/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-application.h"
#include "jm-ui.h"
#include "jm-window-private.h"
#include "panels/jm-sidebar.h"

#define MAX_RECENT_MAPS   10

G_DEFINE_FINAL_TYPE (JmWindow, jm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_FILE,
  PROP_SIDEBAR_VISIBLE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

JmWindow *
jm_window_new (GtkApplication *application,
               JmDocument     *document,
               GFile          *file)
{
  JmWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (JM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (!file || G_IS_FILE (file), NULL);

  self = g_object_new (JM_TYPE_WINDOW,
                       "application", application,
                       NULL);
  jm_window_load (self, document, file);

  return self;
}

JmDocument *
jm_window_get_document (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);

  return self->history ? jm_history_get_document (self->history) : NULL;
}

JmHistory *
jm_window_get_history (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);

  return self->history;
}

GFile *
jm_window_get_file (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), NULL);

  return self->file;
}

gboolean
jm_window_get_modified (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), FALSE);

  return (self->history != NULL && jm_history_get_modified (self->history)) ||
         jm_window_autosave_get_recovered (self);   /* a recovered map, not saved yet */
}

gboolean
jm_window_get_sidebar_visible (JmWindow *self)
{
  g_return_val_if_fail (JM_IS_WINDOW (self), FALSE);

  return self->sidebar_visible;
}

void
jm_window_set_sidebar_visible (JmWindow *self,
                               gboolean  sidebar_visible)
{
  g_return_if_fail (JM_IS_WINDOW (self));

  sidebar_visible = !!sidebar_visible;
  if (self->sidebar_visible == sidebar_visible)
    return;

  self->sidebar_visible = sidebar_visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
}

void
jm_window_set_file (JmWindow *self,
                    GFile    *file)
{
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/* The file's name as the user knows it, without a round trip to the file system. */
char *
jm_window_dup_file_display_name (GFile *file)
{
  g_autofree char *basename = NULL;

  if (g_file_is_native (file))
    {
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        return g_filename_display_basename (path);
    }

  basename = g_file_get_basename (file);
  if (basename == NULL)
    return g_file_get_uri (file);

  return g_filename_display_name (basename);
}

void
jm_window_update_title (JmWindow *self)
{
  JmDocument *document;
  const char *title = NULL;
  g_autofree char *display_title = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (JM_IS_WINDOW (self));

  document = jm_window_get_document (self);
  if (document != NULL)
    title = jm_document_get_title (document);
  if (title == NULL || title[0] == '\0')
    title = _("Untitled Map");

  /* The mark of unsaved changes, as GNOME Text Editor shows it. */
  if (jm_window_get_modified (self))
    display_title = g_strdup_printf ("• %s", title);
  else
    display_title = g_strdup (title);

  if (self->file != NULL)
    subtitle = jm_window_dup_file_display_name (self->file);
  else
    subtitle = g_strdup (_("Not saved"));

  adw_window_title_set_title (self->window_title, display_title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), display_title);
}

void
jm_window_update_actions (JmWindow *self)
{
  gboolean can_undo = FALSE;
  gboolean can_redo = FALSE;
  gboolean modified = FALSE;
  g_autofree char *undo_label = NULL;
  g_autofree char *redo_label = NULL;
  g_autofree char *undo_tooltip = NULL;
  g_autofree char *redo_tooltip = NULL;

  g_return_if_fail (JM_IS_WINDOW (self));

  if (self->history != NULL)
    {
      can_undo = jm_history_get_can_undo (self->history);
      can_redo = jm_history_get_can_redo (self->history);
      modified = jm_window_get_modified (self);
      undo_label = can_undo ? jm_history_dup_undo_label (self->history) : NULL;
      redo_label = can_redo ? jm_history_dup_redo_label (self->history) : NULL;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", can_redo);
  /* An untitled map can always be saved, even before its first change. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save",
                                 modified || self->file == NULL);

  if (undo_label != NULL && undo_label[0] != '\0')
    /* Translators: %s is what the step did, e.g. "Move Card" */
    undo_tooltip = g_strdup_printf (_("Undo %s"), undo_label);
  if (redo_label != NULL && redo_label[0] != '\0')
    /* Translators: %s is what the step did, e.g. "Move Card" */
    redo_tooltip = g_strdup_printf (_("Redo %s"), redo_label);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button),
                               undo_tooltip ? undo_tooltip : _("Undo"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button),
                               redo_tooltip ? redo_tooltip : _("Redo"));
}

static void
history_state_changed_cb (JmWindow   *self,
                          GParamSpec *pspec,
                          JmHistory  *history)
{
  g_assert (JM_IS_WINDOW (self));

  jm_window_update_actions (self);
  jm_window_update_title (self);
}

static void
document_changed_cb (JmWindow     *self,
                     JmChangeType  type,
                     JmElement    *element,
                     const char   *property,
                     JmDocument   *document)
{
  g_assert (JM_IS_WINDOW (self));

  /* Only the document's own title shows in the header bar. */
  if (element == NULL && type == JM_CHANGE_PROPERTY && g_strcmp0 (property, "title") == 0)
    jm_window_update_title (self);
}

void
jm_window_load (JmWindow   *self,
                JmDocument *document,
                GFile      *file)
{
  g_autoptr(JmHistory) history = NULL;

  g_return_if_fail (JM_IS_WINDOW (self));
  g_return_if_fail (JM_IS_DOCUMENT (document));
  g_return_if_fail (!file || G_IS_FILE (file));

  history = jm_history_new (document);

  if (g_set_object (&self->history, history))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
  jm_window_set_file (self, file);

  g_signal_group_set_target (self->history_signals, self->history);
  g_signal_group_set_target (self->document_signals, document);
  jm_canvas_set_history (self->canvas, self->history);
  jm_sidebar_set_history (JM_SIDEBAR (self->sidebar), self->history);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));

  jm_window_update_actions (self);
  jm_window_update_title (self);
}

void
jm_window_show_toast (JmWindow   *self,
                      const char *message)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (JM_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* A toast's title is Pango markup; file names and error messages are not. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Recent files */

static int
compare_recent_info (gconstpointer a,
                     gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  /* Newest first */
  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

static gboolean
is_journey_map (GtkRecentInfo *info)
{
  const char *mime_type = gtk_recent_info_get_mime_type (info);
  const char *uri = gtk_recent_info_get_uri (info);

  return g_strcmp0 (mime_type, JM_MIME_TYPE) == 0 ||
         (uri != NULL && g_str_has_suffix (uri, JM_FILE_SUFFIX));
}

void
jm_window_update_recent_menu (JmWindow *self)
{
  GtkRecentManager *manager;
  g_autoptr(GPtrArray) maps = NULL;
  GList *items;
  guint n_shown = 0;

  g_return_if_fail (JM_IS_WINDOW (self));

  manager = gtk_recent_manager_get_default ();
  items = gtk_recent_manager_get_items (manager);
  maps = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);

  for (const GList *iter = items; iter != NULL; iter = iter->next)
    {
      GtkRecentInfo *info = iter->data;

      if (is_journey_map (info))
        g_ptr_array_add (maps, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  g_ptr_array_sort (maps, compare_recent_info);

  g_menu_remove_all (self->recent_menu);

  for (guint i = 0; i < maps->len && n_shown < MAX_RECENT_MAPS; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (maps, i);
      g_autoptr(GMenuItem) item = NULL;
      const char *label;

      /* Skip local files that were deleted or moved since. */
      if (gtk_recent_info_is_local (info) && !gtk_recent_info_exists (info))
        continue;

      label = gtk_recent_info_get_display_name (info);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
      n_shown++;
    }

  if (n_shown == 0)
    {
      /* "win.no-recent-maps" is never enabled, so this row shows greyed out. */
      g_menu_append (self->recent_menu, _("No Recent Maps"), "win.no-recent-maps");
    }
}

static void
save_window_state (JmWindow *self)
{
  int width = 0;
  int height = 0;
  gboolean maximized;

  if (self->settings == NULL)
    return;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  /* The default size follows the window's size while it is not maximized. */
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
}

static void
restore_window_state (JmWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
close_confirmed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  JmWindow *self = JM_WINDOW (object);
  g_autoptr(GError) error = NULL;

  if (jm_window_confirm_close_finish (self, result, &error))
    jm_window_force_close (self);
}

static gboolean
jm_window_close_request (GtkWindow *window)
{
  JmWindow *self = JM_WINDOW (window);

  if (self->closed)
    return TRUE;

  if (!self->close_confirmed && jm_window_get_modified (self))
    {
      jm_window_confirm_close_async (self, NULL, close_confirmed_cb, NULL);
      return TRUE;
    }

  self->closed = TRUE;
  jm_window_autosave_closed (self);   /* nothing unsaved is wanted any more */
  save_window_state (self);

  return GTK_WINDOW_CLASS (jm_window_parent_class)->close_request (window);
}

/* GObject */

static void
jm_window_dispose (GObject *object)
{
  JmWindow *self = JM_WINDOW (object);

  jm_window_autosave_dispose (self);
  g_clear_object (&self->projector);   /* leaves projector mode first */
  jm_window_monitor_dispose (self);

  jm_window_files_dispose (self);

  if (self->history_signals != NULL)
    g_signal_group_set_target (self->history_signals, NULL);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_WINDOW);

  g_clear_object (&self->history_signals);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->history);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (jm_window_parent_class)->dispose (object);
}

static void
jm_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  JmWindow *self = JM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->sidebar_visible);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  JmWindow *self = JM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      jm_window_set_sidebar_visible (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_window_class_init (JmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = jm_window_dispose;
  object_class->get_property = jm_window_get_property;
  object_class->set_property = jm_window_set_property;

  window_class->close_request = jm_window_close_request;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         JM_TYPE_HISTORY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/journeymaps/JourneyMaps/jm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, scroller);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, canvas_overlay);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, projector_button);

  jm_window_class_actions_init (klass);
  jm_window_class_monitor_init (klass);

  g_type_ensure (JM_TYPE_CANVAS);
}

/* Map files dropped onto the window (from a file manager) open in a window each, exactly as
 * files given on the command line: through GApplication::open, which focuses a window that
 * already shows one of them. */
static gboolean
files_dropped_cb (JmWindow      *self,
                  const GValue  *value,
                  double         x,
                  double         y,
                  GtkDropTarget *target)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GSList) list = NULL;   /* (transfer container): the GFiles stay the value's */

  if (app == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  if (files->len == 0)
    return FALSE;

  g_application_open (app, (GFile **) files->pdata, files->len, "");
  return TRUE;
}

static void
jm_window_init (JmWindow *self)
{
  self->sidebar_visible = TRUE;
  self->close_tasks = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  jm_sidebar_set_canvas (JM_SIDEBAR (self->sidebar), self->canvas);

  self->file_drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (self->file_drop_target, "drop",
                           G_CALLBACK (files_dropped_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->file_drop_target));

  self->history_signals = g_signal_group_new (JM_TYPE_HISTORY);
  g_signal_group_connect_object (self->history_signals, "notify::can-undo",
                                 G_CALLBACK (history_state_changed_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->history_signals, "notify::can-redo",
                                 G_CALLBACK (history_state_changed_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->history_signals, "notify::modified",
                                 G_CALLBACK (history_state_changed_cb),
                                 self, G_CONNECT_SWAPPED);
  /* A new step keeps can-undo TRUE: the tooltips follow the labels of the next steps. */
  g_signal_group_connect_object (self->history_signals, "notify::undo-label",
                                 G_CALLBACK (history_state_changed_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->history_signals, "notify::redo-label",
                                 G_CALLBACK (history_state_changed_cb),
                                 self, G_CONNECT_SWAPPED);

  self->document_signals = g_signal_group_new (JM_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (document_changed_cb),
                                 self, G_CONNECT_SWAPPED);

  g_object_bind_property (self, "sidebar-visible",
                          self->flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  self->settings = jm_ui_settings_new ();
  if (self->settings != NULL)
    {
      /* Read once, write on change: each window keeps its own panel while open, and the
       * last one toggled is what the next window starts with. */
      g_settings_bind (self->settings, "sidebar-visible",
                       self, "sidebar-visible",
                       G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
    }
  restore_window_state (self);

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (jm_window_update_recent_menu),
                           self, G_CONNECT_SWAPPED);
  jm_window_update_recent_menu (self);

  self->projector = jm_projector_new (GTK_WINDOW (self), GTK_WIDGET (self->header_bar),
                                      self->sidebar, self->canvas, self->canvas_overlay);

  jm_window_actions_init (self);
  jm_window_autosave_init (self);
  jm_window_monitor_init (self);
  jm_window_update_actions (self);
  jm_window_update_title (self);
}
