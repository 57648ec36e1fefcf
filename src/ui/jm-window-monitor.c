/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's file changed on disk: no silent overwrite of someone else's change.
 *
 * A GFileMonitor watches the window's file. The window remembers the signature (size,
 * modification time, inode) of the version it has: the one it loaded, saved or decided to
 * keep. Our own saves replace that signature right after writing, so the monitor events they
 * cause find nothing new; any other difference is someone else's change, and a banner at the
 * top of the window offers Reload (loads the file; destructive when the map has unsaved
 * changes) or Keep Mine (the next Save overwrites the file, deliberately). Until one of them
 * is chosen, Save refuses to write over the change, even if it happens before the monitor
 * has reported it. */
#define G_LOG_DOMAIN "jm-window-monitor"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-window-private.h"

/* Events come in bursts (a rename is several): look once they settle. */
#define CHECK_DELAY_MS 200

#define SIGNATURE_ATTRIBUTES \
  G_FILE_ATTRIBUTE_STANDARD_SIZE "," \
  G_FILE_ATTRIBUTE_TIME_MODIFIED "," \
  G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC "," \
  G_FILE_ATTRIBUTE_UNIX_INODE

typedef struct
{
  gboolean exists;
  guint64  size;
  guint64  mtime_usec;
  guint64  inode;      /* 0 where the file system has none */
} Signature;

typedef enum {
  BANNER_NONE,
  BANNER_CHANGED,
  BANNER_DELETED,
} BannerKind;

struct _JmWindowMonitor
{
  JmWindow     *window;       /* borrowed: it owns this */
  GFile        *file;
  GFileMonitor *monitor;
  GCancellable *cancellable;  /* of a reload in progress */
  guint         check_id;
  Signature     known;        /* the version the window has */
  BannerKind    banner;
  guint         n_checks;     /* files looked at after a change event (tests wait on it) */
};

static Signature
query_signature (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;
  Signature signature = { FALSE, 0, 0, 0 };

  info = g_file_query_info (file, SIGNATURE_ATTRIBUTES, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL)
    return signature;

  signature.exists = TRUE;
  signature.size = (guint64) g_file_info_get_size (info);
  signature.mtime_usec =
    g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC +
    g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  signature.inode = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE);

  return signature;
}

static gboolean
signature_equal (const Signature *a,
                 const Signature *b)
{
  if (!a->exists || !b->exists)
    return a->exists == b->exists;

  return a->size == b->size && a->mtime_usec == b->mtime_usec && a->inode == b->inode;
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL)
    return g_file_get_parse_name (file);

  return g_filename_display_name (basename);
}

/* The banner */

static void
update_banner (JmWindowMonitor *self)
{
  JmWindow *window = self->window;
  GtkWidget *reload = GTK_WIDGET (window->file_changed_reload_button);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  gboolean modified;

  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.reload",
                                 self->banner == BANNER_CHANGED);
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.keep-mine",
                                 self->banner != BANNER_NONE);

  if (self->banner == BANNER_NONE || self->file == NULL)
    {
      gtk_revealer_set_reveal_child (window->file_changed_revealer, FALSE);
      return;
    }

  name = dup_display_name (self->file);
  modified = jm_window_get_modified (window);

  if (self->banner == BANNER_DELETED)
    /* Translators: %s is a file name */
    text = g_strdup_printf (_("“%s” was deleted or moved by another program. Save to write "
                              "your map there again."), name);
  else if (modified)
    /* Translators: %s is a file name */
    text = g_strdup_printf (_("“%s” was changed by another program. Reloading it discards "
                              "your unsaved changes."), name);
  else
    /* Translators: %s is a file name */
    text = g_strdup_printf (_("“%s” was changed by another program."), name);

  gtk_label_set_text (window->file_changed_label, text);

  gtk_widget_set_visible (reload, self->banner == BANNER_CHANGED);
  if (modified)
    {
      gtk_widget_remove_css_class (reload, "suggested-action");
      gtk_widget_add_css_class (reload, "destructive-action");
    }
  else
    {
      gtk_widget_remove_css_class (reload, "destructive-action");
      gtk_widget_add_css_class (reload, "suggested-action");
    }

  gtk_revealer_set_reveal_child (window->file_changed_revealer, TRUE);
}

static void
set_banner (JmWindowMonitor *self,
            BannerKind       banner)
{
  self->banner = banner;
  update_banner (self);
}

/* Compares the file on disk with the version the window has. */
static void
check_now (JmWindowMonitor *self)
{
  Signature current;

  g_clear_handle_id (&self->check_id, g_source_remove);

  if (self->file == NULL)
    return;

  self->n_checks++;
  current = query_signature (self->file);

  if (signature_equal (&current, &self->known))
    {
      /* Back as we know it (e.g. restored): nothing to decide any more. */
      if (self->banner != BANNER_NONE)
        set_banner (self, BANNER_NONE);
      return;
    }

  if (!current.exists)
    set_banner (self, BANNER_DELETED);
  else
    set_banner (self, BANNER_CHANGED);
}

static void
check_timeout_cb (gpointer user_data)
{
  JmWindowMonitor *self = user_data;

  self->check_id = 0;
  check_now (self);
}

static void
file_changed_cb (JmWindowMonitor   *self,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event,
                 GFileMonitor      *monitor)
{
  /* A reload reads the file anyway and records what it read. */
  if (self->cancellable != NULL)
    return;

  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add_once (CHECK_DELAY_MS, check_timeout_cb, self);
}

static void
stop_watching (JmWindowMonitor *self)
{
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, file_changed_cb, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_object (&self->file);
}

static void
watch (JmWindowMonitor *self,
       GFile           *file)
{
  g_autoptr(GError) error = NULL;

  stop_watching (self);
  self->banner = BANNER_NONE;

  if (file != NULL)
    {
      self->file = g_object_ref (file);
      self->known = query_signature (file);
      self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
      if (self->monitor == NULL)
        g_debug ("Not watching %s: %s", g_file_peek_path (file), error->message);
      else
        g_signal_connect_swapped (self->monitor, "changed", G_CALLBACK (file_changed_cb), self);
    }

  update_banner (self);
}

static void
file_notify_cb (JmWindow   *window,
                GParamSpec *pspec,
                gpointer    user_data)
{
  JmWindowMonitor *self = window->monitor;
  GFile *file = jm_window_get_file (window);

  if (self == NULL)
    return;
  if (file != NULL && self->file != NULL && g_file_equal (file, self->file))
    return;

  watch (self, file);
}

static void
modified_notify_cb (JmWindow   *window,
                    GParamSpec *pspec,
                    JmHistory  *history)
{
  /* The banner's words and the Reload button's colour depend on unsaved changes. */
  if (window->monitor != NULL && window->monitor->banner != BANNER_NONE)
    update_banner (window->monitor);
}

/* Reload */

typedef struct
{
  GFile      *file;
  Signature   signature;
  JmDocument *document;
} ReloadData;

static void
reload_data_free (ReloadData *data)
{
  g_clear_object (&data->file);
  g_clear_object (&data->document);
  g_free (data);
}

static void
reload_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ReloadData *data = task_data;
  GError *error = NULL;

  /* The signature first: a change while reading shows up again afterwards. */
  data->signature = query_signature (data->file);
  data->document = jm_json_load_file (data->file, cancellable, &error);
  if (data->document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
reload_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  JmWindow *window = JM_WINDOW (object);
  JmWindowMonitor *self = window->monitor;
  ReloadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = NULL;
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self == NULL)
        return;

      g_clear_object (&self->cancellable);
      name = dup_display_name (data->file);
      /* Translators: the first %s is a file name, the second why it could not be read */
      message = g_strdup_printf (_("Could not reload “%s”: %s"), name, error->message);
      jm_window_show_toast (window, message);
      return;
    }

  if (self == NULL || self->file == NULL || !g_file_equal (self->file, data->file))
    return;

  g_clear_object (&self->cancellable);
  self->known = data->signature;
  jm_window_load (window, data->document, data->file);
  set_banner (self, BANNER_NONE);
  /* Changed again while reading? */
  check_now (self);
}

static void
reload_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  JmWindow *window = JM_WINDOW (widget);
  JmWindowMonitor *self = window->monitor;
  g_autoptr(GTask) task = NULL;
  ReloadData *data;

  if (self == NULL || self->file == NULL || self->cancellable != NULL)
    return;

  g_clear_handle_id (&self->check_id, g_source_remove);
  self->cancellable = g_cancellable_new ();

  data = g_new0 (ReloadData, 1);
  data->file = g_object_ref (self->file);

  /* Large maps load in a thread, as opening does. */
  task = g_task_new (window, self->cancellable, reload_done_cb, NULL);
  g_task_set_source_tag (task, reload_action_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) reload_data_free);
  g_task_run_in_thread (task, reload_in_thread);
}

static void
keep_mine_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  JmWindow *window = JM_WINDOW (widget);
  JmWindowMonitor *self = window->monitor;

  if (self == NULL || self->file == NULL)
    return;

  /* What is on disk now has been seen: the next Save may write over it. */
  self->known = query_signature (self->file);
  set_banner (self, BANNER_NONE);
}

/* Window hooks */

void
jm_window_class_monitor_init (JmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_child (widget_class, JmWindow, file_changed_revealer);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, file_changed_label);
  gtk_widget_class_bind_template_child (widget_class, JmWindow, file_changed_reload_button);

  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action_cb);
  gtk_widget_class_install_action (widget_class, "win.keep-mine", NULL, keep_mine_action_cb);
}

void
jm_window_monitor_init (JmWindow *window)
{
  JmWindowMonitor *self;

  g_return_if_fail (JM_IS_WINDOW (window));
  g_return_if_fail (window->monitor == NULL);

  self = g_new0 (JmWindowMonitor, 1);
  self->window = window;
  window->monitor = self;

  g_signal_connect (window, "notify::file", G_CALLBACK (file_notify_cb), NULL);
  g_signal_group_connect_object (window->history_signals, "notify::modified",
                                 G_CALLBACK (modified_notify_cb),
                                 window, G_CONNECT_SWAPPED);

  watch (self, jm_window_get_file (window));
}

void
jm_window_monitor_dispose (JmWindow *window)
{
  JmWindowMonitor *self;

  g_return_if_fail (JM_IS_WINDOW (window));

  self = g_steal_pointer (&window->monitor);
  if (self == NULL)
    return;

  g_signal_handlers_disconnect_by_func (window, file_notify_cb, NULL);
  stop_watching (self);
  g_free (self);
}

gboolean
jm_window_monitor_check_save (JmWindow  *window,
                              GFile     *file,
                              GError   **error)
{
  JmWindowMonitor *self;
  Signature current;

  g_return_val_if_fail (JM_IS_WINDOW (window), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  self = window->monitor;
  if (self == NULL || self->file == NULL || !g_file_equal (file, self->file))
    return TRUE;

  /* Compare now rather than trust the monitor: its events may not be here yet. A file that
   * is gone loses nothing by being written again. */
  current = query_signature (file);
  if (self->banner != BANNER_CHANGED &&
      (!current.exists || signature_equal (&current, &self->known)))
    return TRUE;

  set_banner (self, BANNER_CHANGED);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                       _("Another program changed it since it was opened. Reload it, or "
                         "choose Keep Mine to overwrite it."));
  return FALSE;
}

void
jm_window_monitor_saved (JmWindow *window)
{
  JmWindowMonitor *self;

  g_return_if_fail (JM_IS_WINDOW (window));

  if ((self = window->monitor) == NULL || self->file == NULL)
    return;

  /* The file holds our map now; the monitor events of this save find it as known. */
  self->known = query_signature (self->file);
  set_banner (self, BANNER_NONE);
}

void
jm_window_monitor_check_since (JmWindow  *window,
                               GDateTime *since)
{
  JmWindowMonitor *self;
  Signature current;

  g_return_if_fail (JM_IS_WINDOW (window));
  g_return_if_fail (since != NULL);

  if ((self = window->monitor) == NULL || self->file == NULL)
    return;

  current = query_signature (self->file);
  if (!current.exists)
    set_banner (self, BANNER_DELETED);
  else if ((gint64) current.mtime_usec > g_date_time_to_unix (since) * G_USEC_PER_SEC +
                                         g_date_time_get_microsecond (since))
    set_banner (self, BANNER_CHANGED);
}

guint
jm_window_monitor_get_n_checks (JmWindow *window)
{
  g_return_val_if_fail (JM_IS_WINDOW (window), 0);

  return window->monitor != NULL ? window->monitor->n_checks : 0;
}
