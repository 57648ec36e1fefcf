/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the history and edit-operation tests: full dumps of a document (every element,
 * every readable property, unknown keys) and a small sample map. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "jm-history-test-util.h"
#include "model/jm-document-private.h"

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

char *
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
void
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

void
insert_ok (JmDocument *doc,
           gpointer    element)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_jm_document_insert (doc, JM_ELEMENT (element), -1, &error));
  g_assert_no_error (error);
  g_object_unref (element);
}

void
apply_ok (JmHistory *history,
          JmCommand *command)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (command);
  g_assert_true (jm_history_apply (history, command, &error));
  g_assert_no_error (error);
}

void
assert_undo_label (JmHistory  *history,
                   const char *label)
{
  g_autofree char *actual = jm_history_dup_undo_label (history);

  g_assert_cmpstr (actual, ==, label);
}

/* s1, s2, s3 × l1 (behaviour), l2 (emotions), l3 (custom); cards b1..b3 in s1/l1, e1 in s1/l2,
 * n1 in s2/l3, n2 in s3/l3; connections x1 b1→n1, x2 n2→b2 (step back), x3 n1→n2;
 * role r1 on b1 and n1; b2 and n2 belong to department d2. */
JmDocument *
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

JmCard *
card (JmDocument *doc,
      const char *id)
{
  JmElement *element = jm_document_lookup (doc, id);

  g_assert_true (JM_IS_CARD (element));
  return JM_CARD (element);
}

const char *
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
