/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of autosave/recovery files: write → list → load, order, discard, locks held by
 * running instances (this process and another one), damaged files, failed writes. Every
 * test case gets its own XDG_STATE_HOME (G_TEST_OPTION_ISOLATE_DIRS). */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "jm-json.h"
#include "jm-recovery.h"

static JmDocument *
load_good (const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "good", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  JmDocument *doc = jm_json_load_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static char *
recovery_path (const char *id,
               const char *suffix)
{
  g_autofree char *dir = jm_recovery_get_dir ();
  g_autofree char *name = g_strconcat (id, suffix, NULL);
  return g_build_filename (dir, name, NULL);
}

static GPtrArray *
list_ok (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = jm_recovery_list (&error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static JmRecoveryEntry *
find_entry (GPtrArray  *entries,
            const char *id)
{
  guint i;

  for (i = 0; i < entries->len; i++)
    {
      JmRecoveryEntry *entry = g_ptr_array_index (entries, i);
      if (strcmp (entry->id, id) == 0)
        return entry;
    }
  return NULL;
}

static void
write_ok (JmDocument *doc,
          const char *id,
          GFile      *original)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = jm_recovery_write (doc, id, original, &error);
  g_autofree char *expected = recovery_path (id, JM_RECOVERY_MAP_SUFFIX);

  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, expected);
}

/* ─── write → list → load ─── */

static void
test_round_trip (void)
{
  g_autoptr(JmDocument) doc = load_good ("full.json");
  g_autoptr(GBytes) expected = jm_json_save_bytes (doc);
  g_autoptr(GFile) original = g_file_new_for_path ("/home/ada/maps/onboarding.journey.json");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GBytes) reloaded_bytes = NULL;
  g_autoptr(JmDocument) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) after = NULL;
  g_autofree char *id = jm_recovery_new_id ();
  g_autofree char *dir = jm_recovery_get_dir ();
  g_autofree char *state = g_strdup (g_get_user_state_dir ());
  JmRecoveryEntry *entry;
  struct stat st;

  /* The folder lives in the test's private XDG_STATE_HOME, and does not exist yet. */
  g_assert_true (jm_recovery_id_is_valid (id));
  g_assert_true (g_str_has_prefix (dir, state));
  g_assert_true (g_str_has_suffix (dir, "/journey-maps/recovery"));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  entries = list_ok ();
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  write_ok (doc, id, original);
  after = g_date_time_new_now_utc ();
  g_assert_cmpint (stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* The copy is exactly what the one writer produces. */
  {
    g_autofree char *map_path = recovery_path (id, JM_RECOVERY_MAP_SUFFIX);
    on_disk = read_bytes (map_path);
    g_assert_true (g_bytes_equal (on_disk, expected));
  }

  entries = list_ok ();
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_no_error (entry->error);
  g_assert_cmpstr (entry->id, ==, id);
  g_assert_cmpstr (entry->title, ==, jm_document_get_title (doc));
  g_assert_cmpstr (entry->title, !=, "");
  g_assert_nonnull (entry->original);
  g_assert_true (g_file_equal (entry->original, original));
  g_assert_cmpint (entry->pid, ==, getpid ());
  g_assert_cmpuint (entry->size, ==, g_bytes_get_size (expected));
  g_assert_cmpint (g_date_time_compare (entry->saved, before), >=, 0);
  g_assert_cmpint (g_date_time_compare (entry->saved, after), <=, 0);

  reloaded = jm_recovery_load (entry, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reloaded);
  reloaded_bytes = jm_json_save_bytes (reloaded);
  g_assert_true (g_bytes_equal (reloaded_bytes, expected));

  /* The boxed copy is deep. */
  {
    g_autoptr(JmRecoveryEntry) copy = g_boxed_copy (JM_TYPE_RECOVERY_ENTRY, entry);
    g_assert_true (copy != entry);
    g_assert_cmpstr (copy->id, ==, entry->id);
    g_assert_cmpstr (copy->path, ==, entry->path);
    g_assert_true (g_file_equal (copy->original, entry->original));
    g_assert_cmpint (g_date_time_compare (copy->saved, entry->saved), ==, 0);
  }
}

/* A new map has no original file; writing again replaces the copy. */
static void
test_new_map_rewrite (void)
{
  g_autoptr(JmDocument) a = load_good ("minimal.json");
  g_autoptr(JmDocument) b = load_good ("chinese.json");
  g_autoptr(GBytes) expected = jm_json_save_bytes (b);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JmDocument) reloaded = NULL;
  g_autoptr(GBytes) reloaded_bytes = NULL;
  g_autoptr(GError) error = NULL;
  JmRecoveryEntry *entry;

  write_ok (a, "window-1", NULL);
  write_ok (b, "window-1", NULL);

  entries = list_ok ();
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_no_error (entry->error);
  g_assert_null (entry->original);
  g_assert_cmpstr (entry->title, ==, jm_document_get_title (b));
  reloaded = jm_recovery_load (entry, &error);
  g_assert_no_error (error);
  reloaded_bytes = jm_json_save_bytes (reloaded);
  g_assert_true (g_bytes_equal (reloaded_bytes, expected));
}

static void
test_newest_first (void)
{
  g_autoptr(JmDocument) doc = load_good ("minimal.json");
  static const char * const ids[] = { "first", "second", "third" };
  g_autoptr(GPtrArray) entries = NULL;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      write_ok (doc, ids[i], NULL);
      g_usleep (2000);   /* times are stored to the microsecond */
    }
  entries = list_ok ();
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpstr (((JmRecoveryEntry *) entries->pdata[0])->id, ==, "third");
  g_assert_cmpstr (((JmRecoveryEntry *) entries->pdata[1])->id, ==, "second");
  g_assert_cmpstr (((JmRecoveryEntry *) entries->pdata[2])->id, ==, "first");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Autosaving "first" again makes it the newest. */
  write_ok (doc, "first", NULL);
  entries = list_ok ();
  g_assert_cmpstr (((JmRecoveryEntry *) entries->pdata[0])->id, ==, "first");
  g_assert_cmpstr (((JmRecoveryEntry *) entries->pdata[1])->id, ==, "third");
}

/* ─── discard ─── */

static void
test_discard (void)
{
  g_autoptr(JmDocument) doc = load_good ("full.json");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *leftover_map = NULL;
  g_autofree char *leftover_info = NULL;
  g_autofree char *other_leftover = NULL;
  g_autofree char *map_path = recovery_path ("gone", JM_RECOVERY_MAP_SUFFIX);
  g_autofree char *info_path = recovery_path ("gone", JM_RECOVERY_INFO_SUFFIX);
  g_autofree char *lock_path = recovery_path ("gone", JM_RECOVERY_LOCK_SUFFIX);

  /* Nothing there yet (not even the folder): not an error. */
  g_assert_true (jm_recovery_discard ("gone", &error));
  g_assert_no_error (error);

  write_ok (doc, "gone", NULL);
  write_ok (doc, "kept", NULL);
  /* What a save killed half-way leaves behind, for this id and for another one. */
  dir = jm_recovery_get_dir ();
  leftover_map = g_build_filename (dir, ".gone.journey.json.A1b2C3", NULL);
  leftover_info = g_build_filename (dir, "gone.info.Z9y8X7", NULL);
  other_leftover = g_build_filename (dir, ".kept.journey.json.A1b2C3", NULL);
  g_assert_true (g_file_set_contents (leftover_map, "{\"format\": ", -1, NULL));
  g_assert_true (g_file_set_contents (leftover_info, "[Recov", -1, NULL));
  g_assert_true (g_file_set_contents (other_leftover, "{", -1, NULL));

  /* Leftovers are never listed. */
  entries = list_ok ();
  g_assert_cmpuint (entries->len, ==, 2);
  g_clear_pointer (&entries, g_ptr_array_unref);

  g_assert_true (jm_recovery_discard ("gone", &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (map_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (info_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (lock_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (leftover_map, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (leftover_info, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other_leftover, G_FILE_TEST_EXISTS));

  entries = list_ok ();
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((JmRecoveryEntry *) entries->pdata[0])->id, ==, "kept");

  /* Ids cannot reach outside the folder. */
  g_assert_false (jm_recovery_discard ("../kept", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (jm_recovery_write (doc, "a/b", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpint (jm_recovery_lock ("", &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (jm_recovery_id_is_valid ("with.dot"));
  g_assert_false (jm_recovery_id_is_valid (NULL));
  g_assert_true (jm_recovery_id_is_valid ("0123456789abcdef0123456789abcdef"
                                          "0123456789abcdef0123456789abcdef"));
  g_assert_false (jm_recovery_id_is_valid ("0123456789abcdef0123456789abcdef"
                                           "0123456789abcdef0123456789abcdef0"));
}

/* ─── locks ─── */

/* Entries of this process's own windows are never offered; discarding its own entry keeps
 * the lock; unlocking makes the copy recoverable again. */
static void
test_lock_same_process (void)
{
  g_autoptr(JmDocument) doc = load_good ("minimal.json");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lock_path = recovery_path ("mine", JM_RECOVERY_LOCK_SUFFIX);
  int fd, fd2;

  fd = jm_recovery_lock ("mine", &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  g_assert_true (g_file_test (lock_path, G_FILE_TEST_IS_REGULAR));
  write_ok (doc, "mine", NULL);
  write_ok (doc, "orphan", NULL);

  entries = list_ok ();
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((JmRecoveryEntry *) entries->pdata[0])->id, ==, "orphan");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* A second window cannot take the same id. */
  fd2 = jm_recovery_lock ("mine", &error);
  g_assert_cmpint (fd2, ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);

  /* After a save the window discards its copy but keeps its lock and id. */
  g_assert_true (jm_recovery_discard ("mine", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (lock_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (jm_recovery_lock ("mine", &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);
  write_ok (doc, "mine", NULL);
  entries = list_ok ();
  g_assert_null (find_entry (entries, "mine"));
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* The window closes without discarding (e.g. the app quits and keeps the copy): the copy
   * is offered to the next start. */
  jm_recovery_unlock (fd);
  g_assert_false (g_file_test (lock_path, G_FILE_TEST_EXISTS));
  entries = list_ok ();
  g_assert_nonnull (find_entry (entries, "mine"));
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Claiming it takes it off the list again. */
  fd = jm_recovery_lock ("mine", &error);
  g_assert_no_error (error);
  entries = list_ok ();
  g_assert_null (find_entry (entries, "mine"));
  g_clear_pointer (&entries, g_ptr_array_unref);
  jm_recovery_unlock (fd);
}

static void
read_byte (int fd)
{
  char c;
  gssize n;

  do
    n = read (fd, &c, 1);
  while (n < 0 && errno == EINTR);
  g_assert_cmpint (n, ==, 1);
}

/* Another running instance (a real second process) holds the lock: its entry is not
 * offered, cannot be claimed nor discarded. Once it dies — even by SIGKILL, without any
 * cleanup — the kernel drops the lock and the entry is offered. */
static void
test_lock_other_process (void)
{
  g_autoptr(JmDocument) doc = load_good ("full.json");
  g_autoptr(GBytes) expected = jm_json_save_bytes (doc);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *map_path = recovery_path ("other", JM_RECOVERY_MAP_SUFFIX);
  JmRecoveryEntry *entry;
  int ready[2];
  int status;
  pid_t pid;

  write_ok (doc, "mine", NULL);
  g_assert_cmpint (pipe (ready), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      /* The other instance: lock, autosave, then work until killed. */
      GError *child_error = NULL;
      char *path;

      close (ready[0]);
      if (jm_recovery_lock ("other", &child_error) < 0)
        _exit (1);
      path = jm_recovery_write (doc, "other", NULL, &child_error);
      if (path == NULL)
        _exit (2);
      if (write (ready[1], "x", 1) != 1)
        _exit (3);
      for (;;)
        pause ();
    }
  close (ready[1]);
  read_byte (ready[0]);
  close (ready[0]);

  entries = list_ok ();
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((JmRecoveryEntry *) entries->pdata[0])->id, ==, "mine");
  g_clear_pointer (&entries, g_ptr_array_unref);

  g_assert_cmpint (jm_recovery_lock ("other", &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_false (jm_recovery_discard ("other", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_true (g_file_test (map_path, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));

  entries = list_ok ();
  g_assert_cmpuint (entries->len, ==, 2);
  entry = find_entry (entries, "other");
  g_assert_nonnull (entry);
  g_assert_no_error (entry->error);
  g_assert_cmpint (entry->pid, ==, pid);
  {
    g_autoptr(JmDocument) reloaded = jm_recovery_load (entry, &error);
    g_autoptr(GBytes) bytes = NULL;

    g_assert_no_error (error);
    bytes = jm_json_save_bytes (reloaded);
    g_assert_true (g_bytes_equal (bytes, expected));
  }
  g_assert_true (jm_recovery_discard ("other", &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (map_path, G_FILE_TEST_EXISTS));
}

/* ─── damaged files ─── */

static void
test_damaged (void)
{
  g_autoptr(JmDocument) doc = load_good ("full.json");
  g_autoptr(GBytes) expected = jm_json_save_bytes (doc);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *truncated_map = recovery_path ("truncated", JM_RECOVERY_MAP_SUFFIX);
  g_autofree char *empty_map = recovery_path ("empty", JM_RECOVERY_MAP_SUFFIX);
  g_autofree char *bad_info = recovery_path ("bad-info", JM_RECOVERY_INFO_SUFFIX);
  g_autofree char *no_info = recovery_path ("no-info", JM_RECOVERY_INFO_SUFFIX);
  g_autofree char *binary_info = recovery_path ("binary-info", JM_RECOVERY_INFO_SUFFIX);
  JmRecoveryEntry *entry;
  guint i;

  write_ok (doc, "truncated", NULL);
  write_ok (doc, "empty", NULL);
  write_ok (doc, "bad-info", NULL);
  write_ok (doc, "no-info", NULL);
  write_ok (doc, "binary-info", NULL);

  /* A damaged map (the disk, another program…). */
  g_assert_true (g_file_set_contents (truncated_map, g_bytes_get_data (expected, NULL),
                                      (gssize) g_bytes_get_size (expected) / 2, NULL));
  g_assert_true (g_file_set_contents (empty_map, "", 0, NULL));
  /* Damaged or missing information. */
  g_assert_true (g_file_set_contents (bad_info, "[Recovery]\nSaved=yesterday\nTitle=x\n", -1,
                                      NULL));
  g_assert_cmpint (g_unlink (no_info), ==, 0);
  g_assert_true (g_file_set_contents (binary_info, "\xff\xfe\x00\x01garbage", 11, NULL));
  /* Things that are not entries at all. */
  dir = jm_recovery_get_dir ();
  {
    g_autofree char *notes = g_build_filename (dir, "notes.txt", NULL);
    g_autofree char *bad_name = g_build_filename (dir, "not an id.journey.json", NULL);
    g_autofree char *folder = g_build_filename (dir, "folder.journey.json", NULL);
    g_autofree char *link = g_build_filename (dir, "link.journey.json", NULL);
    g_autofree char *info_only = g_build_filename (dir, "info-only.info", NULL);

    g_assert_true (g_file_set_contents (notes, "hello", -1, NULL));
    g_assert_true (g_file_set_contents (bad_name, "{}", -1, NULL));
    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    g_assert_cmpint (symlink ("/dev/zero", link), ==, 0);
    g_assert_true (g_file_set_contents (info_only, "[Recovery]\n", -1, NULL));
  }

  entries = list_ok ();
  g_assert_cmpuint (entries->len, ==, 5);
  for (i = 0; i < entries->len; i++)
    {
      g_autoptr(JmDocument) reloaded = NULL;

      entry = g_ptr_array_index (entries, i);
      reloaded = jm_recovery_load (entry, &error);
      if (strcmp (entry->id, "truncated") == 0 || strcmp (entry->id, "empty") == 0)
        {
          /* Listed (its .info is fine), but it does not load: the error says which file and
           * what is wrong, and the entry can still be discarded. */
          g_assert_no_error (entry->error);
          g_assert_null (reloaded);
          g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, entry->id));
          g_assert_nonnull (strstr (error->message, strcmp (entry->id, "empty") == 0
                                                    ? "empty" : "line "));
          g_test_message ("%s: %s", entry->id, error->message);
          g_clear_error (&error);
        }
      else
        {
          /* The .info is lost or damaged: the entry says so, with what is left (the time of
           * the copy), and the map itself loads. */
          g_autoptr(GBytes) bytes = NULL;

          g_assert_error (entry->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
          g_assert_nonnull (strstr (entry->error->message, entry->id));
          g_test_message ("%s: %s", entry->id, entry->error->message);
          g_assert_cmpstr (entry->title, ==, "");
          g_assert_null (entry->original);
          g_assert_cmpint (entry->pid, ==, 0);
          g_assert_nonnull (entry->saved);
          g_assert_no_error (error);
          bytes = jm_json_save_bytes (reloaded);
          g_assert_true (g_bytes_equal (bytes, expected));
        }
    }

  for (i = 0; i < entries->len; i++)
    {
      entry = g_ptr_array_index (entries, i);
      g_assert_true (jm_recovery_discard (entry->id, &error));
      g_assert_no_error (error);
    }
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_ok ();
  g_assert_cmpuint (entries->len, ==, 0);
}

/* The folder exists but cannot be read: an error, not a crash. (Root reads anything, so
 * there the unreadable case is replaced by a folder that is a file.) */
static void
test_unreadable_folder (void)
{
  g_autofree char *dir = jm_recovery_get_dir ();
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JmDocument) doc = load_good ("minimal.json");

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (dir, "not a folder", -1, NULL));
  entries = jm_recovery_list (&error);
  g_assert_null (entries);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_clear_error (&error);

  g_assert_null (jm_recovery_write (doc, "x", NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (jm_recovery_lock ("x", &error), ==, -1);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_unlink (dir);
}

/* ─── a failed autosave keeps the previous copy ─── */

static void
test_write_failure_keeps_previous (void)
{
  g_autoptr(JmDocument) small = load_good ("minimal.json");
  g_autoptr(JmDocument) big = load_good ("full.json");
  g_autoptr(GBytes) small_bytes = jm_json_save_bytes (small);
  g_autoptr(GBytes) big_bytes = jm_json_save_bytes (big);
  g_autofree char *map_path = recovery_path ("limited", JM_RECOVERY_MAP_SUFFIX);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GString) message = g_string_new (NULL);
  int pipe_fds[2];
  int status;
  pid_t pid;

  g_assert_cmpuint (g_bytes_get_size (big_bytes), >, g_bytes_get_size (small_bytes) + 16);
  write_ok (small, "limited", NULL);

  /* In a forked child (g_test_trap_subprocess () would give it its own isolated folders, and
   * remove them): the size limit must not leak into other tests. */
  g_assert_cmpint (pipe (pipe_fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      GError *error = NULL;
      /* As if the disk were full after a few bytes; binds root too. */
      struct rlimit limit = { g_bytes_get_size (small_bytes) + 16,
                              g_bytes_get_size (small_bytes) + 16 };
      char *path;

      close (pipe_fds[0]);
      signal (SIGXFSZ, SIG_IGN);
      if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
        _exit (2);
      path = jm_recovery_write (big, "limited", NULL, &error);
      if (path != NULL || error == NULL)
        _exit (3);
      if (write (pipe_fds[1], error->message, strlen (error->message)) < 0)
        _exit (4);
      _exit (0);
    }
  close (pipe_fds[1]);
  for (;;)
    {
      char buf[256];
      gssize n = read (pipe_fds[0], buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (message, buf, n);
    }
  close (pipe_fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_test_message ("%s", message->str);
  g_assert_nonnull (strstr (message->str, "limited.journey.json"));
  g_assert_nonnull (strstr (message->str, g_strerror (EFBIG)));

  /* The previous copy is intact, and no temporary file is left. */
  {
    g_autoptr(GBytes) on_disk = read_bytes (map_path);
    g_autofree char *dir = jm_recovery_get_dir ();
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    g_assert_true (g_bytes_equal (on_disk, small_bytes));
    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_true (name[0] != '.');
  }
  entries = list_ok ();
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((JmRecoveryEntry *) entries->pdata[0])->title, ==,
                   jm_document_get_title (small));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/recovery/round-trip", test_round_trip);
  g_test_add_func ("/core/recovery/new-map-rewrite", test_new_map_rewrite);
  g_test_add_func ("/core/recovery/newest-first", test_newest_first);
  g_test_add_func ("/core/recovery/discard", test_discard);
  g_test_add_func ("/core/recovery/lock/same-process", test_lock_same_process);
  g_test_add_func ("/core/recovery/lock/other-process", test_lock_other_process);
  g_test_add_func ("/core/recovery/damaged", test_damaged);
  g_test_add_func ("/core/recovery/unreadable-folder", test_unreadable_folder);
  g_test_add_func ("/core/recovery/write-failure-keeps-previous",
                   test_write_failure_keeps_previous);

  return g_test_run ();
}
