/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-card-kind.h: the one table of card kinds.
 *
 * Everything that differs between card kinds lives here: the JSON nick, the label shown in
 * the UI, the symbolic icon, the lane kind that holds the kind, its accent colour in each
 * theme, and the kind's own fields. Code elsewhere asks the table instead of switching on
 * JmCardKind. Adding a kind: a value in JmCardKind (jm-types.h), a row here, the schema
 * (data/journey-map.schema.json), the translations and the tests. */
#pragma once

#include "jm-types.h"

G_BEGIN_DECLS

/* The kind's own fields, beyond text/notes/colour/link/roles that every card has. */
typedef enum {
  JM_CARD_FIELD_CHANNEL   = 1 << 0,   /* "channel", "online" */
  JM_CARD_FIELD_EMOTION   = 1 << 1,   /* "score", "feeling" */
  JM_CARD_FIELD_RATING    = 1 << 2,   /* "impact", "effort", "status" */
  JM_CARD_FIELD_OWNERSHIP = 1 << 3,   /* "department", "owner": edited for this kind */
  JM_CARD_FIELD_OWNER_ALWAYS = 1 << 4, /* "owner" written even when empty */
} JmCardFields;

/* Accent colours as 0xRRGGBB, indexed by theme: light, dark, contrast. */
#define JM_CARD_KIND_N_THEMES 3

typedef struct
{
  JmCardKind   kind;
  const char  *nick;          /* JSON value of "kind", e.g. "pain-point" */
  const char  *label;         /* untranslated (N_), e.g. "Pain point"; use jm_card_kind_get_label () */
  const char  *icon_name;     /* symbolic icon */
  JmLaneKind   lane_kind;     /* the typed lane that holds this kind */
  const char  *lane_label;    /* untranslated label of that lane kind, e.g. "Pain points" */
  guint32      accents[JM_CARD_KIND_N_THEMES];
  JmCardFields fields;
} JmCardKindInfo;

#define JM_N_CARD_KINDS (JM_CARD_KIND_NOTE + 1)

/* The row of a kind; an out-of-range kind gets NOTE's row. Never NULL. */
const JmCardKindInfo *jm_card_kind_get_info     (JmCardKind  kind);
/* The row whose nick is @nick, or NULL. */
const JmCardKindInfo *jm_card_kind_lookup_nick  (const char *nick);
/* Translated label of a kind ("Pain point" / "痛点"). */
const char           *jm_card_kind_get_label    (JmCardKind  kind);
const char           *jm_card_kind_get_icon_name (JmCardKind kind);
JmCardFields          jm_card_kind_get_fields   (JmCardKind  kind);
gboolean              jm_card_kind_has_field    (JmCardKind  kind,
                                                 JmCardFields field);
/* Translated label of a lane kind ("Pain points"); CUSTOM is "Custom". */
const char           *jm_lane_kind_get_label    (JmLaneKind  kind);

G_END_DECLS
