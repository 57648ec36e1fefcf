/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the JSON loader: the bad-input corpus, the good files, round trips,
 * unknown keys, limits and load errors. The writer's are in test-io-save.c. */

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

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_bad_files (void)
{
  g_autofree char *dir_path = data_path ("bad", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".json"))
        g_ptr_array_add (names, g_strndup (name, strlen (name) - strlen (".json")));
    }
  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
test_bad_corpus (void)
{
  g_autoptr(GPtrArray) names = list_bad_files ();
  guint i, failures = 0;

  g_assert_cmpuint (names->len, >=, 40);
  for (i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *json_name = g_strconcat (name, ".json", NULL);
      g_autofree char *expected_name = g_strconcat (name, ".expected", NULL);
      g_autofree char *json_path = data_path ("bad", json_name);
      g_autofree char *expected_path = data_path ("bad", expected_name);
      g_autofree char *expected = NULL;
      g_autoptr(GBytes) bytes = read_bytes (json_path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) file_error = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (json_path);
      g_autoptr(JmDocument) doc = NULL;
      g_autoptr(JmDocument) file_doc = NULL;

      g_assert_true (g_file_get_contents (expected_path, &expected, NULL, NULL));
      g_strchomp (expected);
      g_assert_cmpstr (expected, !=, "");

      doc = jm_json_load_bytes (bytes, &error);
      g_assert_null (doc);
      g_assert_nonnull (error);
      g_assert_true (error->domain == JM_DOCUMENT_ERROR);
      if (strstr (error->message, expected) == NULL)
        {
          g_printerr ("# %s: got “%s”\n#   expected it to contain “%s”\n",
                      name, error->message, expected);
          failures++;
        }
      else
        {
          g_test_message ("%s: %s", name, error->message);
        }

      /* The file loader gives the same answer. */
      file_doc = jm_json_load_file (file, NULL, &file_error);
      g_assert_null (file_doc);
      g_assert_nonnull (file_error);
      g_assert_cmpstr (file_error->message, ==, error->message);
    }
  g_assert_cmpuint (failures, ==, 0);
}

static void
assert_load_error (const char *name,
                   int         code)
{
  g_autofree char *json_name = g_strconcat (name, ".json", NULL);
  g_autofree char *path = data_path ("bad", json_name);
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDocument) doc = jm_json_load_bytes (bytes, &error);

  g_assert_null (doc);
  g_assert_error (error, JM_DOCUMENT_ERROR, code);
}

static void
test_bad_codes (void)
{
  assert_load_error ("version-2", JM_DOCUMENT_ERROR_UNSUPPORTED_VERSION);
  assert_load_error ("nesting-1000", JM_DOCUMENT_ERROR_TOO_LARGE);
  assert_load_error ("empty", JM_DOCUMENT_ERROR_INVALID);
  assert_load_error ("invalid-utf8", JM_DOCUMENT_ERROR_INVALID);
  assert_load_error ("duplicate-key-stage", JM_DOCUMENT_ERROR_INVALID);
  assert_load_error ("score-out-of-range", JM_DOCUMENT_ERROR_INVALID);
  assert_load_error ("version-negative", JM_DOCUMENT_ERROR_INVALID);
}

/* A version far beyond any integer is still "newer", not garbage. */
static void
test_bad_huge_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDocument) doc =
    load_string ("{\"format\": \"journey-maps\", \"version\": 1e30}", &error);

  g_assert_null (doc);
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_UNSUPPORTED_VERSION);
  g_assert_nonnull (strstr (error->message, "format version 1e+30"));
}

/* ─── the good files ─── */

static const char * const canonical_files[] = {
  "full.json", "unknown-keys.json", "chinese.json",
};
static const char * const other_good_files[] = {
  "minimal.json", "defaults.json", "bom-crlf.json",
};

/* A file the writer wrote is written back byte for byte. */
static void
test_good_canonical (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (canonical_files); i++)
    {
      g_autofree char *path = data_path ("good", canonical_files[i]);
      g_autoptr(GBytes) original = read_bytes (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(JmDocument) doc = jm_json_load_bytes (original, &error);
      g_autoptr(GBytes) saved = NULL;

      g_test_message ("%s", canonical_files[i]);
      g_assert_no_error (error);
      saved = jm_json_save_bytes (doc);
      assert_bytes_equal (saved, original);
    }
}

/* Any valid file: save → load → save gives the same bytes, and saving twice too. */
static void
test_good_round_trip (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (canonical_files) + G_N_ELEMENTS (other_good_files); i++)
    {
      const char *name = i < G_N_ELEMENTS (canonical_files)
                         ? canonical_files[i]
                         : other_good_files[i - G_N_ELEMENTS (canonical_files)];
      g_autoptr(JmDocument) doc = load_good (name);
      g_autoptr(GBytes) first = jm_json_save_bytes (doc);
      g_autoptr(GBytes) again = jm_json_save_bytes (doc);
      g_autoptr(GError) error = NULL;
      g_autoptr(JmDocument) reloaded = jm_json_load_bytes (first, &error);
      g_autoptr(GBytes) second = NULL;

      g_test_message ("%s", name);
      assert_bytes_equal (first, again);
      g_assert_no_error (error);
      second = jm_json_save_bytes (reloaded);
      assert_bytes_equal (first, second);
      /* Ends with exactly one newline. */
      {
        gsize len;
        const char *data = g_bytes_get_data (first, &len);
        g_assert_cmpint (data[len - 1], ==, '\n');
        g_assert_cmpint (data[len - 2], !=, '\n');
      }
    }
}

static void
test_good_full_values (void)
{
  g_autoptr(JmDocument) doc = load_good ("full.json");
  JmStage *s1 = jm_document_get_stage (doc, 0);
  const JmMetrics *metrics = jm_stage_get_metrics (s1);
  const JmMetric *m;
  JmLane *l6;
  JmConnection *x2;

  g_assert_cmpstr (jm_document_get_title (doc), ==, "B2B SaaS journey");
  g_assert_cmpstr (jm_document_get_author (doc), ==, "Li Wei");
  g_assert_cmpstr (jm_document_get_modified (doc), ==, "2026-11-24T08:30:00Z");
  g_assert_cmpuint (jm_document_get_n_stages (doc), ==, 3);
  g_assert_cmpuint (jm_document_get_n_lanes (doc), ==, 9);
  g_assert_cmpuint (jm_document_get_n_cards (doc), ==, 13);
  g_assert_cmpuint (g_list_model_get_n_items (jm_document_get_departments (doc)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (jm_document_get_roles (doc)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (jm_document_get_connections (doc)), ==, 3);

  g_assert_cmpstr (jm_stage_get_customer_goal (s1), ==, "Understand the risk");
  g_assert_cmpstr (jm_stage_get_color (s1), ==, "#3584e4");
  g_assert_cmpuint (jm_metrics_get_n (metrics), ==, 3);
  m = jm_metrics_get (metrics, 0);
  g_assert_cmpstr (m->name, ==, "Conversion");
  g_assert_cmpfloat (m->value, ==, 12);
  g_assert_cmpstr (m->unit, ==, "%");
  g_assert_true (m->has_target);
  g_assert_cmpfloat (m->target, ==, 15);
  m = jm_metrics_get (metrics, 1);
  g_assert_cmpfloat (m->value, ==, 0.5);
  g_assert_false (m->has_target);
  m = jm_metrics_get (metrics, 2);
  g_assert_cmpfloat (m->value, ==, -2.25);
  g_assert_cmpfloat (m->target, ==, 1e-07);

  l6 = jm_document_get_lane (doc, 5);
  g_assert_cmpint (jm_lane_get_kind (l6), ==, JM_LANE_KIND_CUSTOM);
  g_assert_false (jm_lane_get_visible (l6));

  g_assert_cmpstr (jm_card_get_notes (card (doc, "c1")), ==,
                   "Line one\nLine two\ttabbed \\ backslash");
  g_assert_cmpstr (jm_card_get_text (card (doc, "c1")), ==, "Searches for \"SSO audit\"");
  {
    const char * const expected_roles[] = { "r1", "r2", NULL };
    g_assert_cmpstrv (jm_card_get_roles (card (doc, "c2")), expected_roles);
  }
  g_assert_cmpint (jm_card_get_channel (card (doc, "c2")), ==, JM_CHANNEL_SEARCH);
  g_assert_true (jm_card_get_online (card (doc, "c2")));
  g_assert_false (jm_card_get_online (card (doc, "c3")));
  g_assert_cmpstr (jm_card_get_color (card (doc, "c3")), ==, "#f6d32d");
  g_assert_cmpint (jm_card_get_score (card (doc, "c4")), ==, -2);
  g_assert_cmpstr (jm_card_get_feeling (card (doc, "c4")), ==, "anxious");
  g_assert_cmpint (jm_card_get_kind (card (doc, "c5")), ==, JM_CARD_KIND_EMOTION);
  g_assert_cmpint (jm_card_get_impact (card (doc, "c7")), ==, 5);
  g_assert_cmpint (jm_card_get_effort (card (doc, "c7")), ==, 1);
  g_assert_cmpint (jm_card_get_status (card (doc, "c7")), ==, JM_STATUS_IN_PROGRESS);
  g_assert_cmpstr (jm_card_get_department (card (doc, "c8")), ==, "d2");
  g_assert_cmpstr (jm_card_get_owner (card (doc, "c8")), ==, "Wang");

  x2 = JM_CONNECTION (jm_document_lookup (doc, "x2"));
  g_assert_cmpstr (jm_connection_get_from (x2), ==, "c7");
  g_assert_cmpstr (jm_connection_get_to (x2), ==, "c4");
  g_assert_cmpint (jm_connection_get_kind (x2), ==, JM_CONNECTION_KIND_STEP_BACK);
  g_assert_cmpstr (jm_connection_get_label (x2), ==, "back to research");

  /* Cards keep their order within a cell. */
  {
    GPtrArray *cell = jm_document_get_cell (doc, "s1", "l2");
    g_assert_nonnull (cell);
    g_assert_cmpuint (cell->len, ==, 2);
    g_assert_cmpstr (jm_element_get_id (g_ptr_array_index (cell, 0)), ==, "c2");
    g_assert_cmpstr (jm_element_get_id (g_ptr_array_index (cell, 1)), ==, "c3");
  }
}

static void
test_good_defaults (void)
{
  g_autoptr(JmDocument) doc = load_good ("defaults.json");

  g_assert_cmpstr (jm_document_get_title (doc), ==, "");
  /* The kind of a card without one is its lane's; a custom lane's is note. */
  g_assert_cmpint (jm_card_get_kind (card (doc, "c1")), ==, JM_CARD_KIND_TOUCHPOINT);
  g_assert_cmpint (jm_card_get_channel (card (doc, "c1")), ==, JM_CHANNEL_OTHER);
  g_assert_true (jm_card_get_online (card (doc, "c1")));
  g_assert_cmpint (jm_card_get_kind (card (doc, "c2")), ==, JM_CARD_KIND_NOTE);
  g_assert_cmpstr (jm_card_get_text (card (doc, "c2")), ==, "");
  g_assert_cmpint (jm_card_get_kind (card (doc, "c3")), ==, JM_CARD_KIND_EMOTION);
  g_assert_cmpint (jm_card_get_score (card (doc, "c3")), ==, -3);   /* -3.0 is a whole number */
  g_assert_cmpint (jm_card_get_kind (card (doc, "c4")), ==, JM_CARD_KIND_OPPORTUNITY);
  g_assert_cmpint (jm_card_get_impact (card (doc, "c4")), ==, 3);
  g_assert_cmpint (jm_card_get_effort (card (doc, "c4")), ==, 3);
  g_assert_cmpint (jm_card_get_status (card (doc, "c4")), ==, JM_STATUS_IDEA);
  g_assert_cmpint (jm_card_get_impact (card (doc, "c5")), ==, 1);
  g_assert_true (jm_lane_get_visible (jm_document_get_lane (doc, 0)));
  g_assert_false (jm_lane_get_visible (jm_document_get_lane (doc, 4)));
  g_assert_cmpuint (jm_metrics_get_n (jm_stage_get_metrics (jm_document_get_stage (doc, 0))),
                    ==, 0);
  g_assert_cmpint (jm_connection_get_kind (JM_CONNECTION (jm_document_lookup (doc, "x1"))), ==,
                   JM_CONNECTION_KIND_NEXT);
  g_assert_null (jm_document_get_extra (doc));
}

static void
test_good_bom_crlf (void)
{
  g_autoptr(JmDocument) doc = load_good ("bom-crlf.json");
  g_autoptr(GBytes) saved = jm_json_save_bytes (doc);
  const char *data = g_bytes_get_data (saved, NULL);

  g_assert_cmpstr (jm_document_get_title (doc), ==, "BOM and CRLF 文件");
  g_assert_cmpstr (jm_card_get_text (card (doc, "c1")), ==, "Happy\r\nwith a CRLF inside");
  g_assert_cmpstr (jm_card_get_feeling (card (doc, "c1")), ==, "好");
  /* Written back without the BOM, with LF line ends. */
  g_assert_true (g_str_has_prefix (data, "{\n  \"format\": \"journey-maps\",\n"));
  g_assert_null (strstr (data, "\r\n"));
  g_assert_nonnull (strstr (data, "\"Happy\\r\\nwith a CRLF inside\""));
}

static void
test_good_chinese (void)
{
  g_autoptr(JmDocument) doc = load_good ("chinese.json");
  g_autoptr(GBytes) saved = jm_json_save_bytes (doc);
  const char *data = g_bytes_get_data (saved, NULL);

  g_assert_cmpstr (jm_stage_get_title (jm_document_get_stage (doc, 0)), ==, "发觉");
  g_assert_cmpstr (jm_stage_get_description (jm_document_get_stage (doc, 3)), ==, "繁體中文");
  g_assert_cmpstr (jm_card_get_text (card (doc, "c2")), ==, "参加线下活动 🎪");
  g_assert_cmpstr (jm_card_get_notes (card (doc, "c4")), ==, "备注：“引号”和「括号」");
  /* Non-ASCII text is written as is, not as \u escapes. */
  g_assert_nonnull (strstr (data, "\"在知乎上阅读比较文章\""));
  g_assert_null (strstr (data, "\\u"));
}

/* ─── unknown keys ─── */

static char *
member_names (JsonObject *object)
{
  GString *out = g_string_new (NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    g_string_append_printf (out, "%s%s", out->len ? "," : "", name);
  return g_string_free (out, FALSE);
}

static void
test_unknown_keys (void)
{
  g_autoptr(JmDocument) doc = load_good ("unknown-keys.json");
  JsonObject *extra;
  g_autofree char *top = NULL;
  g_autofree char *card_keys = NULL;
  g_autofree char *lane_keys = NULL;
  g_autoptr(GBytes) saved = NULL;
  const char *text;

  extra = jm_document_get_extra (doc);
  g_assert_nonnull (extra);
  top = member_names (extra);
  g_assert_cmpstr (top, ==, "x-app,zzz,aaa");

  extra = _jm_element_get_extra (jm_document_lookup (doc, "c1"));
  g_assert_nonnull (extra);
  card_keys = member_names (extra);
  g_assert_cmpstr (card_keys, ==, "x-card,votes,a-key");
  g_assert_cmpint (json_object_get_int_member (extra, "votes"), ==, 7);

  extra = _jm_element_get_extra (jm_document_lookup (doc, "l1"));
  lane_keys = member_names (extra);
  g_assert_cmpstr (lane_keys, ==, "x-lane,height");

  g_assert_nonnull (_jm_element_get_extra (jm_document_lookup (doc, "s1")));
  g_assert_nonnull (_jm_element_get_extra (jm_document_lookup (doc, "d1")));
  g_assert_nonnull (_jm_element_get_extra (jm_document_lookup (doc, "r1")));
  g_assert_nonnull (_jm_element_get_extra (jm_document_lookup (doc, "x1")));
  g_assert_nonnull (_jm_element_get_extra (jm_document_lookup (doc, "c2")));

  /* Written after the known keys, in their order; doubles stay doubles. */
  saved = jm_json_save_bytes (doc);
  text = g_bytes_get_data (saved, NULL);
  g_assert_nonnull (strstr (text, "      \"online\": false,\n      \"x-card\": {\n"));
  g_assert_nonnull (strstr (text, "\"connections\": ["));
  g_assert_true (strstr (text, "\"connections\": [") < strstr (text, "\"x-app\": {"));
  g_assert_true (strstr (text, "\"zzz\": \"last\"") < strstr (text, "\"aaa\": \"after zzz\""));
  g_assert_nonnull (strstr (text, "\"x-lane\": [\n        3,\n        2.0,\n        null,"));
  g_assert_nonnull (strstr (text, "\"big\": 1e+300"));
  g_assert_nonnull (strstr (text, "\"int\": -9007199254740993"));
}

/* An unknown key never shadows a known one, even if someone put it there. */
static void
test_unknown_keys_never_duplicate_known (void)
{
  g_autoptr(JmDocument) doc = load_good ("minimal.json");
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDocument) reloaded = NULL;
  JmStage *stage = jm_stage_new ("s1", "Real title");

  json_object_set_string_member (extra, "title", "shadow");
  json_object_set_string_member (extra, "x-ok", "kept");
  _jm_element_set_extra (JM_ELEMENT (stage), extra);
  g_assert_true (_jm_document_insert (doc, JM_ELEMENT (stage), -1, &error));
  g_assert_no_error (error);
  g_object_unref (stage);
  json_object_set_int_member (extra, "version", 99);   /* same object: now also at top level */
  _jm_document_set_extra (doc, extra);

  saved = jm_json_save_bytes (doc);
  reloaded = jm_json_load_bytes (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jm_stage_get_title (jm_document_get_stage (reloaded, 0)), ==, "Real title");
  g_assert_cmpstr (json_object_get_string_member (jm_document_get_extra (reloaded), "x-ok"), ==,
                   "kept");
}

/* ─── documents built in code ─── */

static char *
map_with_title_of (gsize n)
{
  const char *head = "{\"format\": \"journey-maps\", \"version\": 1, \"title\": \"";
  const char *tail = "\"}\n";
  gsize hl = strlen (head), tl = strlen (tail);
  char *text = g_malloc (hl + n + tl + 1);

  memcpy (text, head, hl);
  memset (text + hl, 'a', n);
  memcpy (text + hl + n, tail, tl + 1);
  return text;
}

static void
test_limit_string (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ok_text = map_with_title_of (JM_LOAD_MAX_STRING);
  g_autofree char *long_text = map_with_title_of (JM_LOAD_MAX_STRING + 1);
  g_autofree char *huge_text = map_with_title_of (100 * 1024 * 1024);
  g_autoptr(JmDocument) ok = load_string (ok_text, &error);
  g_autoptr(JmDocument) too_long = NULL;
  g_autoptr(JmDocument) huge = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (jm_document_get_title (ok)), ==, JM_LOAD_MAX_STRING);

  too_long = load_string (long_text, &error);
  g_assert_null (too_long);
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message,
                            "line 1, column 51: a string is longer than the limit"));
  g_clear_error (&error);

  /* A 100 MB string is refused, without handing it to json-glib (how quickly is a budget of
   * tests/bench/jm-bench, not a timed assertion here). */
  huge = load_string (huge_text, &error);
  g_assert_null (huge);
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* Escapes count as what they decode to: 600,000 × "\u00e9" is 1.2 MB decoded. */
  {
    GString *s = g_string_new ("{\"format\": \"journey-maps\", \"version\": 1, \"x\": \"");
    g_autoptr(JmDocument) doc = NULL;
    guint i;

    for (i = 0; i < 600000; i++)
      g_string_append (s, "\\u00e9");
    g_string_append (s, "\"}");
    doc = load_string (s->str, &error);
    g_assert_null (doc);
    g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_TOO_LARGE);
    g_string_free (s, TRUE);
  }
}

static void
test_limit_objects (void)
{
  GString *s = g_string_new ("{\"format\": \"journey-maps\", \"version\": 1, \"cards\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDocument) doc = NULL;
  guint i;

  for (i = 0; i < JM_LOAD_MAX_OBJECTS - 1; i++)
    g_string_append (s, "0,");
  g_string_append (s, "0], \"stages\": [0, 0]}");
  doc = load_string (s->str, &error);
  g_assert_null (doc);
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "1000002 elements; the limit is 1000000"));
  g_string_free (s, TRUE);
}

static void
test_limit_depth (void)
{
  GString *ok = g_string_new ("{\"format\": \"journey-maps\", \"version\": 1, \"x\": ");
  GString *deep;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDocument) doc = NULL;
  g_autoptr(JmDocument) bad = NULL;
  g_autoptr(GBytes) saved = NULL;
  int i;

  /* The top-level object is level 1: 31 more arrays make 32. */
  for (i = 0; i < JM_LOAD_MAX_DEPTH - 1; i++)
    g_string_append_c (ok, '[');
  for (i = 0; i < JM_LOAD_MAX_DEPTH - 1; i++)
    g_string_append_c (ok, ']');
  g_string_append_c (ok, '}');
  /* One level more: refused even though the JSON is fine. */
  deep = g_string_new ("{\"format\": \"journey-maps\", \"version\": 1, \"x\": ");
  for (i = 0; i < JM_LOAD_MAX_DEPTH; i++)
    g_string_append_c (deep, '[');
  for (i = 0; i < JM_LOAD_MAX_DEPTH; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');

  doc = load_string (ok->str, &error);
  g_assert_no_error (error);
  saved = jm_json_save_bytes (doc);   /* deep unknown values are written back */
  g_assert_nonnull (strstr (g_bytes_get_data (saved, NULL), "[]"));

  bad = load_string (deep->str, &error);
  g_assert_null (bad);
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "nested more than 32 levels"));
  g_string_free (ok, TRUE);
  g_string_free (deep, TRUE);
}

static void
test_limit_file_size (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jm-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.journey.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDocument) doc = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size = (gsize) JM_LOAD_MAX_FILE_SIZE + 1;
  void *map;
  int fd;

  /* A sparse file: no disk space, yet 256 MiB + 1 byte long. It must not be read. */
  fd = open (path, O_CREAT | O_WRONLY, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) size), ==, 0);
  close (fd);
  doc = jm_json_load_file (file, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_clear_error (&error);

  /* In memory too, before looking at the data (untouched pages of an anonymous map). */
  map = mmap (NULL, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  g_assert_true (map != MAP_FAILED);
  bytes = g_bytes_new_static (map, size);
  doc = jm_json_load_bytes (bytes, &error);
  g_assert_null (doc);
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_TOO_LARGE);
  g_clear_pointer (&bytes, g_bytes_unref);
  munmap (map, size);

  g_unlink (path);
  g_rmdir (dir);
}

/* ─── files ─── */

static void
test_load_file_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jm-io-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GFile) dir_file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDocument) doc = NULL;

  doc = jm_json_load_file (missing_file, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  doc = jm_json_load_file (dir_file, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  /* A device has no meaningful size and never ends: refused without reading. */
  {
    g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
    doc = jm_json_load_file (zero, NULL, &error);
    g_assert_null (doc);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  }

  g_rmdir (dir);
}

/* ─── clipboard ─── */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/io/bad/corpus", test_bad_corpus);
  g_test_add_func ("/core/io/bad/error-codes", test_bad_codes);
  g_test_add_func ("/core/io/bad/huge-version", test_bad_huge_version);
  g_test_add_func ("/core/io/good/canonical-byte-identical", test_good_canonical);
  g_test_add_func ("/core/io/good/round-trip", test_good_round_trip);
  g_test_add_func ("/core/io/good/full-values", test_good_full_values);
  g_test_add_func ("/core/io/good/defaults", test_good_defaults);
  g_test_add_func ("/core/io/good/bom-crlf", test_good_bom_crlf);
  g_test_add_func ("/core/io/good/chinese", test_good_chinese);
  g_test_add_func ("/core/io/unknown-keys/kept-in-order", test_unknown_keys);
  g_test_add_func ("/core/io/unknown-keys/never-duplicate-known",
                   test_unknown_keys_never_duplicate_known);
  g_test_add_func ("/core/io/limits/string", test_limit_string);
  g_test_add_func ("/core/io/limits/objects", test_limit_objects);
  g_test_add_func ("/core/io/limits/depth", test_limit_depth);
  g_test_add_func ("/core/io/limits/file-size", test_limit_file_size);
  g_test_add_func ("/core/io/file/load-errors", test_load_file_errors);

  return g_test_run ();
}
