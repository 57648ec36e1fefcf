/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-role.c: a member of the buying committee. */
#include "config.h"

#include "jm-document-private.h"
#include "jm-role.h"

struct _JmRole
{
  JmElement   parent_instance;

  char       *name;
  JmRoleKind  kind;
  char       *color;
};

G_DEFINE_FINAL_TYPE (JmRole, jm_role, JM_TYPE_ELEMENT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_KIND,
  PROP_COLOR,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
jm_role_finalize (GObject *object)
{
  JmRole *self = JM_ROLE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (jm_role_parent_class)->finalize (object);
}

static void
jm_role_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  JmRole *self = JM_ROLE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_role_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  JmRole *self = JM_ROLE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      if (_jm_string_replace (&self->name, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_KIND:
      if (self->kind != (JmRoleKind) g_value_get_enum (value))
        {
          self->kind = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_COLOR:
      if (_jm_string_replace (&self->color, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_role_class_init (JmRoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JmElementClass *element_class = JM_ELEMENT_CLASS (klass);

  object_class->finalize = jm_role_finalize;
  object_class->get_property = jm_role_get_property;
  object_class->set_property = jm_role_set_property;

  element_class->id_prefix = "r";

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       JM_TYPE_ROLE_KIND,
                       JM_ROLE_KIND_DECISION_MAKER,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_role_init (JmRole *self)
{
  self->name = g_strdup ("");
  self->kind = JM_ROLE_KIND_DECISION_MAKER;
  self->color = g_strdup ("");
}

JmRole *
jm_role_new (const char *id,
             JmRoleKind  kind,
             const char *name)
{
  JmRole *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (JM_TYPE_ROLE, "id", id, NULL);
  self->kind = kind;
  _jm_string_replace (&self->name, name);

  return self;
}

const char *
jm_role_get_name (JmRole *self)
{
  g_return_val_if_fail (JM_IS_ROLE (self), NULL);

  return self->name;
}

JmRoleKind
jm_role_get_kind (JmRole *self)
{
  g_return_val_if_fail (JM_IS_ROLE (self), JM_ROLE_KIND_DECISION_MAKER);

  return self->kind;
}

const char *
jm_role_get_color (JmRole *self)
{
  g_return_val_if_fail (JM_IS_ROLE (self), NULL);

  return self->color;
}
