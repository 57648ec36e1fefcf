/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of commands and JmHistory: every command type, groups, merging, clean point, and a
 * long random sequence undone and redone against full dumps of the document. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "jm-core.h"
#include "model/jm-document-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Dump: every element, in order, every readable property, one line per element */

static int
compare_pspecs (gconstpointer a,
                gconstpointer b)
{
  GParamSpec *pa = *(GParamSpec **) a;
  GParamSpec *pb = *(GParamSpec **) b;

  return strcmp (pa->name, pb->name);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
append_value (GString      *out,
              const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    {
      const char *s = g_value_get_string (value);
      g_autofree char *escaped = s != NULL ? g_strescape (s, NULL) : NULL;

      if (s == NULL)
        g_string_append (out, "NULL");
      else
        g_string_append_printf (out, "\"%s\"", escaped);
    }
  else if (type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (value);

      g_string_append_c (out, '[');
      for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "," : "", strv[i]);
      g_string_append_c (out, ']');
      if (strv == NULL)
        g_string_append (out, "NULL");
    }
  else if (type == JM_TYPE_METRICS)
    {
      const JmMetrics *metrics = g_value_get_boxed (value);

      g_string_append_c (out, '{');
      for (guint i = 0; metrics != NULL && i < jm_metrics_get_n (metrics); i++)
        {
          const JmMetric *m = jm_metrics_get (metrics, i);

          g_string_append_printf (out, "(%s %g %s %d %g)", m->name, m->value, m->unit,
                                  m->has_target, m->target);
        }
      g_string_append_c (out, '}');
      if (metrics == NULL)
        g_string_append (out, "NULL");
    }
  else if (G_TYPE_IS_ENUM (type))
    g_string_append (out, jm_enum_to_nick (type, g_value_get_enum (value)));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, g_value_get_boolean (value) ? "true" : "false");
  else if (type == G_TYPE_INT)
    g_string_append_printf (out, "%d", g_value_get_int (value));
  else
    {
      g_autofree char *contents = g_strdup_value_contents (value);

      g_string_append (out, contents);
    }
}

static void
dump_object (GString    *out,
             JmDocument *doc,
             const char *what,
             int         index,
             GObject    *object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_string_append_printf (out, "%s[%d] %s", what, index, G_OBJECT_TYPE_NAME (object));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  qsort (pspecs, n_pspecs, sizeof (GParamSpec *), compare_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READABLE) == 0)
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (object, pspecs[i]->name, &value);
      g_string_append_printf (out, " %s=", pspecs[i]->name);
      append_value (out, &value);
    }

  if (JM_IS_ELEMENT (object))
    {
      JmElement *element = JM_ELEMENT (object);
      JsonObject *extra = _jm_element_get_extra (element);

      /* The model's own bookkeeping must agree with the lists. */
      g_assert_true (jm_element_get_document (element) == doc);
      g_assert_true (jm_document_lookup (doc, jm_element_get_id (element)) == element);
      g_assert_cmpint (jm_document_index_of (doc, element), ==, index);

      if (extra != NULL)
        {
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), extra);
          g_autofree char *json = json_to_string (node, FALSE);

          g_string_append_printf (out, " extra=%s", json);
        }

      if (JM_IS_CARD (element))
        {
          g_autoptr(GPtrArray) connections =
            jm_document_dup_card_connections (doc, jm_element_get_id (element));
          g_autoptr(GPtrArray) ids = g_ptr_array_new ();

          for (guint i = 0; i < connections->len; i++)
            g_ptr_array_add (ids, (gpointer) jm_element_get_id (g_ptr_array_index (connections, i)));
          g_ptr_array_sort (ids, compare_strings);   /* the index order is private */
          g_string_append (out, " connections=");
          for (guint i = 0; i < ids->len; i++)
            g_string_append_printf (out, "%s%s", i > 0 ? "," : "", (char *) ids->pdata[i]);
        }
    }

  g_string_append_c (out, '\n');
}

static void
dump_list (GString    *out,
           JmDocument *doc,
           const char *what,
           GListModel *list)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      dump_object (out, doc, what, i, item);
    }
}

static char *
dump_document (JmDocument *doc)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) cards = jm_document_dup_cards (doc);
  guint n_cards = 0;

  dump_object (out, doc, "document", 0, G_OBJECT (doc));
  dump_list (out, doc, "stage", jm_document_get_stages (doc));
  dump_list (out, doc, "lane", jm_document_get_lanes (doc));
  dump_list (out, doc, "department", jm_document_get_departments (doc));
  dump_list (out, doc, "role", jm_document_get_roles (doc));
  dump_list (out, doc, "connection", jm_document_get_connections (doc));

  for (guint s = 0; s < jm_document_get_n_stages (doc); s++)
    for (guint l = 0; l < jm_document_get_n_lanes (doc); l++)
      {
        const char *stage_id = jm_element_get_id (JM_ELEMENT (jm_document_get_stage (doc, s)));
        const char *lane_id = jm_element_get_id (JM_ELEMENT (jm_document_get_lane (doc, l)));
        GPtrArray *cell = jm_document_get_cell (doc, stage_id, lane_id);

        if (cell == NULL)
          continue;
        g_assert_cmpuint (cell->len, >, 0);
        g_string_append_printf (out, "cell %s/%s\n", stage_id, lane_id);
        for (guint i = 0; i < cell->len; i++)
          {
            JmCard *card = g_ptr_array_index (cell, i);

            g_assert_true (g_ptr_array_index (cards, n_cards) == card);
            g_assert_cmpstr (jm_card_get_stage (card), ==, stage_id);
            g_assert_cmpstr (jm_card_get_lane (card), ==, lane_id);
            dump_object (out, doc, "card", i, G_OBJECT (card));
            n_cards++;
          }
      }

  g_assert_cmpuint (n_cards, ==, jm_document_get_n_cards (doc));
  g_assert_cmpuint (cards->len, ==, n_cards);

  return g_string_free (out, FALSE);
}

/* Compares two dumps; on a difference, says where (and the seed of a random run) and fails. */
static void
assert_same_dump (const char *expected,
                  const char *actual,
                  guint32     seed,
                  const char *context)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;
  guint i;

  if (strcmp (expected, actual) == 0)
    return;

  a = g_strsplit (expected, "\n", -1);
  b = g_strsplit (actual, "\n", -1);
  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (strcmp (a[i], b[i]) != 0)
      break;

  g_test_message ("Document differs (%s; random seed %u, rerun with JM_HISTORY_SEED=%u) "
                  "at line %u:\n  expected: %s\n  actual:   %s",
                  context, seed, seed, i, a[i] ? a[i] : "(end)", b[i] ? b[i] : "(end)");
  g_printerr ("random seed %u (%s)\n", seed, context);
  g_assert_cmpstr (a[i], ==, b[i]);
}

/* ------------------------------------------------------------------------------------------ */
/* Fixture helpers */

static void
insert_ok (JmDocument *doc,
           gpointer    element)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_jm_document_insert (doc, JM_ELEMENT (element), -1, &error));
  g_assert_no_error (error);
  g_object_unref (element);
}

static void
apply_ok (JmHistory *history,
          JmCommand *command)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (command);
  g_assert_true (jm_history_apply (history, command, &error));
  g_assert_no_error (error);
}

static void
assert_undo_label (JmHistory  *history,
                   const char *label)
{
  g_autofree char *actual = jm_history_dup_undo_label (history);

  g_assert_cmpstr (actual, ==, label);
}

/* s1, s2, s3 × l1 (behaviour), l2 (emotions), l3 (custom); cards b1..b3 in s1/l1, e1 in s1/l2,
 * n1 in s2/l3, n2 in s3/l3; connections x1 b1→n1, x2 n2→b2 (step back), x3 n1→n2;
 * role r1 on b1 and n1; b2 and n2 belong to department d2. */
static JmDocument *
new_sample (void)
{
  JmDocument *doc = jm_document_new ();
  const char *r1[] = { "r1", NULL };
  JmCard *card;

  insert_ok (doc, jm_stage_new ("s1", "Awareness"));
  insert_ok (doc, jm_stage_new ("s2", "Consideration"));
  insert_ok (doc, jm_stage_new ("s3", "Decision"));
  insert_ok (doc, jm_lane_new ("l1", JM_LANE_KIND_BEHAVIOUR, "Behaviour"));
  insert_ok (doc, jm_lane_new ("l2", JM_LANE_KIND_EMOTIONS, "Emotions"));
  insert_ok (doc, jm_lane_new ("l3", JM_LANE_KIND_CUSTOM, "Notes"));
  insert_ok (doc, jm_role_new ("r1", JM_ROLE_KIND_DECISION_MAKER, "CTO"));
  insert_ok (doc, jm_role_new ("r2", JM_ROLE_KIND_USER, "Engineer"));

  card = jm_card_new ("b1", JM_CARD_KIND_BEHAVIOUR, "s1", "l1", "Reads a blog post");
  g_object_set (card, "roles", r1, NULL);
  insert_ok (doc, card);
  card = jm_card_new ("b2", JM_CARD_KIND_BEHAVIOUR, "s1", "l1", "Downloads a white paper");
  g_object_set (card, "department", "d2", NULL);
  insert_ok (doc, card);
  insert_ok (doc, jm_card_new ("b3", JM_CARD_KIND_BEHAVIOUR, "s1", "l1", "Compares vendors"));
  card = jm_card_new ("e1", JM_CARD_KIND_EMOTION, "s1", "l2", "Curious");
  g_object_set (card, "score", 2, NULL);
  insert_ok (doc, card);
  card = jm_card_new ("n1", JM_CARD_KIND_NOTE, "s2", "l3", "Asks for a demo");
  g_object_set (card, "roles", r1, NULL);
  insert_ok (doc, card);
  card = jm_card_new ("n2", JM_CARD_KIND_NOTE, "s3", "l3", "Goes back to research");
  g_object_set (card, "department", "d2", NULL);
  insert_ok (doc, card);

  insert_ok (doc, jm_connection_new ("x1", "b1", "n1", JM_CONNECTION_KIND_NEXT));
  insert_ok (doc, jm_connection_new ("x2", "n2", "b2", JM_CONNECTION_KIND_STEP_BACK));
  insert_ok (doc, jm_connection_new ("x3", "n1", "n2", JM_CONNECTION_KIND_NEXT));

  return doc;
}

static JmCard *
card (JmDocument *doc,
      const char *id)
{
  JmElement *element = jm_document_lookup (doc, id);

  g_assert_true (JM_IS_CARD (element));
  return JM_CARD (element);
}

static const char *
cell_id (JmDocument *doc,
         const char *stage,
         const char *lane,
         guint       index)
{
  GPtrArray *cell = jm_document_get_cell (doc, stage, lane);

  g_assert_nonnull (cell);
  g_assert_cmpuint (index, <, cell->len);
  return jm_element_get_id (g_ptr_array_index (cell, index));
}

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

/* ------------------------------------------------------------------------------------------ */
/* Random sequences */

typedef struct
{
  GRand      *rand;
  guint32     seed;
  JmDocument *doc;
  JmHistory  *history;

  /* statistics, per kind of command: set, insert, move, remove, delete */
  int         kind;
  guint       n_ok[5];
  guint       n_failed[5];
  guint64     card_sum;
  guint       card_samples;
  guint       max_cards;
} Fuzz;

static const char *kind_names[] = { "set", "insert", "move", "remove", "delete" };

static const char *words[] = {
  "", "Awareness", "Reads a comparison on Zhihu", "认知", "決策", "Demo", "Price?", "a\nb",
  "Webinar", "Call", "😀",
};

static int
rnd (Fuzz *fz,
     int   n)
{
  return n <= 0 ? 0 : g_rand_int_range (fz->rand, 0, n);
}

static gboolean
chance (Fuzz *fz,
        int   percent)
{
  return rnd (fz, 100) < percent;
}

static const char *
random_word (Fuzz *fz)
{
  return words[rnd (fz, G_N_ELEMENTS (words))];
}

static JmElement *
random_item (Fuzz       *fz,
             GListModel *list)
{
  guint n = g_list_model_get_n_items (list);
  g_autoptr(JmElement) item = NULL;

  if (n == 0)
    return NULL;
  item = g_list_model_get_item (list, rnd (fz, n));
  return item;   /* borrowed: the list keeps a reference */
}

static JmElement *
random_card (Fuzz *fz)
{
  g_autoptr(GPtrArray) cards = jm_document_dup_cards (fz->doc);

  if (cards->len == 0)
    return NULL;
  return g_ptr_array_index (cards, rnd (fz, cards->len));   /* the document keeps it alive */
}

static JmElement *
random_element (Fuzz *fz)
{
  switch (rnd (fz, 7))
    {
    case 0: return random_item (fz, jm_document_get_stages (fz->doc));
    case 1: return random_item (fz, jm_document_get_lanes (fz->doc));
    case 2: return random_item (fz, jm_document_get_departments (fz->doc));
    case 3: return random_item (fz, jm_document_get_roles (fz->doc));
    case 4: return random_item (fz, jm_document_get_connections (fz->doc));
    default: return random_card (fz);
    }
}

static char *
random_color (Fuzz *fz)
{
  if (chance (fz, 20))
    return g_strdup ("");
  if (chance (fz, 5))
    return g_strdup ("blue");   /* invalid: refused */
  return g_strdup_printf ("#%06x", rnd (fz, 0xffffff));
}

static char **
random_roles (Fuzz *fz)
{
  GListModel *roles = jm_document_get_roles (fz->doc);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
    if (chance (fz, 40))
      {
        g_autoptr(JmElement) role = g_list_model_get_item (roles, i);

        g_strv_builder_add (builder, jm_element_get_id (role));
      }
  if (chance (fz, 3))
    g_strv_builder_add (builder, "r-missing");
  return g_strv_builder_end (builder);
}

static JmCommand *
random_set (Fuzz *fz)
{
  JmElement *element = chance (fz, 8) ? NULL : random_element (fz);
  GObject *target = element != NULL ? G_OBJECT (element) : G_OBJECT (fz->doc);
  g_autofree GParamSpec **pspecs = NULL;
  g_autoptr(GPtrArray) writable = g_ptr_array_new ();
  g_auto(GValue) value = G_VALUE_INIT;
  GParamSpec *pspec;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (target), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    if ((pspecs[i]->flags & G_PARAM_WRITABLE) && !(pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY))
      g_ptr_array_add (writable, pspecs[i]);
  if (writable->len == 0)
    return NULL;
  pspec = g_ptr_array_index (writable, rnd (fz, writable->len));

  if (pspec->value_type == G_TYPE_STRING)
    {
      g_autofree char *text = NULL;

      if (strcmp (pspec->name, "color") == 0)
        text = random_color (fz);
      else if (strcmp (pspec->name, "department") == 0)
        {
          JmElement *department = random_item (fz, jm_document_get_departments (fz->doc));

          text = g_strdup (department != NULL && chance (fz, 80) ? jm_element_get_id (department) : "");
        }
      else if (strcmp (pspec->name, "from") == 0 || strcmp (pspec->name, "to") == 0)
        {
          JmElement *other = random_card (fz);

          text = g_strdup (other != NULL ? jm_element_get_id (other) : "c-missing");
        }
      else
        text = g_strdup (random_word (fz));
      return jm_set_string_command_new (element, pspec->name, text);
    }

  if (pspec->value_type == G_TYPE_STRV)
    {
      g_auto(GStrv) roles = random_roles (fz);

      return jm_set_strv_command_new (element, pspec->name, (const char * const *) roles);
    }

  if (pspec->value_type == JM_TYPE_METRICS)
    {
      g_autoptr(JmMetrics) metrics = jm_metrics_new ();
      int n = rnd (fz, 3);

      for (int i = 0; i < n; i++)
        jm_metrics_append (metrics, random_word (fz), rnd (fz, 100), "%", chance (fz, 50),
                           rnd (fz, 100));
      g_value_init (&value, JM_TYPE_METRICS);
      g_value_set_boxed (&value, metrics);
      return jm_set_command_new (element, pspec->name, &value);
    }

  if (pspec->value_type == G_TYPE_BOOLEAN)
    return jm_set_bool_command_new (element, pspec->name, chance (fz, 50));

  if (G_IS_PARAM_SPEC_ENUM (pspec))
    {
      GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;

      /* sometimes one past the end: refused */
      return jm_set_int_command_new (element, pspec->name, rnd (fz, klass->n_values + 1));
    }

  if (G_IS_PARAM_SPEC_INT (pspec))
    {
      GParamSpecInt *ispec = G_PARAM_SPEC_INT (pspec);

      return jm_set_int_command_new (element, pspec->name,
                                     ispec->minimum - 1 + rnd (fz, ispec->maximum - ispec->minimum + 3));
    }

  g_assert_not_reached ();
  return NULL;
}

static JmCommand *
random_insert (Fuzz *fz)
{
  g_autoptr(JmElement) element = NULL;
  g_autofree char *id = NULL;
  int what = rnd (fz, 20);

  if (what == 0)
    {
      if (jm_document_get_n_stages (fz->doc) >= 8)
        return NULL;
      id = jm_document_make_id (fz->doc, "s");
      element = JM_ELEMENT (jm_stage_new (id, random_word (fz)));
    }
  else if (what == 1)
    {
      if (jm_document_get_n_lanes (fz->doc) >= 8)
        return NULL;
      id = jm_document_make_id (fz->doc, "l");
      element = JM_ELEMENT (jm_lane_new (id, rnd (fz, JM_LANE_KIND_CUSTOM + 1), random_word (fz)));
    }
  else if (what == 2)
    {
      g_autofree char *color = random_color (fz);

      id = jm_document_make_id (fz->doc, "d");
      element = JM_ELEMENT (jm_department_new (id, random_word (fz), color));
    }
  else if (what == 3)
    {
      id = jm_document_make_id (fz->doc, "r");
      element = JM_ELEMENT (jm_role_new (id, rnd (fz, JM_ROLE_KIND_CHAMPION + 1), random_word (fz)));
    }
  else if (what == 4 || what == 5)
    {
      JmElement *from = random_card (fz);
      JmElement *to = random_card (fz);

      if (from == NULL || to == NULL)
        return NULL;
      id = jm_document_make_id (fz->doc, "x");
      element = JM_ELEMENT (jm_connection_new (id, jm_element_get_id (from), jm_element_get_id (to),
                                               rnd (fz, 2)));
    }
  else
    {
      JmElement *stage = random_item (fz, jm_document_get_stages (fz->doc));
      JmElement *lane = random_item (fz, jm_document_get_lanes (fz->doc));
      JmLaneKind lane_kind;
      JmCardKind kind;
      g_auto(GStrv) roles = NULL;

      if (stage == NULL || lane == NULL || jm_document_get_n_cards (fz->doc) > 80)
        return NULL;

      lane_kind = jm_lane_get_kind (JM_LANE (lane));
      kind = jm_lane_kind_default_card_kind (lane_kind);
      if (lane_kind == JM_LANE_KIND_CUSTOM || chance (fz, 5))
        kind = rnd (fz, JM_CARD_KIND_NOTE + 1);

      id = jm_document_make_id (fz->doc, "c");
      element = JM_ELEMENT (jm_card_new (id, kind, jm_element_get_id (stage),
                                         jm_element_get_id (lane), random_word (fz)));
      roles = random_roles (fz);
      g_object_set (element, "roles", roles, "score", rnd (fz, 7) - 3, "impact", rnd (fz, 5) + 1,
                    NULL);
      if (chance (fz, 10))
        {
          g_autoptr(JsonObject) extra = json_object_new ();

          json_object_set_string_member (extra, "x-note", random_word (fz));
          _jm_element_set_extra (element, extra);
        }
    }

  return jm_insert_command_new (element, rnd (fz, 5) - 1);
}

static JmCommand *
random_move (Fuzz *fz)
{
  JmElement *element = chance (fz, 70) ? random_card (fz) : random_element (fz);
  int index = rnd (fz, 6) - 1;

  if (element == NULL)
    return NULL;

  if (JM_IS_CARD (element))
    {
      JmElement *stage = random_item (fz, jm_document_get_stages (fz->doc));
      JmElement *lane = random_item (fz, jm_document_get_lanes (fz->doc));

      if (chance (fz, 20))
        return jm_move_command_new (element, NULL, NULL, index);
      return jm_move_command_new (element, jm_element_get_id (stage), jm_element_get_id (lane),
                                  index);
    }

  return jm_move_command_new (element, NULL, NULL, index);
}

static JmCommand *
random_delete (Fuzz *fz)
{
  const char *ids[4] = { NULL, };
  int n = 1 + rnd (fz, 3);
  JmElement *department = random_item (fz, jm_document_get_departments (fz->doc));

  for (int i = 0; i < n; i++)
    {
      /* mostly cards: whole stages and lanes empty the map fast */
      int what = rnd (fz, 100);
      JmElement *element;

      if (what < 55)
        element = random_card (fz);
      else if (what < 70)
        element = random_item (fz, jm_document_get_connections (fz->doc));
      else if (what < 80)
        element = random_item (fz, jm_document_get_roles (fz->doc));
      else if (what < 95)
        element = random_item (fz, jm_document_get_departments (fz->doc));
      else if (what < 98)
        element = random_item (fz, jm_document_get_lanes (fz->doc));
      else
        element = random_item (fz, jm_document_get_stages (fz->doc));

      ids[i] = element != NULL ? jm_element_get_id (element) : "missing";
    }

  return jm_delete_command_new (fz->doc, ids,
                                department != NULL && chance (fz, 60)
                                ? jm_element_get_id (department) : NULL);
}

static JmCommand *
random_command (Fuzz *fz)
{
  int what = rnd (fz, 100);

  if (what < 25)
    {
      fz->kind = 0;
      return random_set (fz);
    }
  if (what < 65)
    {
      fz->kind = 1;
      return random_insert (fz);
    }
  if (what < 85)
    {
      fz->kind = 2;
      return random_move (fz);
    }
  if (what < 93)
    {
      JmElement *element = random_element (fz);

      fz->kind = 3;
      return element != NULL ? jm_remove_command_new (element) : NULL;
    }
  fz->kind = 4;
  return random_delete (fz);
}

/* Applies one random command; TRUE if the document changed through it. */
static gboolean
apply_random (Fuzz *fz)
{
  g_autoptr(GError) error = NULL;
  JmCommand *command = random_command (fz);

  if (command == NULL)
    return FALSE;

  if (jm_history_apply (fz->history, command, &error))
    {
      fz->n_ok[fz->kind]++;
      return TRUE;
    }

  fz->n_failed[fz->kind]++;
  g_assert_nonnull (error);
  g_assert_true (error->domain == JM_DOCUMENT_ERROR);
  return FALSE;
}

static void
run_random (guint32 seed,
            guint   n_steps)
{
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);   /* [position] */
  g_autofree char *context = NULL;
  Fuzz fz = { 0 };
  guint position = 0;
  int clean = 0;
  guint applied = 0;
  guint iterations = 0;

  g_test_message ("random seed %u (rerun with JM_HISTORY_SEED=%u)", seed, seed);

  fz.seed = seed;
  fz.rand = g_rand_new_with_seed (seed);
  fz.doc = new_sample ();
  fz.history = jm_history_new (fz.doc);
  g_ptr_array_add (states, dump_document (fz.doc));

  while (applied < n_steps)
    {
      int what = rnd (&fz, 100);

      iterations++;
      g_assert_cmpuint (iterations, <, n_steps * 20);
      g_free (context);
      context = g_strdup_printf ("iteration %u, position %u", iterations, position);

      jm_history_break_merge (fz.history);

      if (what < 6 && position > 0)
        {
          g_assert_true (jm_history_undo (fz.history));
          position--;
        }
      else if (what < 9 && position + 1 < states->len)
        {
          g_assert_true (jm_history_redo (fz.history));
          position++;
        }
      else if (what < 11)
        {
          jm_history_mark_clean (fz.history);
          clean = position;
        }
      else
        {
          gboolean grouped = what < 20;
          gboolean cancel = grouped && chance (&fz, 25);
          guint n = grouped ? 2 + rnd (&fz, 5) : 1;
          guint kept = 0;        /* commands that make up the new step */
          gboolean any = FALSE;  /* something was applied: the redo steps are gone */

          if (grouped)
            jm_history_begin_group (fz.history, "Random");

          for (guint i = 0; i < n; i++)
            {
              if (grouped && chance (&fz, 15))
                {
                  /* a nested level, sometimes cancelled */
                  gboolean inner_cancel = chance (&fz, 50);
                  g_autofree char *inner_before = dump_document (fz.doc);
                  gboolean ok;

                  jm_history_begin_group (fz.history, "Inner");
                  ok = apply_random (&fz);
                  any |= ok;
                  if (inner_cancel)
                    {
                      g_autofree char *inner_after = NULL;

                      jm_history_cancel_group (fz.history);
                      inner_after = dump_document (fz.doc);
                      assert_same_dump (inner_before, inner_after, seed, context);
                    }
                  else
                    {
                      jm_history_end_group (fz.history);
                      kept += ok;
                    }
                }
              else if (apply_random (&fz))
                {
                  any = TRUE;
                  kept++;
                }
            }

          if (grouped && cancel)
            {
              jm_history_cancel_group (fz.history);
              kept = 0;
            }
          else if (grouped)
            jm_history_end_group (fz.history);

          if (any)
            {
              g_ptr_array_set_size (states, position + 1);
              if (clean > (int) position)
                clean = -1;   /* the clean state was among the discarded redo steps */
            }

          if (kept > 0)
            {
              g_ptr_array_add (states, dump_document (fz.doc));
              position++;
              applied++;
            }
        }

      {
        g_autofree char *now = dump_document (fz.doc);

        assert_same_dump (g_ptr_array_index (states, position), now, seed, context);
      }
      g_assert_cmpint (jm_history_get_modified (fz.history), ==, (int) position != clean);

      fz.card_sum += jm_document_get_n_cards (fz.doc);
      fz.card_samples++;
      fz.max_cards = MAX (fz.max_cards, jm_document_get_n_cards (fz.doc));
    }

  /* undo to the start, checking every intermediate state */
  while (position > 0)
    {
      g_autofree char *now = NULL;

      g_assert_true (jm_history_undo (fz.history));
      position--;
      now = dump_document (fz.doc);
      g_free (context);
      context = g_strdup_printf ("undo to position %u", position);
      assert_same_dump (g_ptr_array_index (states, position), now, seed, context);
    }
  g_assert_false (jm_history_undo (fz.history));

  /* and redo to the end */
  while (position + 1 < states->len)
    {
      g_autofree char *now = NULL;

      g_assert_true (jm_history_redo (fz.history));
      position++;
      now = dump_document (fz.doc);
      g_free (context);
      context = g_strdup_printf ("redo to position %u", position);
      assert_same_dump (g_ptr_array_index (states, position), now, seed, context);
    }
  g_assert_false (jm_history_redo (fz.history));

  g_test_message ("%u steps in %u iterations; cards: %u at the end, %.1f on average, %u at most",
                  applied, iterations, jm_document_get_n_cards (fz.doc),
                  (double) fz.card_sum / fz.card_samples, fz.max_cards);
  for (guint k = 0; k < G_N_ELEMENTS (kind_names); k++)
    {
      g_test_message ("  %-6s %4u applied, %4u refused", kind_names[k], fz.n_ok[k], fz.n_failed[k]);
      /* every kind of command really ran */
      g_assert_cmpuint (fz.n_ok[k], >=, 20);
    }
  /* the map did not degenerate into an empty one */
  g_assert_cmpfloat ((double) fz.card_sum / fz.card_samples, >=, 5.0);

  g_rand_free (fz.rand);
  g_assert_finalize_object (fz.history);
  g_assert_finalize_object (fz.doc);
}

static void
test_random_fixed (void)
{
  run_random (20261123, 600);
}

static void
test_random (void)
{
  const char *env = g_getenv ("JM_HISTORY_SEED");
  guint32 seed = env != NULL ? (guint32) g_ascii_strtoull (env, NULL, 10)
                             : (guint32) g_test_rand_int ();

  run_random (seed, 600);
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
  g_test_add_func ("/core/history/random-fixed-seed", test_random_fixed);
  g_test_add_func ("/core/history/random", test_random);

  return g_test_run ();
}
