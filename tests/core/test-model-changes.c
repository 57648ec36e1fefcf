/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the document model: change signals, list models, connections, stage
 * scores, metrics, copies, lifetime, unknown keys and many cards. */
#include "config.h"

#include <string.h>

#include "jm-test-model.h"

typedef struct
{
  JmChangeType  type;
  JmElement    *element;
  char         *property;
  JmDocument   *document_during;   /* the element's document while the signal runs */
} Change;

static void
change_clear (gpointer data)
{
  Change *change = data;

  g_clear_object (&change->element);
  g_free (change->property);
}

static void
changed_cb (JmDocument   *doc,
            JmChangeType  type,
            JmElement    *element,
            const char   *property,
            GArray       *changes)
{
  Change change = { type, element ? g_object_ref (element) : NULL, g_strdup (property),
                    element ? jm_element_get_document (element) : NULL };

  g_array_append_val (changes, change);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
test_changed_signal (void)
{
  JmDocument *doc = new_grid ();
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_autoptr(GPtrArray) notified = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(JmCard) card = jm_card_new ("c1", JM_CARD_KIND_EMOTION, "s1", "l2", "Happy");
  g_auto(GValue) value = G_VALUE_INIT;
  Change *change;
  int index;

  g_array_set_clear_func (changes, change_clear);
  g_signal_connect (doc, "changed", G_CALLBACK (changed_cb), changes);
  g_signal_connect (card, "notify", G_CALLBACK (notify_cb), notified);
  g_signal_connect (doc, "notify", G_CALLBACK (notify_cb), notified);

  g_assert_true (_jm_document_insert (doc, JM_ELEMENT (card), -1, &error));
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpint (change->type, ==, JM_CHANGE_INSERTED);
  g_assert_true (change->element == JM_ELEMENT (card));
  g_assert_null (change->property);
  g_assert_true (change->document_during == doc);

  g_assert_true (set_int (doc, card, "score", -2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jm_card_get_score (card), ==, -2);
  g_assert_cmpuint (changes->len, ==, 2);
  change = &g_array_index (changes, Change, 1);
  g_assert_cmpint (change->type, ==, JM_CHANGE_PROPERTY);
  g_assert_true (change->element == JM_ELEMENT (card));
  g_assert_cmpstr (change->property, ==, "score");
  g_assert_cmpuint (notified->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (notified, 0), ==, "score");

  /* setting the same value again changes nothing and says nothing */
  g_assert_true (set_int (doc, card, "score", -2, &error));
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpuint (notified->len, ==, 1);

  /* the document's own metadata: element NULL, plus notify */
  g_assert_true (set_string (doc, NULL, "title", "B2B SaaS journey", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (jm_document_get_title (doc), ==, "B2B SaaS journey");
  change = &g_array_index (changes, Change, 2);
  g_assert_cmpint (change->type, ==, JM_CHANGE_PROPERTY);
  g_assert_null (change->element);
  g_assert_cmpstr (change->property, ==, "title");
  g_assert_cmpstr (g_ptr_array_index (notified, 1), ==, "title");

  /* roles (boxed strv) */
  insert_ok (doc, jm_role_new ("r1", JM_ROLE_KIND_BUYER, "Buyer"), -1);
  {
    const char *roles[] = { "r1", NULL };

    g_value_init (&value, G_TYPE_STRV);
    g_value_set_boxed (&value, roles);
    set_ok (doc, card, "roles", &value);
    g_value_unset (&value);
  }
  change = &g_array_index (changes, Change, changes->len - 1);
  g_assert_cmpstr (change->property, ==, "roles");
  g_assert_true (jm_card_has_role (card, "r1"));

  /* move to the custom lane */
  g_ptr_array_set_size (notified, 0);
  g_assert_true (_jm_document_move (doc, JM_ELEMENT (card), "s2", "l3", 0, &error));
  g_assert_no_error (error);
  change = &g_array_index (changes, Change, changes->len - 1);
  g_assert_cmpint (change->type, ==, JM_CHANGE_MOVED);
  g_assert_true (change->element == JM_ELEMENT (card));
  g_assert_null (change->property);
  g_assert_cmpuint (notified->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (notified, "stage", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (notified, "lane", g_str_equal, NULL));

  /* a move to where it is already says nothing */
  g_array_set_size (changes, 0);
  g_assert_true (_jm_document_move (doc, JM_ELEMENT (card), "s2", "l3", 0, &error));
  g_assert_cmpuint (changes->len, ==, 0);

  /* removal: the element is still alive and still in the document during the signal */
  index = _jm_document_remove (doc, JM_ELEMENT (card), &error);
  g_assert_no_error (error);
  g_assert_cmpint (index, ==, 0);
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpint (change->type, ==, JM_CHANGE_REMOVED);
  g_assert_true (change->element == JM_ELEMENT (card));
  g_assert_true (change->document_during == doc);
  g_assert_null (jm_element_get_document (JM_ELEMENT (card)));
  g_assert_null (jm_document_lookup (doc, "c1"));
  g_assert_cmpuint (jm_document_get_n_cards (doc), ==, 0);

  g_array_set_size (changes, 0);
  g_signal_handlers_disconnect_by_data (doc, changes);
  g_signal_handlers_disconnect_by_data (doc, notified);
  g_signal_handlers_disconnect_by_data (card, notified);
  g_assert_finalize_object (doc);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_list_models (void)
{
  JmDocument *doc = jm_document_new_blank ();
  guint count = 0;
  g_autoptr(GError) error = NULL;

  g_signal_connect (jm_document_get_stages (doc), "items-changed",
                    G_CALLBACK (items_changed_cb), &count);
  insert_ok (doc, jm_stage_new ("s1", "A"), -1);
  insert_ok (doc, jm_stage_new ("s2", "B"), -1);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (jm_document_get_stages (doc)), ==, 2);
  g_assert_true (g_list_model_get_item_type (jm_document_get_stages (doc)) == JM_TYPE_STAGE);
  g_assert_cmpint (_jm_document_remove (doc, jm_document_lookup (doc, "s1"), &error), ==, 0);
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpuint (jm_document_get_n_stages (doc), ==, 1);

  g_signal_handlers_disconnect_by_data (jm_document_get_stages (doc), &count);
  g_assert_finalize_object (doc);
}

static void
test_connections (void)
{
  JmDocument *doc = new_grid ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  JmElement *x2;

  insert_ok (doc, jm_card_new ("c1", JM_CARD_KIND_NOTE, "s1", "l3", NULL), -1);
  insert_ok (doc, jm_card_new ("c2", JM_CARD_KIND_NOTE, "s2", "l3", NULL), -1);
  insert_ok (doc, jm_card_new ("c3", JM_CARD_KIND_NOTE, "s2", "l3", NULL), -1);
  insert_ok (doc, jm_connection_new ("x1", "c1", "c2", JM_CONNECTION_KIND_NEXT), -1);
  insert_ok (doc, jm_connection_new ("x2", "c3", "c1", JM_CONNECTION_KIND_STEP_BACK), -1);

  list = jm_document_dup_card_connections (doc, "c1");
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = jm_document_dup_card_connections (doc, "c3");
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (jm_element_get_id (g_ptr_array_index (list, 0)), ==, "x2");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* re-pointing a connection updates the index */
  x2 = jm_document_lookup (doc, "x2");
  g_assert_true (set_string (doc, x2, "to", "c2", &error));
  g_assert_no_error (error);
  list = jm_document_dup_card_connections (doc, "c1");
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = jm_document_dup_card_connections (doc, "c2");
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_false (set_string (doc, x2, "from", "c404", &error));
  g_assert_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);

  /* c1 has one connection left (x1); remove it, then c1 can go */
  g_assert_cmpint (_jm_document_remove (doc, jm_document_lookup (doc, "x1"), &error), ==, 0);
  g_assert_cmpint (_jm_document_remove (doc, jm_document_lookup (doc, "c1"), &error), ==, 0);
  g_assert_no_error (error);
  list = jm_document_dup_card_connections (doc, "c1");
  g_assert_cmpuint (list->len, ==, 0);

  g_assert_finalize_object (doc);
}

static void
add_emotion (JmDocument *doc,
             const char *id,
             const char *stage,
             const char *lane,
             int         score)
{
  JmCard *card = jm_card_new (id, JM_CARD_KIND_EMOTION, stage, lane, NULL);
  g_autoptr(GError) error = NULL;

  insert_ok (doc, g_object_ref (card), -1);
  g_assert_true (set_int (doc, card, "score", score, &error));
  g_assert_no_error (error);
  g_object_unref (card);
}

static void
test_stage_score (void)
{
  JmDocument *doc = new_grid ();
  double score = 99;

  g_assert_false (jm_document_get_stage_score (doc, "s1", &score));
  g_assert_false (jm_document_get_stage_score (doc, "nope", &score));

  add_emotion (doc, "e1", "s1", "l2", 3);
  add_emotion (doc, "e2", "s1", "l2", -2);
  g_assert_true (jm_document_get_stage_score (doc, "s1", &score));
  g_assert_cmpfloat_with_epsilon (score, 0.5, 1e-9);

  /* emotion cards in a custom lane do not count; other stages do not count */
  add_emotion (doc, "e3", "s1", "l3", -3);
  add_emotion (doc, "e4", "s2", "l2", -3);
  g_assert_true (jm_document_get_stage_score (doc, "s1", &score));
  g_assert_cmpfloat_with_epsilon (score, 0.5, 1e-9);

  /* a second emotions lane counts; the mean is rounded to one decimal */
  insert_ok (doc, jm_lane_new ("l4", JM_LANE_KIND_EMOTIONS, "More emotions"), -1);
  add_emotion (doc, "e5", "s1", "l4", 1);
  g_assert_true (jm_document_get_stage_score (doc, "s1", &score));
  g_assert_cmpfloat_with_epsilon (score, 0.7, 1e-9);   /* 2/3 */
  g_assert_true (jm_document_get_stage_score (doc, "s2", &score));
  g_assert_cmpfloat_with_epsilon (score, -3.0, 1e-9);

  g_assert_finalize_object (doc);
}

static void
test_metrics (void)
{
  g_autoptr(JmMetrics) a = jm_metrics_new ();
  g_autoptr(JmMetrics) b = jm_metrics_new ();
  const JmMetric *m;

  g_assert_true (jm_metrics_equal (a, b));
  jm_metrics_append (a, "Conversion", 12, "%", TRUE, 15);
  jm_metrics_append (a, "Deals", 3, NULL, FALSE, 0);
  g_assert_false (jm_metrics_equal (a, b));
  jm_metrics_append (b, "Conversion", 12, "%", TRUE, 15);
  jm_metrics_append (b, "Deals", 3, "", FALSE, 99);   /* target ignored without has_target */
  g_assert_true (jm_metrics_equal (a, b));

  g_assert_cmpuint (jm_metrics_get_n (a), ==, 2);
  m = jm_metrics_get (a, 0);
  g_assert_cmpstr (m->name, ==, "Conversion");
  g_assert_cmpfloat (m->value, ==, 12);
  g_assert_cmpstr (m->unit, ==, "%");
  g_assert_true (m->has_target);
  g_assert_cmpfloat (m->target, ==, 15);
  g_assert_cmpstr (jm_metrics_get (a, 1)->unit, ==, "");
  g_assert_null (jm_metrics_get (a, 2));

  {
    JmMetrics *copy = g_boxed_copy (JM_TYPE_METRICS, a);

    g_assert_true (copy == a);
    g_boxed_free (JM_TYPE_METRICS, copy);
  }
}

static void
test_copy (void)
{
  JmDocument *doc = new_grid ();
  JmCard *card = jm_card_new ("c1", JM_CARD_KIND_RESPONSIBILITY, "s2", "l3", "Follow up");
  g_autoptr(JmMetrics) metrics = jm_metrics_new ();
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(JmElement) copy = NULL;
  g_autoptr(JmElement) stage_copy = NULL;
  const char *roles[] = { "r1", "r2", NULL };
  g_autoptr(JsonNode) extra_node = NULL;
  g_autoptr(JsonNode) copy_node = NULL;
  JmElement *stage;
  guint n_pspecs;
  g_autofree GParamSpec **pspecs = NULL;

  insert_ok (doc, jm_role_new ("r1", JM_ROLE_KIND_USER, "User"), -1);
  insert_ok (doc, jm_role_new ("r2", JM_ROLE_KIND_BUYER, "Buyer"), -1);
  g_object_set (card,
                "notes", "Call within a week",
                "color", "#ff7800",
                "link", "https://example.com",
                "roles", roles,
                "channel", JM_CHANNEL_CALL,
                "online", FALSE,
                "score", -1,
                "feeling", "Anxious",
                "impact", 5,
                "effort", 2,
                "status", JM_STATUS_IN_PROGRESS,
                "department", "d2",
                "owner", "Li Wei",
                NULL);
  json_object_set_string_member (extra, "x-custom", "kept");
  json_object_set_array_member (extra, "x-list", json_array_new ());
  _jm_element_set_extra (JM_ELEMENT (card), extra);
  insert_ok (doc, g_object_ref (card), -1);

  copy = jm_element_copy (JM_ELEMENT (card), "c2");
  g_assert_true (JM_IS_CARD (copy));
  g_assert_cmpstr (jm_element_get_id (copy), ==, "c2");
  g_assert_null (jm_element_get_document (copy));

  /* every readable property but the id is equal */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (card), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;
      g_autofree char *sa = NULL;
      g_autofree char *sb = NULL;

      if (strcmp (pspecs[i]->name, "id") == 0)
        continue;
      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (card), pspecs[i]->name, &va);
      g_object_get_property (G_OBJECT (copy), pspecs[i]->name, &vb);
      sa = g_strdup_value_contents (&va);
      sb = g_strdup_value_contents (&vb);
      g_assert_cmpstr (sa, ==, sb);
    }
  g_assert_cmpstr (jm_card_get_stage (JM_CARD (copy)), ==, "s2");
  g_assert_cmpstr (jm_card_get_lane (JM_CARD (copy)), ==, "l3");
  g_assert_cmpstrv (jm_card_get_roles (JM_CARD (copy)), roles);
  g_assert_cmpint (jm_card_get_impact (JM_CARD (copy)), ==, 5);
  g_assert_false (jm_card_get_online (JM_CARD (copy)));
  g_assert_cmpstr (jm_card_get_owner (JM_CARD (copy)), ==, "Li Wei");

  /* unknown keys: equal, but not shared */
  g_assert_nonnull (_jm_element_get_extra (copy));
  g_assert_true (_jm_element_get_extra (copy) != extra);
  extra_node = json_node_init_object (json_node_alloc (), extra);
  copy_node = json_node_init_object (json_node_alloc (), _jm_element_get_extra (copy));
  g_assert_true (json_node_equal (extra_node, copy_node));

  /* the copy can go into the document next to the original */
  insert_ok (doc, g_object_ref (copy), -1);
  g_assert_cmpuint (jm_document_get_cell (doc, "s2", "l3")->len, ==, 2);

  /* a stage with metrics; same id when new_id is NULL */
  stage = jm_document_lookup (doc, "s1");
  jm_metrics_append (metrics, "Conversion", 12, "%", TRUE, 15);
  {
    g_auto(GValue) value = G_VALUE_INIT;

    g_value_init (&value, JM_TYPE_METRICS);
    g_value_set_boxed (&value, metrics);
    set_ok (doc, stage, "metrics", &value);
  }
  stage_copy = jm_element_copy (stage, NULL);
  g_assert_cmpstr (jm_element_get_id (stage_copy), ==, "s1");
  g_assert_cmpstr (jm_stage_get_title (JM_STAGE (stage_copy)), ==, "Awareness");
  g_assert_true (jm_metrics_equal (jm_stage_get_metrics (JM_STAGE (stage_copy)), metrics));

  g_object_unref (card);
  g_assert_finalize_object (doc);
  g_assert_null (jm_element_get_document (copy));
}

static void
test_lifetime (void)
{
  JmDocument *doc = new_grid ();
  JmElement *stage = g_object_ref (jm_document_lookup (doc, "s1"));

  g_assert_true (jm_element_get_document (stage) == doc);
  g_assert_finalize_object (doc);
  /* the back-pointer is weak and cleared */
  g_assert_null (jm_element_get_document (stage));
  g_assert_finalize_object (stage);
}

static void
test_extra (void)
{
  JmDocument *doc = jm_document_new_blank ();
  JsonObject *extra = json_object_new ();

  json_object_set_int_member (extra, "x-future", 7);
  _jm_document_set_extra (doc, extra);
  json_object_unref (extra);
  g_assert_true (jm_document_get_extra (doc) == extra);
  g_assert_cmpint (json_object_get_int_member (jm_document_get_extra (doc), "x-future"), ==, 7);
  _jm_document_set_extra (doc, NULL);
  g_assert_null (jm_document_get_extra (doc));

  g_assert_finalize_object (doc);
}

static void
test_many_cards (void)
{
  JmDocument *doc = jm_document_new ();
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GTimer) timer = NULL;
  char id[32];
  double elapsed;

  for (guint s = 0; s < 20; s++)
    {
      g_snprintf (id, sizeof id, "s%u", s + 1);
      insert_ok (doc, jm_stage_new (id, NULL), -1);
    }
  for (guint l = 0; l < 10; l++)
    {
      g_snprintf (id, sizeof id, "l%u", l + 1);
      insert_ok (doc, jm_lane_new (id, JM_LANE_KIND_CUSTOM, NULL), -1);
    }

  timer = g_timer_new ();
  for (guint i = 0; i < 10000; i++)
    {
      char stage[16], lane[16];
      g_autoptr(JmCard) card = NULL;

      g_snprintf (id, sizeof id, "c%u", i + 1);
      g_snprintf (stage, sizeof stage, "s%u", i % 20 + 1);
      g_snprintf (lane, sizeof lane, "l%u", i / 20 % 10 + 1);
      card = jm_card_new (id, JM_CARD_KIND_NOTE, stage, lane, "A card");
      g_assert_true (_jm_document_insert (doc, JM_ELEMENT (card), -1, NULL));
    }
  for (guint i = 0; i + 1 < 10000; i += 2)
    {
      char from[16], to[16];
      g_autoptr(JmConnection) connection = NULL;

      g_snprintf (id, sizeof id, "x%u", i + 1);
      g_snprintf (from, sizeof from, "c%u", i + 1);
      g_snprintf (to, sizeof to, "c%u", i + 2);
      connection = jm_connection_new (id, from, to, JM_CONNECTION_KIND_NEXT);
      g_assert_true (_jm_document_insert (doc, JM_ELEMENT (connection), -1, NULL));
    }
  elapsed = g_timer_elapsed (timer, NULL);
  g_test_message ("10,000 cards and 5,000 connections created and inserted in %.1f ms",
                  elapsed * 1000);

  g_assert_cmpuint (jm_document_get_n_cards (doc), ==, 10000);
  cards = jm_document_dup_cards (doc);
  g_assert_cmpuint (cards->len, ==, 10000);
  g_assert_cmpstr (card_id_at (cards, 0), ==, "c1");
  g_assert_cmpstr (card_id_at (cards, 1), ==, "c201");   /* same stage, next in lane order */
  g_clear_pointer (&cards, g_ptr_array_unref);

  {
    g_autofree char *next = jm_document_make_id (doc, "c");

    g_assert_cmpstr (next, ==, "c10001");
  }

  g_assert_finalize_object (doc);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/model/changed-signal", test_changed_signal);
  g_test_add_func ("/core/model/list-models", test_list_models);
  g_test_add_func ("/core/model/connections", test_connections);
  g_test_add_func ("/core/model/stage-score", test_stage_score);
  g_test_add_func ("/core/model/metrics", test_metrics);
  g_test_add_func ("/core/model/copy", test_copy);
  g_test_add_func ("/core/model/lifetime", test_lifetime);
  g_test_add_func ("/core/model/extra", test_extra);
  g_test_add_func ("/core/model/many-cards", test_many_cards);

  return g_test_run ();
}
