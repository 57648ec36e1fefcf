/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of commands and JmHistory: a long random sequence of commands undone and redone
 * against full dumps of the document. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "jm-core.h"
#include "jm-history-test-util.h"
#include "model/jm-document-private.h"

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

  g_test_add_func ("/core/history/random-fixed-seed", test_random_fixed);
  g_test_add_func ("/core/history/random", test_random);

  return g_test_run ();
}
