/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in templates and the sample map: each loads through the one loader, has the
 * structure the sources describe, and is byte-identical after load → save. */
#include "config.h"

#include <string.h>

#include "jm-core.h"

#define RESOURCE_PREFIX "/io/github/journeymaps/JourneyMaps/"

static const char * const languages[] = { "en", "zh_CN", "zh_TW" };

typedef struct
{
  JmTemplate  template;
  guint       n_stages;
  const char *first_stage[3];   /* en, zh_CN, zh_TW */
} TemplateExpect;

static const TemplateExpect expected[] = {
  { JM_TEMPLATE_CLASSIC,   5, { "Awareness", "认知", "認知" } },
  { JM_TEMPLATE_SAAS,      8, { "Discover", "发觉", "發覺" } },
  { JM_TEMPLATE_SERVICES,  4, { "Pre-purchase", "预购体验", "預購體驗" } },
  { JM_TEMPLATE_LIFECYCLE, 5, { "Attract", "吸引", "吸引" } },
  { JM_TEMPLATE_GARTNER,   6, { "Problem identification", "问题调查", "問題調查" } },
};

static const char * const sample_stage_titles[3][8] = {
  { "Discover", "Research", "Compare", "Decide", "Sign", "Integrate", "Validate", "Promote" },
  { "发觉", "研究", "比较", "决策", "签约", "融合", "验证", "推广" },
  { "發覺", "研究", "比較", "決策", "簽約", "融合", "驗證", "推廣" },
};

static JmLane *
find_lane (JmDocument *document,
           JmLaneKind  kind)
{
  for (guint i = 0; i < jm_document_get_n_lanes (document); i++)
    {
      JmLane *lane = jm_document_get_lane (document, i);

      if (jm_lane_get_kind (lane) == kind)
        return lane;
    }

  return NULL;
}

static guint
cell_size (JmDocument *document,
           JmStage    *stage,
           JmLane     *lane)
{
  GPtrArray *cell = jm_document_get_cell (document,
                                          jm_element_get_id (JM_ELEMENT (stage)),
                                          jm_element_get_id (JM_ELEMENT (lane)));

  return cell != NULL ? cell->len : 0;
}

static JmCard *
lookup_card (JmDocument *document,
             const char *id)
{
  JmElement *element = jm_document_lookup (document, id);

  g_assert_nonnull (element);
  g_assert_true (JM_IS_CARD (element));
  return JM_CARD (element);
}

static void
assert_cards_accepted (JmDocument *document)
{
  g_autoptr(GPtrArray) cards = jm_document_dup_cards (document);

  g_assert_cmpuint (cards->len, ==, jm_document_get_n_cards (document));
  for (guint i = 0; i < cards->len; i++)
    {
      JmCard *card = g_ptr_array_index (cards, i);
      JmElement *lane = jm_document_lookup (document, jm_card_get_lane (card));

      g_assert_nonnull (lane);
      g_assert_true (JM_IS_LANE (lane));
      g_assert_nonnull (jm_document_lookup (document, jm_card_get_stage (card)));
      g_assert_true (jm_lane_kind_accepts (jm_lane_get_kind (JM_LANE (lane)),
                                           jm_card_get_kind (card)));
      g_assert_cmpstr (jm_card_get_text (card), !=, "");
    }
}

static void
assert_fresh_time (const char *stamp)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_nonnull (stamp);
  g_assert_true (g_str_has_suffix (stamp, "Z"));
  time = g_date_time_new_from_iso8601 (stamp, NULL);
  g_assert_nonnull (time);
  g_assert_cmpint (g_date_time_difference (now, time), >=, 0);
  g_assert_cmpint (g_date_time_difference (now, time), <, 5 * 60 * G_TIME_SPAN_SECOND);
}

static void
test_template_load (gconstpointer data)
{
  const TemplateExpect *expect = data;

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JmDocument) document = NULL;
      JmLane *touchpoints, *content, *emotions, *responsibilities;
      guint n_departments;

      g_test_message ("%s, %s", jm_template_get_id (expect->template), languages[l]);
      document = jm_document_new_from_template (expect->template, languages[l], &error);
      g_assert_no_error (error);
      g_assert_nonnull (document);

      g_assert_cmpstr (jm_document_get_title (document), !=, "");
      g_assert_cmpstr (jm_document_get_description (document), !=, "");
      assert_fresh_time (jm_document_get_created (document));
      g_assert_cmpstr (jm_document_get_created (document), ==,
                       jm_document_get_modified (document));

      g_assert_cmpuint (jm_document_get_n_stages (document), ==, expect->n_stages);
      g_assert_cmpstr (jm_stage_get_title (jm_document_get_stage (document, 0)), ==,
                       expect->first_stage[l]);
      g_assert_cmpuint (jm_document_get_n_lanes (document), ==, 8);

      /* The five default departments, in order. */
      n_departments = g_list_model_get_n_items (jm_document_get_departments (document));
      g_assert_cmpuint (n_departments, ==, 5);
      {
        static const char * const colors[] = {
          "#e66100", "#3584e4", "#2ec27e", "#9141ac", "#c64600",
        };

        for (guint d = 0; d < n_departments; d++)
          {
            g_autoptr(JmDepartment) department =
              g_list_model_get_item (jm_document_get_departments (document), d);
            g_autofree char *id = g_strdup_printf ("d%u", d + 1);

            g_assert_cmpstr (jm_element_get_id (JM_ELEMENT (department)), ==, id);
            g_assert_cmpstr (jm_department_get_color (department), ==, colors[d]);
            g_assert_cmpstr (jm_department_get_name (department), !=, "");
          }
      }

      /* Starter cards in every stage: touchpoints, content, one neutral emotion, owners. */
      g_assert_cmpuint (jm_document_get_n_cards (document), >=, 5 * expect->n_stages);
      touchpoints = find_lane (document, JM_LANE_KIND_TOUCHPOINTS);
      content = find_lane (document, JM_LANE_KIND_CONTENT);
      emotions = find_lane (document, JM_LANE_KIND_EMOTIONS);
      responsibilities = find_lane (document, JM_LANE_KIND_RESPONSIBILITIES);
      g_assert_nonnull (touchpoints);
      g_assert_nonnull (content);
      g_assert_nonnull (emotions);
      g_assert_nonnull (responsibilities);
      g_assert_nonnull (find_lane (document, JM_LANE_KIND_BEHAVIOUR));
      g_assert_nonnull (find_lane (document, JM_LANE_KIND_CONCERNS));
      g_assert_nonnull (find_lane (document, JM_LANE_KIND_PAIN_POINTS));
      g_assert_nonnull (find_lane (document, JM_LANE_KIND_OPPORTUNITIES));

      for (guint s = 0; s < expect->n_stages; s++)
        {
          JmStage *stage = jm_document_get_stage (document, s);
          const char *stage_id = jm_element_get_id (JM_ELEMENT (stage));
          GPtrArray *cell;

          g_assert_cmpstr (jm_stage_get_customer_goal (stage), !=, "");
          g_assert_cmpstr (jm_stage_get_business_goal (stage), !=, "");
          g_assert_true (g_str_has_prefix (jm_stage_get_color (stage), "#"));

          g_assert_cmpuint (cell_size (document, stage, touchpoints), >=, 2);
          g_assert_cmpuint (cell_size (document, stage, touchpoints), <=, 3);
          g_assert_cmpuint (cell_size (document, stage, content), >=, 1);
          g_assert_cmpuint (cell_size (document, stage, content), <=, 3);

          cell = jm_document_get_cell (document, stage_id,
                                       jm_element_get_id (JM_ELEMENT (emotions)));
          g_assert_nonnull (cell);
          g_assert_cmpuint (cell->len, ==, 1);
          g_assert_cmpint (jm_card_get_score (g_ptr_array_index (cell, 0)), ==, 0);

          cell = jm_document_get_cell (document, stage_id,
                                       jm_element_get_id (JM_ELEMENT (responsibilities)));
          g_assert_nonnull (cell);
          for (guint c = 0; c < cell->len; c++)
            {
              JmElement *department =
                jm_document_lookup (document,
                                    jm_card_get_department (g_ptr_array_index (cell, c)));

              g_assert_nonnull (department);
              g_assert_true (JM_IS_DEPARTMENT (department));
            }
        }

      assert_cards_accepted (document);
    }
}

static void
test_template_names (void)
{
  for (guint t = 0; t < JM_N_TEMPLATES; t++)
    {
      g_assert_cmpstr (jm_template_get_id (t), ==, jm_template_get_id (expected[t].template));
      g_assert_cmpstr (jm_template_get_name (t), !=, "");
      g_assert_cmpstr (jm_template_get_description (t), !=, "");
    }
  g_assert_cmpstr (jm_template_get_id (JM_TEMPLATE_CLASSIC), ==, "classic");
  g_assert_cmpstr (jm_template_get_id (JM_TEMPLATE_SAAS), ==, "saas");
  g_assert_cmpstr (jm_template_get_id (JM_TEMPLATE_SERVICES), ==, "services");
  g_assert_cmpstr (jm_template_get_id (JM_TEMPLATE_LIFECYCLE), ==, "lifecycle");
  g_assert_cmpstr (jm_template_get_id (JM_TEMPLATE_GARTNER), ==, "gartner");
}

/* Templates in every language have the same ids in the same places: only texts differ. */
static void
test_template_languages_match (void)
{
  for (guint t = 0; t < JM_N_TEMPLATES; t++)
    {
      g_autoptr(GPtrArray) reference = NULL;
      g_autoptr(JmDocument) first = NULL;

      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(JmDocument) document = jm_document_new_from_template (t, languages[l],
                                                                          &error);
          g_autoptr(GPtrArray) cards = NULL;

          g_assert_no_error (error);
          cards = jm_document_dup_cards (document);
          if (reference == NULL)
            {
              reference = g_steal_pointer (&cards);
              first = g_steal_pointer (&document);
              continue;
            }

          g_assert_cmpuint (cards->len, ==, reference->len);
          for (guint c = 0; c < cards->len; c++)
            {
              JmCard *a = g_ptr_array_index (reference, c);
              JmCard *b = g_ptr_array_index (cards, c);

              g_assert_cmpstr (jm_element_get_id (JM_ELEMENT (a)), ==,
                               jm_element_get_id (JM_ELEMENT (b)));
              g_assert_cmpstr (jm_card_get_stage (a), ==, jm_card_get_stage (b));
              g_assert_cmpstr (jm_card_get_lane (a), ==, jm_card_get_lane (b));
              g_assert_cmpint (jm_card_get_kind (a), ==, jm_card_get_kind (b));
              g_assert_cmpint (jm_card_get_channel (a), ==, jm_card_get_channel (b));
              g_assert_cmpint (jm_card_get_online (a), ==, jm_card_get_online (b));
              g_assert_cmpstr (jm_card_get_department (a), ==, jm_card_get_department (b));
            }
          g_assert_cmpuint (g_list_model_get_n_items (jm_document_get_connections (document)),
                            ==,
                            g_list_model_get_n_items (jm_document_get_connections (first)));
        }
    }
}

/* Buyers step back [004]: the Gartner template shows it with step-back connections. */
static void
test_template_gartner_steps_back (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDocument) document = jm_document_new_from_template (JM_TEMPLATE_GARTNER, "en",
                                                                  &error);
  GListModel *connections;
  guint n_back = 0;

  g_assert_no_error (error);
  connections = jm_document_get_connections (document);
  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(JmConnection) connection = g_list_model_get_item (connections, i);
      JmCard *from = lookup_card (document, jm_connection_get_from (connection));
      JmCard *to = lookup_card (document, jm_connection_get_to (connection));
      int from_index = jm_document_index_of (document,
                                             jm_document_lookup (document,
                                                                 jm_card_get_stage (from)));
      int to_index = jm_document_index_of (document,
                                           jm_document_lookup (document, jm_card_get_stage (to)));

      if (jm_connection_get_kind (connection) == JM_CONNECTION_KIND_STEP_BACK)
        {
          n_back++;
          g_assert_cmpint (to_index, <, from_index);
          g_assert_cmpstr (jm_connection_get_label (connection), !=, "");
        }
    }
  g_assert_cmpuint (n_back, >=, 2);
}

static void
test_sample (void)
{
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JmDocument) document = NULL;
      g_autoptr(GPtrArray) cards = NULL;
      GListModel *roles, *connections;
      JmLane *touchpoints, *responsibilities;
      const char *compare_id, *research_id;
      gboolean negative = FALSE, high = FALSE, step_back = FALSE;
      guint n_tagged = 0, n_next = 0, n_offline = 0;
      guint statuses = 0, channels = 0;

      g_test_message ("sample, %s", languages[l]);
      document = jm_document_new_sample (languages[l], &error);
      g_assert_no_error (error);
      g_assert_nonnull (document);

      g_assert_true (g_str_has_prefix (jm_document_get_title (document), "Acme Analytics"));
      g_assert_cmpstr (jm_document_get_author (document), !=, "");

      g_assert_cmpuint (jm_document_get_n_stages (document), ==, 8);
      g_assert_cmpuint (jm_document_get_n_cards (document), >=, 70);
      g_assert_cmpuint (jm_document_get_n_cards (document), <=, 90);

      /* Every lane is filled in every stage; every stage has metrics. */
      for (guint s = 0; s < 8; s++)
        {
          JmStage *stage = jm_document_get_stage (document, s);

          g_assert_cmpstr (jm_stage_get_title (stage), ==, sample_stage_titles[l][s]);
          g_assert_cmpuint (jm_metrics_get_n (jm_stage_get_metrics (stage)), >=, 1);
          for (guint i = 0; i < jm_document_get_n_lanes (document); i++)
            g_assert_cmpuint (cell_size (document, stage, jm_document_get_lane (document, i)),
                              >=, 1);
        }
      {
        const JmMetrics *metrics = jm_stage_get_metrics (jm_document_get_stage (document, 7));

        g_assert_cmpstr (jm_metrics_get (metrics, 0)->name, ==, "NPS");
        g_assert_true (jm_metrics_get (metrics, 0)->has_target);
      }

      /* Every stage with touchpoints has an owning department. */
      touchpoints = find_lane (document, JM_LANE_KIND_TOUCHPOINTS);
      responsibilities = find_lane (document, JM_LANE_KIND_RESPONSIBILITIES);
      for (guint s = 0; s < 8; s++)
        {
          JmStage *stage = jm_document_get_stage (document, s);
          GPtrArray *cell;

          if (cell_size (document, stage, touchpoints) == 0)
            continue;
          cell = jm_document_get_cell (document, jm_element_get_id (JM_ELEMENT (stage)),
                                       jm_element_get_id (JM_ELEMENT (responsibilities)));
          g_assert_nonnull (cell);
          g_assert_cmpuint (cell->len, >=, 1);
          for (guint c = 0; c < cell->len; c++)
            {
              JmCard *card = g_ptr_array_index (cell, c);

              g_assert_nonnull (jm_document_lookup (document, jm_card_get_department (card)));
              g_assert_cmpstr (jm_card_get_owner (card), !=, "");
            }
        }

      /* Emotions dip and rise; opportunities are prioritised and varied; touchpoints use
       * many channels, online and offline; cards are tagged with roles. */
      cards = jm_document_dup_cards (document);
      for (guint c = 0; c < cards->len; c++)
        {
          JmCard *card = g_ptr_array_index (cards, c);

          if (jm_card_get_roles (card)[0] != NULL)
            n_tagged++;
          switch (jm_card_get_kind (card))
            {
            case JM_CARD_KIND_EMOTION:
              negative |= jm_card_get_score (card) < 0;
              high |= jm_card_get_score (card) >= 2;
              break;
            case JM_CARD_KIND_OPPORTUNITY:
              statuses |= 1u << jm_card_get_status (card);
              g_assert_cmpint (jm_card_get_priority (card), >=, 1);
              break;
            case JM_CARD_KIND_TOUCHPOINT:
              channels |= 1u << jm_card_get_channel (card);
              if (!jm_card_get_online (card))
                n_offline++;
              break;
            case JM_CARD_KIND_BEHAVIOUR:
            case JM_CARD_KIND_CONCERN:
            case JM_CARD_KIND_PAIN_POINT:
            case JM_CARD_KIND_RESPONSIBILITY:
            case JM_CARD_KIND_CONTENT:
            case JM_CARD_KIND_NOTE:
            default:
              break;
            }
        }
      g_assert_true (negative);
      g_assert_true (high);
      g_assert_cmpuint (statuses, ==, 0xf);                 /* all four statuses */
      g_assert_cmpuint (n_offline, >=, 3);
      g_assert_cmpuint (n_tagged, >=, 20);
      for (JmChannel ch = JM_CHANNEL_WEBSITE; ch <= JM_CHANNEL_IN_PRODUCT; ch++)
        g_assert_true (channels & (1u << ch));

      /* The buying committee. */
      roles = jm_document_get_roles (document);
      g_assert_cmpuint (g_list_model_get_n_items (roles), >=, 3);
      {
        gboolean kinds[JM_ROLE_KIND_CHAMPION + 1] = { FALSE, };

        for (guint r = 0; r < g_list_model_get_n_items (roles); r++)
          {
            g_autoptr(JmRole) role = g_list_model_get_item (roles, r);

            kinds[jm_role_get_kind (role)] = TRUE;
          }
        g_assert_true (kinds[JM_ROLE_KIND_DECISION_MAKER]);
        g_assert_true (kinds[JM_ROLE_KIND_BUYER]);
        g_assert_true (kinds[JM_ROLE_KIND_CHAMPION] || kinds[JM_ROLE_KIND_USER]);
      }

      /* A labelled step back from Compare to Research, and forward paths. */
      compare_id = jm_element_get_id (JM_ELEMENT (jm_document_get_stage (document, 2)));
      research_id = jm_element_get_id (JM_ELEMENT (jm_document_get_stage (document, 1)));
      connections = jm_document_get_connections (document);
      for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
        {
          g_autoptr(JmConnection) connection = g_list_model_get_item (connections, i);
          JmCard *from = lookup_card (document, jm_connection_get_from (connection));
          JmCard *to = lookup_card (document, jm_connection_get_to (connection));

          if (jm_connection_get_kind (connection) == JM_CONNECTION_KIND_NEXT)
            n_next++;
          else if (g_strcmp0 (jm_card_get_stage (from), compare_id) == 0
                   && g_strcmp0 (jm_card_get_stage (to), research_id) == 0
                   && jm_connection_get_label (connection)[0] != '\0')
            step_back = TRUE;
        }
      g_assert_true (step_back);
      g_assert_cmpuint (n_next, >=, 3);

      assert_cards_accepted (document);
    }
}

static void
test_language_for_locale (void)
{
  static const struct {
    const char *locale;
    const char *language;
  } cases[] = {
    { "en", "en" },
    { "en_US.UTF-8", "en" },
    { "C", "en" },
    { "C.UTF-8", "en" },
    { "POSIX", "en" },
    { "de_DE@euro", "en" },
    { "", "en" },
    { "zha", "en" },
    { "zh", "zh_CN" },
    { "zh_CN", "zh_CN" },
    { "zh_CN.UTF-8", "zh_CN" },
    { "zh_SG", "zh_CN" },
    { "zh_Hans", "zh_CN" },
    { "zh-Hans-HK", "zh_CN" },
    { "zh_TW", "zh_TW" },
    { "zh_TW.UTF-8", "zh_TW" },
    { "zh_HK", "zh_TW" },
    { "zh_HK.UTF-8", "zh_TW" },
    { "zh_MO", "zh_TW" },
    { "zh_Hant", "zh_TW" },
    { "zh-Hant", "zh_TW" },
    { "zh-hant-SG", "zh_TW" },
    { "zh-TW", "zh_TW" },
    { "zh_tw", "zh_TW" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (jm_templates_language_for_locale (cases[i].locale), ==,
                     cases[i].language);

  /* The LC_MESSAGES languages (LANGUAGE first) when locale is NULL. */
  g_setenv ("LANGUAGE", "zh_HK:en", TRUE);
  g_assert_cmpstr (jm_templates_language_for_locale (NULL), ==, "zh_TW");
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_cmpstr (jm_templates_language_for_locale (NULL), ==, "zh_CN");
  g_setenv ("LANGUAGE", "fr_FR:zh_CN", TRUE);
  g_assert_cmpstr (jm_templates_language_for_locale (NULL), ==, "en");

  /* And a template in that language. */
  g_setenv ("LANGUAGE", "zh_TW", TRUE);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JmDocument) document = jm_document_new_from_template (JM_TEMPLATE_CLASSIC, NULL,
                                                                    &error);
    g_autoptr(JmDocument) sample = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (jm_stage_get_title (jm_document_get_stage (document, 0)), ==, "認知");
    sample = jm_document_new_sample (NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (jm_stage_get_title (jm_document_get_stage (sample, 0)), ==, "發覺");
  }
  g_unsetenv ("LANGUAGE");
}

/* Report where two byte strings first differ, with some context, then fail. */
static void
assert_same_bytes (const char *path,
                   GBytes     *expected_bytes,
                   GBytes     *actual_bytes)
{
  gsize expected_len, actual_len, i, line = 1, line_start = 0;
  const char *expected_data = g_bytes_get_data (expected_bytes, &expected_len);
  const char *actual_data = g_bytes_get_data (actual_bytes, &actual_len);
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;

  if (g_bytes_equal (expected_bytes, actual_bytes))
    return;

  for (i = 0; i < MIN (expected_len, actual_len) && expected_data[i] == actual_data[i]; i++)
    if (expected_data[i] == '\n')
      {
        line++;
        line_start = i + 1;
      }

  want = g_strndup (expected_data + line_start, MIN (expected_len - line_start, 160));
  got = g_strndup (actual_data + line_start, MIN (actual_len - line_start, 160));
  g_test_message ("%s: load → save differs at line %" G_GSIZE_FORMAT
                  " (resource %" G_GSIZE_FORMAT " bytes, saved %" G_GSIZE_FORMAT " bytes)\n"
                  "resource: %s\nsaved:    %s",
                  path, line, expected_len, actual_len, want, got);
  g_test_fail ();
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  jm_core_resources_ensure ();

  for (guint t = 0; t < JM_N_TEMPLATES; t++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      g_ptr_array_add (paths, g_strdup_printf (RESOURCE_PREFIX "templates/%s.%s.journey.json",
                                               jm_template_get_id (t), languages[l]));
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    g_ptr_array_add (paths, g_strdup_printf (RESOURCE_PREFIX "sample/sample.%s.journey.json",
                                             languages[l]));
  g_assert_cmpuint (paths->len, ==, 18);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) saved = NULL;
      g_autoptr(JmDocument) document = NULL;

      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      g_assert_no_error (error);
      document = jm_json_load_bytes (bytes, &error);
      g_assert_no_error (error);
      g_assert_nonnull (document);

      saved = jm_json_save_bytes (document);
      g_assert_nonnull (saved);
      assert_same_bytes (path, bytes, saved);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *name = g_strdup_printf ("/core/templates/load/%s",
                                               jm_template_get_id (expected[i].template));

      g_test_add_data_func (name, &expected[i], test_template_load);
    }
  g_test_add_func ("/core/templates/names", test_template_names);
  g_test_add_func ("/core/templates/languages-match", test_template_languages_match);
  g_test_add_func ("/core/templates/gartner-steps-back", test_template_gartner_steps_back);
  g_test_add_func ("/core/templates/sample", test_sample);
  g_test_add_func ("/core/templates/language-for-locale", test_language_for_locale);
  g_test_add_func ("/core/templates/round-trip", test_round_trip);

  return g_test_run ();
}
