/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-recovery.c: autosave copies of open maps and their recovery after a crash.
 * The layout of the files and the flow in the app are described in jm-recovery.h. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jm-atomic-file.h"
#include "jm-recovery.h"
#include "jm-json.h"

#define INFO_GROUP    "Recovery"
#define INFO_VERSION  1
#define MAX_ID_LENGTH 64

G_DEFINE_BOXED_TYPE (JmRecoveryEntry, jm_recovery_entry,
                     jm_recovery_entry_copy, jm_recovery_entry_free)

JmRecoveryEntry *
jm_recovery_entry_copy (const JmRecoveryEntry *entry)
{
  JmRecoveryEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_new0 (JmRecoveryEntry, 1);
  copy->id = g_strdup (entry->id);
  copy->path = g_strdup (entry->path);
  copy->original = entry->original != NULL ? g_object_ref (entry->original) : NULL;
  copy->title = g_strdup (entry->title);
  copy->saved = entry->saved != NULL ? g_date_time_ref (entry->saved) : NULL;
  copy->pid = entry->pid;
  copy->size = entry->size;
  copy->error = entry->error != NULL ? g_error_copy (entry->error) : NULL;
  return copy;
}

void
jm_recovery_entry_free (JmRecoveryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->path);
  g_clear_object (&entry->original);
  g_free (entry->title);
  g_clear_pointer (&entry->saved, g_date_time_unref);
  g_clear_error (&entry->error);
  g_free (entry);
}

/* ─── Names ─────────────────────────────────────────────────────────────────────────────── */

char *
jm_recovery_get_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "journey-maps", "recovery", NULL);
}

char *
jm_recovery_new_id (void)
{
  return g_uuid_string_random ();
}

gboolean
jm_recovery_id_is_valid (const char *id)
{
  gsize n = 0;

  if (id == NULL)
    return FALSE;
  for (; *id != '\0'; id++, n++)
    {
      if (!g_ascii_isalnum (*id) && *id != '-' && *id != '_')
        return FALSE;
    }
  return n >= 1 && n <= MAX_ID_LENGTH;
}

static char *
file_path (const char *dir,
           const char *id,
           const char *suffix)
{
  g_autofree char *name = g_strconcat (id, suffix, NULL);
  return g_build_filename (dir, name, NULL);
}

static gboolean
check_id (const char  *id,
          GError     **error)
{
  if (jm_recovery_id_is_valid (id))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a valid recovery id"), id != NULL ? id : "");
  return FALSE;
}

static gboolean
set_error_from_errno (GError     **error,
                      int          saved_errno,
                      const char  *format,
                      const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), format,
               display, g_strerror (saved_errno));
  return FALSE;
}

static char *
ensure_dir (GError **error)
{
  g_autofree char *dir = jm_recovery_get_dir ();

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_error_from_errno (error, errno, _("Could not create the folder “%s”: %s"), dir);
      return NULL;
    }
  return g_steal_pointer (&dir);
}

/* ─── Locks ─────────────────────────────────────────────────────────────────────────────── */

/* The locks this process holds: fd → id. jm_recovery_discard () needs to know whether a
 * held lock is ours, and flock () cannot tell (a second open file conflicts even in the
 * same process, which is what keeps our own entries out of jm_recovery_list ()). */
G_LOCK_DEFINE_STATIC (held);
static GHashTable *held;

static gboolean
is_held_here (const char *id)
{
  gboolean found = FALSE;

  G_LOCK (held);
  if (held != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, held);
      while (!found && g_hash_table_iter_next (&iter, NULL, &value))
        found = strcmp (value, id) == 0;
    }
  G_UNLOCK (held);
  return found;
}

/* Opens path and takes an exclusive flock on it. Returns the fd, -1 with *busy set if
 * someone else holds it, or -1 with error. Makes sure the locked file is still the one at
 * path: someone may remove it between our open () and flock () (jm_recovery_unlock (),
 * jm_recovery_discard ()), and a lock on a removed file protects nothing. */
static int
lock_file (const char  *path,
           gboolean    *busy,
           GError     **error)
{
  int attempt;

  *busy = FALSE;
  for (attempt = 0; attempt < 16; attempt++)
    {
      struct stat a, b;
      int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);

      if (fd < 0)
        {
          set_error_from_errno (error, errno, _("Could not open “%s”: %s"), path);
          return -1;
        }
      while (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          close (fd);
          if (saved_errno == EWOULDBLOCK)
            {
              *busy = TRUE;
              return -1;
            }
          set_error_from_errno (error, saved_errno, _("Could not lock “%s”: %s"), path);
          return -1;
        }
      if (fstat (fd, &a) == 0 && stat (path, &b) == 0 &&
          a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return fd;
      close (fd);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("Could not lock “%s”"), path);
  return -1;
}

static void
set_busy_error (GError     **error,
                const char  *id)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
               _("The recovery copy “%s” is in use by another Journey Maps window"), id);
}

int
jm_recovery_lock (const char  *id,
                  GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pid = NULL;
  gboolean busy = FALSE;
  int fd;

  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (!check_id (id, error))
    return -1;
  dir = ensure_dir (error);
  if (dir == NULL)
    return -1;
  path = file_path (dir, id, JM_RECOVERY_LOCK_SUFFIX);
  fd = lock_file (path, &busy, error);
  if (fd < 0)
    {
      if (busy)
        set_busy_error (error, id);
      return -1;
    }

  /* For people looking at the folder; the lock itself is what counts. */
  pid = g_strdup_printf ("%d\n", (int) getpid ());
  if (ftruncate (fd, 0) == 0 && pwrite (fd, pid, strlen (pid), 0) < 0)
    { /* informative only */ }

  G_LOCK (held);
  if (held == NULL)
    held = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_hash_table_insert (held, GINT_TO_POINTER (fd), g_strdup (id));
  G_UNLOCK (held);
  return fd;
}

void
jm_recovery_unlock (int fd)
{
  g_autofree char *id = NULL;

  if (fd < 0)
    return;

  G_LOCK (held);
  if (held != NULL && g_hash_table_steal_extended (held, GINT_TO_POINTER (fd), NULL,
                                                   (gpointer *) &id))
    { /* ours */ }
  G_UNLOCK (held);

  g_return_if_fail (id != NULL);

  /* Remove the file while still holding it: a missing lock file means "not locked". */
  {
    g_autofree char *dir = jm_recovery_get_dir ();
    g_autofree char *path = file_path (dir, id, JM_RECOVERY_LOCK_SUFFIX);
    g_unlink (path);
  }
  close (fd);
}

/* TRUE if some open file, in this process or another, holds the lock of id. */
static gboolean
is_locked (const char *dir,
           const char *id)
{
  g_autofree char *path = file_path (dir, id, JM_RECOVERY_LOCK_SUFFIX);
  gboolean locked = FALSE;
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

  if (fd < 0)
    return FALSE;   /* no lock file: nobody holds it */
  while (flock (fd, LOCK_SH | LOCK_NB) != 0)
    {
      if (errno == EINTR)
        continue;
      locked = errno == EWOULDBLOCK;
      break;
    }
  /* flock () locks belong to the open file: closing this one leaves other holders alone. */
  close (fd);
  return locked;
}

/* ─── Writing ───────────────────────────────────────────────────────────────────────────── */

char *
jm_recovery_write (JmDocument  *document,
                   const char  *id,
                   GFile       *original,
                   GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *map_path = NULL;
  g_autofree char *info_path = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GFile) map_file = NULL;
  g_autoptr(GKeyFile) info = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *saved = NULL;
  gsize len;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (original == NULL || G_IS_FILE (original), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_id (id, error))
    return NULL;
  dir = ensure_dir (error);
  if (dir == NULL)
    return NULL;

  /* The map first: it is what matters, and it never depends on the .info. */
  map_path = file_path (dir, id, JM_RECOVERY_MAP_SUFFIX);
  map_file = g_file_new_for_path (map_path);
  if (!jm_json_save_file (document, map_file, NULL, error))
    return NULL;

  now = g_date_time_new_now_utc ();
  saved = g_date_time_format_iso8601 (now);
  info = g_key_file_new ();
  g_key_file_set_integer (info, INFO_GROUP, "Version", INFO_VERSION);
  if (original != NULL)
    {
      g_autofree char *uri = g_file_get_uri (original);
      g_key_file_set_string (info, INFO_GROUP, "Original", uri);
    }
  g_key_file_set_string (info, INFO_GROUP, "Title", jm_document_get_title (document));
  g_key_file_set_string (info, INFO_GROUP, "Saved", saved);
  g_key_file_set_int64 (info, INFO_GROUP, "Pid", getpid ());
  data = g_key_file_to_data (info, &len, NULL);

  info_path = file_path (dir, id, JM_RECOVERY_INFO_SUFFIX);
  if (!jm_atomic_file_set_contents (info_path, data, len, NULL, error))
    return NULL;
  return g_steal_pointer (&map_path);
}

/* ─── Listing ───────────────────────────────────────────────────────────────────────────── */

/* Fills title, original, saved and pid from the .info; FALSE and error if it is missing or
 * damaged. */
static gboolean
read_info (JmRecoveryEntry  *entry,
           const char       *info_path,
           GError          **error)
{
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autofree char *original = NULL;
  g_autofree char *title = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GDateTime) when = NULL;
  GError *local_error = NULL;
  gint64 pid;

  if (!g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, error))
    return FALSE;

  saved = g_key_file_get_string (info, INFO_GROUP, "Saved", error);
  if (saved == NULL)
    return FALSE;
  when = g_date_time_new_from_iso8601 (saved, NULL);
  if (when == NULL)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   _("“%s” is not a valid time"), saved);
      return FALSE;
    }

  title = g_key_file_get_string (info, INFO_GROUP, "Title", &local_error);
  if (title == NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  original = g_key_file_get_string (info, INFO_GROUP, "Original", NULL);
  pid = g_key_file_get_int64 (info, INFO_GROUP, "Pid", NULL);

  g_free (entry->title);
  entry->title = g_steal_pointer (&title);
  if (original != NULL && *original != '\0')
    entry->original = g_file_new_for_uri (original);
  g_clear_pointer (&entry->saved, g_date_time_unref);
  entry->saved = g_steal_pointer (&when);
  entry->pid = pid > 0 && pid <= G_MAXINT ? (GPid) pid : 0;
  return TRUE;
}

static JmRecoveryEntry *
make_entry (const char        *dir,
            const char        *id,
            const struct stat *st)
{
  g_autofree char *info_path = file_path (dir, id, JM_RECOVERY_INFO_SUFFIX);
  JmRecoveryEntry *entry = g_new0 (JmRecoveryEntry, 1);
  GError *info_error = NULL;

  entry->id = g_strdup (id);
  entry->path = file_path (dir, id, JM_RECOVERY_MAP_SUFFIX);
  entry->size = (gsize) st->st_size;
  entry->title = g_strdup ("");
  entry->saved = g_date_time_new_from_unix_utc (st->st_mtime);

  /* read_info () changes nothing unless it succeeds: otherwise what we know is the copy
   * itself (its time), and the rest stays unknown. */
  if (!read_info (entry, info_path, &info_error))
    {
      g_autofree char *display = g_filename_display_name (info_path);

      g_set_error (&entry->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The recovery information “%s” is missing or damaged: %s"),
                   display, info_error->message);
      g_error_free (info_error);
    }
  return entry;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const JmRecoveryEntry *ea = *(const JmRecoveryEntry * const *) a;
  const JmRecoveryEntry *eb = *(const JmRecoveryEntry * const *) b;
  int c = g_date_time_compare (eb->saved, ea->saved);   /* newest first */

  return c != 0 ? c : strcmp (ea->id, eb->id);
}

GPtrArray *
jm_recovery_list (GError **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *dir_path = jm_recovery_get_dir ();
  g_autoptr(GDir) dir = NULL;
  GError *local_error = NULL;
  const char *name;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) jm_recovery_entry_free);
  dir = g_dir_open (dir_path, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_error_free (local_error);
          return g_steal_pointer (&entries);
        }
      g_propagate_error (error, local_error);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;
      g_autofree char *path = NULL;
      struct stat st;

      /* Temporary files of an interrupted save start with a dot. */
      if (name[0] == '.' || !g_str_has_suffix (name, JM_RECOVERY_MAP_SUFFIX))
        continue;
      id = g_strndup (name, strlen (name) - strlen (JM_RECOVERY_MAP_SUFFIX));
      if (!jm_recovery_id_is_valid (id))
        {
          g_debug ("Ignoring “%s” in the recovery folder: not a recovery file name", name);
          continue;
        }
      path = g_build_filename (dir_path, name, NULL);
      if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        {
          g_debug ("Ignoring “%s” in the recovery folder: not a regular file", name);
          continue;
        }
      if (is_locked (dir_path, id))
        continue;   /* a running window's own copy */
      g_ptr_array_add (entries, make_entry (dir_path, id, &st));
    }

  g_ptr_array_sort (entries, compare_entries);
  return g_steal_pointer (&entries);
}

/* ─── Loading and discarding ────────────────────────────────────────────────────────────── */

JmDocument *
jm_recovery_load (const JmRecoveryEntry  *entry,
                  GError                **error)
{
  g_autoptr(GFile) file = NULL;
  JmDocument *document;

  g_return_val_if_fail (entry != NULL && entry->path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (entry->path);
  document = jm_json_load_file (file, NULL, error);
  if (document == NULL)
    {
      g_autofree char *display = g_filename_display_name (entry->path);
      g_prefix_error (error, _("The recovery copy “%s” cannot be opened: "), display);
    }
  return document;
}

static gboolean
remove_file (const char  *path,
             GError     **error)
{
  if (g_unlink (path) == 0 || errno == ENOENT)
    return TRUE;
  return set_error_from_errno (error, errno, _("Could not delete “%s”: %s"), path);
}

gboolean
jm_recovery_discard (const char  *id,
                     GError     **error)
{
  g_autofree char *dir_path = jm_recovery_get_dir ();
  g_autofree char *map_path = NULL;
  g_autofree char *info_path = NULL;
  g_autofree char *lock_path = NULL;
  g_autofree char *tmp_map_prefix = NULL;
  g_autofree char *tmp_info_prefix = NULL;
  g_autoptr(GDir) dir = NULL;
  gboolean ours;
  gboolean ok = TRUE;
  int fd = -1;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_id (id, error))
    return FALSE;
  if (!g_file_test (dir_path, G_FILE_TEST_IS_DIR))
    return TRUE;

  map_path = file_path (dir_path, id, JM_RECOVERY_MAP_SUFFIX);
  info_path = file_path (dir_path, id, JM_RECOVERY_INFO_SUFFIX);
  lock_path = file_path (dir_path, id, JM_RECOVERY_LOCK_SUFFIX);

  /* Someone else's entry: hold its lock while deleting, so that nobody claims it meanwhile. */
  ours = is_held_here (id);
  if (!ours)
    {
      gboolean busy = FALSE;

      fd = lock_file (lock_path, &busy, error);
      if (fd < 0)
        {
          if (busy)
            set_busy_error (error, id);
          return FALSE;
        }
    }

  ok = remove_file (map_path, error);
  if (ok)
    ok = remove_file (info_path, error);

  /* Leftovers of interrupted saves: jm_json_save_file () writes ".ID.journey.json.XXXXXX",
   * g_file_set_contents () "ID.info.XXXXXX". An id holds no '.', so the prefixes are
   * unambiguous. */
  tmp_map_prefix = g_strconcat (".", id, JM_RECOVERY_MAP_SUFFIX, ".", NULL);
  tmp_info_prefix = g_strconcat (id, JM_RECOVERY_INFO_SUFFIX, ".", NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          if (g_str_has_prefix (name, tmp_map_prefix) || g_str_has_prefix (name, tmp_info_prefix))
            {
              g_autofree char *path = g_build_filename (dir_path, name, NULL);
              g_unlink (path);
            }
        }
    }

  if (fd >= 0)
    {
      if (ok)
        g_unlink (lock_path);   /* still holding it: see jm_recovery_unlock () */
      close (fd);
    }
  return ok;
}
