/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-json-format.c: the keys of the file format (see jm-json-format.h and
 * data/journey-map.schema.json). */

#include "config.h"

#include <string.h>

#include "jm-json-format.h"
#include "jm-card.h"
#include "jm-connection.h"
#include "jm-department.h"
#include "jm-lane.h"
#include "jm-role.h"
#include "jm-stage.h"
#include "jm-document.h"

#define HAND     JM_JSON_FIELD_BY_HAND
#define REQUIRED JM_JSON_FIELD_REQUIRED
#define COLOR    JM_JSON_FIELD_COLOR
#define OPTIONAL JM_JSON_FIELD_OPTIONAL

#define FORMAT(fields, get_type) { fields, G_N_ELEMENTS (fields), get_type, NULL, 0 }

static const JmJsonField stage_fields[N_STAGE_KEYS] = {
  [STAGE_ID]            = { "id", "id", HAND, 0 },
  [STAGE_TITLE]         = { "title", "title", 0, 0 },
  [STAGE_DESCRIPTION]   = { "description", "description", 0, 0 },
  [STAGE_CUSTOMER_GOAL] = { "customer-goal", "customer-goal", 0, 0 },
  [STAGE_BUSINESS_GOAL] = { "business-goal", "business-goal", 0, 0 },
  [STAGE_COLOR]         = { "color", "color", COLOR, 0 },
  [STAGE_METRICS]       = { "metrics", "metrics", 0, 0 },
};

/* A metric is a plain struct (JmMetric), not an object: read and written by hand. */
static const JmJsonField metric_fields[N_METRIC_KEYS] = {
  [METRIC_NAME]   = { "name", NULL, HAND, 0 },
  [METRIC_VALUE]  = { "value", NULL, HAND, 0 },
  [METRIC_UNIT]   = { "unit", NULL, HAND, 0 },
  [METRIC_TARGET] = { "target", NULL, HAND, 0 },
};

static const JmJsonField lane_fields[N_LANE_KEYS] = {
  [LANE_ID]      = { "id", "id", HAND, 0 },
  [LANE_KIND]    = { "kind", "kind", REQUIRED, 0 },
  [LANE_TITLE]   = { "title", "title", 0, 0 },
  [LANE_VISIBLE] = { "visible", "visible", 0, 0 },
};

static const JmJsonField department_fields[N_DEPARTMENT_KEYS] = {
  [DEPARTMENT_ID]    = { "id", "id", HAND, 0 },
  [DEPARTMENT_NAME]  = { "name", "name", 0, 0 },
  [DEPARTMENT_COLOR] = { "color", "color", COLOR, 0 },
};

static const JmJsonField role_fields[N_ROLE_KEYS] = {
  [ROLE_ID]    = { "id", "id", HAND, 0 },
  [ROLE_NAME]  = { "name", "name", 0, 0 },
  [ROLE_KIND]  = { "kind", "kind", 0, 0 },
  [ROLE_COLOR] = { "color", "color", COLOR, 0 },
};

static const JmJsonField card_fields[N_CARD_KEYS] = {
  [CARD_ID]         = { "id", "id", HAND, 0 },
  [CARD_STAGE]      = { "stage", "stage", HAND | REQUIRED, 0 },
  [CARD_LANE]       = { "lane", "lane", HAND | REQUIRED, 0 },
  [CARD_KIND]       = { "kind", "kind", HAND, 0 },
  [CARD_TEXT]       = { "text", "text", 0, 0 },
  [CARD_NOTES]      = { "notes", "notes", OPTIONAL, 0 },
  [CARD_COLOR]      = { "color", "color", COLOR | OPTIONAL, 0 },
  [CARD_LINK]       = { "link", "link", OPTIONAL, 0 },
  [CARD_ROLES]      = { "roles", "roles", HAND | OPTIONAL, 0 },
  [CARD_CHANNEL]    = { "channel", "channel", 0, JM_CARD_FIELD_CHANNEL },
  [CARD_ONLINE]     = { "online", "online", 0, JM_CARD_FIELD_CHANNEL },
  [CARD_SCORE]      = { "score", "score", 0, JM_CARD_FIELD_EMOTION },
  [CARD_FEELING]    = { "feeling", "feeling", 0, JM_CARD_FIELD_EMOTION },
  [CARD_IMPACT]     = { "impact", "impact", 0, JM_CARD_FIELD_RATING },
  [CARD_EFFORT]     = { "effort", "effort", 0, JM_CARD_FIELD_RATING },
  [CARD_STATUS]     = { "status", "status", 0, JM_CARD_FIELD_RATING },
  /* Any card may be owned (a touchpoint's or an opportunity's department and owner); a
   * responsibility card always says who owns it, even when nobody is named yet. */
  [CARD_DEPARTMENT] = { "department", "department", OPTIONAL, 0 },
  [CARD_OWNER]      = { "owner", "owner", OPTIONAL, JM_CARD_FIELD_OWNER_ALWAYS },
};

static const JmJsonField connection_fields[N_CONNECTION_KEYS] = {
  [CONNECTION_ID]    = { "id", "id", HAND, 0 },
  [CONNECTION_FROM]  = { "from", "from", HAND | REQUIRED, 0 },
  [CONNECTION_TO]    = { "to", "to", HAND | REQUIRED, 0 },
  [CONNECTION_LABEL] = { "label", "label", 0, 0 },
  [CONNECTION_KIND]  = { "kind", "kind", 0, 0 },
};

/* The metadata are properties of the JmDocument. */
static const JmJsonField top_fields[N_TOP_KEYS] = {
  [TOP_FORMAT]      = { "format", NULL, HAND, 0 },
  [TOP_VERSION]     = { "version", NULL, HAND, 0 },
  [TOP_TITLE]       = { "title", "title", 0, 0 },
  [TOP_DESCRIPTION] = { "description", "description", 0, 0 },
  [TOP_AUTHOR]      = { "author", "author", 0, 0 },
  [TOP_CREATED]     = { "created", "created", 0, 0 },
  [TOP_MODIFIED]    = { "modified", "modified", 0, 0 },
  [TOP_STAGES]      = { "stages", NULL, HAND, 0 },
  [TOP_LANES]       = { "lanes", NULL, HAND, 0 },
  [TOP_DEPARTMENTS] = { "departments", NULL, HAND, 0 },
  [TOP_ROLES]       = { "roles", NULL, HAND, 0 },
  [TOP_CARDS]       = { "cards", NULL, HAND, 0 },
  [TOP_CONNECTIONS] = { "connections", NULL, HAND, 0 },
};

static const JmJsonField fragment_fields[N_FRAG_KEYS] = {
  [FRAG_FORMAT]      = { "format", NULL, HAND, 0 },
  [FRAG_VERSION]     = { "version", NULL, HAND, 0 },
  [FRAG_CARDS]       = { "cards", NULL, HAND, 0 },
  [FRAG_CONNECTIONS] = { "connections", NULL, HAND, 0 },
};

JmJsonFormat jm_json_stage_format = FORMAT (stage_fields, jm_stage_get_type);
JmJsonFormat jm_json_metric_format = FORMAT (metric_fields, NULL);
JmJsonFormat jm_json_lane_format = FORMAT (lane_fields, jm_lane_get_type);
JmJsonFormat jm_json_department_format = FORMAT (department_fields, jm_department_get_type);
JmJsonFormat jm_json_role_format = FORMAT (role_fields, jm_role_get_type);
JmJsonFormat jm_json_card_format = FORMAT (card_fields, jm_card_get_type);
JmJsonFormat jm_json_connection_format = FORMAT (connection_fields, jm_connection_get_type);
JmJsonFormat jm_json_top_format = FORMAT (top_fields, jm_document_get_type);
JmJsonFormat jm_json_fragment_format = FORMAT (fragment_fields, NULL);

GParamSpec * const *
jm_json_format_pspecs (JmJsonFormat *format)
{
  if (g_once_init_enter (&format->once))
    {
      GParamSpec **pspecs = g_new0 (GParamSpec *, format->n_fields);

      if (format->get_type != NULL)
        {
          /* Classes of static types are never freed: keep the reference. */
          GObjectClass *klass = g_type_class_ref (format->get_type ());
          guint i;

          for (i = 0; i < format->n_fields; i++)
            {
              if (format->fields[i].property == NULL)
                continue;
              pspecs[i] = g_object_class_find_property (klass, format->fields[i].property);
              g_assert (pspecs[i] != NULL);
            }
        }
      format->pspecs = pspecs;
      g_once_init_leave (&format->once, 1);
    }
  return (GParamSpec * const *) format->pspecs;
}

gboolean
jm_json_format_has_key (const JmJsonFormat *format,
                        const char         *name)
{
  guint i;

  for (i = 0; i < format->n_fields; i++)
    {
      if (strcmp (format->fields[i].key, name) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
jm_json_field_applies (const JmJsonField *field,
                       JmCardKind         kind)
{
  return field->kind_field == 0 || (field->flags & JM_JSON_FIELD_OPTIONAL) != 0 ||
         jm_card_kind_has_field (kind, field->kind_field);
}

gboolean
jm_json_value_is_default (GParamSpec   *pspec,
                          const GValue *value)
{
  if (G_VALUE_HOLDS (value, G_TYPE_STRV))
    {
      const char * const *strv = g_value_get_boxed (value);
      return strv == NULL || strv[0] == NULL;
    }
  return g_param_value_defaults (pspec, value);
}
