/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmCard: a sticky note in one (stage, lane) cell, at an order inside that cell.
 *
 * Properties (JSON key = property name):
 *   "kind"        JmCardKind
 *   "stage", "lane"  ids of its cell (read-only: a move command changes them)
 *   "text", "notes", "color" ("#rrggbb" or ""), "link"   strings, never NULL
 *   "roles"       GStrv of role ids (never NULL, may be empty)
 *   touchpoint:     "channel" JmChannel, "online" boolean (default TRUE)
 *   emotion:        "score" int −3…+3 (default 0), "feeling" string
 *   opportunity:    "impact", "effort" int 1…5 (default 3), "status" JmStatus
 *   responsibility: "department" (department id or ""), "owner" string
 * Every card has every property; the file only stores those of its kind. */
#pragma once

#include "jm-element.h"
#include "jm-card-kind.h"

G_BEGIN_DECLS

#define JM_TYPE_CARD (jm_card_get_type ())
G_DECLARE_FINAL_TYPE (JmCard, jm_card, JM, CARD, JmElement)

JmCard             *jm_card_new            (const char *id,
                                            JmCardKind  kind,
                                            const char *stage_id,
                                            const char *lane_id,
                                            const char *text);
JmCardKind          jm_card_get_kind       (JmCard *self);
const char         *jm_card_get_stage      (JmCard *self);
const char         *jm_card_get_lane       (JmCard *self);
const char         *jm_card_get_text       (JmCard *self);
const char         *jm_card_get_notes      (JmCard *self);
const char         *jm_card_get_color      (JmCard *self);
const char         *jm_card_get_link       (JmCard *self);
const char * const *jm_card_get_roles      (JmCard *self);
gboolean            jm_card_has_role       (JmCard     *self,
                                            const char *role_id);
JmChannel           jm_card_get_channel    (JmCard *self);
gboolean            jm_card_get_online     (JmCard *self);
int                 jm_card_get_score      (JmCard *self);
const char         *jm_card_get_feeling    (JmCard *self);
int                 jm_card_get_impact     (JmCard *self);
int                 jm_card_get_effort     (JmCard *self);
/* impact × (6 − effort): 1…25, higher first. */
int                 jm_card_get_priority   (JmCard *self);
JmStatus            jm_card_get_status     (JmCard *self);
const char         *jm_card_get_department (JmCard *self);
const char         *jm_card_get_owner      (JmCard *self);

G_END_DECLS
