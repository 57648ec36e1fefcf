/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-card.c: a sticky note in one (stage, lane) cell. */
#include "config.h"

#include <string.h>

#include "jm-card.h"
#include "jm-document-private.h"

struct _JmCard
{
  JmElement   parent_instance;

  JmCardKind  kind;
  char       *stage;
  char       *lane;
  char       *text;
  char       *notes;
  char       *color;
  char       *link;
  char      **roles;

  /* touchpoint */
  JmChannel   channel;
  gboolean    online;

  /* emotion */
  int         score;
  char       *feeling;

  /* opportunity */
  int         impact;
  int         effort;
  JmStatus    status;

  /* responsibility */
  char       *department;
  char       *owner;
};

G_DEFINE_FINAL_TYPE (JmCard, jm_card, JM_TYPE_ELEMENT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_STAGE,
  PROP_LANE,
  PROP_TEXT,
  PROP_NOTES,
  PROP_COLOR,
  PROP_LINK,
  PROP_ROLES,
  PROP_CHANNEL,
  PROP_ONLINE,
  PROP_SCORE,
  PROP_FEELING,
  PROP_IMPACT,
  PROP_EFFORT,
  PROP_STATUS,
  PROP_DEPARTMENT,
  PROP_OWNER,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
jm_card_finalize (GObject *object)
{
  JmCard *self = JM_CARD (object);

  g_clear_pointer (&self->stage, g_free);
  g_clear_pointer (&self->lane, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->link, g_free);
  g_clear_pointer (&self->roles, g_strfreev);
  g_clear_pointer (&self->feeling, g_free);
  g_clear_pointer (&self->department, g_free);
  g_clear_pointer (&self->owner, g_free);

  G_OBJECT_CLASS (jm_card_parent_class)->finalize (object);
}

static char **
string_field (JmCard *self,
              guint   prop_id)
{
  switch (prop_id)
    {
    case PROP_STAGE:      return &self->stage;
    case PROP_LANE:       return &self->lane;
    case PROP_TEXT:       return &self->text;
    case PROP_NOTES:      return &self->notes;
    case PROP_COLOR:      return &self->color;
    case PROP_LINK:       return &self->link;
    case PROP_FEELING:    return &self->feeling;
    case PROP_DEPARTMENT: return &self->department;
    case PROP_OWNER:      return &self->owner;
    default:              return NULL;
    }
}

static int *
int_field (JmCard *self,
           guint   prop_id)
{
  switch (prop_id)
    {
    case PROP_KIND:    return (int *) &self->kind;
    case PROP_CHANNEL: return (int *) &self->channel;
    case PROP_ONLINE:  return &self->online;
    case PROP_SCORE:   return &self->score;
    case PROP_IMPACT:  return &self->impact;
    case PROP_EFFORT:  return &self->effort;
    case PROP_STATUS:  return (int *) &self->status;
    default:           return NULL;
    }
}

static void
jm_card_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  JmCard *self = JM_CARD (object);
  char **str;
  int *num;

  if ((str = string_field (self, prop_id)) != NULL)
    {
      g_value_set_string (value, *str);
      return;
    }

  if ((num = int_field (self, prop_id)) != NULL)
    {
      if (G_IS_PARAM_SPEC_ENUM (pspec))
        g_value_set_enum (value, *num);
      else if (G_IS_PARAM_SPEC_BOOLEAN (pspec))
        g_value_set_boolean (value, *num);
      else
        g_value_set_int (value, *num);
      return;
    }

  switch (prop_id)
    {
    case PROP_ROLES:
      g_value_set_boxed (value, self->roles);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_roles (JmCard             *self,
           const char * const *roles)
{
  static const char * const empty[] = { NULL };

  if (roles == NULL)
    roles = empty;

  if (g_strv_equal (roles, (const char * const *) self->roles))
    return;

  g_strfreev (self->roles);
  self->roles = g_strdupv ((char **) roles);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLES]);
}

static void
jm_card_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  JmCard *self = JM_CARD (object);
  char **str;
  int *num;

  if ((str = string_field (self, prop_id)) != NULL)
    {
      if (_jm_string_replace (str, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      return;
    }

  if ((num = int_field (self, prop_id)) != NULL)
    {
      int v;

      if (G_IS_PARAM_SPEC_ENUM (pspec))
        v = g_value_get_enum (value);
      else if (G_IS_PARAM_SPEC_BOOLEAN (pspec))
        v = !!g_value_get_boolean (value);
      else
        v = g_value_get_int (value);

      if (*num != v)
        {
          *num = v;
          g_object_notify_by_pspec (object, pspec);
        }
      return;
    }

  switch (prop_id)
    {
    case PROP_ROLES:
      set_roles (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_card_class_init (JmCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JmElementClass *element_class = JM_ELEMENT_CLASS (klass);
  const GParamFlags flags = (G_PARAM_READWRITE |
                             G_PARAM_EXPLICIT_NOTIFY |
                             G_PARAM_STATIC_STRINGS);

  object_class->finalize = jm_card_finalize;
  object_class->get_property = jm_card_get_property;
  object_class->set_property = jm_card_set_property;

  element_class->id_prefix = "c";

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       JM_TYPE_CARD_KIND, JM_CARD_KIND_NOTE,
                       flags);

  /* The cell: set at construction, changed only by _jm_document_move (). */
  properties[PROP_STAGE] =
    g_param_spec_string ("stage", NULL, NULL, "", flags | G_PARAM_CONSTRUCT_ONLY);
  properties[PROP_LANE] =
    g_param_spec_string ("lane", NULL, NULL, "", flags | G_PARAM_CONSTRUCT_ONLY);

  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, "", flags);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, "", flags);
  properties[PROP_LINK] = g_param_spec_string ("link", NULL, NULL, "", flags);

  properties[PROP_ROLES] =
    g_param_spec_boxed ("roles", NULL, NULL, G_TYPE_STRV, flags);

  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL,
                       JM_TYPE_CHANNEL, JM_CHANNEL_OTHER,
                       flags);
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE, flags);

  properties[PROP_SCORE] =
    g_param_spec_int ("score", NULL, NULL,
                      JM_SCORE_MIN, JM_SCORE_MAX, 0,
                      flags);
  properties[PROP_FEELING] = g_param_spec_string ("feeling", NULL, NULL, "", flags);

  properties[PROP_IMPACT] =
    g_param_spec_int ("impact", NULL, NULL,
                      JM_RATING_MIN, JM_RATING_MAX, 3,
                      flags);
  properties[PROP_EFFORT] =
    g_param_spec_int ("effort", NULL, NULL,
                      JM_RATING_MIN, JM_RATING_MAX, 3,
                      flags);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       JM_TYPE_STATUS, JM_STATUS_IDEA,
                       flags);

  properties[PROP_DEPARTMENT] = g_param_spec_string ("department", NULL, NULL, "", flags);
  properties[PROP_OWNER] = g_param_spec_string ("owner", NULL, NULL, "", flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_card_init (JmCard *self)
{
  self->kind = JM_CARD_KIND_NOTE;
  self->text = g_strdup ("");
  self->notes = g_strdup ("");
  self->color = g_strdup ("");
  self->link = g_strdup ("");
  self->roles = g_new0 (char *, 1);
  self->channel = JM_CHANNEL_OTHER;
  self->online = TRUE;
  self->score = 0;
  self->feeling = g_strdup ("");
  self->impact = 3;
  self->effort = 3;
  self->status = JM_STATUS_IDEA;
  self->department = g_strdup ("");
  self->owner = g_strdup ("");
  /* stage and lane are construct properties */
}

JmCard *
jm_card_new (const char *id,
             JmCardKind  kind,
             const char *stage_id,
             const char *lane_id,
             const char *text)
{
  JmCard *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (JM_TYPE_CARD,
                       "id", id,
                       "stage", stage_id,
                       "lane", lane_id,
                       NULL);
  self->kind = kind;
  _jm_string_replace (&self->text, text);

  return self;
}

void
_jm_card_set_cell (JmCard     *self,
                   const char *stage_id,
                   const char *lane_id)
{
  g_return_if_fail (JM_IS_CARD (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (_jm_string_replace (&self->stage, stage_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
  if (_jm_string_replace (&self->lane, lane_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANE]);
  g_object_thaw_notify (G_OBJECT (self));
}

JmCardKind
jm_card_get_kind (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), JM_CARD_KIND_NOTE);

  return self->kind;
}

const char *
jm_card_get_stage (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), NULL);

  return self->stage;
}

const char *
jm_card_get_lane (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), NULL);

  return self->lane;
}

const char *
jm_card_get_text (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), NULL);

  return self->text;
}

const char *
jm_card_get_notes (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), NULL);

  return self->notes;
}

const char *
jm_card_get_color (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), NULL);

  return self->color;
}

const char *
jm_card_get_link (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), NULL);

  return self->link;
}

const char * const *
jm_card_get_roles (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), NULL);

  return (const char * const *) self->roles;
}

gboolean
jm_card_has_role (JmCard     *self,
                  const char *role_id)
{
  g_return_val_if_fail (JM_IS_CARD (self), FALSE);

  if (role_id == NULL)
    return FALSE;

  return g_strv_contains ((const char * const *) self->roles, role_id);
}

JmChannel
jm_card_get_channel (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), JM_CHANNEL_OTHER);

  return self->channel;
}

gboolean
jm_card_get_online (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), TRUE);

  return self->online;
}

int
jm_card_get_score (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), 0);

  return self->score;
}

const char *
jm_card_get_feeling (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), NULL);

  return self->feeling;
}

int
jm_card_get_impact (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), 3);

  return self->impact;
}

int
jm_card_get_effort (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), 3);

  return self->effort;
}

int
jm_card_get_priority (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), 0);

  return self->impact * (6 - self->effort);
}

JmStatus
jm_card_get_status (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), JM_STATUS_IDEA);

  return self->status;
}

const char *
jm_card_get_department (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), NULL);

  return self->department;
}

const char *
jm_card_get_owner (JmCard *self)
{
  g_return_val_if_fail (JM_IS_CARD (self), NULL);

  return self->owner;
}
