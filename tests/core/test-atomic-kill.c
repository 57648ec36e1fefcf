/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Never lose a map": jm_json_save_file () under SIGKILL, a full disk and a target that
 * became a folder; PNG, PDF and SVG exports under SIGKILL. (test-io-save.c covers the simple
 * failures: a new folder as target, a removed folder, a read-only folder, a 4 KiB size
 * limit.)
 *
 * The kill loop: a forked child saves two different 10,000-card maps A and B over the same
 * file, alternately and as fast as it can; the parent SIGKILLs it at random moments, then
 * checks that the file is whole: byte for byte A or B, and it loads. Half of the kills come
 * 0–30 ms after 0–2 completed saves, which mostly lands in the serialising (most of a save's
 * time); the other half come at a random moment of the disk phase (write, fsync, chmod,
 * rename), timed from the creation of the temporary file, seen with inotify. SIGKILL gives
 * the child no chance to clean up, so its temporary file (".map.journey.json.XXXXXX", beside
 * the target) may be left behind: that is expected and harmless — the target never has a
 * temporary's content and a leftover never has the target's name — and this test removes
 * them after checking their names. (Recovery files are cleaned the same way by
 * jm_recovery_discard ().) The same loop runs for exports, with small maps. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "jm-json.h"
#include "jm-document-private.h"
#include "export/jm-export.h"
#include "../bench/jm-bench-maps.h"

#define N_CARDS    10000
#define MIN_KILLS  40
#define MAX_DELAY  30000   /* µs */
#define TARGET     "map.journey.json"

/* Built once: A and B, 10,000 cards each, different bytes and sizes. */
static JmDocument *doc_a, *doc_b;
static GBytes *bytes_a, *bytes_b;

static void
set_string (JmDocument *doc,
            const char *property,
            const char *value)
{
  g_auto(GValue) v = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value);
  g_assert_true (_jm_document_set_property (doc, NULL, property, &v, &error));
  g_assert_no_error (error);
}

static void
make_maps (void)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  guint i;

  if (doc_a != NULL)
    return;
  doc_a = jm_bench_make_map (N_CARDS);
  doc_b = jm_bench_make_map (N_CARDS);
  set_string (doc_a, "title", "Map A");
  set_string (doc_b, "title", "Map B — the other one");
  for (i = 0; i < 500; i++)
    g_string_append (long_text, "B is longer than A. ");
  set_string (doc_b, "description", long_text->str);
  bytes_a = jm_json_save_bytes (doc_a);
  bytes_b = jm_json_save_bytes (doc_b);
  g_assert_false (g_bytes_equal (bytes_a, bytes_b));
  g_assert_cmpuint (jm_document_get_n_cards (doc_a), ==, N_CARDS);
}

static GBytes *
read_bytes_or_null (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  return g_bytes_new_take (contents, len);
}

/* A name jm_json_save_file () gives its temporary file for target name: ".NAME.XXXXXX". */
static gboolean
is_temporary_of (const char *name,
                 const char *target)
{
  gsize n = strlen (target);

  return name[0] == '.' && strncmp (name + 1, target, n) == 0 && name[1 + n] == '.' &&
         strlen (name + 2 + n) == 6;
}

/* Checks that dir holds only the target and temporary leftovers, removes the leftovers and
 * returns how many there were. */
static guint
check_and_clean_dir (const char *dir_path,
                     const char *target)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint leftovers = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (strcmp (name, target) == 0)
        continue;
      if (!is_temporary_of (name, target))
        g_error ("unexpected file “%s” beside the target", name);
      path = g_build_filename (dir_path, name, NULL);
      g_assert_cmpint (g_unlink (path), ==, 0);
      leftovers++;
    }
  return leftovers;
}

static JmDocument *
load_path (const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  return jm_json_load_file (file, NULL, error);
}

/* ─── the kill loop ─── */

/* Writes one document to path (a map save or an export); FALSE on failure. */
typedef gboolean (*WriteFunc) (JmDocument    *document,
                               const char    *path,
                               gconstpointer  data,
                               GError       **error);

/* Writes first and other alternately, starting with first, forever; one byte on done_fd
 * after each completed write. Never returns. */
G_GNUC_NORETURN static void
child_write_loop (WriteFunc      func,
                  gconstpointer  data,
                  const char    *path,
                  JmDocument    *first,
                  JmDocument    *other,
                  int            done_fd)
{
  JmDocument *next = first;

  for (;;)
    {
      GError *error = NULL;

      if (!func (next, path, data, &error))
        _exit (10);
      if (write (done_fd, "s", 1) != 1)
        _exit (11);
      next = next == first ? other : first;
    }
}

static gboolean
save_path (JmDocument    *document,
           const char    *path,
           gconstpointer  data,
           GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  return jm_json_save_file (document, file, NULL, error);
}

/* Forks a child that runs child_write_loop (); *done_fd: the read end of its pipe. */
static pid_t
fork_writer (WriteFunc      func,
             gconstpointer  data,
             const char    *path,
             JmDocument    *first,
             JmDocument    *other,
             int           *done_fd)
{
  int done[2];
  pid_t pid;

  g_assert_cmpint (pipe (done), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (done[0]);
      child_write_loop (func, data, path, first, other, done[1]);
    }
  close (done[1]);
  *done_fd = done[0];
  return pid;
}

/* SIGKILLs the child and checks it died of the kill, not of a failed write. */
static void
kill_writer (pid_t pid)
{
  int status;

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
}

/* Reads until EOF (the child is dead): the number of saves it completed. */
static guint
count_done (int fd)
{
  guint n = 0;

  for (;;)
    {
      char buf[64];
      gssize r = read (fd, buf, sizeof buf);

      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        return n;
      n += (guint) r;
    }
}

/* Waits (at most 5 s) for the next creation of a temporary file of target in the watched
 * folder: the moment a save starts writing. */
static gboolean
wait_for_temporary (int         inotify_fd,
                    const char *target)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  for (;;)
    {
      char buf[4096] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
      struct pollfd pfd = { inotify_fd, POLLIN, 0 };
      gint64 left = deadline - g_get_monotonic_time ();
      gssize len;
      char *p;

      if (left <= 0 || poll (&pfd, 1, (int) (left / 1000) + 1) <= 0)
        return FALSE;
      len = read (inotify_fd, buf, sizeof buf);
      for (p = buf; len > 0 && p < buf + len;)
        {
          struct inotify_event *event = (struct inotify_event *) p;

          if (event->len > 0 && is_temporary_of (event->name, target))
            return TRUE;
          p += sizeof (struct inotify_event) + event->len;
        }
    }
}

static void
drain (int fd)
{
  char buf[4096];

  while (read (fd, buf, sizeof buf) > 0)
    ;
}

/* Waits until the child has completed `saves` saves (or died). */
static void
wait_for_saves (int   fd,
                guint saves)
{
  while (saves > 0)
    {
      char c;
      gssize r = read (fd, &c, 1);

      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        return;
      saves--;
    }
}

/* Counts what a kill left on disk: A or B, and whether that changed since the last kill. */
static void
count_content (gboolean  is_a,
               gboolean *current_is_a,
               guint    *changes,
               guint    *saw_a,
               guint    *saw_b)
{
  if (is_a != *current_is_a)
    (*changes)++;
  *current_is_a = is_a;
  if (is_a)
    (*saw_a)++;
  else
    (*saw_b)++;
}

/* One round of a kill loop: forks a child writing first and other alternately, waits for
 * `after` completed writes — or, with an inotify_fd (≥ 0) watching the folder, for the next
 * temporary file of target: the moment a write reaches the disk — then `delay` µs, and
 * SIGKILLs it. Returns how many writes it completed. */
static guint
write_and_kill (WriteFunc      func,
                gconstpointer  data,
                const char    *path,
                JmDocument    *first,
                JmDocument    *other,
                int            inotify_fd,
                const char    *target,
                guint          after,
                guint          delay)
{
  guint done;
  int done_fd;
  pid_t pid;

  if (inotify_fd >= 0)
    drain (inotify_fd);
  pid = fork_writer (func, data, path, first, other, &done_fd);
  if (inotify_fd >= 0)
    g_assert_true (wait_for_temporary (inotify_fd, target));
  else
    wait_for_saves (done_fd, after);
  g_usleep (delay);
  kill_writer (pid);
  done = (inotify_fd >= 0 ? 0 : after) + count_done (done_fd);
  close (done_fd);
  return done;
}

static void
test_kill_loop (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jm-kill-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, TARGET, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  guint kills = 0, saw_a = 0, saw_b = 0, changes = 0, leftovers = 0, saves = 0;
  guint disk_phase_kills = 0;
  gboolean current_is_a = TRUE;
  double save_ms, serialize_ms, disk_ms, start;
  int inotify_fd;

  make_maps ();

  /* How long a save and its parts take here: the disk phase is what follows serialising. */
  start = jm_bench_now_ms ();
  g_bytes_unref (jm_json_save_bytes (doc_a));
  serialize_ms = jm_bench_now_ms () - start;
  start = jm_bench_now_ms ();
  g_assert_true (jm_json_save_file (doc_a, file, NULL, &error));
  g_assert_no_error (error);
  save_ms = jm_bench_now_ms () - start;
  disk_ms = MAX (save_ms - serialize_ms, 1.0);
  g_test_message ("one save of %u cards (%" G_GSIZE_FORMAT " bytes): %.1f ms, of which "
                  "serialising %.1f ms", N_CARDS, g_bytes_get_size (bytes_a), save_ms,
                  serialize_ms);

  inotify_fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  g_assert_cmpint (inotify_fd, >=, 0);
  g_assert_cmpint (inotify_add_watch (inotify_fd, dir, IN_CREATE), >=, 0);

  while (kills < MIN_KILLS || changes < 2 || leftovers == 0)
    {
      /* Even kills: after 0–2 completed saves plus 0–30 ms. Odd kills: 0–1.5× the disk
       * phase after the next temporary file appears. */
      gboolean disk_phase = kills % 2 == 1;
      guint after_saves = (guint) g_test_rand_int_range (0, 3);
      guint delay = disk_phase
                    ? (guint) g_test_rand_int_range (0, (gint32) (disk_ms * 1500) + 1)
                    : (guint) g_test_rand_int_range (0, MAX_DELAY + 1);
      g_autoptr(GBytes) on_disk = NULL;
      g_autoptr(JmDocument) loaded = NULL;
      guint done_total;
      gboolean is_a;

      if (disk_phase)
        after_saves = 0;
      /* Start with the map that is not on disk, so every completed save changes it. */
      done_total = write_and_kill (save_path, NULL, path, current_is_a ? doc_b : doc_a,
                                   current_is_a ? doc_a : doc_b,
                                   disk_phase ? inotify_fd : -1, TARGET, after_saves, delay);
      kills++;
      saves += done_total;

      /* The target is always a whole map: the old one or the new one. */
      on_disk = read_bytes_or_null (path);
      g_assert_nonnull (on_disk);
      is_a = g_bytes_equal (on_disk, bytes_a);
      if (!is_a && !g_bytes_equal (on_disk, bytes_b))
        g_error ("after kill %u the file is neither map A nor map B (%" G_GSIZE_FORMAT
                 " bytes)", kills, g_bytes_get_size (on_disk));
      loaded = load_path (path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (jm_document_get_n_cards (loaded), ==, N_CARDS);

      count_content (is_a, &current_is_a, &changes, &saw_a, &saw_b);

      {
        guint n = check_and_clean_dir (dir, TARGET);
        if (disk_phase)
          {
            disk_phase_kills++;
            /* Keep the estimate of the disk phase honest when the machine's speed changes:
             * a kill that came after the rename means aim earlier. */
            disk_ms = n > 0 ? disk_ms * 1.1 : MAX (disk_ms * 0.7, 0.2);
          }
        leftovers += n;
        /* One save at a time: at most one temporary file. */
        g_assert_cmpuint (n, <=, 1);
      }

      /* Still no change of the file or no kill in the disk phase after that many: a bug. */
      g_assert_cmpuint (kills, <, 150);
    }

  close (inotify_fd);
  g_test_message ("%u kills (%u in the disk phase), %u completed saves, %u changes of the "
                  "file; the file held A %u times and B %u times; %u kills left a temporary "
                  "file (removed)", kills, disk_phase_kills, saves, changes, saw_a, saw_b,
                  leftovers);
  g_assert_cmpuint (kills, >=, 30);
  g_assert_cmpuint (saw_a, >, 0);
  g_assert_cmpuint (saw_b, >, 0);
  /* Some kills did land between the temporary file's creation and the rename. */
  g_assert_cmpuint (leftovers, >, 0);

  g_unlink (path);
  g_rmdir (dir);
}

/* ─── the kill loop of exports ─── */

/* Exports are written through the same atomic writer (jm-atomic-file.c): a forked child
 * exports two different maps over the same PNG, PDF or SVG file as fast as it can and is
 * SIGKILLed at random moments, before or while it writes; the file is then byte for byte
 * one of the two complete exports, never a part, and the only leftovers are ".NAME.XXXXXX"
 * temporaries. Small maps keep it to a few seconds. */

#define EXPORT_CARDS_A     60
#define EXPORT_CARDS_B     30
#define EXPORT_MIN_KILLS   12
#define EXPORT_MAX_KILLS   100

typedef struct
{
  const char     *target;
  JmExportFormat  format;
  /* What differs between two exports of one map, left out when comparing them: cairo
   * numbers the surfaces of a process in its SVG ids ("surface724") and dates its PDFs
   * ("/CreationDate (D:20261204175719Z)"). NULL: nothing. */
  const char     *varies;
} ExportFormat;

/* jm_export_png (), jm_export_pdf () or jm_export_svg (), through jm_export_file (). */
static gboolean
export_path (JmDocument    *document,
             const char    *path,
             gconstpointer  data,
             GError       **error)
{
  const ExportFormat *format = data;
  JmExportOptions options;

  jm_export_options_init (&options);
  options.format = format->format;
  return jm_export_file (document, path, &options, error);
}

/* The bytes of an export without what varies between two exports of the same map. */
static GBytes *
comparable (GBytes             *bytes,
            const ExportFormat *format)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GError) error = NULL;
  GByteArray *out;
  const char *data;
  gsize len, pos = 0;

  if (bytes == NULL || format->varies == NULL)
    return bytes != NULL ? g_bytes_ref (bytes) : NULL;
  regex = g_regex_new (format->varies, G_REGEX_RAW, 0, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &len);
  out = g_byte_array_sized_new (len);
  /* With its length, so a NUL byte in a PDF stream ends nothing. */
  g_regex_match_full (regex, data, (gssize) len, 0, 0, &match, &error);
  g_assert_no_error (error);
  while (g_match_info_matches (match))
    {
      int start, end;

      g_assert_true (g_match_info_fetch_pos (match, 0, &start, &end));
      g_byte_array_append (out, (const guint8 *) data + pos, (guint) ((gsize) start - pos));
      pos = (gsize) end;
      g_match_info_next (match, &error);
      g_assert_no_error (error);
    }
  g_byte_array_append (out, (const guint8 *) data + pos, (guint) (len - pos));
  return g_byte_array_free_to_bytes (out);
}

/* The export of document to path, as comparable bytes, and how long it took (ms). */
static GBytes *
export_reference (const ExportFormat *format,
                  JmDocument         *document,
                  const char         *path,
                  double             *ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  double start = jm_bench_now_ms ();

  g_assert_true (export_path (document, path, format, &error));
  g_assert_no_error (error);
  *ms = jm_bench_now_ms () - start;
  bytes = read_bytes_or_null (path);
  g_assert_nonnull (bytes);
  return comparable (bytes, format);
}

static const ExportFormat export_formats[] = {
  { "map.png", JM_EXPORT_FORMAT_PNG, NULL },
  { "map.pdf", JM_EXPORT_FORMAT_PDF, "\\(D:[0-9]+Z?\\)" },
  { "map.svg", JM_EXPORT_FORMAT_SVG, "(?<=surface)[0-9]+" },
};

static void
test_export_kill_loop (gconstpointer data)
{
  const ExportFormat *format = data;
  g_autofree char *dir = g_dir_make_tmp ("jm-kill-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, format->target, NULL);
  g_autoptr(JmDocument) map_a = jm_bench_make_map (EXPORT_CARDS_A);
  g_autoptr(JmDocument) map_b = jm_bench_make_map (EXPORT_CARDS_B);
  g_autoptr(GBytes) export_b = NULL;
  g_autoptr(GBytes) export_a = NULL;
  guint kills = 0, changes = 0, leftovers = 0, exports = 0, saw_a = 0, saw_b = 0;
  gboolean current_is_a = TRUE;
  double ms_a, ms_b;
  int inotify_fd;

  /* B first, then A: A is the old file the loop starts from. */
  export_b = export_reference (format, map_b, path, &ms_b);
  export_a = export_reference (format, map_a, path, &ms_a);
  g_assert_false (g_bytes_equal (export_a, export_b));
  g_test_message ("%s: exports of %u and %u cards take %.1f and %.1f ms", format->target,
                  EXPORT_CARDS_A, EXPORT_CARDS_B, ms_a, ms_b);

  inotify_fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  g_assert_cmpint (inotify_fd, >=, 0);
  g_assert_cmpint (inotify_add_watch (inotify_fd, dir, IN_CREATE), >=, 0);

  while (kills < EXPORT_MIN_KILLS || changes < 2 || leftovers == 0)
    {
      /* Even kills: after 0–1 completed exports, at a random moment of the next one (or just
       * after). Odd kills: while writing, timed from the creation of the temporary file. */
      gboolean writing = kills % 2 == 1;
      guint after = writing ? 0 : (guint) g_test_rand_int_range (0, 2);
      guint delay = (guint) g_test_rand_int_range (0, (gint32) (MAX (ms_a, ms_b) *
                                                              (writing ? 500 : 1200)) + 1);
      g_autoptr(GBytes) raw = NULL;
      g_autoptr(GBytes) on_disk = NULL;
      gboolean is_a;

      /* Start with the map that is not on disk, so every completed export changes it. */
      exports += write_and_kill (export_path, format, path, current_is_a ? map_b : map_a,
                                 current_is_a ? map_a : map_b, writing ? inotify_fd : -1,
                                 format->target, after, delay);
      kills++;

      /* The output is always one whole export: the old one or a new one. */
      raw = read_bytes_or_null (path);
      on_disk = comparable (raw, format);
      g_assert_nonnull (on_disk);
      is_a = g_bytes_equal (on_disk, export_a);
      if (!is_a && !g_bytes_equal (on_disk, export_b))
        g_error ("after kill %u %s is neither export A nor export B (%" G_GSIZE_FORMAT
                 " bytes)", kills, format->target, g_bytes_get_size (raw));
      count_content (is_a, &current_is_a, &changes, &saw_a, &saw_b);

      {
        guint n = check_and_clean_dir (dir, format->target);

        /* One export at a time: at most one temporary file. */
        g_assert_cmpuint (n, <=, 1);
        leftovers += n;
      }
      /* Still no change of the file or no kill while writing after that many: a bug. */
      g_assert_cmpuint (kills, <, EXPORT_MAX_KILLS);
    }

  close (inotify_fd);
  g_test_message ("%s: %u kills, %u completed exports, %u changes of the file (A %u times, "
                  "B %u times); %u kills left a temporary file (removed)", format->target,
                  kills, exports, changes, saw_a, saw_b, leftovers);
  g_assert_cmpuint (saw_a, >, 0);
  g_assert_cmpuint (saw_b, >, 0);

  g_unlink (path);
  g_rmdir (dir);
}

/* ─── a full disk ─── */

/* Saving B over A when only part of it fits: the old file stays intact, the error names the
 * file and says why, no temporary file is left. The "disk" is full through RLIMIT_FSIZE in a
 * child process (binds root too, unlike a read-only folder); a tiny tmpfs would need
 * privileges we do not have in CI. */
static void
test_full_disk (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jm-full-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, TARGET, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GString) message = g_string_new (NULL);
  g_autoptr(JmDocument) loaded = NULL;
  int pipe_fds[2];
  int status;
  pid_t pid;

  make_maps ();
  g_assert_true (jm_json_save_file (doc_a, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (pipe (pipe_fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      GError *child_error = NULL;
      /* Room for half of B: the failure comes in the middle of writing. */
      struct rlimit limit = { g_bytes_get_size (bytes_b) / 2, g_bytes_get_size (bytes_b) / 2 };

      close (pipe_fds[0]);
      signal (SIGXFSZ, SIG_IGN);
      if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
        _exit (2);
      if (jm_json_save_file (doc_b, file, NULL, &child_error))
        _exit (3);
      if (!g_error_matches (child_error, G_IO_ERROR, G_IO_ERROR_FAILED))
        _exit (4);
      if (write (pipe_fds[1], child_error->message, strlen (child_error->message)) < 0)
        _exit (5);
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
  g_assert_nonnull (strstr (message->str, TARGET));
  g_assert_nonnull (strstr (message->str, g_strerror (EFBIG)));

  on_disk = read_bytes_or_null (path);
  g_assert_nonnull (on_disk);
  g_assert_true (g_bytes_equal (on_disk, bytes_a));
  g_assert_cmpuint (check_and_clean_dir (dir, TARGET), ==, 0);
  loaded = load_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jm_document_get_n_cards (loaded), ==, N_CARDS);

  g_unlink (path);
  g_rmdir (dir);
}

/* ─── the target became a folder ─── */

/* The map was saved; then someone replaced the file with a folder holding files. Saving
 * again fails clearly, the folder and its contents are untouched, no temporary file is
 * left, and the same document still saves elsewhere, whole. */
static void
test_became_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jm-folder-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, TARGET, NULL);
  g_autofree char *inner = g_build_filename (path, "keep.txt", NULL);
  g_autofree char *other = g_build_filename (dir, "elsewhere.journey.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) other_file = g_file_new_for_path (other);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) on_disk = NULL;
  g_autofree char *kept = NULL;

  make_maps ();
  g_assert_true (jm_json_save_file (doc_a, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  g_assert_true (g_file_set_contents (inner, "precious", -1, NULL));

  g_assert_false (jm_json_save_file (doc_b, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, TARGET));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_get_contents (inner, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "precious");
  g_assert_cmpuint (check_and_clean_dir (dir, TARGET), ==, 0);

  /* Nothing is lost: the document saves elsewhere. */
  g_assert_true (jm_json_save_file (doc_b, other_file, NULL, &error));
  g_assert_no_error (error);
  on_disk = read_bytes_or_null (other);
  g_assert_true (g_bytes_equal (on_disk, bytes_b));

  /* The folder goes, the file comes back. */
  g_assert_cmpint (g_unlink (inner), ==, 0);
  g_assert_cmpint (g_rmdir (path), ==, 0);
  g_assert_true (jm_json_save_file (doc_b, file, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&on_disk, g_bytes_unref);
  on_disk = read_bytes_or_null (path);
  g_assert_true (g_bytes_equal (on_disk, bytes_b));

  g_unlink (other);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/atomic/kill-loop", test_kill_loop);
  g_test_add_data_func ("/core/atomic/kill-loop-export/png", &export_formats[0],
                        test_export_kill_loop);
  g_test_add_data_func ("/core/atomic/kill-loop-export/pdf", &export_formats[1],
                        test_export_kill_loop);
  g_test_add_data_func ("/core/atomic/kill-loop-export/svg", &export_formats[2],
                        test_export_kill_loop);
  g_test_add_func ("/core/atomic/full-disk", test_full_disk);
  g_test_add_func ("/core/atomic/became-folder", test_became_folder);

  ret = g_test_run ();
  g_clear_object (&doc_a);
  g_clear_object (&doc_b);
  g_clear_pointer (&bytes_a, g_bytes_unref);
  g_clear_pointer (&bytes_b, g_bytes_unref);
  return ret;
}
