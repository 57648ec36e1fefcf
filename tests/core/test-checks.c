/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Map checks: each check fires on a map built to trigger it, names the right element, and
 * stays quiet on the sample map and the templates. */
#include "config.h"

#include <string.h>

#include "jm-core.h"
#include "model/jm-checks.h"

static JmDocument *
load_map (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  JmDocument *document;

  document = jm_json_load_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

/* The findings of one kind as "id id id". */
static char *
dup_ids (JmDocument  *document,
         JmCheckKind  kind)
{
  g_autoptr(GPtrArray) findings = jm_checks_run_kind (document, kind);
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      JmCheckFinding *finding = g_ptr_array_index (findings, i);

      g_assert_cmpint (jm_check_finding_get_kind (finding), ==, kind);
      g_assert_cmpstr (jm_check_finding_get_message (finding), !=, "");
      if (ids->len > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, jm_check_finding_get_element_id (finding));
    }

  return g_string_free (ids, FALSE);
}

static void
assert_no_findings (JmDocument *document,
                    const char *what)
{
  g_autoptr(GPtrArray) findings = jm_checks_run (document);

  for (guint i = 0; i < findings->len; i++)
    g_test_message ("%s: %s (%s)", what,
                    jm_check_finding_get_message (g_ptr_array_index (findings, i)),
                    jm_check_finding_get_element_id (g_ptr_array_index (findings, i)));
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
apply (JmHistory *history,
       JmCommand *command)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (command);
  g_assert_true (jm_history_apply (history, command, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------------------------ */

static void
test_sample_is_clean (void)
{
  const char *languages[] = { "en", "zh_CN", "zh_TW" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JmDocument) document = jm_document_new_sample (languages[i], &error);

      g_assert_no_error (error);
      assert_no_findings (document, languages[i]);
    }
}

static void
test_templates_are_clean (void)
{
  const char *languages[] = { "en", "zh_CN", "zh_TW" };

  for (guint t = 0; t < JM_N_TEMPLATES; t++)
    for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(JmDocument) document = jm_document_new_from_template (t, languages[i], &error);
        g_autofree char *what = g_strdup_printf ("%s/%s", jm_template_get_id (t), languages[i]);
        g_autofree char *after = NULL;

        g_assert_no_error (error);
        /* A template is a start: whatever else it lacks, it never stops at the purchase. */
        after = dup_ids (document, JM_CHECK_NOTHING_AFTER_PURCHASE);
        g_assert_cmpstr (after, ==, "");
        {
          g_autoptr(GPtrArray) all = jm_checks_run (document);

          g_test_message ("%s: %u findings", what, all->len);
        }
      }
}

/* The sample with every touchpoint of "Compare" (s3) deleted, through the history. */
static void
test_stage_without_touchpoint (void)
{
  g_autoptr(JmDocument) document = jm_document_new_sample ("en", NULL);
  g_autoptr(JmHistory) history = jm_history_new (document);
  g_autoptr(GPtrArray) cards = jm_document_dup_cards (document);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) doomed = NULL;
  g_autofree char *ids = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  for (guint i = 0; i < cards->len; i++)
    {
      JmCard *card = g_ptr_array_index (cards, i);

      if (jm_card_get_kind (card) == JM_CARD_KIND_TOUCHPOINT &&
          g_str_equal (jm_card_get_stage (card), "s3"))
        g_strv_builder_add (builder, jm_element_get_id (JM_ELEMENT (card)));
    }
  doomed = g_strv_builder_end (builder);
  g_assert_cmpuint (g_strv_length (doomed), >, 0);

  apply (history, jm_delete_command_new (document, (const char * const *) doomed, NULL));

  ids = dup_ids (document, JM_CHECK_STAGE_WITHOUT_TOUCHPOINT);
  g_assert_cmpstr (ids, ==, "s3");

  /* The message names the stage. */
  findings = jm_checks_run (document);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_nonnull (strstr (jm_check_finding_get_message (g_ptr_array_index (findings, 0)),
                            "Compare"));

  /* The finding goes away with undo. */
  g_assert_true (jm_history_undo (history));
  assert_no_findings (document, "after undo");
}

#define MAP_HEAD \
  "{\"format\": \"journey-maps\", \"version\": 1,"                                          \
  " \"lanes\": [{\"id\": \"lt\", \"kind\": \"touchpoints\"},"                               \
  "             {\"id\": \"le\", \"kind\": \"emotions\"},"                                  \
  "             {\"id\": \"lo\", \"kind\": \"opportunities\"},"                             \
  "             {\"id\": \"lr\", \"kind\": \"responsibilities\"}],"                         \
  " \"departments\": [{\"id\": \"d1\", \"name\": \"Sales\"}],"

static void
test_touchpoint_without_owner (void)
{
  g_autoptr(JmDocument) document = NULL;
  g_autoptr(JmHistory) history = NULL;
  g_autofree char *ids = NULL;
  JmCard *c1;
  JmCard *c2;
  gboolean inferred = TRUE;

  document = load_map (MAP_HEAD
    " \"stages\": [{\"id\": \"s1\", \"title\": \"Decide\"}, {\"id\": \"s2\", \"title\": \"Onboard\"}],"
    " \"cards\": ["
    "  {\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"lt\", \"text\": \"Demo call\"},"
    "  {\"id\": \"c2\", \"stage\": \"s2\", \"lane\": \"lt\", \"text\": \"Kick-off\"},"
    "  {\"id\": \"c3\", \"stage\": \"s2\", \"lane\": \"lr\", \"text\": \"Nobody yet\", \"owner\": \"Ana\"}"
    " ]}");
  history = jm_history_new (document);
  c1 = JM_CARD (jm_document_lookup (document, "c1"));
  c2 = JM_CARD (jm_document_lookup (document, "c2"));

  /* Neither touchpoint names a department; s2's responsibility card names a person, not a
   * department, so it does not count. */
  ids = dup_ids (document, JM_CHECK_TOUCHPOINT_WITHOUT_OWNER);
  g_assert_cmpstr (ids, ==, "c1 c2");
  g_assert_null (jm_checks_get_owning_department (document, c1, &inferred));
  g_assert_false (inferred);

  /* Its own department owns c1. */
  apply (history, jm_set_string_command_new (JM_ELEMENT (c1), "department", "d1"));
  g_clear_pointer (&ids, g_free);
  ids = dup_ids (document, JM_CHECK_TOUCHPOINT_WITHOUT_OWNER);
  g_assert_cmpstr (ids, ==, "c2");
  g_assert_true (jm_checks_get_owning_department (document, c1, &inferred) ==
                 JM_DEPARTMENT (jm_document_lookup (document, "d1")));
  g_assert_false (inferred);

  /* The stage's responsible department owns c2. */
  apply (history, jm_set_string_command_new (jm_document_lookup (document, "c3"),
                                             "department", "d1"));
  g_clear_pointer (&ids, g_free);
  ids = dup_ids (document, JM_CHECK_TOUCHPOINT_WITHOUT_OWNER);
  g_assert_cmpstr (ids, ==, "");
  g_assert_nonnull (jm_checks_get_owning_department (document, c2, &inferred));
  g_assert_true (inferred);

  /* Deleting the department (no reassignment) brings both findings back. */
  {
    const char *dept[] = { "d1", NULL };

    apply (history, jm_delete_command_new (document, dept, NULL));
  }
  g_clear_pointer (&ids, g_free);
  ids = dup_ids (document, JM_CHECK_TOUCHPOINT_WITHOUT_OWNER);
  g_assert_cmpstr (ids, ==, "c1 c2");
}

static void
test_negative_without_opportunity (void)
{
  g_autoptr(JmDocument) document = NULL;
  g_autoptr(JmHistory) history = NULL;
  g_autofree char *ids = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  JmCard *opportunity;

  document = load_map (MAP_HEAD
    " \"stages\": [{\"id\": \"s1\", \"title\": \"Compare\"}, {\"id\": \"s2\", \"title\": \"Sign\"},"
    "              {\"id\": \"s3\", \"title\": \"Renew\"}],"
    " \"cards\": ["
    "  {\"id\": \"e1\", \"stage\": \"s1\", \"lane\": \"le\", \"score\": -2},"
    "  {\"id\": \"e2\", \"stage\": \"s2\", \"lane\": \"le\", \"score\": -1},"
    "  {\"id\": \"e3\", \"stage\": \"s2\", \"lane\": \"le\", \"score\": 2},"
    "  {\"id\": \"e4\", \"stage\": \"s3\", \"lane\": \"le\", \"score\": 0}"
    " ]}");
  history = jm_history_new (document);

  /* s1 is negative; s2 averages +0.5; s3 is neutral. */
  ids = dup_ids (document, JM_CHECK_NEGATIVE_WITHOUT_OPPORTUNITY);
  g_assert_cmpstr (ids, ==, "s1");
  findings = jm_checks_run_kind (document, JM_CHECK_NEGATIVE_WITHOUT_OPPORTUNITY);
  g_assert_nonnull (strstr (jm_check_finding_get_message (g_ptr_array_index (findings, 0)),
                            "Compare"));

  /* Making s3 negative adds it. */
  apply (history, jm_set_int_command_new (jm_document_lookup (document, "e4"), "score", -3));
  g_clear_pointer (&ids, g_free);
  ids = dup_ids (document, JM_CHECK_NEGATIVE_WITHOUT_OPPORTUNITY);
  g_assert_cmpstr (ids, ==, "s1 s3");

  /* An opportunity in s1 answers its dip. */
  opportunity = jm_card_new ("o1", JM_CARD_KIND_OPPORTUNITY, "s1", "lo", "Comparison sheet");
  apply (history, jm_insert_command_new (JM_ELEMENT (opportunity), -1));
  g_object_unref (opportunity);
  g_clear_pointer (&ids, g_free);
  ids = dup_ids (document, JM_CHECK_NEGATIVE_WITHOUT_OPPORTUNITY);
  g_assert_cmpstr (ids, ==, "s3");
}

static void
test_purchase_words (void)
{
  g_assert_true (jm_checks_title_is_purchase ("Decision"));
  g_assert_true (jm_checks_title_is_purchase ("DECIDE"));
  g_assert_true (jm_checks_title_is_purchase ("Sign"));
  g_assert_true (jm_checks_title_is_purchase ("Pre-purchase"));
  g_assert_true (jm_checks_title_is_purchase ("Closing the deal"));
  g_assert_true (jm_checks_title_is_purchase ("Convert"));
  g_assert_true (jm_checks_title_is_purchase ("决策"));
  g_assert_true (jm_checks_title_is_purchase ("簽約"));
  g_assert_true (jm_checks_title_is_purchase ("轉化"));
  g_assert_true (jm_checks_title_is_purchase ("购买"));
  g_assert_false (jm_checks_title_is_purchase ("Design"));
  g_assert_false (jm_checks_title_is_purchase ("Awareness"));
  g_assert_false (jm_checks_title_is_purchase ("Enclose"));
  g_assert_false (jm_checks_title_is_purchase ("认知"));
  g_assert_false (jm_checks_title_is_purchase (""));

  g_assert_true (jm_checks_title_is_after_purchase ("Onboarding"));
  g_assert_true (jm_checks_title_is_after_purchase ("Retention"));
  g_assert_true (jm_checks_title_is_after_purchase ("Customer success"));
  g_assert_true (jm_checks_title_is_after_purchase ("留住"));
  g_assert_true (jm_checks_title_is_after_purchase ("前客戶"));
  g_assert_false (jm_checks_title_is_after_purchase ("Research"));
  g_assert_false (jm_checks_title_is_after_purchase ("比较"));
}

static void
test_nothing_after_purchase (void)
{
  static const struct {
    const char *titles[4];
    const char *expected;   /* stage id of the finding, "" for none */
  } cases[] = {
    { { "Awareness", "Consideration", "Decision", NULL }, "s3" },     /* ends at the sale */
    { { "Awareness", "Decision", "Retention", NULL }, "" },
    { { "Discover", "Decide", "Sign", NULL }, "s3" },                  /* last purchase: Sign */
    { { "Discover", "Sign", "Compare", NULL }, "" },                   /* a stage follows */
    { { "认知", "考虑", "决策", NULL }, "s3" },
    { { "吸引", "轉化", "留住", NULL }, "" },
    { { "Awareness", "Interest", "Evaluation", NULL }, "s3" },         /* nothing recognisable */
    { { "Stage A", "Onboarding", NULL, NULL }, "" },                   /* after one: fine */
    { { "Design", NULL, NULL, NULL }, "s1" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GString) json = g_string_new (MAP_HEAD " \"stages\": [");
      g_autoptr(JmDocument) document = NULL;
      g_autofree char *ids = NULL;

      for (guint s = 0; s < 4 && cases[c].titles[s] != NULL; s++)
        g_string_append_printf (json, "%s{\"id\": \"s%u\", \"title\": \"%s\"}",
                                s > 0 ? ", " : "", s + 1, cases[c].titles[s]);
      g_string_append (json, "]}");

      document = load_map (json->str);
      ids = dup_ids (document, JM_CHECK_NOTHING_AFTER_PURCHASE);
      g_test_message ("case %u", c);
      g_assert_cmpstr (ids, ==, cases[c].expected);
    }

  /* Adding a stage after the purchase clears it; the sample's purchase is "Sign". */
  {
    g_autoptr(JmDocument) document = jm_document_new_sample ("en", NULL);
    g_autoptr(JmHistory) history = jm_history_new (document);
    g_autofree char *ids = NULL;
    const char *after[] = { "s6", "s7", "s8", NULL };
    g_autoptr(GPtrArray) findings = NULL;

    g_assert_cmpint (jm_checks_find_purchase_stage (document), ==, 4);

    apply (history, jm_delete_command_new (document, after, NULL));
    ids = dup_ids (document, JM_CHECK_NOTHING_AFTER_PURCHASE);
    g_assert_cmpstr (ids, ==, "s5");
    findings = jm_checks_run_kind (document, JM_CHECK_NOTHING_AFTER_PURCHASE);
    g_assert_nonnull (strstr (jm_check_finding_get_message (g_ptr_array_index (findings, 0)),
                              "Sign"));

    g_assert_true (jm_history_undo (history));
    g_clear_pointer (&ids, g_free);
    ids = dup_ids (document, JM_CHECK_NOTHING_AFTER_PURCHASE);
    g_assert_cmpstr (ids, ==, "");
  }

  /* An empty map is not checked. */
  {
    g_autoptr(JmDocument) document = jm_document_new ();
    g_autofree char *ids = dup_ids (document, JM_CHECK_NOTHING_AFTER_PURCHASE);

    g_assert_cmpstr (ids, ==, "");
  }
}

static void
test_opportunity_without_owner (void)
{
  g_autoptr(JmDocument) document = NULL;
  g_autoptr(JmHistory) history = NULL;
  g_autofree char *ids = NULL;

  document = load_map (MAP_HEAD
    " \"stages\": [{\"id\": \"s1\", \"title\": \"Sign\"}, {\"id\": \"s2\", \"title\": \"Grow\"}],"
    " \"cards\": ["
    "  {\"id\": \"o1\", \"stage\": \"s1\", \"lane\": \"lo\", \"text\": \"Standard contract\"},"
    "  {\"id\": \"o2\", \"stage\": \"s2\", \"lane\": \"lo\", \"text\": \"Referral programme\"},"
    "  {\"id\": \"o3\", \"stage\": \"s2\", \"lane\": \"lo\", \"text\": \"Expansion playbook\"}"
    " ]}");
  history = jm_history_new (document);

  ids = dup_ids (document, JM_CHECK_OPPORTUNITY_WITHOUT_OWNER);
  g_assert_cmpstr (ids, ==, "o1 o2 o3");

  /* A person's name is an owner; so is a department. */
  apply (history, jm_set_string_command_new (jm_document_lookup (document, "o1"), "owner", "Ana"));
  apply (history, jm_set_string_command_new (jm_document_lookup (document, "o2"),
                                             "department", "d1"));
  g_clear_pointer (&ids, g_free);
  ids = dup_ids (document, JM_CHECK_OPPORTUNITY_WITHOUT_OWNER);
  g_assert_cmpstr (ids, ==, "o3");
  g_assert_true (jm_checks_card_is_owned (document, JM_CARD (jm_document_lookup (document, "o1"))));
  g_assert_false (jm_checks_card_is_owned (document,
                                           JM_CARD (jm_document_lookup (document, "o3"))));

  /* Undo both: all three again. */
  g_assert_true (jm_history_undo (history));
  g_assert_true (jm_history_undo (history));
  g_clear_pointer (&ids, g_free);
  ids = dup_ids (document, JM_CHECK_OPPORTUNITY_WITHOUT_OWNER);
  g_assert_cmpstr (ids, ==, "o1 o2 o3");
}

static void
test_order_and_titles (void)
{
  g_autoptr(JmDocument) document = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  JmCheckKind last = 0;

  /* One map that trips every check. */
  document = load_map (MAP_HEAD
    " \"stages\": [{\"id\": \"s1\", \"title\": \"Research\"}, {\"id\": \"s2\", \"title\": \"Purchase\"}],"
    " \"cards\": ["
    "  {\"id\": \"t1\", \"stage\": \"s1\", \"lane\": \"lt\", \"text\": \"Web site\"},"
    "  {\"id\": \"e1\", \"stage\": \"s2\", \"lane\": \"le\", \"score\": -3},"
    "  {\"id\": \"o1\", \"stage\": \"s1\", \"lane\": \"lo\", \"text\": \"\"}"
    " ]}");

  findings = jm_checks_run (document);
  g_assert_cmpuint (findings->len, ==, 5);
  for (guint i = 0; i < findings->len; i++)
    {
      JmCheckFinding *finding = g_ptr_array_index (findings, i);

      g_assert_cmpint (jm_check_finding_get_kind (finding), >=, last);
      last = jm_check_finding_get_kind (finding);
      g_assert_cmpint (jm_check_finding_get_kind (finding), ==, i);
    }
  g_assert_cmpstr (jm_check_finding_get_element_id (g_ptr_array_index (findings, 0)), ==, "s2");
  g_assert_cmpstr (jm_check_finding_get_element_id (g_ptr_array_index (findings, 1)), ==, "t1");
  g_assert_cmpstr (jm_check_finding_get_element_id (g_ptr_array_index (findings, 2)), ==, "s2");
  g_assert_cmpstr (jm_check_finding_get_element_id (g_ptr_array_index (findings, 3)), ==, "s2");
  g_assert_cmpstr (jm_check_finding_get_element_id (g_ptr_array_index (findings, 4)), ==, "o1");

  for (guint k = 0; k < JM_N_CHECKS; k++)
    {
      g_assert_cmpstr (jm_check_kind_get_title (k), !=, "");
      g_assert_cmpstr (jm_check_kind_get_advice (k), !=, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/checks/sample-is-clean", test_sample_is_clean);
  g_test_add_func ("/core/checks/templates-are-clean", test_templates_are_clean);
  g_test_add_func ("/core/checks/stage-without-touchpoint", test_stage_without_touchpoint);
  g_test_add_func ("/core/checks/touchpoint-without-owner", test_touchpoint_without_owner);
  g_test_add_func ("/core/checks/negative-without-opportunity",
                   test_negative_without_opportunity);
  g_test_add_func ("/core/checks/purchase-words", test_purchase_words);
  g_test_add_func ("/core/checks/nothing-after-purchase", test_nothing_after_purchase);
  g_test_add_func ("/core/checks/opportunity-without-owner", test_opportunity_without_owner);
  g_test_add_func ("/core/checks/order-and-titles", test_order_and_titles);

  return g_test_run ();
}
