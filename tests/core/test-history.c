/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of commands and JmHistory: every command type, groups, merging, clean point. The long
 * random sequence is in test-history-random.c. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "jm-core.h"
#include "jm-history-test-util.h"
#include "model/jm-document-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Command types */

static void
test_set (void)
{
  JmDocument *doc = new_sample ();
  JmHistory *history = jm_history_new (doc);
  g_autofree char *before = dump_document (doc);
  g_autoptr(JmMetrics) metrics = jm_metrics_new ();
  const char *roles[] = { "r2", "r1", NULL };
  const char *r1[] = { "r1", NULL };
  JmElement *b1 = JM_ELEMENT (card (doc, "b1"));
  JmElement *e1 = JM_ELEMENT (card (doc, "e1"));
  JmElement *s1 = jm_document_lookup (doc, "s1");
  JmElement *l1 = jm_document_lookup (doc, "l1");
  g_auto(GValue) value = G_VALUE_INIT;

  g_assert_false (jm_history_get_can_undo (history));
  g_assert_false (jm_history_get_modified (history));

  apply_ok (history, jm_set_string_command_new (b1, "text", "Reads a case study"));
  g_assert_cmpstr (jm_card_get_text (JM_CARD (b1)), ==, "Reads a case study");
  assert_undo_label (history, "Edit Text");
  jm_history_break_merge (history);

  apply_ok (history, jm_set_int_command_new (e1, "score", -3));
  g_assert_cmpint (jm_card_get_score (JM_CARD (e1)), ==, -3);
  assert_undo_label (history, "Change Emotion");

  apply_ok (history, jm_set_int_command_new (b1, "status", JM_STATUS_DONE));   /* enum via int */
  g_assert_cmpint (jm_card_get_status (JM_CARD (b1)), ==, JM_STATUS_DONE);

  apply_ok (history, jm_set_bool_command_new (l1, "visible", FALSE));
  g_assert_false (jm_lane_get_visible (JM_LANE (l1)));

  apply_ok (history, jm_set_strv_command_new (b1, "roles", roles));
  g_assert_cmpstrv (jm_card_get_roles (JM_CARD (b1)), roles);
  assert_undo_label (history, "Change Roles");

  jm_metrics_append (metrics, "Conversion", 12, "%", TRUE, 15);
  g_value_init (&value, JM_TYPE_METRICS);
  g_value_set_boxed (&value, metrics);
  apply_ok (history, jm_set_command_new (s1, "metrics", &value));
  g_assert_true (jm_metrics_equal (jm_stage_get_metrics (JM_STAGE (s1)), metrics));

  apply_ok (history, jm_set_string_command_new (NULL, "title", "SaaS journey"));
  g_assert_cmpstr (jm_document_get_title (doc), ==, "SaaS journey");
  assert_undo_label (history, "Rename");

  /* undo all, one by one */
  g_assert_true (jm_history_undo (history));
  g_assert_cmpstr (jm_document_get_title (doc), ==, "");
  g_assert_true (jm_history_undo (history));
  g_assert_cmpuint (jm_metrics_get_n (jm_stage_get_metrics (JM_STAGE (s1))), ==, 0);
  g_assert_true (jm_history_undo (history));
  g_assert_cmpstrv (jm_card_get_roles (JM_CARD (b1)), r1);
  g_assert_true (jm_history_undo (history));
  g_assert_true (jm_lane_get_visible (JM_LANE (l1)));
  g_assert_true (jm_history_undo (history));
  g_assert_cmpint (jm_card_get_status (JM_CARD (b1)), ==, JM_STATUS_IDEA);
  g_assert_true (jm_history_undo (history));
  g_assert_cmpint (jm_card_get_score (JM_CARD (e1)), ==, 2);
  g_assert_true (jm_history_undo (history));
  g_assert_cmpstr (jm_card_get_text (JM_CARD (b1)), ==, "Reads a blog post");
  g_assert_false (jm_history_undo (history));
  g_assert_false (jm_history_get_modified (history));
  {
    g_autofree char *after = dump_document (doc);

    assert_same_dump (before, after, 0, "undo of every set");
  }

  /* and redo all */
  while (jm_history_redo (history))
    ;
  g_assert_cmpstr (jm_card_get_text (JM_CARD (b1)), ==, "Reads a case study");
  g_assert_cmpint (jm_card_get_score (JM_CARD (e1)), ==, -3);
  g_assert_cmpint (jm_card_get_status (JM_CARD (b1)), ==, JM_STATUS_DONE);
  g_assert_false (jm_lane_get_visible (JM_LANE (l1)));
  g_assert_cmpstrv (jm_card_get_roles (JM_CARD (b1)), roles);
  g_assert_true (jm_metrics_equal (jm_stage_get_metrics (JM_STAGE (s1)), metrics));
  g_assert_cmpstr (jm_document_get_title (doc), ==, "SaaS journey");
  g_assert_true (jm_history_get_modified (history));

  g_assert_finalize_object (history);
  g_assert_finalize_object (doc);
}

static void
test_set_failures (void)
{
  JmDocument *doc = new_sample ();
  JmHistory *history = jm_history_new (doc);
  g_autofree char *before = dump_document (doc);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmCard) gone = NULL;
  JmElement *e1 = JM_ELEMENT (card (doc, "e1"));

  apply_ok (history, jm_set_string_command_new (e1, "feeling", "Hopeful"));
  g_assert_true (jm_history_undo (history));
  g_assert_true (jm_history_get_can_redo (history));

  /* out of range: an error, not a silent clamp; nothing changes, the redo step stays */
  g_assert_false (jm_history_apply (history, jm_set_int_command_new (e1, "score", 7), &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (jm_history_apply (history, jm_set_int_command_new (e1, "impact", 0), &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (jm_history_apply (history, jm_set_string_command_new (e1, "color", "#12345"),
                                    &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (jm_card_get_score (JM_CARD (e1)), ==, 2);
  g_assert_false (jm_history_get_can_undo (history));
  g_assert_true (jm_history_get_can_redo (history));

  /* a command naming an element that is not there */
  gone = jm_card_new ("c404", JM_CARD_KIND_NOTE, "s1", "l3", NULL);
  g_assert_false (jm_history_apply (history, jm_set_string_command_new (JM_ELEMENT (gone), "text", "x"),
                                    &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND);
  g_clear_error (&error);
  g_assert_false (jm_history_apply (history, jm_move_command_new (JM_ELEMENT (gone), "s1", "l3", 0),
                                    &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND);
  g_clear_error (&error);
  g_assert_false (jm_history_apply (history, jm_remove_command_new (JM_ELEMENT (gone)), &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND);
  g_clear_error (&error);
  g_assert_false (jm_history_apply (history, jm_set_string_command_new (e1, "no-such", "x"),
                                    &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND);
  g_clear_error (&error);

  /* a group is all or nothing */
  {
    GPtrArray *commands = g_ptr_array_new_with_free_func (g_object_unref);

    g_ptr_array_add (commands, jm_set_string_command_new (e1, "text", "changed"));
    g_ptr_array_add (commands, jm_move_command_new (JM_ELEMENT (card (doc, "b1")), NULL, NULL, 2));
    g_ptr_array_add (commands, jm_set_int_command_new (e1, "score", -9));
    g_assert_false (jm_history_apply (history, jm_group_command_new ("Both", commands), &error));
    g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
    g_clear_error (&error);
  }

  after = dump_document (doc);
  assert_same_dump (before, after, 0, "failed commands");
  g_assert_false (jm_history_get_can_undo (history));
  g_assert_true (jm_history_get_can_redo (history));
  g_assert_true (jm_history_redo (history));
  g_assert_cmpstr (jm_card_get_feeling (JM_CARD (e1)), ==, "Hopeful");

  g_assert_finalize_object (history);
  g_assert_finalize_object (doc);
}

static void
test_insert_remove (void)
{
  JmDocument *doc = new_sample ();
  JmHistory *history = jm_history_new (doc);
  g_autofree char *before = dump_document (doc);
  g_autofree char *inserted = NULL;
  g_autofree char *now = NULL;
  g_autoptr(JmStage) stage = jm_stage_new ("s9", "Loyalty");
  g_autoptr(JmLane) lane = jm_lane_new ("l9", JM_LANE_KIND_TOUCHPOINTS, "Touchpoints");
  g_autoptr(JmCard) touch = jm_card_new ("t1", JM_CARD_KIND_TOUCHPOINT, "s9", "l9", "Webinar");
  g_autoptr(JmCard) note = jm_card_new ("n9", JM_CARD_KIND_NOTE, "s1", "l3", "First");
  g_autoptr(JmRole) role = jm_role_new ("r9", JM_ROLE_KIND_GATEKEEPER, "Procurement");
  g_autoptr(JmDepartment) department = jm_department_new ("d9", "Legal", "#1c71d8");
  g_autoptr(JmConnection) connection = jm_connection_new ("x9", "b3", "t1", JM_CONNECTION_KIND_NEXT);

  apply_ok (history, jm_insert_command_new (JM_ELEMENT (stage), 1));
  assert_undo_label (history, "Add Stage");
  apply_ok (history, jm_insert_command_new (JM_ELEMENT (lane), 0));
  apply_ok (history, jm_insert_command_new (JM_ELEMENT (touch), -1));
  assert_undo_label (history, "Add Card");
  apply_ok (history, jm_insert_command_new (JM_ELEMENT (note), 0));
  apply_ok (history, jm_insert_command_new (JM_ELEMENT (role), -1));
  apply_ok (history, jm_insert_command_new (JM_ELEMENT (department), 2));
  apply_ok (history, jm_insert_command_new (JM_ELEMENT (connection), -1));
  assert_undo_label (history, "Connect Cards");

  g_assert_cmpint (jm_document_index_of (doc, JM_ELEMENT (stage)), ==, 1);
  g_assert_cmpint (jm_document_index_of (doc, JM_ELEMENT (lane)), ==, 0);
  g_assert_cmpint (jm_document_index_of (doc, JM_ELEMENT (department)), ==, 2);
  g_assert_cmpstr (cell_id (doc, "s1", "l3", 0), ==, "n9");
  g_assert_cmpstr (cell_id (doc, "s9", "l9", 0), ==, "t1");
  g_assert_true (jm_element_get_document (JM_ELEMENT (connection)) == doc);
  g_assert_cmpuint (jm_document_get_n_cards (doc), ==, 8);
  inserted = dump_document (doc);

  /* undo removes them again, newest first */
  for (guint i = 0; i < 7; i++)
    g_assert_true (jm_history_undo (history));
  g_assert_null (jm_element_get_document (JM_ELEMENT (stage)));
  g_assert_null (jm_document_lookup (doc, "t1"));
  now = dump_document (doc);
  assert_same_dump (before, now, 0, "undo inserts");
  g_clear_pointer (&now, g_free);

  while (jm_history_redo (history))
    ;
  now = dump_document (doc);
  assert_same_dump (inserted, now, 0, "redo inserts");
  g_clear_pointer (&now, g_free);

  g_assert_finalize_object (history);
  g_assert_finalize_object (doc);
}

static void
test_remove (void)
{
  JmDocument *doc = new_sample ();
  JmHistory *history = jm_history_new (doc);
  g_autofree char *before = dump_document (doc);
  g_autofree char *now = NULL;
  g_autoptr(GError) error = NULL;
  JmElement *b2 = JM_ELEMENT (card (doc, "b2"));

  /* b2 has a connection: refused */
  g_assert_false (jm_history_apply (history, jm_remove_command_new (b2), &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (jm_history_get_can_undo (history));

  apply_ok (history, jm_remove_command_new (jm_document_lookup (doc, "x2")));
  assert_undo_label (history, "Delete Connection");
  apply_ok (history, jm_remove_command_new (b2));
  assert_undo_label (history, "Delete Card");
  g_assert_null (jm_element_get_document (b2));
  g_assert_cmpstr (cell_id (doc, "s1", "l1", 1), ==, "b3");
  apply_ok (history, jm_remove_command_new (jm_document_lookup (doc, "d5")));
  apply_ok (history, jm_remove_command_new (jm_document_lookup (doc, "r2")));

  g_assert_true (jm_history_undo (history));
  g_assert_true (jm_history_undo (history));
  g_assert_true (jm_history_undo (history));
  /* b2 is back in the middle of its cell */
  g_assert_cmpstr (cell_id (doc, "s1", "l1", 1), ==, "b2");
  g_assert_true (jm_document_lookup (doc, "b2") == b2);
  g_assert_true (jm_history_undo (history));
  now = dump_document (doc);
  assert_same_dump (before, now, 0, "undo removes");

  g_assert_finalize_object (history);
  g_assert_finalize_object (doc);
}

static void
test_move (void)
{
  JmDocument *doc = new_sample ();
  JmHistory *history = jm_history_new (doc);
  g_autofree char *before = dump_document (doc);
  g_autofree char *moved = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GError) error = NULL;
  JmCard *b1 = card (doc, "b1");

  apply_ok (history, jm_move_command_new (JM_ELEMENT (b1), "s2", "l3", 0));
  assert_undo_label (history, "Move Card");
  g_assert_cmpstr (jm_card_get_stage (b1), ==, "s2");
  g_assert_cmpstr (jm_card_get_lane (b1), ==, "l3");
  g_assert_cmpstr (cell_id (doc, "s2", "l3", 0), ==, "b1");
  g_assert_cmpstr (cell_id (doc, "s2", "l3", 1), ==, "n1");
  g_assert_cmpstr (cell_id (doc, "s1", "l1", 0), ==, "b2");

  /* within a cell */
  apply_ok (history, jm_move_command_new (JM_ELEMENT (b1), NULL, NULL, -1));
  g_assert_cmpstr (cell_id (doc, "s2", "l3", 1), ==, "b1");

  /* a behaviour card cannot go into the emotions lane */
  g_assert_false (jm_history_apply (history, jm_move_command_new (JM_ELEMENT (b1), "s1", "l2", 0),
                                    &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);

  /* stages and lanes */
  apply_ok (history, jm_move_command_new (jm_document_lookup (doc, "s3"), NULL, NULL, 0));
  assert_undo_label (history, "Move Stage");
  apply_ok (history, jm_move_command_new (jm_document_lookup (doc, "l1"), NULL, NULL, 2));
  g_assert_cmpstr (jm_element_get_id (JM_ELEMENT (jm_document_get_stage (doc, 0))), ==, "s3");
  g_assert_cmpstr (jm_element_get_id (JM_ELEMENT (jm_document_get_lane (doc, 2))), ==, "l1");
  moved = dump_document (doc);

  for (guint i = 0; i < 4; i++)
    g_assert_true (jm_history_undo (history));
  now = dump_document (doc);
  assert_same_dump (before, now, 0, "undo moves");
  g_clear_pointer (&now, g_free);

  for (guint i = 0; i < 4; i++)
    g_assert_true (jm_history_redo (history));
  g_assert_false (jm_history_redo (history));
  now = dump_document (doc);
  assert_same_dump (moved, now, 0, "redo moves");

  g_assert_finalize_object (history);
  g_assert_finalize_object (doc);
}

static void
test_group_is_one_step (void)
{
  JmDocument *doc = new_sample ();
  JmHistory *history = jm_history_new (doc);
  g_autofree char *before = dump_document (doc);
  g_autofree char *after = NULL;
  g_autofree char *now = NULL;
  static const char *ids[] = { "b1", "b2", "b3", "n1", "n2" };
  g_autofree char *redo_label = NULL;

  /* nested groups: the outer label counts */
  jm_history_begin_group (history, "Move Cards");
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      jm_history_begin_group (history, "Inner");
      apply_ok (history, jm_move_command_new (jm_document_lookup (doc, ids[i]), "s3", "l3", 0));
      jm_history_end_group (history);
    }
  g_assert_false (jm_history_get_can_undo (history));   /* still open */
  g_assert_true (jm_history_get_modified (history));
  g_assert_false (jm_history_undo (history));            /* not while a group is open */
  jm_history_end_group (history);

  g_assert_true (jm_history_get_can_undo (history));
  assert_undo_label (history, "Move Cards");
  g_assert_cmpuint (jm_document_get_cell (doc, "s3", "l3")->len, ==, 5);
  g_assert_cmpstr (cell_id (doc, "s3", "l3", 0), ==, "n2");   /* last moved is first */
  g_assert_cmpstr (cell_id (doc, "s3", "l3", 4), ==, "b1");
  after = dump_document (doc);

  g_assert_true (jm_history_undo (history));
  g_assert_false (jm_history_get_can_undo (history));
  now = dump_document (doc);
  assert_same_dump (before, now, 0, "undo group");
  g_clear_pointer (&now, g_free);
  redo_label = jm_history_dup_redo_label (history);
  g_assert_cmpstr (redo_label, ==, "Move Cards");

  g_assert_true (jm_history_redo (history));
  now = dump_document (doc);
  assert_same_dump (after, now, 0, "redo group");

  /* an empty group leaves no step */
  jm_history_begin_group (history, "Nothing");
  jm_history_end_group (history);
  assert_undo_label (history, "Move Cards");

  g_assert_finalize_object (history);
  g_assert_finalize_object (doc);
}

static void
test_cancel_group (void)
{
  JmDocument *doc = new_sample ();
  JmHistory *history = jm_history_new (doc);
  g_autofree char *before = dump_document (doc);
  g_autofree char *now = NULL;
  JmElement *b1 = JM_ELEMENT (card (doc, "b1"));

  apply_ok (history, jm_set_string_command_new (b1, "notes", "kept"));
  g_free (before);
  before = dump_document (doc);

  /* a drag: a few moves, then Escape */
  jm_history_begin_group (history, "Move Card");
  apply_ok (history, jm_move_command_new (b1, "s2", "l3", 0));
  apply_ok (history, jm_move_command_new (b1, "s3", "l3", 1));
  apply_ok (history, jm_move_command_new (b1, "s3", "l1", 0));
  jm_history_cancel_group (history);

  now = dump_document (doc);
  assert_same_dump (before, now, 0, "cancel group");
  g_clear_pointer (&now, g_free);
  assert_undo_label (history, "Edit Text");

  /* nested: cancelling the inner level keeps the outer level's work */
  jm_history_begin_group (history, "Outer");
  apply_ok (history, jm_set_string_command_new (b1, "owner", "Ana"));
  jm_history_begin_group (history, "Inner");
  apply_ok (history, jm_set_string_command_new (b1, "owner", "Ana Maria"));   /* no merge across levels */
  apply_ok (history, jm_move_command_new (b1, "s2", "l3", 0));
  jm_history_cancel_group (history);
  g_assert_cmpstr (jm_card_get_owner (JM_CARD (b1)), ==, "Ana");
  g_assert_cmpstr (jm_card_get_stage (JM_CARD (b1)), ==, "s1");
  jm_history_end_group (history);
  assert_undo_label (history, "Outer");
  g_assert_true (jm_history_undo (history));
  g_assert_cmpstr (jm_card_get_owner (JM_CARD (b1)), ==, "");
  now = dump_document (doc);
  assert_same_dump (before, now, 0, "undo after nested cancel");

  g_assert_finalize_object (history);
  g_assert_finalize_object (doc);
}

static void
test_delete_stage (void)
{
  JmDocument *doc = new_sample ();
  JmHistory *history = jm_history_new (doc);
  g_autofree char *before = dump_document (doc);
  g_autofree char *deleted = NULL;
  g_autofree char *now = NULL;
  const char *ids[] = { "s1", NULL };
  JmCommand *command;

  command = jm_delete_command_new (doc, ids, NULL);
  g_assert_nonnull (command);
  apply_ok (history, command);
  assert_undo_label (history, "Delete");

  /* the stage, its four cards, and the connections of those cards (x1, x2) are gone;
   * x3 between the remaining cards stays */
  g_assert_null (jm_document_lookup (doc, "s1"));
  g_assert_null (jm_document_lookup (doc, "b1"));
  g_assert_null (jm_document_lookup (doc, "b2"));
  g_assert_null (jm_document_lookup (doc, "b3"));
  g_assert_null (jm_document_lookup (doc, "e1"));
  g_assert_null (jm_document_lookup (doc, "x1"));
  g_assert_null (jm_document_lookup (doc, "x2"));
  g_assert_nonnull (jm_document_lookup (doc, "x3"));
  g_assert_cmpuint (jm_document_get_n_cards (doc), ==, 2);
  g_assert_cmpuint (jm_document_get_n_stages (doc), ==, 2);
  deleted = dump_document (doc);

  /* one step back gives everything back, in the same order */
  g_assert_true (jm_history_undo (history));
  g_assert_false (jm_history_get_can_undo (history));
  now = dump_document (doc);
  assert_same_dump (before, now, 0, "undo delete stage");
  g_clear_pointer (&now, g_free);
  g_assert_cmpstr (cell_id (doc, "s1", "l1", 0), ==, "b1");
  g_assert_cmpstr (cell_id (doc, "s1", "l1", 2), ==, "b3");

  g_assert_true (jm_history_redo (history));
  now = dump_document (doc);
  assert_same_dump (deleted, now, 0, "redo delete stage");
  g_clear_pointer (&now, g_free);

  /* a lane and a card of it at once, without duplicates */
  g_assert_true (jm_history_undo (history));
  {
    const char *more[] = { "l3", "n1", "nope", "l3", NULL };

    apply_ok (history, jm_delete_command_new (doc, more, NULL));
    g_assert_null (jm_document_lookup (doc, "l3"));
    g_assert_null (jm_document_lookup (doc, "n2"));
    g_assert_null (jm_document_lookup (doc, "x3"));
    g_assert_nonnull (jm_document_lookup (doc, "b1"));
    g_assert_true (jm_history_undo (history));
    now = dump_document (doc);
    assert_same_dump (before, now, 0, "undo delete lane");
  }

  /* nothing to delete */
  {
    const char *none[] = { "zz", NULL };

    g_assert_null (jm_delete_command_new (doc, none, NULL));
  }

  g_assert_finalize_object (history);
  g_assert_finalize_object (doc);
}

static void
test_delete_role_department (void)
{
  JmDocument *doc = new_sample ();
  JmHistory *history = jm_history_new (doc);
  g_autofree char *before = dump_document (doc);
  g_autofree char *now = NULL;
  const char *role[] = { "r1", NULL };
  const char *department[] = { "d2", NULL };
  const char *both[] = { "d2", "d3", "r1", "r2", "b1", NULL };

  apply_ok (history, jm_delete_command_new (doc, role, NULL));
  g_assert_null (jm_document_lookup (doc, "r1"));
  g_assert_false (jm_card_has_role (card (doc, "b1"), "r1"));
  g_assert_false (jm_card_has_role (card (doc, "n1"), "r1"));
  g_assert_true (jm_history_undo (history));
  g_assert_true (jm_card_has_role (card (doc, "b1"), "r1"));
  g_assert_true (jm_card_has_role (card (doc, "n1"), "r1"));

  apply_ok (history, jm_delete_command_new (doc, department, "d4"));
  g_assert_null (jm_document_lookup (doc, "d2"));
  g_assert_cmpstr (jm_card_get_department (card (doc, "b2")), ==, "d4");
  g_assert_cmpstr (jm_card_get_department (card (doc, "n2")), ==, "d4");
  g_assert_true (jm_history_undo (history));
  g_assert_cmpstr (jm_card_get_department (card (doc, "b2")), ==, "d2");

  apply_ok (history, jm_delete_command_new (doc, department, NULL));
  g_assert_cmpstr (jm_card_get_department (card (doc, "n2")), ==, "");
  g_assert_true (jm_history_undo (history));

  /* reassigning to a department that goes too means none */
  apply_ok (history, jm_delete_command_new (doc, both, "d3"));
  g_assert_cmpstr (jm_card_get_department (card (doc, "b2")), ==, "");
  g_assert_null (jm_document_lookup (doc, "b1"));
  g_assert_null (jm_document_lookup (doc, "x1"));
  g_assert_cmpuint (g_list_model_get_n_items (jm_document_get_roles (doc)), ==, 0);
  g_assert_true (jm_history_undo (history));

  now = dump_document (doc);
  assert_same_dump (before, now, 0, "undo delete roles and departments");

  g_assert_finalize_object (history);
  g_assert_finalize_object (doc);
}

/* ------------------------------------------------------------------------------------------ */
/* Merging and the clean point */

static void
test_merge_typing (void)
{
  JmDocument *doc = new_sample ();
  JmHistory *history = jm_history_new (doc);
  JmCard *n1 = card (doc, "n1");
  JmElement *e = JM_ELEMENT (n1);

  apply_ok (history, jm_set_string_command_new (e, "text", "H"));
  apply_ok (history, jm_set_string_command_new (e, "text", "He"));
  apply_ok (history, jm_set_string_command_new (e, "text", "Hel"));
  g_assert_cmpstr (jm_card_get_text (n1), ==, "Hel");
  g_assert_true (jm_history_undo (history));
  g_assert_cmpstr (jm_card_get_text (n1), ==, "Asks for a demo");
  g_assert_false (jm_history_get_can_undo (history));
  g_assert_true (jm_history_redo (history));
  g_assert_cmpstr (jm_card_get_text (n1), ==, "Hel");

  /* no merge right after a redo (or undo) */
  apply_ok (history, jm_set_string_command_new (e, "text", "Hell"));
  g_assert_true (jm_history_undo (history));
  g_assert_cmpstr (jm_card_get_text (n1), ==, "Hel");
  g_assert_true (jm_history_redo (history));

  /* break_merge stops merging */
  jm_history_break_merge (history);
  apply_ok (history, jm_set_string_command_new (e, "text", "Hello"));
  apply_ok (history, jm_set_string_command_new (e, "text", "Hello!"));
  g_assert_true (jm_history_undo (history));
  g_assert_cmpstr (jm_card_get_text (n1), ==, "Hell");

  /* other property or other element: no merge; ints never merge */
  apply_ok (history, jm_set_string_command_new (e, "notes", "a"));
  apply_ok (history, jm_set_string_command_new (e, "text", "b"));
  apply_ok (history, jm_set_string_command_new (JM_ELEMENT (card (doc, "n2")), "text", "c"));
  apply_ok (history, jm_set_string_command_new (NULL, "title", "d"));
  apply_ok (history, jm_set_string_command_new (NULL, "title", "de"));   /* merges */
  apply_ok (history, jm_set_int_command_new (JM_ELEMENT (card (doc, "e1")), "score", 1));
  apply_ok (history, jm_set_int_command_new (JM_ELEMENT (card (doc, "e1")), "score", 0));
  g_assert_true (jm_history_undo (history));
  g_assert_cmpint (jm_card_get_score (card (doc, "e1")), ==, 1);
  g_assert_true (jm_history_undo (history));
  g_assert_cmpint (jm_card_get_score (card (doc, "e1")), ==, 2);
  g_assert_true (jm_history_undo (history));
  g_assert_cmpstr (jm_document_get_title (doc), ==, "");
  g_assert_true (jm_history_undo (history));
  g_assert_cmpstr (jm_card_get_text (card (doc, "n2")), ==, "Goes back to research");
  g_assert_true (jm_history_undo (history));
  g_assert_cmpstr (jm_card_get_text (n1), ==, "Hell");
  g_assert_true (jm_history_undo (history));
  g_assert_cmpstr (jm_card_get_notes (n1), ==, "");

  /* no merge across the clean point */
  apply_ok (history, jm_set_string_command_new (e, "text", "Saved"));
  jm_history_mark_clean (history);
  apply_ok (history, jm_set_string_command_new (e, "text", "Saved!"));
  g_assert_true (jm_history_get_modified (history));
  g_assert_true (jm_history_undo (history));
  g_assert_cmpstr (jm_card_get_text (n1), ==, "Saved");
  g_assert_false (jm_history_get_modified (history));

  g_assert_finalize_object (history);
  g_assert_finalize_object (doc);
}

typedef struct
{
  guint can_undo;
  guint can_redo;
  guint modified;
  guint undo_label;
  guint redo_label;
} NotifyCounts;

static void
count_notify_cb (GObject      *object,
                 GParamSpec   *pspec,
                 NotifyCounts *counts)
{
  if (strcmp (pspec->name, "can-undo") == 0)
    counts->can_undo++;
  else if (strcmp (pspec->name, "can-redo") == 0)
    counts->can_redo++;
  else if (strcmp (pspec->name, "modified") == 0)
    counts->modified++;
  else if (strcmp (pspec->name, "undo-label") == 0)
    counts->undo_label++;
  else if (strcmp (pspec->name, "redo-label") == 0)
    counts->redo_label++;
}

static void
test_modified (void)
{
  JmDocument *doc = new_sample ();
  JmHistory *history = jm_history_new (doc);
  JmElement *n1 = JM_ELEMENT (card (doc, "n1"));
  NotifyCounts counts = { 0 };
  gboolean modified;
  g_autofree char *undo_label = NULL;

  g_signal_connect (history, "notify", G_CALLBACK (count_notify_cb), &counts);
  g_assert_false (jm_history_get_modified (history));

  apply_ok (history, jm_set_string_command_new (n1, "text", "a"));
  g_assert_true (jm_history_get_modified (history));
  g_assert_cmpuint (counts.modified, ==, 1);
  g_assert_cmpuint (counts.can_undo, ==, 1);
  g_assert_cmpuint (counts.undo_label, ==, 1);
  g_assert_cmpuint (counts.can_redo, ==, 0);
  g_object_get (history, "modified", &modified, "undo-label", &undo_label, NULL);
  g_assert_true (modified);
  g_assert_cmpstr (undo_label, ==, "Edit Text");

  /* a second step changes none of these */
  jm_history_break_merge (history);
  apply_ok (history, jm_set_string_command_new (n1, "text", "b"));
  g_assert_cmpuint (counts.modified, ==, 1);
  g_assert_cmpuint (counts.can_undo, ==, 1);
  g_assert_cmpuint (counts.undo_label, ==, 1);

  /* back to the start: clean again */
  g_assert_true (jm_history_undo (history));
  g_assert_true (jm_history_undo (history));
  g_assert_false (jm_history_get_modified (history));
  g_assert_cmpuint (counts.modified, ==, 2);
  g_assert_cmpuint (counts.can_redo, ==, 1);
  g_assert_true (jm_history_redo (history));
  g_assert_true (jm_history_get_modified (history));

  /* saved after one step */
  jm_history_mark_clean (history);
  g_assert_false (jm_history_get_modified (history));
  g_assert_true (jm_history_redo (history));
  g_assert_true (jm_history_get_modified (history));
  g_assert_true (jm_history_undo (history));
  g_assert_false (jm_history_get_modified (history));
  g_assert_true (jm_history_undo (history));
  g_assert_true (jm_history_get_modified (history));

  /* a new edit discards the redo step holding the clean state: never clean again */
  apply_ok (history, jm_set_string_command_new (n1, "notes", "x"));
  g_assert_true (jm_history_get_modified (history));
  g_assert_false (jm_history_get_can_redo (history));
  g_assert_true (jm_history_undo (history));
  g_assert_true (jm_history_get_modified (history));
  g_assert_false (jm_history_undo (history));
  g_assert_true (jm_history_get_modified (history));

  /* clear: a fresh, clean history */
  jm_history_clear (history);
  g_assert_false (jm_history_get_modified (history));
  g_assert_false (jm_history_get_can_undo (history));
  g_assert_false (jm_history_get_can_redo (history));
  g_assert_true (jm_history_get_document (history) == doc);

  g_signal_handlers_disconnect_by_data (history, &counts);
  g_assert_finalize_object (history);
  g_assert_finalize_object (doc);
}


int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/history/set", test_set);
  g_test_add_func ("/core/history/set-failures", test_set_failures);
  g_test_add_func ("/core/history/insert", test_insert_remove);
  g_test_add_func ("/core/history/remove", test_remove);
  g_test_add_func ("/core/history/move", test_move);
  g_test_add_func ("/core/history/group-is-one-step", test_group_is_one_step);
  g_test_add_func ("/core/history/cancel-group", test_cancel_group);
  g_test_add_func ("/core/history/delete-stage", test_delete_stage);
  g_test_add_func ("/core/history/delete-role-department", test_delete_role_department);
  g_test_add_func ("/core/history/merge-typing", test_merge_typing);
  g_test_add_func ("/core/history/modified", test_modified);

  return g_test_run ();
}
