/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-json-format.h: the keys of the file format, shared by the reader and the writer.
 *
 * One table per object of the format: its JSON keys in the order the writer writes them,
 * each with the property of the element that holds it. Types, ranges and defaults come from
 * the properties' GParamSpecs (string, boolean, int with its minimum and maximum, enum by
 * nick, double); the tables only say what a GParamSpec cannot. Private to src/core/io. */
#pragma once

#include <glib-object.h>

#include "jm-card-kind.h"

G_BEGIN_DECLS

typedef enum {
  JM_JSON_FIELD_BY_HAND  = 1 << 0,  /* read by hand: an id or a reference to other elements */
  JM_JSON_FIELD_REQUIRED = 1 << 1,  /* a missing key is an error */
  JM_JSON_FIELD_COLOR    = 1 << 2,  /* a string "#rrggbb" or "" */
  JM_JSON_FIELD_OPTIONAL = 1 << 3,  /* written only when not the default… */
} JmJsonFieldFlags;

typedef struct
{
  const char       *key;         /* the JSON key */
  const char       *property;    /* the element's property; NULL: not a property */
  JmJsonFieldFlags  flags;
  /* Cards: a field of some kinds only (jm_card_kind_has_field ()); other kinds neither
   * write it nor take it from a file. An OPTIONAL field is written for every kind when set,
   * and always for the kinds that have kind_field. 0: every card. */
  JmCardFields      kind_field;
} JmJsonField;

typedef struct
{
  const JmJsonField  *fields;
  guint               n_fields;
  GType             (*get_type) (void);   /* NULL: not an element (the top level, a metric) */
  GParamSpec        **pspecs;             /* by field; filled once by jm_json_format_pspecs () */
  gsize               once;
} JmJsonFormat;

/* Indices into each table, for the keys read or written by hand. */
enum { STAGE_ID, STAGE_TITLE, STAGE_DESCRIPTION, STAGE_CUSTOMER_GOAL, STAGE_BUSINESS_GOAL,
       STAGE_COLOR, STAGE_METRICS, N_STAGE_KEYS };
enum { METRIC_NAME, METRIC_VALUE, METRIC_UNIT, METRIC_TARGET, N_METRIC_KEYS };
enum { LANE_ID, LANE_KIND, LANE_TITLE, LANE_VISIBLE, N_LANE_KEYS };
enum { DEPARTMENT_ID, DEPARTMENT_NAME, DEPARTMENT_COLOR, N_DEPARTMENT_KEYS };
enum { ROLE_ID, ROLE_NAME, ROLE_KIND, ROLE_COLOR, N_ROLE_KEYS };
enum { CARD_ID, CARD_STAGE, CARD_LANE, CARD_KIND, CARD_TEXT, CARD_NOTES, CARD_COLOR, CARD_LINK,
       CARD_ROLES, CARD_CHANNEL, CARD_ONLINE, CARD_SCORE, CARD_FEELING, CARD_IMPACT, CARD_EFFORT,
       CARD_STATUS, CARD_DEPARTMENT, CARD_OWNER, N_CARD_KEYS };
enum { CONNECTION_ID, CONNECTION_FROM, CONNECTION_TO, CONNECTION_LABEL, CONNECTION_KIND,
       N_CONNECTION_KEYS };
enum { TOP_FORMAT, TOP_VERSION, TOP_TITLE, TOP_DESCRIPTION, TOP_AUTHOR, TOP_CREATED,
       TOP_MODIFIED, TOP_STAGES, TOP_LANES, TOP_DEPARTMENTS, TOP_ROLES, TOP_CARDS,
       TOP_CONNECTIONS, N_TOP_KEYS };
enum { FRAG_FORMAT, FRAG_VERSION, FRAG_CARDS, FRAG_CONNECTIONS, N_FRAG_KEYS };

extern JmJsonFormat jm_json_stage_format;
extern JmJsonFormat jm_json_metric_format;
extern JmJsonFormat jm_json_lane_format;
extern JmJsonFormat jm_json_department_format;
extern JmJsonFormat jm_json_role_format;
extern JmJsonFormat jm_json_card_format;
extern JmJsonFormat jm_json_connection_format;
extern JmJsonFormat jm_json_top_format;        /* the map: format, version, metadata, lists */
extern JmJsonFormat jm_json_fragment_format;   /* a clipboard fragment */

/* The GParamSpec of each field (NULL for the fields that are no property). Thread-safe. */
GParamSpec * const *jm_json_format_pspecs      (JmJsonFormat       *format);
/* TRUE if name is one of the format's keys. */
gboolean            jm_json_format_has_key     (const JmJsonFormat *format,
                                                const char         *name);
/* TRUE if a card of this kind has the field (see JmJsonField.kind_field). */
gboolean            jm_json_field_applies      (const JmJsonField  *field,
                                                JmCardKind          kind);
/* TRUE if value is the property's default (an empty string list counts as the default). */
gboolean            jm_json_value_is_default   (GParamSpec         *pspec,
                                                const GValue       *value);

G_END_DECLS
