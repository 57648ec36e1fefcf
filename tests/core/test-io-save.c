/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the JSON writer: round trips of built documents, the exact layout,
 * atomic saving and the clipboard fragment. The loader's are in test-io-load.c. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "jm-json.h"
#include "jm-document-private.h"
#include "jm-test-io.h"

static void
insert (JmDocument *doc,
        gpointer    element)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = _jm_document_insert (doc, element, -1, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_object_unref (element);
}

static JmDocument *
build_document (void)
{
  JmDocument *doc = jm_document_new_blank ();
  g_autoptr(JmMetrics) metrics = jm_metrics_new ();
  JmStage *stage;
  JmCard *c;
  const char *roles[] = { "r1", NULL };

  jm_metrics_append (metrics, "Conversion", 12, "%", TRUE, 15);
  jm_metrics_append (metrics, "Tenth", 0.1, "", FALSE, 0);
  jm_metrics_append (metrics, "Small", 1e-7, "x", TRUE, -3.25);
  jm_metrics_append (metrics, "Large", 999999999999999.0, "", TRUE, -999999999999999.0);
  jm_metrics_append (metrics, "Third", 1.0 / 3.0, "", TRUE, 2.5e-300);

  stage = jm_stage_new ("s1", "Stage \"one\"");
  g_object_set (stage, "metrics", metrics, "color", "#ABCDEF", NULL);
  insert (doc, stage);
  insert (doc, jm_stage_new ("s2", "二"));
  insert (doc, jm_lane_new ("l1", JM_LANE_KIND_TOUCHPOINTS, "T"));
  insert (doc, jm_lane_new ("l2", JM_LANE_KIND_CUSTOM, "C"));
  insert (doc, jm_role_new ("r1", JM_ROLE_KIND_CHAMPION, "Champion"));
  insert (doc, jm_department_new ("d1", "Support", "#000000"));

  c = jm_card_new ("c1", JM_CARD_KIND_TOUCHPOINT, "s1", "l1",
                   "quote \" backslash \\ slash / nl \n tab \t cr \r bell \a esc \x1b "
                   "del \x7f 中 😀");
  g_object_set (c, "roles", roles, "channel", JM_CHANNEL_WEBINAR, "online", FALSE, NULL);
  insert (doc, c);
  c = jm_card_new ("c2", JM_CARD_KIND_RESPONSIBILITY, "s2", "l2", "owner");
  g_object_set (c, "department", "d1", "owner", "Zhang", "link", "https://x.y/", NULL);
  insert (doc, c);
  c = jm_card_new ("c0", JM_CARD_KIND_OPPORTUNITY, "s1", "l2", "first in s1/l2");
  g_object_set (c, "impact", 1, "effort", 5, "status", JM_STATUS_DONE, NULL);
  insert (doc, c);
  insert (doc, jm_connection_new ("x1", "c1", "c2", JM_CONNECTION_KIND_STEP_BACK));
  return doc;
}

static void
test_round_trip_built (void)
{
  g_autoptr(JmDocument) doc = build_document ();
  g_autoptr(GBytes) first = jm_json_save_bytes (doc);
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDocument) reloaded = jm_json_load_bytes (first, &error);
  g_autoptr(GBytes) second = NULL;
  const JmMetrics *metrics;
  const char *text = g_bytes_get_data (first, NULL);
  guint i;

  g_assert_no_error (error);
  second = jm_json_save_bytes (reloaded);
  assert_bytes_equal (first, second);

  /* Escapes: the short forms, \u00XX for other control characters, everything else as is. */
  g_assert_nonnull (strstr (text, "\"quote \\\" backslash \\\\ slash / nl \\n tab \\t cr \\r "
                                  "bell \\u0007 esc \\u001b del \x7f 中 😀\""));
  g_assert_cmpstr (jm_card_get_text (card (reloaded, "c1")), ==,
                   jm_card_get_text (card (doc, "c1")));

  /* Numbers: integral ones as integers, others as the shortest exact double. */
  g_assert_nonnull (strstr (text, "\"value\": 12,\n"));
  g_assert_nonnull (strstr (text, "\"target\": 15\n"));
  g_assert_nonnull (strstr (text, "\"value\": 0.1,\n"));
  g_assert_nonnull (strstr (text, "\"value\": 1e-07,\n"));
  g_assert_nonnull (strstr (text, "\"target\": -3.25\n"));
  g_assert_nonnull (strstr (text, "\"value\": 999999999999999,\n"));
  g_assert_nonnull (strstr (text, "\"target\": -999999999999999\n"));
  metrics = jm_stage_get_metrics (jm_document_get_stage (reloaded, 0));
  g_assert_cmpuint (jm_metrics_get_n (metrics), ==, 5);
  for (i = 0; i < 5; i++)
    {
      const JmMetric *a = jm_metrics_get (jm_stage_get_metrics (jm_document_get_stage (doc, 0)), i);
      const JmMetric *b = jm_metrics_get (metrics, i);
      g_assert_cmpfloat (a->value, ==, b->value);
      g_assert_cmpfloat (a->target, ==, b->target);
      g_assert_cmpint (a->has_target, ==, b->has_target);
    }
  g_assert_false (jm_metrics_get (metrics, 1)->has_target);

  /* Cards in canonical order: stage, then lane, then cell order. */
  g_assert_true (strstr (text, "\"id\": \"c1\"") < strstr (text, "\"id\": \"c0\""));
  g_assert_true (strstr (text, "\"id\": \"c0\"") < strstr (text, "\"id\": \"c2\""));

  /* Kind fields only: a touchpoint has no score, an opportunity no channel. */
  g_assert_cmpint (jm_card_get_channel (card (reloaded, "c1")), ==, JM_CHANNEL_WEBINAR);
  g_assert_false (jm_card_get_online (card (reloaded, "c1")));
  g_assert_cmpint (jm_card_get_status (card (reloaded, "c0")), ==, JM_STATUS_DONE);
  g_assert_cmpint (jm_card_get_effort (card (reloaded, "c0")), ==, 5);
  g_assert_cmpstr (jm_card_get_department (card (reloaded, "c2")), ==, "d1");
  g_assert_cmpstr (jm_card_get_link (card (reloaded, "c2")), ==, "https://x.y/");
  g_assert_cmpstr (jm_stage_get_color (jm_document_get_stage (reloaded, 0)), ==, "#ABCDEF");
}

/* The exact layout of one small document, so a change of format is a conscious one. */
static void
test_exact_layout (void)
{
  g_autoptr(JmDocument) doc = jm_document_new_blank ();
  g_autoptr(GBytes) saved = NULL;
  JmCard *c;
  static const char expected[] =
    "{\n"
    "  \"format\": \"journey-maps\",\n"
    "  \"version\": 1,\n"
    "  \"title\": \"\",\n"
    "  \"description\": \"\",\n"
    "  \"author\": \"\",\n"
    "  \"created\": \"\",\n"
    "  \"modified\": \"\",\n"
    "  \"stages\": [\n"
    "    {\n"
    "      \"id\": \"s1\",\n"
    "      \"title\": \"Discover\",\n"
    "      \"description\": \"\",\n"
    "      \"customer-goal\": \"\",\n"
    "      \"business-goal\": \"\",\n"
    "      \"color\": \"\",\n"
    "      \"metrics\": []\n"
    "    }\n"
    "  ],\n"
    "  \"lanes\": [\n"
    "    {\n"
    "      \"id\": \"l1\",\n"
    "      \"kind\": \"emotions\",\n"
    "      \"title\": \"Emotions\",\n"
    "      \"visible\": true\n"
    "    }\n"
    "  ],\n"
    "  \"departments\": [],\n"
    "  \"roles\": [],\n"
    "  \"cards\": [\n"
    "    {\n"
    "      \"id\": \"c1\",\n"
    "      \"stage\": \"s1\",\n"
    "      \"lane\": \"l1\",\n"
    "      \"kind\": \"emotion\",\n"
    "      \"text\": \"Happy\",\n"
    "      \"notes\": \"n\",\n"
    "      \"score\": -3,\n"
    "      \"feeling\": \"\",\n"
    "      \"owner\": \"Ana\"\n"
    "    }\n"
    "  ],\n"
    "  \"connections\": []\n"
    "}\n";

  insert (doc, jm_stage_new ("s1", "Discover"));
  insert (doc, jm_lane_new ("l1", JM_LANE_KIND_EMOTIONS, "Emotions"));
  c = jm_card_new ("c1", JM_CARD_KIND_EMOTION, "s1", "l1", "Happy");
  /* A touchpoint's channel is not an emotion card's business: not written. Any card may
   * have an owner (who acts on this moment): written whenever set. */
  g_object_set (c, "score", -3, "notes", "n", "owner", "Ana", "channel", JM_CHANNEL_EMAIL, NULL);
  insert (doc, c);
  saved = jm_json_save_bytes (doc);
  g_assert_cmpstr (g_bytes_get_data (saved, NULL), ==, expected);
}

/* ─── limits ─── */

static char *
read_file_or_null (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static guint
count_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_save_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jm-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.journey.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JmDocument) doc = load_good ("full.json");
  g_autoptr(GBytes) expected = jm_json_save_bytes (doc);
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDocument) loaded = NULL;
  mode_t mask;
  struct stat st;

  mask = umask (022);
  g_assert_true (jm_json_save_file (doc, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);   /* a new file: 0666 & ~umask */
  on_disk = read_bytes (path);
  assert_bytes_equal (on_disk, expected);
  g_assert_cmpuint (count_entries (dir), ==, 1);   /* no temporary file left */

  /* An existing 0600 file stays 0600. */
  g_assert_cmpint (chmod (path, 0600), ==, 0);
  g_assert_true (jm_json_save_file (doc, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  loaded = jm_json_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jm_document_get_n_cards (loaded), ==, 13);
  umask (mask);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_save_file_symlink (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jm-io-XXXXXX", NULL);
  g_autofree char *real = g_build_filename (dir, "real.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(JmDocument) doc = load_good ("chinese.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  g_autofree char *contents = NULL;
  struct stat st;

  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_assert_cmpint (symlink ("real.json", link), ==, 0);
  g_assert_true (jm_json_save_file (doc, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  target = g_file_read_link (link, NULL);
  g_assert_cmpstr (target, ==, "real.json");
  contents = read_file_or_null (real);
  g_assert_true (g_str_has_prefix (contents, "{\n  \"format\": \"journey-maps\""));
  g_assert_cmpuint (count_entries (dir), ==, 2);

  g_unlink (link);
  g_unlink (real);
  g_rmdir (dir);
}

/* Every failure leaves the old file byte for byte and no temporary file behind. */
static void
test_save_file_failures (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jm-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.json", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.json", NULL);
  g_autofree char *gone_dir = g_build_filename (dir, "gone", NULL);
  g_autofree char *gone = g_build_filename (gone_dir, "map.json", NULL);
  g_autoptr(JmDocument) doc = load_good ("full.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  static const char old[] = "{\"format\": \"journey-maps\", \"version\": 1}\n";

  g_assert_true (g_file_set_contents (path, old, -1, NULL));

  /* The target is a folder. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (folder);
    g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
    g_assert_false (jm_json_save_file (doc, file, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
    g_assert_nonnull (strstr (error->message, "folder.json"));
    g_clear_error (&error);
    g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
    g_rmdir (folder);
  }

  /* The folder was removed. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (gone);
    g_assert_false (jm_json_save_file (doc, file, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* A read-only folder: root writes anyway, so there this part cannot fail and is skipped. */
  if (geteuid () != 0)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_cmpint (chmod (dir, 0555), ==, 0);
      g_assert_false (jm_json_save_file (doc, file, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_assert_nonnull (strstr (error->message, "map.json"));
      g_clear_error (&error);
      g_assert_cmpint (chmod (dir, 0755), ==, 0);
    }
  else
    {
      g_test_message ("running as root: the read-only folder case is not checked "
                      "(root ignores permissions); the write failure below covers it");
    }

  /* A write that fails half-way (file size limit, which binds root too): run in a child so
   * the limit does not leak into other tests. */
  if (g_test_subprocess ())
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("JM_TEST_TARGET"));
      struct rlimit limit = { 4096, 4096 };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (jm_json_save_file (doc, file, NULL, &error));
      /* EFBIG has no GIOErrorEnum code of its own. */
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "map.json"));
      return;
    }
  g_setenv ("JM_TEST_TARGET", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  after = read_file_or_null (path);
  g_assert_cmpstr (after, ==, old);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_clipboard (void)
{
  g_autoptr(JmDocument) doc = load_good ("full.json");
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GBytes) fragment = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  JmCard *c;

  /* c7 → c4 (x2) is inside the selection; c2 → c7 (x1) leaves it; c13 → c13 (x3) is out. */
  g_ptr_array_add (selection, card (doc, "c7"));
  g_ptr_array_add (selection, card (doc, "c4"));
  g_ptr_array_add (selection, card (doc, "c1"));
  fragment = jm_json_save_cards (doc, selection);
  text = g_bytes_get_data (fragment, NULL);
  g_assert_true (g_str_has_prefix (text, "{\n  \"format\": \"journey-maps-cards\",\n"
                                         "  \"version\": 1,\n  \"cards\": [\n"));
  g_assert_nonnull (strstr (text, "\"id\": \"x2\""));
  g_assert_null (strstr (text, "\"id\": \"x1\""));
  g_assert_null (strstr (text, "\"id\": \"x3\""));

  g_assert_true (jm_json_load_cards (fragment, &cards, &connections, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 3);
  g_assert_cmpuint (connections->len, ==, 1);
  c = g_ptr_array_index (cards, 0);
  g_assert_cmpstr (jm_element_get_id (JM_ELEMENT (c)), ==, "c7");
  g_assert_null (jm_element_get_document (JM_ELEMENT (c)));
  g_assert_cmpint (jm_card_get_kind (c), ==, JM_CARD_KIND_OPPORTUNITY);
  g_assert_cmpint (jm_card_get_impact (c), ==, 5);
  g_assert_cmpint (jm_card_get_status (c), ==, JM_STATUS_IN_PROGRESS);
  g_assert_cmpstr (jm_card_get_stage (c), ==, "s2");
  c = g_ptr_array_index (cards, 2);
  g_assert_cmpstr (jm_card_get_notes (c), ==, "Line one\nLine two\ttabbed \\ backslash");
  g_assert_cmpstr (jm_connection_get_from (g_ptr_array_index (connections, 0)), ==, "c7");
  g_assert_cmpint (jm_connection_get_kind (g_ptr_array_index (connections, 0)), ==,
                   JM_CONNECTION_KIND_STEP_BACK);

  /* The copies are complete: inserted into the document they write the same text. */
  {
    g_autoptr(JmDocument) copy = jm_document_new_blank ();
    g_autoptr(GPtrArray) all = NULL;
    guint i;

    for (i = 0; i < jm_document_get_n_stages (doc); i++)
      insert (copy, jm_element_copy (JM_ELEMENT (jm_document_get_stage (doc, i)), NULL));
    for (i = 0; i < jm_document_get_n_lanes (doc); i++)
      insert (copy, jm_element_copy (JM_ELEMENT (jm_document_get_lane (doc, i)), NULL));
    for (i = 0; i < 3; i++)
      {
        g_autoptr(JmElement) role = g_list_model_get_item (jm_document_get_roles (doc), i);
        insert (copy, jm_element_copy (role, NULL));
      }
    for (i = 0; i < 2; i++)
      {
        g_autoptr(JmElement) department =
          g_list_model_get_item (jm_document_get_departments (doc), i);
        insert (copy, jm_element_copy (department, NULL));
      }
    for (i = 0; i < cards->len; i++)
      insert (copy, g_object_ref (g_ptr_array_index (cards, i)));
    for (i = 0; i < connections->len; i++)
      insert (copy, g_object_ref (g_ptr_array_index (connections, i)));
    all = g_ptr_array_new ();
    g_ptr_array_add (all, card (copy, "c7"));
    g_ptr_array_add (all, card (copy, "c4"));
    g_ptr_array_add (all, card (copy, "c1"));
    again = jm_json_save_cards (copy, all);
    assert_bytes_equal (again, fragment);
  }
}

static void
test_clipboard_bad (void)
{
  static const struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "", "The file is empty" },
    { "{\"format\": \"journey-maps\", \"version\": 1}", "expected “journey-maps-cards”" },
    { "{\"format\": \"journey-maps-cards\", \"version\": 3}", "format version 3" },
    { "{\"format\": \"journey-maps-cards\", \"version\": 1, \"cards\": "
      "[{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\", \"score\": 9}]}",
      "cards[0].score: 9 is out of range" },
    { "{\"format\": \"journey-maps-cards\", \"version\": 1, \"cards\": "
      "[{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\"}], \"connections\": "
      "[{\"id\": \"x1\", \"from\": \"c1\", \"to\": \"c2\"}]}",
      "connections[0].to: no card with id “c2”" },
    { "{\"format\": \"journey-maps-cards\", \"version\": 1, \"cards\": "
      "[{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\"}, "
      "{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\"}]}",
      "cards[1].id: “c1” is already the id of a card" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(GError) error = NULL;
      GPtrArray *cards = (GPtrArray *) 0x1, *connections = (GPtrArray *) 0x1;

      g_assert_false (jm_json_load_cards (bytes, &cards, &connections, &error));
      g_assert_null (cards);
      g_assert_null (connections);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", i, error->message, cases[i].message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/io/write/round-trip-built", test_round_trip_built);
  g_test_add_func ("/core/io/write/exact-layout", test_exact_layout);
  g_test_add_func ("/core/io/file/save", test_save_file);
  g_test_add_func ("/core/io/file/save-symlink", test_save_file_symlink);
  g_test_add_func ("/core/io/file/save-failures", test_save_file_failures);
  g_test_add_func ("/core/io/clipboard/round-trip", test_clipboard);
  g_test_add_func ("/core/io/clipboard/bad", test_clipboard_bad);

  return g_test_run ();
}
