/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Autosave of a JmWindow: "never lose a map".
 *
 * While the map has unsaved changes, a copy goes to a recovery file (jm-recovery.h) a few
 * seconds after the last change, so that a crash, a kill or a power cut costs at most those
 * seconds. Untitled maps too. The copy is written in a thread from a copy of the document
 * (serialized here, parsed there, then written by jm_recovery_write (), the one writer): the
 * window only pays for the serialization (about 20 ms for 10,000 cards), never for the disk.
 *
 * Each window has a recovery id for its whole life. Its lock is taken before the first copy
 * is written and held until the window is gone, so another instance never offers a copy that
 * is still being worked on. The copy is deleted when the map is saved, when undo brings it
 * back to the saved state, when another document is loaded into the window (Reload), and
 * when the window closes without the changes (nothing to save, or "Discard"). A window that
 * is destroyed with unsaved changes any other way keeps its copy, as a crash would.
 *
 * A recovered map (jm_window_autosave_adopt ()) keeps its recovery id and shows as modified
 * until it is saved: the window's "modified" is the history's, or this. */
#define G_LOG_DOMAIN "jm-window-autosave"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-window-private.h"

/* Write this long after the last change… */
#define AUTOSAVE_DELAY_MS      3000
/* …but no later than this after the first change not written yet, even while editing goes
 * on without a pause. */
#define AUTOSAVE_MAX_DELAY_MS  15000

struct _JmWindowAutosave
{
  /* Main thread only. The window holds one reference, a write in progress another: a write
   * may outlive the window, and then finishes its clean-up. */
  guint      ref_count;

  /* Held by the thread while it writes. Deleting the copy takes it and sets write_cancelled,
   * so a write cannot bring back a copy just deleted, even if the process exits right after
   * (the last window closed with "Discard", say). */
  GMutex     write_mutex;
  gboolean   write_cancelled;

  JmWindow  *window;           /* borrowed; NULL once the window is disposed */
  char      *id;
  int        lock_fd;          /* -1 until the first copy is written */
  guint      timeout_id;
  guint      delay_ms;         /* AUTOSAVE_DELAY_MS unless set (jm_window_autosave_set_delay) */
  guint      max_delay_ms;
  gint64     unwritten_since;  /* monotonic time of the first change not written yet, or 0 */

  guint      writing : 1;      /* a copy is being written in a thread */
  guint      write_again : 1;  /* changes came while writing */
  guint      may_have_copy : 1;
  guint      recovered : 1;    /* a recovered map, not saved since */
  guint      closed : 1;       /* the window closed without its changes */
  guint      keep_copy : 1;    /* disposed with unsaved changes: keep the copy, as a crash would */
  guint      error_shown : 1;
};

typedef struct
{
  JmWindowAutosave *autosave;   /* kept alive by the task's callback data */
  GBytes           *bytes;
  char             *id;
  GFile            *original;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_bytes_unref (data->bytes);
  g_free (data->id);
  g_clear_object (&data->original);
  g_free (data);
}

static JmWindowAutosave *
autosave_ref (JmWindowAutosave *self)
{
  self->ref_count++;
  return self;
}

static void
autosave_unref (JmWindowAutosave *self)
{
  g_assert (self->ref_count > 0);

  if (--self->ref_count > 0)
    return;

  g_assert (self->timeout_id == 0);
  g_assert (self->lock_fd < 0);
  g_mutex_clear (&self->write_mutex);
  g_free (self->id);
  g_free (self);
}

static gboolean
window_is_modified (JmWindowAutosave *self)
{
  return self->window != NULL && jm_window_get_modified (self->window);
}

/* Makes a write in progress write nothing more: waits for one running in its thread (tens
 * of milliseconds for a large map), and turns one not started yet into nothing. */
static void
cancel_write (JmWindowAutosave *self)
{
  if (!self->writing)
    return;

  g_mutex_lock (&self->write_mutex);
  self->write_cancelled = TRUE;
  g_mutex_unlock (&self->write_mutex);
}

/* Deletes the copy; the lock stays. */
static void
discard_copy (JmWindowAutosave *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->unwritten_since = 0;
  cancel_write (self);

  if (!self->may_have_copy)
    return;

  if (!jm_recovery_discard (self->id, &error))
    g_warning ("Could not delete the recovery copy %s: %s", self->id, error->message);
  else
    self->may_have_copy = FALSE;
}

static void
release_lock (JmWindowAutosave *self)
{
  if (self->lock_fd < 0)
    return;

  jm_recovery_unlock (self->lock_fd);
  self->lock_fd = -1;
}

static void
report_error (JmWindowAutosave *self,
              const GError     *error)
{
  g_autofree char *message = NULL;

  g_warning ("Could not write the recovery copy %s: %s", self->id, error->message);

  /* Once until the next copy succeeds: the user can still save, and should know. */
  if (self->window == NULL || self->error_shown)
    return;

  self->error_shown = TRUE;
  /* Translators: %s says why, e.g. "No space left on device" */
  message = g_strdup_printf (_("Unsaved changes cannot be backed up: %s"), error->message);
  jm_window_show_toast (self->window, message);
}

static void start_write (JmWindowAutosave *self);

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteData *data = task_data;
  g_autoptr(JmDocument) copy = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;
  gboolean cancelled;

  copy = jm_json_load_bytes (data->bytes, &error);

  g_mutex_lock (&data->autosave->write_mutex);
  cancelled = data->autosave->write_cancelled;
  if (copy != NULL && !cancelled)
    path = jm_recovery_write (copy, data->id, data->original, &error);
  g_mutex_unlock (&data->autosave->write_mutex);

  if (cancelled)
    g_task_return_boolean (task, TRUE);
  else if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  JmWindowAutosave *self = user_data;
  g_autoptr(GError) error = NULL;

  self->writing = FALSE;
  g_mutex_lock (&self->write_mutex);
  self->write_cancelled = FALSE;
  g_mutex_unlock (&self->write_mutex);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    report_error (self, error);
  else
    self->error_shown = FALSE;

  if (self->window == NULL)
    {
      /* The window was disposed meanwhile, keeping the copy: release the lock it left. */
      release_lock (self);
    }
  else if (self->closed || !window_is_modified (self))
    {
      /* Saved, undone or closed while writing: the copy is not wanted. */
      discard_copy (self);
    }
  else if (self->write_again)
    {
      self->write_again = FALSE;
      start_write (self);
    }

  autosave_unref (self);
}

static void
start_write (JmWindowAutosave *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  WriteData *data;
  JmDocument *document;
  GFile *file;

  g_assert (self->window != NULL);

  if (self->writing)
    {
      self->write_again = TRUE;
      return;
    }

  document = jm_window_get_document (self->window);
  if (document == NULL)
    return;

  /* Locked before anything is written: from then on no other instance offers this copy. */
  if (self->lock_fd < 0)
    {
      self->lock_fd = jm_recovery_lock (self->id, &error);
      if (self->lock_fd < 0)
        {
          report_error (self, error);
          return;
        }
    }

  file = jm_window_get_file (self->window);

  data = g_new0 (WriteData, 1);
  data->autosave = self;
  data->bytes = jm_json_save_bytes (document);
  data->id = g_strdup (self->id);
  data->original = file != NULL ? g_object_ref (file) : NULL;

  self->writing = TRUE;
  self->may_have_copy = TRUE;
  self->unwritten_since = 0;

  task = g_task_new (NULL, NULL, write_done_cb, autosave_ref (self));
  g_task_set_source_tag (task, start_write);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_in_thread);
}

static void
timeout_cb (gpointer user_data)
{
  JmWindowAutosave *self = user_data;

  self->timeout_id = 0;

  if (window_is_modified (self))
    start_write (self);
  else
    discard_copy (self);
}

/* A change: write a few seconds after the last one. */
static void
schedule_write (JmWindowAutosave *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 delay_ms = self->delay_ms;

  if (self->window == NULL || self->closed)
    return;

  if (self->unwritten_since == 0)
    self->unwritten_since = now;
  else
    delay_ms = CLAMP ((self->unwritten_since - now) / 1000 + (gint64) self->max_delay_ms,
                      0, (gint64) self->delay_ms);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_once ((guint) delay_ms, timeout_cb, self);
}

/* Signal handlers (connected to the window's own signal groups) */

static void
document_changed_cb (JmWindow     *window,
                     JmChangeType  type,
                     JmElement    *element,
                     const char   *property,
                     JmDocument   *document)
{
  /* The history may not count the change yet (it notifies "modified" after applying), so
   * any change schedules a write; the timeout decides whether there is anything to write. */
  if (window->autosave != NULL)
    schedule_write (window->autosave);
}

static void
modified_changed_cb (JmWindow   *window,
                     GParamSpec *pspec,
                     JmHistory  *history)
{
  JmWindowAutosave *self = window->autosave;

  if (self == NULL)
    return;

  /* Undone back to the saved state (a save goes through jm_window_autosave_saved ()). */
  if (!window_is_modified (self))
    discard_copy (self);
}

static void
history_changed_cb (JmWindow   *window,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  JmWindowAutosave *self = window->autosave;

  if (self == NULL)
    return;

  /* Another document in the window (e.g. Reload): whatever was recovered is replaced. */
  self->recovered = FALSE;
  if (!window_is_modified (self))
    discard_copy (self);
}

/* Window hooks */

void
jm_window_autosave_init (JmWindow *window)
{
  JmWindowAutosave *self;

  g_return_if_fail (JM_IS_WINDOW (window));
  g_return_if_fail (window->autosave == NULL);

  self = g_new0 (JmWindowAutosave, 1);
  self->ref_count = 1;
  g_mutex_init (&self->write_mutex);
  self->window = window;
  self->id = jm_recovery_new_id ();
  self->lock_fd = -1;
  self->delay_ms = AUTOSAVE_DELAY_MS;
  self->max_delay_ms = AUTOSAVE_MAX_DELAY_MS;
  window->autosave = self;

  g_signal_group_connect_object (window->document_signals, "changed",
                                 G_CALLBACK (document_changed_cb),
                                 window, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (window->history_signals, "notify::modified",
                                 G_CALLBACK (modified_changed_cb),
                                 window, G_CONNECT_SWAPPED);
  g_signal_connect (window, "notify::history", G_CALLBACK (history_changed_cb), NULL);
}

void
jm_window_autosave_set_delay (JmWindow *window,
                              guint     delay_ms,
                              guint     max_delay_ms)
{
  g_return_if_fail (JM_IS_WINDOW (window));
  g_return_if_fail (window->autosave != NULL);
  g_return_if_fail (delay_ms <= max_delay_ms);

  window->autosave->delay_ms = delay_ms;
  window->autosave->max_delay_ms = max_delay_ms;
}

void
jm_window_autosave_dispose (JmWindow *window)
{
  JmWindowAutosave *self;

  g_return_if_fail (JM_IS_WINDOW (window));

  self = g_steal_pointer (&window->autosave);
  if (self == NULL)
    return;

  g_signal_handlers_disconnect_by_func (window, history_changed_cb, NULL);
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  /* Unsaved changes that the user did not give up (the window was destroyed, not closed)
   * stay recoverable, as after a crash: a write in progress then finishes, and releases the
   * lock after it. Otherwise the copy goes now. */
  self->keep_copy = !self->closed && jm_window_get_modified (window);
  self->window = NULL;

  if (!self->keep_copy)
    discard_copy (self);
  if (!self->writing || !self->keep_copy)
    release_lock (self);

  autosave_unref (self);
}

void
jm_window_autosave_saved (JmWindow *window)
{
  JmWindowAutosave *self;

  g_return_if_fail (JM_IS_WINDOW (window));

  if ((self = window->autosave) == NULL)
    return;

  if (self->recovered)
    {
      self->recovered = FALSE;
      jm_window_update_actions (window);
      jm_window_update_title (window);
    }

  if (!window_is_modified (self))
    discard_copy (self);
}

void
jm_window_autosave_closed (JmWindow *window)
{
  JmWindowAutosave *self;

  g_return_if_fail (JM_IS_WINDOW (window));

  if ((self = window->autosave) == NULL)
    return;

  self->closed = TRUE;
  discard_copy (self);
}

gboolean
jm_window_autosave_get_recovered (JmWindow *window)
{
  g_return_val_if_fail (JM_IS_WINDOW (window), FALSE);

  return window->autosave != NULL && window->autosave->recovered;
}

const char *
jm_window_autosave_get_id (JmWindow *window)
{
  g_return_val_if_fail (JM_IS_WINDOW (window), NULL);

  return window->autosave != NULL ? window->autosave->id : NULL;
}

void
jm_window_autosave_adopt (JmWindow   *window,
                          const char *id,
                          int         lock_fd,
                          GDateTime  *saved)
{
  JmWindowAutosave *self;

  g_return_if_fail (JM_IS_WINDOW (window));
  g_return_if_fail (jm_recovery_id_is_valid (id));
  g_return_if_fail (lock_fd >= 0);

  self = window->autosave;
  g_return_if_fail (self != NULL);
  /* Only for a window that was just made for the recovered document. */
  g_return_if_fail (!self->writing);

  /* Give up the window's own id, which has nothing on disk yet. */
  discard_copy (self);
  release_lock (self);

  g_free (self->id);
  self->id = g_strdup (id);
  self->lock_fd = lock_fd;
  self->may_have_copy = TRUE;
  self->recovered = TRUE;

  jm_window_update_actions (window);
  jm_window_update_title (window);

  if (saved != NULL)
    jm_window_monitor_check_since (window, saved);
}
