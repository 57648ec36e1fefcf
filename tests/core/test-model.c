/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the document model: construction, lookup, cells, ids, refusals, moves.
 * Signals, lists, connections, scores and copies are in test-model-changes.c. */
#include "config.h"

#include <string.h>

#include "jm-test-model.h"

static void
test_new_defaults (void)
{
  static const char *names[] = { "Marketing", "Sales", "Customer Success", "Product", "Support" };
  JmDocument *doc = jm_document_new ();
  JmDocument *blank = jm_document_new_blank ();
  GListModel *departments = jm_document_get_departments (doc);
  g_autoptr(GHashTable) colors = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpstr (jm_document_get_title (doc), ==, "");
  g_assert_cmpstr (jm_document_get_description (doc), ==, "");
  g_assert_cmpstr (jm_document_get_author (doc), ==, "");
  g_assert_cmpstr (jm_document_get_created (doc), ==, "");
  g_assert_cmpstr (jm_document_get_modified (doc), ==, "");
  g_assert_cmpuint (jm_document_get_n_stages (doc), ==, 0);
  g_assert_cmpuint (jm_document_get_n_lanes (doc), ==, 0);
  g_assert_cmpuint (jm_document_get_n_cards (doc), ==, 0);
  g_assert_null (jm_document_get_stage (doc, 0));
  g_assert_null (jm_document_get_lane (doc, 0));
  g_assert_null (jm_document_get_extra (doc));

  g_assert_cmpuint (g_list_model_get_n_items (departments), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(JmDepartment) department = g_list_model_get_item (departments, i);
      g_autofree char *id = g_strdup_printf ("d%u", i + 1);

      g_assert_cmpstr (jm_element_get_id (JM_ELEMENT (department)), ==, id);
      g_assert_cmpstr (jm_department_get_name (department), ==, names[i]);
      g_assert_true (jm_element_get_document (JM_ELEMENT (department)) == doc);
      g_assert_true (jm_document_lookup (doc, id) == JM_ELEMENT (department));
      g_assert_cmpint (jm_document_index_of (doc, JM_ELEMENT (department)), ==, i);
      g_assert_cmpuint (strlen (jm_department_get_color (department)), ==, 7);
      g_assert_true (g_hash_table_add (colors, (gpointer) jm_department_get_color (department)));
    }

  g_assert_cmpuint (g_list_model_get_n_items (jm_document_get_departments (blank)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (jm_document_get_roles (blank)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (jm_document_get_connections (blank)), ==, 0);
  g_assert_null (jm_document_lookup (blank, "d1"));

  g_assert_finalize_object (doc);
  g_assert_finalize_object (blank);
}

static void
test_element_defaults (void)
{
  JmCard *card = jm_card_new ("c1", JM_CARD_KIND_TOUCHPOINT, "s1", "l1", NULL);
  JmLane *lane = jm_lane_new ("l1", JM_LANE_KIND_TOUCHPOINTS, NULL);
  JmStage *stage = jm_stage_new ("s1", NULL);
  JmRole *role = jm_role_new ("r1", JM_ROLE_KIND_CHAMPION, "CTO");
  JmConnection *connection = jm_connection_new ("x1", "c1", "c2", JM_CONNECTION_KIND_STEP_BACK);
  g_autofree char *text = NULL;

  g_assert_cmpstr (jm_element_get_id (JM_ELEMENT (card)), ==, "c1");
  g_assert_null (jm_element_get_document (JM_ELEMENT (card)));
  g_assert_cmpint (jm_card_get_kind (card), ==, JM_CARD_KIND_TOUCHPOINT);
  g_assert_cmpstr (jm_card_get_stage (card), ==, "s1");
  g_assert_cmpstr (jm_card_get_lane (card), ==, "l1");
  g_assert_cmpstr (jm_card_get_text (card), ==, "");
  g_assert_cmpstr (jm_card_get_notes (card), ==, "");
  g_assert_cmpstr (jm_card_get_color (card), ==, "");
  g_assert_cmpstr (jm_card_get_link (card), ==, "");
  g_assert_nonnull (jm_card_get_roles (card));
  g_assert_null (jm_card_get_roles (card)[0]);
  g_assert_false (jm_card_has_role (card, "r1"));
  g_assert_cmpint (jm_card_get_channel (card), ==, JM_CHANNEL_OTHER);
  g_assert_true (jm_card_get_online (card));
  g_assert_cmpint (jm_card_get_score (card), ==, 0);
  g_assert_cmpstr (jm_card_get_feeling (card), ==, "");
  g_assert_cmpint (jm_card_get_impact (card), ==, 3);
  g_assert_cmpint (jm_card_get_effort (card), ==, 3);
  g_assert_cmpint (jm_card_get_priority (card), ==, 9);
  g_assert_cmpint (jm_card_get_status (card), ==, JM_STATUS_IDEA);
  g_assert_cmpstr (jm_card_get_department (card), ==, "");
  g_assert_cmpstr (jm_card_get_owner (card), ==, "");
  g_object_get (card, "text", &text, NULL);
  g_assert_cmpstr (text, ==, "");

  g_assert_cmpint (jm_lane_get_kind (lane), ==, JM_LANE_KIND_TOUCHPOINTS);
  g_assert_cmpstr (jm_lane_get_title (lane), ==, "");
  g_assert_true (jm_lane_get_visible (lane));

  g_assert_cmpstr (jm_stage_get_title (stage), ==, "");
  g_assert_cmpstr (jm_stage_get_customer_goal (stage), ==, "");
  g_assert_cmpstr (jm_stage_get_business_goal (stage), ==, "");
  g_assert_cmpstr (jm_stage_get_color (stage), ==, "");
  g_assert_nonnull (jm_stage_get_metrics (stage));
  g_assert_cmpuint (jm_metrics_get_n (jm_stage_get_metrics (stage)), ==, 0);

  g_assert_cmpstr (jm_role_get_name (role), ==, "CTO");
  g_assert_cmpint (jm_role_get_kind (role), ==, JM_ROLE_KIND_CHAMPION);
  g_assert_cmpstr (jm_role_get_color (role), ==, "");

  g_assert_cmpstr (jm_connection_get_from (connection), ==, "c1");
  g_assert_cmpstr (jm_connection_get_to (connection), ==, "c2");
  g_assert_cmpstr (jm_connection_get_label (connection), ==, "");
  g_assert_cmpint (jm_connection_get_kind (connection), ==, JM_CONNECTION_KIND_STEP_BACK);

  g_assert_cmpstr (JM_ELEMENT_GET_CLASS (card)->id_prefix, ==, "c");
  g_assert_cmpstr (JM_ELEMENT_GET_CLASS (stage)->id_prefix, ==, "s");
  g_assert_cmpstr (JM_ELEMENT_GET_CLASS (lane)->id_prefix, ==, "l");
  g_assert_cmpstr (JM_ELEMENT_GET_CLASS (role)->id_prefix, ==, "r");
  g_assert_cmpstr (JM_ELEMENT_GET_CLASS (connection)->id_prefix, ==, "x");

  g_assert_finalize_object (card);
  g_assert_finalize_object (lane);
  g_assert_finalize_object (stage);
  g_assert_finalize_object (role);
  g_assert_finalize_object (connection);
}

static void
test_insert_lookup (void)
{
  JmDocument *doc = new_grid ();
  JmStage *s0;
  JmElement *c2;
  GPtrArray *cell;

  /* s0 goes first */
  insert_ok (doc, jm_stage_new ("s0", "Before"), 0);
  g_assert_cmpuint (jm_document_get_n_stages (doc), ==, 3);
  s0 = jm_document_get_stage (doc, 0);
  g_assert_cmpstr (jm_element_get_id (JM_ELEMENT (s0)), ==, "s0");
  g_assert_cmpstr (jm_stage_get_title (s0), ==, "Before");
  g_assert_cmpstr (jm_element_get_id (JM_ELEMENT (jm_document_get_stage (doc, 2))), ==, "s2");
  g_assert_cmpint (jm_document_index_of (doc, jm_document_lookup (doc, "s2")), ==, 2);
  g_assert_cmpint (jm_document_index_of (doc, jm_document_lookup (doc, "l3")), ==, 2);
  g_assert_cmpstr (jm_lane_get_title (jm_document_get_lane (doc, 1)), ==, "Emotions");

  /* cards: index in cell */
  insert_ok (doc, jm_card_new ("c1", JM_CARD_KIND_BEHAVIOUR, "s1", "l1", "one"), -1);
  insert_ok (doc, jm_card_new ("c3", JM_CARD_KIND_BEHAVIOUR, "s1", "l1", "three"), 99);
  insert_ok (doc, jm_card_new ("c2", JM_CARD_KIND_BEHAVIOUR, "s1", "l1", "two"), 1);
  insert_ok (doc, jm_card_new ("c0", JM_CARD_KIND_BEHAVIOUR, "s1", "l1", "zero"), 0);
  g_assert_cmpuint (jm_document_get_n_cards (doc), ==, 4);

  cell = jm_document_get_cell (doc, "s1", "l1");
  g_assert_nonnull (cell);
  g_assert_cmpuint (cell->len, ==, 4);
  g_assert_cmpstr (card_id_at (cell, 0), ==, "c0");
  g_assert_cmpstr (card_id_at (cell, 1), ==, "c1");
  g_assert_cmpstr (card_id_at (cell, 2), ==, "c2");
  g_assert_cmpstr (card_id_at (cell, 3), ==, "c3");
  g_assert_null (jm_document_get_cell (doc, "s2", "l1"));
  g_assert_null (jm_document_get_cell (doc, "nope", "l1"));

  c2 = jm_document_lookup (doc, "c2");
  g_assert_true (JM_IS_CARD (c2));
  g_assert_cmpstr (jm_card_get_text (JM_CARD (c2)), ==, "two");
  g_assert_cmpint (jm_document_index_of (doc, c2), ==, 2);
  g_assert_true (jm_element_get_document (c2) == doc);
  g_assert_null (jm_document_lookup (doc, "c9"));
  g_assert_null (jm_document_lookup (doc, NULL));

  /* an element of no document */
  {
    g_autoptr(JmCard) loose = jm_card_new ("c7", JM_CARD_KIND_NOTE, "s1", "l3", NULL);

    g_assert_cmpint (jm_document_index_of (doc, JM_ELEMENT (loose)), ==, -1);
  }

  g_assert_finalize_object (doc);
}

static void
test_dup_cards_order (void)
{
  JmDocument *doc = new_grid ();
  g_autoptr(GPtrArray) cards = NULL;
  static const char *expected[] = { "a", "b", "c", "d", "e", "f", "g" };

  /* inserted in scrambled order; canonical = stage order × lane order × cell order */
  insert_ok (doc, jm_card_new ("g", JM_CARD_KIND_NOTE, "s2", "l3", NULL), -1);
  insert_ok (doc, jm_card_new ("e", JM_CARD_KIND_BEHAVIOUR, "s2", "l1", NULL), -1);
  insert_ok (doc, jm_card_new ("c", JM_CARD_KIND_EMOTION, "s1", "l2", NULL), -1);
  insert_ok (doc, jm_card_new ("b", JM_CARD_KIND_BEHAVIOUR, "s1", "l1", NULL), -1);
  insert_ok (doc, jm_card_new ("d", JM_CARD_KIND_CONCERN, "s1", "l3", NULL), -1);
  insert_ok (doc, jm_card_new ("a", JM_CARD_KIND_BEHAVIOUR, "s1", "l1", NULL), 0);
  insert_ok (doc, jm_card_new ("f", JM_CARD_KIND_EMOTION, "s2", "l2", NULL), -1);

  cards = jm_document_dup_cards (doc);
  g_assert_cmpuint (cards->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < cards->len; i++)
    g_assert_cmpstr (card_id_at (cards, i), ==, expected[i]);
  g_clear_pointer (&cards, g_ptr_array_unref);

  /* reordering a lane changes the canonical order */
  {
    g_autoptr(GError) error = NULL;
    static const char *after[] = { "d", "a", "b", "c", "g", "e", "f" };

    g_assert_true (_jm_document_move (doc, jm_document_lookup (doc, "l3"), NULL, NULL, 0, &error));
    g_assert_no_error (error);
    cards = jm_document_dup_cards (doc);
    for (guint i = 0; i < cards->len; i++)
      g_assert_cmpstr (card_id_at (cards, i), ==, after[i]);
  }

  g_clear_pointer (&cards, g_ptr_array_unref);
  g_assert_finalize_object (doc);
}

static void
test_make_id (void)
{
  JmDocument *doc = new_grid ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *d = NULL;
  g_autofree char *s = NULL;

  /* d1…d5 and s1, s2 exist */
  d = jm_document_make_id (doc, "d");
  g_assert_cmpstr (d, ==, "d6");
  s = jm_document_make_id (doc, "s");
  g_assert_cmpstr (s, ==, "s3");

  insert_ok (doc, jm_card_new ("c2", JM_CARD_KIND_NOTE, "s1", "l3", NULL), -1);
  for (guint i = 0; i < 10000; i++)
    {
      char *id = jm_document_make_id (doc, "c");

      g_assert_null (jm_document_lookup (doc, id));
      g_assert_true (g_hash_table_add (seen, id));   /* never handed out twice */
      if (i % 2 == 0)
        insert_ok (doc, jm_card_new (id, JM_CARD_KIND_NOTE, "s1", "l3", NULL), -1);
    }
  g_assert_false (g_hash_table_contains (seen, "c2"));
  g_assert_true (g_hash_table_contains (seen, "c1"));
  g_assert_cmpuint (jm_document_get_n_cards (doc), ==, 5001);

  g_assert_finalize_object (doc);
}

static void
test_refusals (void)
{
  JmDocument *doc = new_grid ();
  JmElement *card;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmStage) dup = jm_stage_new ("s1", "Again");
  g_autoptr(JmStage) bad_id = jm_stage_new ("bad id!", "x");
  g_autoptr(JmStage) long_id = jm_stage_new ("s123456789012345678901234567890123456789012345678901234567890123456", "x");
  g_autoptr(JmCard) nowhere = jm_card_new ("c9", JM_CARD_KIND_NOTE, "s9", "l3", NULL);
  g_autoptr(JmCard) no_lane = jm_card_new ("c9", JM_CARD_KIND_NOTE, "s1", "l9", NULL);
  g_autoptr(JmCard) wrong_kind = jm_card_new ("c9", JM_CARD_KIND_EMOTION, "s1", "l1", NULL);
  g_autoptr(JmConnection) dangling = jm_connection_new ("x9", "c1", "c404", JM_CONNECTION_KIND_NEXT);
  g_auto(GValue) value = G_VALUE_INIT;

  insert_ok (doc, jm_card_new ("c1", JM_CARD_KIND_BEHAVIOUR, "s1", "l1", "one"), -1);
  insert_ok (doc, jm_card_new ("c2", JM_CARD_KIND_EMOTION, "s1", "l2", "two"), -1);
  insert_ok (doc, jm_connection_new ("x1", "c1", "c2", JM_CONNECTION_KIND_NEXT), -1);
  card = jm_document_lookup (doc, "c1");

  g_assert_false (_jm_document_insert (doc, JM_ELEMENT (dup), -1, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (jm_element_get_document (JM_ELEMENT (dup)));
  g_assert_cmpuint (jm_document_get_n_stages (doc), ==, 2);

  g_assert_false (_jm_document_insert (doc, JM_ELEMENT (bad_id), -1, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (_jm_document_insert (doc, JM_ELEMENT (long_id), -1, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (_jm_document_insert (doc, JM_ELEMENT (nowhere), -1, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (_jm_document_insert (doc, JM_ELEMENT (no_lane), -1, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (_jm_document_insert (doc, JM_ELEMENT (wrong_kind), -1, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (jm_document_lookup (doc, "c9"));
  g_assert_cmpuint (jm_document_get_n_cards (doc), ==, 2);

  {
    g_autoptr(JmDepartment) bad_color = jm_department_new ("d9", "Legal", "blue");
    g_autoptr(JmLane) bad_kind = jm_lane_new ("l9", 42, "?");

    g_assert_false (_jm_document_insert (doc, JM_ELEMENT (bad_color), -1, &error));
    g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (_jm_document_insert (doc, JM_ELEMENT (bad_kind), -1, &error));
    g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_null (jm_document_lookup (doc, "d9"));
    g_assert_null (jm_document_lookup (doc, "l9"));
  }

  g_assert_false (_jm_document_insert (doc, JM_ELEMENT (dangling), -1, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);

  /* an element already in the document */
  g_assert_false (_jm_document_insert (doc, card, -1, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND);
  g_clear_error (&error);

  /* removal of things that are still needed */
  g_assert_cmpint (_jm_document_remove (doc, jm_document_lookup (doc, "s1"), &error), ==, -1);
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (_jm_document_remove (doc, jm_document_lookup (doc, "l1"), &error), ==, -1);
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (_jm_document_remove (doc, card, &error), ==, -1);
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (jm_document_lookup (doc, "s1") != NULL);
  g_assert_cmpuint (jm_document_get_n_cards (doc), ==, 2);

  g_assert_true (set_string (doc, card, "department", "d2", &error));
  g_assert_no_error (error);
  g_assert_cmpint (_jm_document_remove (doc, jm_document_lookup (doc, "d2"), &error), ==, -1);
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (_jm_document_remove (doc, jm_document_lookup (doc, "d3"), &error), ==, 2);
  g_assert_no_error (error);

  insert_ok (doc, jm_role_new ("r1", JM_ROLE_KIND_USER, "User"), -1);
  {
    const char *roles[] = { "r1", NULL };

    g_value_init (&value, G_TYPE_STRV);
    g_value_set_boxed (&value, roles);
    set_ok (doc, card, "roles", &value);
    g_value_unset (&value);
    g_assert_true (jm_card_has_role (JM_CARD (card), "r1"));
  }
  g_assert_cmpint (_jm_document_remove (doc, jm_document_lookup (doc, "r1"), &error), ==, -1);
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);

  /* out-of-range and invalid values fail instead of being clamped */
  g_assert_false (set_int (doc, jm_document_lookup (doc, "c2"), "score", 4, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (set_int (doc, card, "impact", 0, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (set_int (doc, card, "effort", 6, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (set_int (doc, card, "status", 42, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (set_string (doc, card, "color", "red", &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (set_string (doc, card, "department", "d99", &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (set_int (doc, card, "kind", JM_CARD_KIND_EMOTION, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (set_int (doc, jm_document_lookup (doc, "l1"), "kind",
                           JM_LANE_KIND_EMOTIONS, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (set_string (doc, card, "text", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (jm_card_get_text (JM_CARD (card)), ==, "");
  g_assert_cmpint (jm_card_get_impact (JM_CARD (card)), ==, 3);
  g_assert_cmpint (jm_card_get_score (JM_CARD (jm_document_lookup (doc, "c2"))), ==, 0);

  /* read-only, construct-only and unknown properties */
  g_assert_false (set_string (doc, card, "stage", "s2", &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND);
  g_clear_error (&error);
  g_assert_false (set_string (doc, card, "id", "c77", &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND);
  g_clear_error (&error);
  g_assert_false (set_string (doc, card, "no-such-thing", "x", &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND);
  g_clear_error (&error);
  g_assert_false (set_int (doc, card, "text", 5, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);

  /* bad move targets */
  g_assert_false (_jm_document_move (doc, card, "s9", "l1", 0, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (_jm_document_move (doc, card, "s2", "l2", 0, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (jm_card_get_stage (JM_CARD (card)), ==, "s1");
  g_assert_cmpstr (jm_card_get_lane (JM_CARD (card)), ==, "l1");

  g_assert_finalize_object (doc);
}

static void
test_move (void)
{
  JmDocument *doc = new_grid ();
  g_autoptr(GError) error = NULL;
  JmElement *a, *b, *c;
  GPtrArray *cell;

  insert_ok (doc, jm_card_new ("a", JM_CARD_KIND_NOTE, "s1", "l3", NULL), -1);
  insert_ok (doc, jm_card_new ("b", JM_CARD_KIND_NOTE, "s1", "l3", NULL), -1);
  insert_ok (doc, jm_card_new ("c", JM_CARD_KIND_NOTE, "s1", "l3", NULL), -1);
  a = jm_document_lookup (doc, "a");
  b = jm_document_lookup (doc, "b");
  c = jm_document_lookup (doc, "c");

  /* within the cell: index is the final position */
  g_assert_true (_jm_document_move (doc, a, "s1", "l3", 2, &error));
  g_assert_no_error (error);
  cell = jm_document_get_cell (doc, "s1", "l3");
  g_assert_cmpstr (card_id_at (cell, 0), ==, "b");
  g_assert_cmpstr (card_id_at (cell, 1), ==, "c");
  g_assert_cmpstr (card_id_at (cell, 2), ==, "a");
  g_assert_cmpint (jm_document_index_of (doc, a), ==, 2);

  /* to another cell (a behaviour card may live in a custom lane and back) */
  g_assert_true (_jm_document_move (doc, b, "s2", "l3", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (jm_card_get_stage (JM_CARD (b)), ==, "s2");
  g_assert_cmpstr (jm_card_get_lane (JM_CARD (b)), ==, "l3");
  g_assert_cmpint (jm_document_index_of (doc, b), ==, 0);
  cell = jm_document_get_cell (doc, "s1", "l3");
  g_assert_cmpuint (cell->len, ==, 2);
  g_assert_cmpint (jm_document_index_of (doc, c), ==, 0);

  g_assert_true (_jm_document_move (doc, c, "s2", "l3", 0, &error));
  g_assert_true (_jm_document_move (doc, a, "s2", "l3", 1, &error));
  g_assert_no_error (error);
  g_assert_null (jm_document_get_cell (doc, "s1", "l3"));
  cell = jm_document_get_cell (doc, "s2", "l3");
  g_assert_cmpstr (card_id_at (cell, 0), ==, "c");
  g_assert_cmpstr (card_id_at (cell, 1), ==, "a");
  g_assert_cmpstr (card_id_at (cell, 2), ==, "b");
  g_assert_cmpuint (jm_document_get_n_cards (doc), ==, 3);

  /* now s1 is empty and can go */
  g_assert_cmpint (_jm_document_remove (doc, jm_document_lookup (doc, "s1"), &error), ==, 0);
  g_assert_no_error (error);

  /* list elements */
  g_assert_true (_jm_document_move (doc, jm_document_lookup (doc, "l1"), NULL, NULL, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (jm_element_get_id (JM_ELEMENT (jm_document_get_lane (doc, 0))), ==, "l2");
  g_assert_cmpstr (jm_element_get_id (JM_ELEMENT (jm_document_get_lane (doc, 1))), ==, "l3");
  g_assert_cmpstr (jm_element_get_id (JM_ELEMENT (jm_document_get_lane (doc, 2))), ==, "l1");
  g_assert_false (_jm_document_move (doc, jm_document_lookup (doc, "l1"), "s2", NULL, 0, &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND);

  g_assert_finalize_object (doc);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/model/new-defaults", test_new_defaults);
  g_test_add_func ("/core/model/element-defaults", test_element_defaults);
  g_test_add_func ("/core/model/insert-lookup", test_insert_lookup);
  g_test_add_func ("/core/model/dup-cards-order", test_dup_cards_order);
  g_test_add_func ("/core/model/make-id", test_make_id);
  g_test_add_func ("/core/model/refusals", test_refusals);
  g_test_add_func ("/core/model/move", test_move);

  return g_test_run ();
}
