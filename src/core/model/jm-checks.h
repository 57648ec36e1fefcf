/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Map checks: the sources' own advice on what a complete B2B journey map holds, run against a
 * document. Pure core (no GTK): the UI lists the findings and selects the element each one
 * names.
 *
 * The checks (one finding per place):
 *
 *   STAGE_WITHOUT_TOUCHPOINT   a stage with no touchpoint card in any lane — where does the
 *                              company meet the customer there? Selects the stage.
 *   TOUCHPOINT_WITHOUT_OWNER   a touchpoint card no department owns. Selects the card.
 *   NEGATIVE_WITHOUT_OPPORTUNITY
 *                              a stage whose emotion (jm_document_get_stage_score) is below 0
 *                              and which holds no opportunity card: a dip is where to
 *                              intervene. Selects the stage.
 *   NOTHING_AFTER_PURCHASE     the map ends at the purchase — the most common mistake: maps
 *                              must cover onboarding, retention and growth too. Selects the
 *                              purchase stage (or the last stage). See "The purchase" below.
 *   OPPORTUNITY_WITHOUT_OWNER  an opportunity card nobody owns. Selects the card.
 *
 * Ownership. A card is owned by its own "department" (when it names a department of the map)
 * or "owner" (an opportunity with just a person's name is owned). Failing that, it is owned by
 * its stage's Responsible departments: the responsibility cards of the same stage that name a
 * department say who owns that moment of the journey (this is how the templates and the
 * sample map record ownership). So a touchpoint or an opportunity is unowned when it names
 * no department (nor, for an opportunity, an owner) and its stage has no responsibility card
 * with a department.
 *
 * The purchase. A stage is the purchase when its title, case-folded and NFKC-normalised,
 * contains one of the purchase words of jm_checks_title_is_purchase(): in English as the
 * start of a word ("decision", "decide", "purchase", "buy", "sign", "contract", "convert",
 * "conversion", "close", "closing", "deal", "order", "procure", "checkout"; so "Pre-purchase"
 * counts, "Design" does not), in Chinese anywhere (决策/決策, 签约/簽約, 签单/簽單, 购买/購買,
 * 采购/採購, 转化/轉化, 成交, 下单/下單, 合同, 付款). The last such stage is the purchase: the
 * check fires when no stage follows it. When no stage is the purchase, the check looks for a
 * stage that is recognisably after one (jm_checks_title_is_after_purchase(): onboarding,
 * implementation, integrate, adoption, retain, retention, loyalty, renew, expand, grow,
 * advocacy, promote, referral, success, support, validate, client/customer experience,
 * engagement, former client; 保留, 留住, 留存, 忠诚/忠誠, 续约/續約, 复购/複購, 推广/推廣, 融合,
 * 验证/驗證, 发展/發展, 客户体验/客戶體驗, 前客户/前客戶, 上线/上線, 实施/實施, 交付, 服务/服務,
 * 成功, 推荐/推薦, 口碑, 扩展/擴展, 增购/增購) and fires when there is none. A map with no
 * stage at all is not checked. Every built-in template and the sample map pass. */
#pragma once

#include "jm-document.h"

G_BEGIN_DECLS

typedef enum {
  JM_CHECK_STAGE_WITHOUT_TOUCHPOINT,
  JM_CHECK_TOUCHPOINT_WITHOUT_OWNER,
  JM_CHECK_NEGATIVE_WITHOUT_OPPORTUNITY,
  JM_CHECK_NOTHING_AFTER_PURCHASE,
  JM_CHECK_OPPORTUNITY_WITHOUT_OWNER,
  JM_N_CHECKS
} JmCheckKind;

/* A short translated name of the check ("Stage without touchpoints"). */
const char *jm_check_kind_get_title      (JmCheckKind kind);
/* The translated advice behind the check, one or two sentences. */
const char *jm_check_kind_get_advice     (JmCheckKind kind);

/* One finding: immutable once made. */
#define JM_TYPE_CHECK_FINDING (jm_check_finding_get_type ())
G_DECLARE_FINAL_TYPE (JmCheckFinding, jm_check_finding, JM, CHECK_FINDING, GObject)

JmCheckFinding *jm_check_finding_new            (JmCheckKind  kind,
                                                 const char  *message,
                                                 const char  *element_id);
JmCheckKind     jm_check_finding_get_kind       (JmCheckFinding *self);
/* Translated, names the place: "“Sign” is the last stage: nothing after the purchase". */
const char     *jm_check_finding_get_message    (JmCheckFinding *self);
/* The element to select (a stage or card id); never NULL. */
const char     *jm_check_finding_get_element_id (JmCheckFinding *self);

/* Runs every check. New array of new JmCheckFinding references, in check order, then in
 * stage and card order. Linear in the number of cards. */
GPtrArray      *jm_checks_run                   (JmDocument *document);
/* Only one kind of check. */
GPtrArray      *jm_checks_run_kind              (JmDocument *document,
                                                 JmCheckKind kind);

/* The department that owns a card, with the rule above: its own department if it names one
 * of the map; else, when its stage has responsibility cards with departments, the first of
 * them (and *inferred is set TRUE); else NULL. Borrowed. inferred may be NULL. */
JmDepartment   *jm_checks_get_owning_department (JmDocument *document,
                                                 JmCard     *card,
                                                 gboolean   *inferred);
/* Whether the card is owned: an owning department, or (own) owner name. */
gboolean        jm_checks_card_is_owned         (JmDocument *document,
                                                 JmCard     *card);

/* The purchase rule (see above). */
gboolean        jm_checks_title_is_purchase       (const char *title);
gboolean        jm_checks_title_is_after_purchase (const char *title);
/* Index of the last purchase stage, or −1. */
int             jm_checks_find_purchase_stage     (JmDocument *document);

G_END_DECLS
