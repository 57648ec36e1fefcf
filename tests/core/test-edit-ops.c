/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the edit operations (jm-edit-ops.c): each applies as one undo step that undoes
 * and redoes exactly; paste and duplicate give fresh ids, remap connections and keep unknown
 * JSON keys. */
#include "config.h"

#include <string.h>

#include "jm-core.h"
#include "jm-history-test-util.h"

/* Undoes the one step an operation made (back to before, nothing left to undo) and redoes
 * it (back to the dump taken after it). */
static void
assert_one_exact_step (JmHistory  *history,
                       const char *before)
{
  JmDocument *doc = jm_history_get_document (history);
  g_autofree char *after = dump_document (doc);
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_cmpstr (after, !=, before);
  g_assert_true (jm_history_undo (history));
  undone = dump_document (doc);
  assert_same_dump (before, undone, 0, "undo");
  g_assert_false (jm_history_get_can_undo (history));

  g_assert_true (jm_history_redo (history));
  redone = dump_document (doc);
  assert_same_dump (after, redone, 0, "redo");
  g_assert_false (jm_history_get_can_redo (history));
}

static guint
count_occurrences (GBytes     *bytes,
                   const char *needle)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static GBytes *
save (JmDocument *doc)
{
  return jm_json_save_bytes (doc);
}

static JmDocument *
load_unknown_keys (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "good", "unknown-keys.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  JmDocument *doc = jm_json_load_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

/* The cards with the given ids, as a clipboard fragment read back: new document-less cards
 * and connections. */
static void
copy_to_fragment (JmDocument         *doc,
                  const char * const *ids,
                  GPtrArray         **cards,
                  GPtrArray         **connections)
{
  g_autoptr(GPtrArray) selected = g_ptr_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (selected, card (doc, ids[i]));
  bytes = jm_json_save_cards (doc, selected);
  g_assert_true (jm_json_load_cards (bytes, cards, connections, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------------------------ */

static void
test_move_cards (void)
{
  g_autoptr(JmDocument) doc = new_sample ();
  g_autoptr(JmHistory) history = jm_history_new (doc);
  g_autofree char *before = dump_document (doc);
  const char *ids[] = { "b3", "b1", NULL };
  const char *kinds_refused[] = { "e1", NULL };
  g_autoptr(GError) error = NULL;

  /* Into another cell of a behaviour lane, in the given order. */
  g_assert_true (jm_edit_move_cards (history, ids, "s2", "l1", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cell_id (doc, "s2", "l1", 0), ==, "b3");
  g_assert_cmpstr (cell_id (doc, "s2", "l1", 1), ==, "b1");
  g_assert_cmpstr (cell_id (doc, "s1", "l1", 0), ==, "b2");
  assert_undo_label (history, "Move Cards");
  assert_one_exact_step (history, before);

  /* An emotion does not go to a behaviour lane; unknown ids and cells are refused. */
  g_assert_false (jm_edit_move_cards (history, kinds_refused, "s2", "l1", 0, &error));
  g_assert_false (jm_edit_move_cards (history, ids, "s9", "l1", 0, &error));
  g_assert_no_error (error);
}

static void
test_move_within_cell (void)
{
  g_autoptr(JmDocument) doc = new_sample ();
  g_autoptr(JmHistory) history = jm_history_new (doc);
  g_autofree char *before = dump_document (doc);
  const char *ids[] = { "b1", NULL };
  g_autoptr(GError) error = NULL;

  /* b1 b2 b3: b1 dropped before b3 gives b2 b1 b3 */
  g_assert_true (jm_edit_move_cards (history, ids, "s1", "l1", 2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cell_id (doc, "s1", "l1", 0), ==, "b2");
  g_assert_cmpstr (cell_id (doc, "s1", "l1", 1), ==, "b1");
  g_assert_cmpstr (cell_id (doc, "s1", "l1", 2), ==, "b3");
  assert_undo_label (history, "Move Card");
  assert_one_exact_step (history, before);

  /* Dropped where it is: no step at all. */
  g_assert_true (jm_edit_move_cards (history, ids, "s1", "l1", 2, &error));
  g_assert_true (jm_history_undo (history));
  g_assert_false (jm_history_get_can_undo (history));
}

static void
test_paste (void)
{
  g_autoptr(JmDocument) doc = new_sample ();
  g_autoptr(JmHistory) history = jm_history_new (doc);
  const char *ids[] = { "b1", "n1", "n2", NULL };
  const char *foreign_roles[] = { "r9", "r1", NULL };
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GPtrArray) new_ids = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  GListModel *model = jm_document_get_connections (doc);
  guint n_connections = g_list_model_get_n_items (model);
  guint n_between = 0;
  const char *r1_only[] = { "r1", NULL };

  copy_to_fragment (doc, ids, &cards, &connections);
  /* As if copied from another map: a role and a department this one does not have. */
  g_object_set (g_ptr_array_index (cards, 0), "roles", foreign_roles, NULL);
  g_object_set (g_ptr_array_index (cards, 2), "department", "d99", NULL);
  before = dump_document (doc);

  new_ids = jm_edit_paste_cards (history, cards, connections, "s3", "l1", 0, "Paste", &error);
  g_assert_no_error (error);
  g_assert_nonnull (new_ids);
  g_assert_cmpuint (new_ids->len, ==, 3);
  assert_undo_label (history, "Paste");

  for (guint i = 0; i < new_ids->len; i++)
    {
      const char *id = g_ptr_array_index (new_ids, i);
      JmCard *copy = card (doc, id);

      /* fresh and unique */
      for (guint k = 0; ids[k] != NULL; k++)
        g_assert_cmpstr (id, !=, ids[k]);
      g_assert_true (g_hash_table_add (seen, (gpointer) id));
      g_assert_cmpstr (jm_card_get_stage (copy), ==, "s3");
    }
  /* The behaviour card goes where it was pasted, at the index; the notes to their own lane. */
  g_assert_cmpstr (cell_id (doc, "s3", "l1", 0), ==, g_ptr_array_index (new_ids, 0));
  g_assert_cmpstr (jm_card_get_lane (card (doc, g_ptr_array_index (new_ids, 1))), ==, "l3");
  g_assert_cmpstr (jm_card_get_text (card (doc, g_ptr_array_index (new_ids, 0))), ==,
                   "Reads a blog post");
  /* The role of this map is kept, the others are dropped, and so is the unknown department. */
  g_assert_cmpstrv (jm_card_get_roles (card (doc, g_ptr_array_index (new_ids, 0))), r1_only);
  g_assert_cmpstr (jm_card_get_department (card (doc, g_ptr_array_index (new_ids, 2))), ==, "");

  /* x1 b1→n1 and x3 n1→n2 are between pasted cards: remapped onto the copies. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_connections + 2);
  for (guint i = n_connections; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JmConnection) c = g_list_model_get_item (model, i);

      g_assert_true (g_hash_table_contains (seen, jm_connection_get_from (c)));
      g_assert_true (g_hash_table_contains (seen, jm_connection_get_to (c)));
      n_between++;
    }
  g_assert_cmpuint (n_between, ==, 2);

  assert_one_exact_step (history, before);
}

static void
test_paste_twice_fresh_ids (void)
{
  g_autoptr(JmDocument) doc = new_sample ();
  g_autoptr(JmHistory) history = jm_history_new (doc);
  const char *ids[] = { "b1", NULL };
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  copy_to_fragment (doc, ids, &cards, &connections);
  first = jm_edit_paste_cards (history, cards, connections, "s1", "l1", 0, "Paste", NULL);
  second = jm_edit_paste_cards (history, cards, connections, "s1", "l1", 0, "Paste", NULL);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (first, 0), !=, g_ptr_array_index (second, 0));
  g_assert_cmpstr (cell_id (doc, "s1", "l1", 0), ==, g_ptr_array_index (second, 0));
  g_assert_cmpstr (cell_id (doc, "s1", "l1", 1), ==, g_ptr_array_index (first, 0));
}

static void
test_paste_keeps_unknown_keys (void)
{
  g_autoptr(JmDocument) doc = load_unknown_keys ();
  g_autoptr(JmHistory) history = jm_history_new (doc);
  const char *ids[] = { "c1", NULL };
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GPtrArray) new_ids = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;

  copy_to_fragment (doc, ids, &cards, &connections);
  new_ids = jm_edit_paste_cards (history, cards, connections, "s1", "l1", 2, "Paste", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (new_ids->len, ==, 1);

  saved = save (doc);
  g_assert_cmpuint (count_occurrences (saved, "\"x-card\""), ==, 2);
  g_assert_cmpuint (count_occurrences (saved, "\"votes\": 7"), ==, 2);
  g_assert_cmpuint (count_occurrences (saved, "\"deeper\""), ==, 2);
}

static void
test_duplicate_cards (void)
{
  g_autoptr(JmDocument) doc = new_sample ();
  g_autoptr(JmHistory) history = jm_history_new (doc);
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(GPtrArray) new_ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_document (doc);
  GListModel *model = jm_document_get_connections (doc);
  g_autoptr(JmConnection) last = NULL;

  g_ptr_array_add (cards, card (doc, "b1"));
  g_ptr_array_add (cards, card (doc, "b2"));
  g_ptr_array_add (cards, card (doc, "n1"));
  new_ids = jm_edit_duplicate_cards (history, cards, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (new_ids->len, ==, 3);
  assert_undo_label (history, "Duplicate");

  /* b1 b1' b2 b2' b3: each copy right after its original. */
  g_assert_cmpstr (cell_id (doc, "s1", "l1", 0), ==, "b1");
  g_assert_cmpstr (cell_id (doc, "s1", "l1", 1), ==, g_ptr_array_index (new_ids, 0));
  g_assert_cmpstr (cell_id (doc, "s1", "l1", 2), ==, "b2");
  g_assert_cmpstr (cell_id (doc, "s1", "l1", 3), ==, g_ptr_array_index (new_ids, 1));
  g_assert_cmpstr (cell_id (doc, "s1", "l1", 4), ==, "b3");
  g_assert_cmpstr (cell_id (doc, "s2", "l3", 1), ==, g_ptr_array_index (new_ids, 2));
  /* Same map: role and department stay. */
  g_assert_cmpstr (jm_card_get_department (card (doc, g_ptr_array_index (new_ids, 1))), ==,
                   "d2");

  /* x1 b1→n1 comes along, between the copies. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  last = g_list_model_get_item (model, 3);
  g_assert_cmpstr (jm_connection_get_from (last), ==, g_ptr_array_index (new_ids, 0));
  g_assert_cmpstr (jm_connection_get_to (last), ==, g_ptr_array_index (new_ids, 2));

  assert_one_exact_step (history, before);
}

static void
test_duplicate_keeps_unknown_keys (void)
{
  g_autoptr(JmDocument) doc = load_unknown_keys ();
  g_autoptr(JmHistory) history = jm_history_new (doc);
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(GPtrArray) new_ids = NULL;
  g_autoptr(GBytes) saved = NULL;

  g_ptr_array_add (cards, card (doc, "c1"));
  g_ptr_array_add (cards, card (doc, "c2"));
  new_ids = jm_edit_duplicate_cards (history, cards, NULL);
  g_assert_cmpuint (new_ids->len, ==, 2);

  saved = save (doc);
  g_assert_cmpuint (count_occurrences (saved, "\"x-card\""), ==, 2);
  g_assert_cmpuint (count_occurrences (saved, "\"a-key\": \"after\""), ==, 2);
  g_assert_cmpuint (count_occurrences (saved, "\"text2\": \"not text\""), ==, 2);
}

static void
test_duplicate_stage (void)
{
  g_autoptr(JmDocument) doc = new_sample ();
  g_autoptr(JmHistory) history = jm_history_new (doc);
  g_autofree char *before = dump_document (doc);
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  JmElement *copy;
  GPtrArray *cell;

  id = jm_edit_duplicate_stage (history, "s1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  assert_undo_label (history, "Duplicate Stage");

  copy = jm_document_lookup (doc, id);
  g_assert_true (JM_IS_STAGE (copy));
  g_assert_cmpint (jm_document_index_of (doc, copy), ==, 1);
  g_assert_cmpstr (jm_stage_get_title (JM_STAGE (copy)), ==, "Awareness (Copy)");

  /* Its cards, in the same lanes and order, with new ids. */
  cell = jm_document_get_cell (doc, id, "l1");
  g_assert_nonnull (cell);
  g_assert_cmpuint (cell->len, ==, 3);
  g_assert_cmpstr (jm_card_get_text (g_ptr_array_index (cell, 0)), ==, "Reads a blog post");
  g_assert_cmpstr (jm_card_get_text (g_ptr_array_index (cell, 2)), ==, "Compares vendors");
  g_assert_cmpstr (cell_id (doc, id, "l1", 0), !=, "b1");
  cell = jm_document_get_cell (doc, id, "l2");
  g_assert_nonnull (cell);
  g_assert_cmpuint (cell->len, ==, 1);
  g_assert_cmpint (jm_card_get_score (g_ptr_array_index (cell, 0)), ==, 2);
  g_assert_null (jm_document_get_cell (doc, id, "l3"));

  assert_one_exact_step (history, before);

  g_assert_null (jm_edit_duplicate_stage (history, "l1", &error));
  g_assert_no_error (error);
}

static void
test_duplicate_stage_keeps_unknown_keys (void)
{
  g_autoptr(JmDocument) doc = load_unknown_keys ();
  g_autoptr(JmHistory) history = jm_history_new (doc);
  g_autofree char *id = jm_edit_duplicate_stage (history, "s1", NULL);
  g_autoptr(GBytes) saved = NULL;

  g_assert_nonnull (id);
  saved = save (doc);
  g_assert_cmpuint (count_occurrences (saved, "\"x-stage\""), ==, 2);
  g_assert_cmpuint (count_occurrences (saved, "\"x-card\""), ==, 2);
  g_assert_cmpuint (count_occurrences (saved, "\"votes\": 7"), ==, 2);
}

static void
test_add (void)
{
  g_autoptr(JmDocument) doc = new_sample ();
  g_autoptr(JmHistory) history = jm_history_new (doc);
  g_autofree char *before = dump_document (doc);
  g_autofree char *card_id = NULL;
  g_autofree char *stage_id = NULL;
  g_autofree char *lane_id = NULL;
  g_autoptr(GError) error = NULL;
  JmElement *element;

  card_id = jm_edit_add_card (history, JM_CARD_KIND_BEHAVIOUR, -1, "s2", "l1", 0, "Calls",
                              &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cell_id (doc, "s2", "l1", 0), ==, card_id);
  g_assert_cmpstr (jm_card_get_text (card (doc, card_id)), ==, "Calls");
  assert_one_exact_step (history, before);
  g_assert_true (jm_history_undo (history));

  /* An emotion does not go into a behaviour lane. */
  g_assert_null (jm_edit_add_card (history, JM_CARD_KIND_EMOTION, -1, "s2", "l1", 0, "",
                                   &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND);
  g_clear_error (&error);

  stage_id = jm_edit_add_stage (history, 1, "Onboarding", &error);
  g_assert_no_error (error);
  element = jm_document_lookup (doc, stage_id);
  g_assert_true (JM_IS_STAGE (element));
  g_assert_cmpint (jm_document_index_of (doc, element), ==, 1);
  assert_one_exact_step (history, before);
  g_assert_true (jm_history_undo (history));

  lane_id = jm_edit_add_lane (history, -1, JM_LANE_KIND_CUSTOM, "Ideas", &error);
  g_assert_no_error (error);
  element = jm_document_lookup (doc, lane_id);
  g_assert_true (JM_IS_LANE (element));
  g_assert_cmpint (jm_document_index_of (doc, element), ==, 3);
  assert_one_exact_step (history, before);
}

static void
test_connect (void)
{
  g_autoptr(JmDocument) doc = new_sample ();
  g_autoptr(JmHistory) history = jm_history_new (doc);
  g_autofree char *before = dump_document (doc);
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  JmElement *connection;

  /* n2 (s3) → b3 (s1): a step back */
  id = jm_edit_connect_cards (history, "n2", "b3", &error);
  g_assert_no_error (error);
  connection = jm_document_lookup (doc, id);
  g_assert_true (JM_IS_CONNECTION (connection));
  g_assert_cmpint (jm_connection_get_kind (JM_CONNECTION (connection)), ==,
                   JM_CONNECTION_KIND_STEP_BACK);
  assert_one_exact_step (history, before);

  /* already connected, itself, not a card */
  g_assert_null (jm_edit_connect_cards (history, "b1", "n1", &error));
  g_assert_null (jm_edit_connect_cards (history, "b1", "b1", &error));
  g_assert_null (jm_edit_connect_cards (history, "b1", "s1", &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/edit-ops/move-cards", test_move_cards);
  g_test_add_func ("/core/edit-ops/move-within-cell", test_move_within_cell);
  g_test_add_func ("/core/edit-ops/paste", test_paste);
  g_test_add_func ("/core/edit-ops/paste-twice-fresh-ids", test_paste_twice_fresh_ids);
  g_test_add_func ("/core/edit-ops/paste-keeps-unknown-keys", test_paste_keeps_unknown_keys);
  g_test_add_func ("/core/edit-ops/duplicate-cards", test_duplicate_cards);
  g_test_add_func ("/core/edit-ops/duplicate-keeps-unknown-keys",
                   test_duplicate_keeps_unknown_keys);
  g_test_add_func ("/core/edit-ops/duplicate-stage", test_duplicate_stage);
  g_test_add_func ("/core/edit-ops/duplicate-stage-keeps-unknown-keys",
                   test_duplicate_stage_keeps_unknown_keys);
  g_test_add_func ("/core/edit-ops/add", test_add);
  g_test_add_func ("/core/edit-ops/connect", test_connect);

  return g_test_run ();
}
