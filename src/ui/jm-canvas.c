/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder until the canvas lands: keeps the property contract. */
#include "config.h"

#include "jm-canvas.h"

struct _JmCanvas
{
  GtkWidget  parent_instance;

  JmHistory *history;
};

G_DEFINE_FINAL_TYPE (JmCanvas, jm_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HISTORY,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
jm_canvas_dispose (GObject *object)
{
  JmCanvas *self = JM_CANVAS (object);

  g_clear_object (&self->history);
  G_OBJECT_CLASS (jm_canvas_parent_class)->dispose (object);
}

static void
jm_canvas_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  JmCanvas *self = JM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_canvas_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  JmCanvas *self = JM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      jm_canvas_set_history (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_canvas_class_init (JmCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jm_canvas_dispose;
  object_class->get_property = jm_canvas_get_property;
  object_class->set_property = jm_canvas_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         JM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_canvas_init (JmCanvas *self)
{
}

GtkWidget *
jm_canvas_new (void)
{
  return g_object_new (JM_TYPE_CANVAS, NULL);
}

JmHistory *
jm_canvas_get_history (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->history;
}

void
jm_canvas_set_history (JmCanvas  *self,
                       JmHistory *history)
{
  g_return_if_fail (JM_IS_CANVAS (self));

  if (g_set_object (&self->history, history))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}
