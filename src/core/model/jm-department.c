/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-department.c: an internal team that owns moments of the journey. */
#include "config.h"

#include "jm-department.h"
#include "jm-document-private.h"

struct _JmDepartment
{
  JmElement  parent_instance;

  char      *name;
  char      *color;
};

G_DEFINE_FINAL_TYPE (JmDepartment, jm_department, JM_TYPE_ELEMENT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_COLOR,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
jm_department_finalize (GObject *object)
{
  JmDepartment *self = JM_DEPARTMENT (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (jm_department_parent_class)->finalize (object);
}

static void
jm_department_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  JmDepartment *self = JM_DEPARTMENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_department_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  JmDepartment *self = JM_DEPARTMENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      if (_jm_string_replace (&self->name, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
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
jm_department_class_init (JmDepartmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JmElementClass *element_class = JM_ELEMENT_CLASS (klass);

  object_class->finalize = jm_department_finalize;
  object_class->get_property = jm_department_get_property;
  object_class->set_property = jm_department_set_property;

  element_class->id_prefix = "d";

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
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
jm_department_init (JmDepartment *self)
{
  self->name = g_strdup ("");
  self->color = g_strdup ("");
}

JmDepartment *
jm_department_new (const char *id,
                   const char *name,
                   const char *color)
{
  JmDepartment *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (JM_TYPE_DEPARTMENT, "id", id, NULL);
  _jm_string_replace (&self->name, name);
  _jm_string_replace (&self->color, color);

  return self;
}

const char *
jm_department_get_name (JmDepartment *self)
{
  g_return_val_if_fail (JM_IS_DEPARTMENT (self), NULL);

  return self->name;
}

const char *
jm_department_get_color (JmDepartment *self)
{
  g_return_val_if_fail (JM_IS_DEPARTMENT (self), NULL);

  return self->color;
}
