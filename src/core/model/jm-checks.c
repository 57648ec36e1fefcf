/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-checks.c: the map checks (see jm-checks.h for the rules). */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jm-checks.h"

/* ------------------------------------------------------------------------------------------ */
/* Kinds */

static const struct {
  const char *title;
  const char *advice;
} check_texts[JM_N_CHECKS] = {
  [JM_CHECK_STAGE_WITHOUT_TOUCHPOINT] = {
    N_("Stage without touchpoints"),
    N_("Every stage needs at least one touchpoint: where does the company meet the customer "
       "at this moment?"),
  },
  [JM_CHECK_TOUCHPOINT_WITHOUT_OWNER] = {
    N_("Touchpoint without a department"),
    N_("Someone must own each moment of the journey: give the touchpoint a department, or "
       "name the responsible department of its stage."),
  },
  [JM_CHECK_NEGATIVE_WITHOUT_OPPORTUNITY] = {
    N_("Negative emotion without an opportunity"),
    N_("Dips in the emotion curve mark where to intervene: add an opportunity to this stage."),
  },
  [JM_CHECK_NOTHING_AFTER_PURCHASE] = {
    N_("Nothing after the purchase"),
    N_("Maps that stop at the sale are the most common mistake: add stages for onboarding, "
       "retention and growth."),
  },
  [JM_CHECK_OPPORTUNITY_WITHOUT_OWNER] = {
    N_("Opportunity without an owner"),
    N_("An opportunity nobody owns does not happen: give it a department or an owner."),
  },
};

const char *
jm_check_kind_get_title (JmCheckKind kind)
{
  g_return_val_if_fail (kind < JM_N_CHECKS, NULL);

  return _(check_texts[kind].title);
}

const char *
jm_check_kind_get_advice (JmCheckKind kind)
{
  g_return_val_if_fail (kind < JM_N_CHECKS, NULL);

  return _(check_texts[kind].advice);
}

/* ------------------------------------------------------------------------------------------ */
/* Findings */

struct _JmCheckFinding
{
  GObject      parent_instance;

  JmCheckKind  kind;
  char        *message;
  char        *element_id;
};

G_DEFINE_FINAL_TYPE (JmCheckFinding, jm_check_finding, G_TYPE_OBJECT)

static void
jm_check_finding_finalize (GObject *object)
{
  JmCheckFinding *self = JM_CHECK_FINDING (object);

  g_free (self->message);
  g_free (self->element_id);

  G_OBJECT_CLASS (jm_check_finding_parent_class)->finalize (object);
}

static void
jm_check_finding_class_init (JmCheckFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jm_check_finding_finalize;
}

static void
jm_check_finding_init (JmCheckFinding *self)
{
}

JmCheckFinding *
jm_check_finding_new (JmCheckKind  kind,
                      const char  *message,
                      const char  *element_id)
{
  JmCheckFinding *self;

  g_return_val_if_fail (kind < JM_N_CHECKS, NULL);
  g_return_val_if_fail (message != NULL, NULL);
  g_return_val_if_fail (element_id != NULL, NULL);

  self = g_object_new (JM_TYPE_CHECK_FINDING, NULL);
  self->kind = kind;
  self->message = g_strdup (message);
  self->element_id = g_strdup (element_id);

  return self;
}

JmCheckKind
jm_check_finding_get_kind (JmCheckFinding *self)
{
  g_return_val_if_fail (JM_IS_CHECK_FINDING (self), 0);
  return self->kind;
}

const char *
jm_check_finding_get_message (JmCheckFinding *self)
{
  g_return_val_if_fail (JM_IS_CHECK_FINDING (self), NULL);
  return self->message;
}

const char *
jm_check_finding_get_element_id (JmCheckFinding *self)
{
  g_return_val_if_fail (JM_IS_CHECK_FINDING (self), NULL);
  return self->element_id;
}

/* ------------------------------------------------------------------------------------------ */
/* The purchase */

/* English words match at the start of a word; Chinese ones anywhere. Lower case: titles are
 * case-folded before matching. */
static const char * const purchase_words[] = {
  "decision", "decide", "purchase", "buy", "sign", "contract", "convert", "conversion",
  "close", "closing", "deal", "order", "procure", "checkout",
  NULL
};
static const char * const purchase_words_cjk[] = {
  "决策", "決策", "签约", "簽約", "签单", "簽單", "购买", "購買", "采购", "採購", "转化", "轉化",
  "成交", "下单", "下單", "合同", "付款",
  NULL
};
static const char * const after_words[] = {
  "onboard", "implement", "integrat", "adopt", "usage", "retain", "retention", "loyal",
  "renew", "expan", "grow", "advoca", "promot", "referr", "success", "support", "validat",
  "client experience", "customer experience", "engagement", "former", "upsell", "cross-sell",
  "service", "account management",
  NULL
};
static const char * const after_words_cjk[] = {
  "保留", "留住", "留存", "忠诚", "忠誠", "续约", "續約", "复购", "複購", "推广", "推廣", "融合",
  "验证", "驗證", "发展", "發展", "客户体验", "客戶體驗", "前客户", "前客戶", "上线", "上線",
  "实施", "實施", "交付", "服务", "服務", "成功", "推荐", "推薦", "口碑", "扩展", "擴展", "增购",
  "增購",
  NULL
};

static char *
normalize_title (const char *title)
{
  g_autofree char *folded = NULL;

  if (title == NULL || !g_utf8_validate (title, -1, NULL))
    return g_strdup ("");

  folded = g_utf8_casefold (title, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFKC);
}

/* TRUE if word occurs in text at the start of a word (after the start or a character that is
 * not a letter or digit). */
static gboolean
contains_word_start (const char *text,
                     const char *word)
{
  const char *p = text;

  while ((p = strstr (p, word)) != NULL)
    {
      if (p == text)
        return TRUE;
      else
        {
          gunichar before = g_utf8_get_char (g_utf8_find_prev_char (text, p));

          if (!g_unichar_isalnum (before))
            return TRUE;
        }
      p += strlen (word);
    }

  return FALSE;
}

static gboolean
title_matches (const char         *title,
               const char * const *words,
               const char * const *words_cjk)
{
  g_autofree char *normal = normalize_title (title);

  for (guint i = 0; words[i] != NULL; i++)
    if (contains_word_start (normal, words[i]))
      return TRUE;

  for (guint i = 0; words_cjk[i] != NULL; i++)
    if (strstr (normal, words_cjk[i]) != NULL)
      return TRUE;

  return FALSE;
}

gboolean
jm_checks_title_is_purchase (const char *title)
{
  return title_matches (title, purchase_words, purchase_words_cjk);
}

gboolean
jm_checks_title_is_after_purchase (const char *title)
{
  return title_matches (title, after_words, after_words_cjk);
}

int
jm_checks_find_purchase_stage (JmDocument *document)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (document), -1);

  for (int s = (int) jm_document_get_n_stages (document) - 1; s >= 0; s--)
    if (jm_checks_title_is_purchase (jm_stage_get_title (jm_document_get_stage (document, s))))
      return s;

  return -1;
}

/* ------------------------------------------------------------------------------------------ */
/* Ownership */

static JmDepartment *
lookup_department (JmDocument *document,
                   const char *id)
{
  JmElement *element;

  if (id == NULL || id[0] == '\0')
    return NULL;

  element = jm_document_lookup (document, id);
  return element != NULL && JM_IS_DEPARTMENT (element) ? JM_DEPARTMENT (element) : NULL;
}

/* The first department named by a responsibility card of the stage, or NULL. */
static JmDepartment *
stage_responsible_department (JmDocument *document,
                              const char *stage_id)
{
  guint n_lanes = jm_document_get_n_lanes (document);

  for (guint l = 0; l < n_lanes; l++)
    {
      JmLane *lane = jm_document_get_lane (document, l);
      GPtrArray *cell = jm_document_get_cell (document, stage_id,
                                              jm_element_get_id (JM_ELEMENT (lane)));

      for (guint i = 0; cell != NULL && i < cell->len; i++)
        {
          JmCard *card = g_ptr_array_index (cell, i);
          JmDepartment *department;

          if (jm_card_get_kind (card) != JM_CARD_KIND_RESPONSIBILITY)
            continue;

          department = lookup_department (document, jm_card_get_department (card));
          if (department != NULL)
            return department;
        }
    }

  return NULL;
}

JmDepartment *
jm_checks_get_owning_department (JmDocument *document,
                                 JmCard     *card,
                                 gboolean   *inferred)
{
  JmDepartment *department;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (JM_IS_CARD (card), NULL);

  if (inferred != NULL)
    *inferred = FALSE;

  department = lookup_department (document, jm_card_get_department (card));
  if (department != NULL)
    return department;

  department = stage_responsible_department (document, jm_card_get_stage (card));
  if (department != NULL && inferred != NULL)
    *inferred = TRUE;

  return department;
}

gboolean
jm_checks_card_is_owned (JmDocument *document,
                         JmCard     *card)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (JM_IS_CARD (card), FALSE);

  if (jm_card_get_owner (card)[0] != '\0')
    return TRUE;

  return jm_checks_get_owning_department (document, card, NULL) != NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Running */

typedef struct
{
  gboolean  has_touchpoint;
  gboolean  has_opportunity;
  gboolean  has_responsible;   /* a responsibility card names a department */
} StageFacts;

typedef struct
{
  JmDocument *document;
  guint       n_stages;
  StageFacts *stages;
  GHashTable *stage_index;     /* stage id (borrowed) → index + 1 */
  GPtrArray  *cards;           /* all cards, canonical order */
} Facts;

static void
facts_init (Facts      *facts,
            JmDocument *document)
{
  facts->document = document;
  facts->n_stages = jm_document_get_n_stages (document);
  facts->stages = g_new0 (StageFacts, MAX (facts->n_stages, 1));
  facts->stage_index = g_hash_table_new (g_str_hash, g_str_equal);
  facts->cards = jm_document_dup_cards (document);

  for (guint s = 0; s < facts->n_stages; s++)
    g_hash_table_insert (facts->stage_index,
                         (gpointer) jm_element_get_id (JM_ELEMENT (jm_document_get_stage (document, s))),
                         GUINT_TO_POINTER (s + 1));

  for (guint i = 0; i < facts->cards->len; i++)
    {
      JmCard *card = g_ptr_array_index (facts->cards, i);
      guint s = GPOINTER_TO_UINT (g_hash_table_lookup (facts->stage_index,
                                                       jm_card_get_stage (card)));
      StageFacts *sf;

      if (s == 0)
        continue;

      sf = &facts->stages[s - 1];
      switch (jm_card_get_kind (card))
        {
        case JM_CARD_KIND_TOUCHPOINT:
          sf->has_touchpoint = TRUE;
          break;
        case JM_CARD_KIND_OPPORTUNITY:
          sf->has_opportunity = TRUE;
          break;
        case JM_CARD_KIND_RESPONSIBILITY:
          if (lookup_department (document, jm_card_get_department (card)) != NULL)
            sf->has_responsible = TRUE;
          break;
        default:   /* the other kinds say nothing about coverage */
          break;
        }
    }
}

static void
facts_clear (Facts *facts)
{
  g_clear_pointer (&facts->stages, g_free);
  g_clear_pointer (&facts->stage_index, g_hash_table_unref);
  g_clear_pointer (&facts->cards, g_ptr_array_unref);
}

static StageFacts *
facts_for_card (Facts  *facts,
                JmCard *card)
{
  guint s = GPOINTER_TO_UINT (g_hash_table_lookup (facts->stage_index, jm_card_get_stage (card)));

  return s > 0 ? &facts->stages[s - 1] : NULL;
}

/* A stage's title for messages. */
static char *
dup_stage_name (JmDocument *document,
                guint       index)
{
  const char *title = jm_stage_get_title (jm_document_get_stage (document, index));

  if (title[0] != '\0')
    return g_strdup (title);

  /* Translators: a stage with no title, in a message; %u is its number (1, 2…). */
  return g_strdup_printf (_("Stage %u"), index + 1);
}

static char *
dup_stage_name_by_id (Facts      *facts,
                      const char *stage_id)
{
  guint s = GPOINTER_TO_UINT (g_hash_table_lookup (facts->stage_index, stage_id));

  return s > 0 ? dup_stage_name (facts->document, s - 1) : g_strdup ("");
}

/* A card's text for messages: its first line, at most 40 characters. */
static char *
dup_card_name (JmCard *card)
{
  const char *text = jm_card_get_text (card);
  const char *newline;
  g_autofree char *line = NULL;

  newline = strchr (text, '\n');
  line = newline != NULL ? g_strndup (text, newline - text) : g_strdup (text);
  g_strstrip (line);

  if (line[0] == '\0')
    return g_strdup (_("Untitled card"));

  if (g_utf8_strlen (line, -1) > 40)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, 39);

      return g_strconcat (cut, "…", NULL);
    }

  return g_steal_pointer (&line);
}

static void
add_finding (GPtrArray   *findings,
             JmCheckKind  kind,
             const char  *element_id,
             char        *message)    /* transfer full */
{
  g_ptr_array_add (findings, jm_check_finding_new (kind, message, element_id));
  g_free (message);
}

static void
run_kind (Facts       *facts,
          JmCheckKind  kind,
          GPtrArray   *findings)
{
  JmDocument *document = facts->document;

  switch (kind)
    {
    case JM_CHECK_STAGE_WITHOUT_TOUCHPOINT:
      for (guint s = 0; s < facts->n_stages; s++)
        if (!facts->stages[s].has_touchpoint)
          {
            g_autofree char *name = dup_stage_name (document, s);

            add_finding (findings, kind,
                         jm_element_get_id (JM_ELEMENT (jm_document_get_stage (document, s))),
                         /* Translators: %s is a stage's title. */
                         g_strdup_printf (_("“%s” has no touchpoint"), name));
          }
      break;

    case JM_CHECK_TOUCHPOINT_WITHOUT_OWNER:
    case JM_CHECK_OPPORTUNITY_WITHOUT_OWNER:
      for (guint i = 0; i < facts->cards->len; i++)
        {
          JmCard *card = g_ptr_array_index (facts->cards, i);
          JmCardKind wanted = kind == JM_CHECK_TOUCHPOINT_WITHOUT_OWNER
                              ? JM_CARD_KIND_TOUCHPOINT : JM_CARD_KIND_OPPORTUNITY;
          StageFacts *sf;
          g_autofree char *card_name = NULL;
          g_autofree char *stage_name = NULL;

          if (jm_card_get_kind (card) != wanted)
            continue;

          if (lookup_department (document, jm_card_get_department (card)) != NULL)
            continue;
          if (wanted == JM_CARD_KIND_OPPORTUNITY && jm_card_get_owner (card)[0] != '\0')
            continue;
          sf = facts_for_card (facts, card);
          if (sf == NULL || sf->has_responsible)
            continue;

          card_name = dup_card_name (card);
          stage_name = dup_stage_name_by_id (facts, jm_card_get_stage (card));
          if (wanted == JM_CARD_KIND_TOUCHPOINT)
            add_finding (findings, kind, jm_element_get_id (JM_ELEMENT (card)),
                         /* Translators: a touchpoint card's text, then its stage's title. */
                         g_strdup_printf (_("Touchpoint “%s” in “%s” has no department"),
                                          card_name, stage_name));
          else
            add_finding (findings, kind, jm_element_get_id (JM_ELEMENT (card)),
                         /* Translators: an opportunity card's text, then its stage's title. */
                         g_strdup_printf (_("Opportunity “%s” in “%s” has no owner"),
                                          card_name, stage_name));
        }
      break;

    case JM_CHECK_NEGATIVE_WITHOUT_OPPORTUNITY:
      for (guint s = 0; s < facts->n_stages; s++)
        {
          const char *stage_id =
            jm_element_get_id (JM_ELEMENT (jm_document_get_stage (document, s)));
          double score;
          g_autofree char *name = NULL;
          g_autofree char *score_text = NULL;

          if (facts->stages[s].has_opportunity ||
              !jm_document_get_stage_score (document, stage_id, &score) ||
              score >= 0)
            continue;

          name = dup_stage_name (document, s);
          /* "−1.5" with a real minus sign; "−2", not "−2.0". */
          score_text = g_strdup_printf ("−%g", -score);
          add_finding (findings, kind, stage_id,
                       /* Translators: %s is a stage's title, then its emotion score (−1.5). */
                       g_strdup_printf (_("“%s” feels negative (%s) but has no opportunity"),
                                        name, score_text));
        }
      break;

    case JM_CHECK_NOTHING_AFTER_PURCHASE:
      {
        int purchase;
        gboolean after = FALSE;

        if (facts->n_stages == 0)
          break;

        purchase = jm_checks_find_purchase_stage (document);
        if (purchase >= 0)
          {
            if ((guint) purchase + 1 < facts->n_stages)
              break;
          }
        else
          {
            for (guint s = 0; s < facts->n_stages && !after; s++)
              after = jm_checks_title_is_after_purchase (
                        jm_stage_get_title (jm_document_get_stage (document, s)));
            if (after)
              break;
          }

        {
          guint target = purchase >= 0 ? (guint) purchase : facts->n_stages - 1;
          g_autofree char *name = dup_stage_name (document, target);
          const char *stage_id =
            jm_element_get_id (JM_ELEMENT (jm_document_get_stage (document, target)));

          if (purchase >= 0)
            add_finding (findings, kind, stage_id,
                         /* Translators: %s is the title of the stage of the purchase. */
                         g_strdup_printf (_("The map stops at “%s”: no stage after the purchase"),
                                          name));
          else
            add_finding (findings, kind, stage_id,
                         /* Translators: %s is the title of the last stage. */
                         g_strdup_printf (_("The map ends with “%s”: no stage after the purchase"),
                                          name));
        }
      }
      break;

    case JM_N_CHECKS:
    default:
      g_assert_not_reached ();
    }
}

GPtrArray *
jm_checks_run_kind (JmDocument  *document,
                    JmCheckKind  kind)
{
  GPtrArray *findings;
  Facts facts;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (kind < JM_N_CHECKS, NULL);

  findings = g_ptr_array_new_with_free_func (g_object_unref);
  facts_init (&facts, document);
  run_kind (&facts, kind, findings);
  facts_clear (&facts);

  return findings;
}

GPtrArray *
jm_checks_run (JmDocument *document)
{
  GPtrArray *findings;
  Facts facts;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), NULL);

  findings = g_ptr_array_new_with_free_func (g_object_unref);
  facts_init (&facts, document);
  for (guint k = 0; k < JM_N_CHECKS; k++)
    run_kind (&facts, k, findings);
  facts_clear (&facts);

  return findings;
}
