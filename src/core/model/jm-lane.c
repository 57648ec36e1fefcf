/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-lane.c: a row of the map. */
#include "config.h"

#include "jm-document-private.h"
#include "jm-lane.h"

struct _JmLane
{
  JmElement   parent_instance;

  JmLaneKind  kind;
  char       *title;
  gboolean    visible;
};

G_DEFINE_FINAL_TYPE (JmLane, jm_lane, JM_TYPE_ELEMENT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_VISIBLE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
jm_lane_finalize (GObject *object)
{
  JmLane *self = JM_LANE (object);

  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (jm_lane_parent_class)->finalize (object);
}

static void
jm_lane_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  JmLane *self = JM_LANE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_VISIBLE:
      g_value_set_boolean (value, self->visible);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_lane_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  JmLane *self = JM_LANE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      if (self->kind != (JmLaneKind) g_value_get_enum (value))
        {
          self->kind = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_TITLE:
      if (_jm_string_replace (&self->title, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_VISIBLE:
      if (self->visible != g_value_get_boolean (value))
        {
          self->visible = !!g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_lane_class_init (JmLaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JmElementClass *element_class = JM_ELEMENT_CLASS (klass);

  object_class->finalize = jm_lane_finalize;
  object_class->get_property = jm_lane_get_property;
  object_class->set_property = jm_lane_set_property;

  element_class->id_prefix = "l";

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       JM_TYPE_LANE_KIND,
                       JM_LANE_KIND_CUSTOM,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_VISIBLE] =
    g_param_spec_boolean ("visible", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_lane_init (JmLane *self)
{
  self->kind = JM_LANE_KIND_CUSTOM;
  self->title = g_strdup ("");
  self->visible = TRUE;
}

JmLane *
jm_lane_new (const char *id,
             JmLaneKind  kind,
             const char *title)
{
  JmLane *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (JM_TYPE_LANE, "id", id, NULL);
  self->kind = kind;
  _jm_string_replace (&self->title, title);

  return self;
}

JmLaneKind
jm_lane_get_kind (JmLane *self)
{
  g_return_val_if_fail (JM_IS_LANE (self), JM_LANE_KIND_CUSTOM);

  return self->kind;
}

const char *
jm_lane_get_title (JmLane *self)
{
  g_return_val_if_fail (JM_IS_LANE (self), NULL);

  return self->title;
}

gboolean
jm_lane_get_visible (JmLane *self)
{
  g_return_val_if_fail (JM_IS_LANE (self), FALSE);

  return self->visible;
}
