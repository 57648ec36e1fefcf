/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-connection.c: an arrow between two cards. */
#include "config.h"

#include "jm-connection.h"
#include "jm-document-private.h"

struct _JmConnection
{
  JmElement         parent_instance;

  char             *from;
  char             *to;
  char             *label;
  JmConnectionKind  kind;
};

G_DEFINE_FINAL_TYPE (JmConnection, jm_connection, JM_TYPE_ELEMENT)

enum {
  PROP_0,
  PROP_FROM,
  PROP_TO,
  PROP_LABEL,
  PROP_KIND,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
jm_connection_finalize (GObject *object)
{
  JmConnection *self = JM_CONNECTION (object);

  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (jm_connection_parent_class)->finalize (object);
}

static void
jm_connection_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  JmConnection *self = JM_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_FROM:
      g_value_set_string (value, self->from);
      break;

    case PROP_TO:
      g_value_set_string (value, self->to);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_connection_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  JmConnection *self = JM_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_FROM:
      if (_jm_string_replace (&self->from, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_TO:
      if (_jm_string_replace (&self->to, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_LABEL:
      if (_jm_string_replace (&self->label, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_KIND:
      if (self->kind != (JmConnectionKind) g_value_get_enum (value))
        {
          self->kind = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_connection_class_init (JmConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JmElementClass *element_class = JM_ELEMENT_CLASS (klass);

  object_class->finalize = jm_connection_finalize;
  object_class->get_property = jm_connection_get_property;
  object_class->set_property = jm_connection_set_property;

  element_class->id_prefix = "x";

  properties[PROP_FROM] =
    g_param_spec_string ("from", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_TO] =
    g_param_spec_string ("to", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       JM_TYPE_CONNECTION_KIND,
                       JM_CONNECTION_KIND_NEXT,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_connection_init (JmConnection *self)
{
  self->from = g_strdup ("");
  self->to = g_strdup ("");
  self->label = g_strdup ("");
  self->kind = JM_CONNECTION_KIND_NEXT;
}

JmConnection *
jm_connection_new (const char       *id,
                   const char       *from_card_id,
                   const char       *to_card_id,
                   JmConnectionKind  kind)
{
  JmConnection *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (JM_TYPE_CONNECTION, "id", id, NULL);
  _jm_string_replace (&self->from, from_card_id);
  _jm_string_replace (&self->to, to_card_id);
  self->kind = kind;

  return self;
}

const char *
jm_connection_get_from (JmConnection *self)
{
  g_return_val_if_fail (JM_IS_CONNECTION (self), NULL);

  return self->from;
}

const char *
jm_connection_get_to (JmConnection *self)
{
  g_return_val_if_fail (JM_IS_CONNECTION (self), NULL);

  return self->to;
}

const char *
jm_connection_get_label (JmConnection *self)
{
  g_return_val_if_fail (JM_IS_CONNECTION (self), NULL);

  return self->label;
}

JmConnectionKind
jm_connection_get_kind (JmConnection *self)
{
  g_return_val_if_fail (JM_IS_CONNECTION (self), JM_CONNECTION_KIND_NEXT);

  return self->kind;
}
