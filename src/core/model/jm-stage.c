/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-stage.c: a column of the map, and its metrics. */
#include "config.h"

#include <string.h>

#include "jm-document-private.h"
#include "jm-stage.h"

/* JmMetrics */

struct _JmMetrics
{
  gatomicrefcount  ref_count;
  GArray          *items;   /* of JmMetric */
};

G_DEFINE_BOXED_TYPE (JmMetrics, jm_metrics, jm_metrics_ref, jm_metrics_unref)

static void
metric_clear (gpointer data)
{
  JmMetric *metric = data;

  g_clear_pointer (&metric->name, g_free);
  g_clear_pointer (&metric->unit, g_free);
}

JmMetrics *
jm_metrics_new (void)
{
  JmMetrics *self = g_new0 (JmMetrics, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->items = g_array_new (FALSE, TRUE, sizeof (JmMetric));
  g_array_set_clear_func (self->items, metric_clear);

  return self;
}

void
jm_metrics_append (JmMetrics  *self,
                   const char *name,
                   double      value,
                   const char *unit,
                   gboolean    has_target,
                   double      target)
{
  JmMetric metric;

  g_return_if_fail (self != NULL);

  metric.name = g_strdup (name != NULL ? name : "");
  metric.value = value;
  metric.unit = g_strdup (unit != NULL ? unit : "");
  metric.has_target = !!has_target;
  metric.target = has_target ? target : 0.0;
  g_array_append_val (self->items, metric);
}

guint
jm_metrics_get_n (const JmMetrics *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

const JmMetric *
jm_metrics_get (const JmMetrics *self,
                guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (index >= self->items->len)
    return NULL;

  return &g_array_index (self->items, JmMetric, index);
}

gboolean
jm_metrics_equal (const JmMetrics *a,
                  const JmMetrics *b)
{
  guint n_a = a != NULL ? a->items->len : 0;
  guint n_b = b != NULL ? b->items->len : 0;

  if (a == b)
    return TRUE;
  if (n_a != n_b)
    return FALSE;

  for (guint i = 0; i < n_a; i++)
    {
      const JmMetric *ma = &g_array_index (a->items, JmMetric, i);
      const JmMetric *mb = &g_array_index (b->items, JmMetric, i);

      if (g_strcmp0 (ma->name, mb->name) != 0 ||
          g_strcmp0 (ma->unit, mb->unit) != 0 ||
          ma->value != mb->value ||
          ma->has_target != mb->has_target ||
          (ma->has_target && ma->target != mb->target))
        return FALSE;
    }

  return TRUE;
}

JmMetrics *
jm_metrics_ref (JmMetrics *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
jm_metrics_unref (JmMetrics *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->items);
      g_free (self);
    }
}

/* JmStage */

struct _JmStage
{
  JmElement  parent_instance;

  /* owned */
  char      *title;
  char      *description;
  char      *customer_goal;
  char      *business_goal;
  char      *color;
  JmMetrics *metrics;
};

G_DEFINE_FINAL_TYPE (JmStage, jm_stage, JM_TYPE_ELEMENT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_CUSTOMER_GOAL,
  PROP_BUSINESS_GOAL,
  PROP_COLOR,
  PROP_METRICS,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
jm_stage_finalize (GObject *object)
{
  JmStage *self = JM_STAGE (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->customer_goal, g_free);
  g_clear_pointer (&self->business_goal, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->metrics, jm_metrics_unref);

  G_OBJECT_CLASS (jm_stage_parent_class)->finalize (object);
}

static void
jm_stage_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  JmStage *self = JM_STAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_CUSTOMER_GOAL:
      g_value_set_string (value, self->customer_goal);
      break;

    case PROP_BUSINESS_GOAL:
      g_value_set_string (value, self->business_goal);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_METRICS:
      g_value_set_boxed (value, self->metrics);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_metrics (JmStage   *self,
             JmMetrics *metrics)
{
  if (metrics == self->metrics || jm_metrics_equal (metrics, self->metrics))
    return;

  g_clear_pointer (&self->metrics, jm_metrics_unref);
  self->metrics = metrics != NULL ? jm_metrics_ref (metrics) : jm_metrics_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METRICS]);
}

static void
jm_stage_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  JmStage *self = JM_STAGE (object);
  char **field = NULL;

  switch (prop_id)
    {
    case PROP_TITLE:
      field = &self->title;
      break;

    case PROP_DESCRIPTION:
      field = &self->description;
      break;

    case PROP_CUSTOMER_GOAL:
      field = &self->customer_goal;
      break;

    case PROP_BUSINESS_GOAL:
      field = &self->business_goal;
      break;

    case PROP_COLOR:
      field = &self->color;
      break;

    case PROP_METRICS:
      set_metrics (self, g_value_get_boxed (value));
      return;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (_jm_string_replace (field, g_value_get_string (value)))
    g_object_notify_by_pspec (object, pspec);
}

static void
jm_stage_class_init (JmStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JmElementClass *element_class = JM_ELEMENT_CLASS (klass);

  object_class->finalize = jm_stage_finalize;
  object_class->get_property = jm_stage_get_property;
  object_class->set_property = jm_stage_set_property;

  element_class->id_prefix = "s";

#define STRING_PROP(ID, NAME) \
  properties[ID] = g_param_spec_string (NAME, NULL, NULL, "", \
                                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | \
                                         G_PARAM_STATIC_STRINGS))
  STRING_PROP (PROP_TITLE, "title");
  STRING_PROP (PROP_DESCRIPTION, "description");
  STRING_PROP (PROP_CUSTOMER_GOAL, "customer-goal");
  STRING_PROP (PROP_BUSINESS_GOAL, "business-goal");
  STRING_PROP (PROP_COLOR, "color");
#undef STRING_PROP

  properties[PROP_METRICS] =
    g_param_spec_boxed ("metrics", NULL, NULL,
                        JM_TYPE_METRICS,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_stage_init (JmStage *self)
{
  self->title = g_strdup ("");
  self->description = g_strdup ("");
  self->customer_goal = g_strdup ("");
  self->business_goal = g_strdup ("");
  self->color = g_strdup ("");
  self->metrics = jm_metrics_new ();
}

JmStage *
jm_stage_new (const char *id,
              const char *title)
{
  JmStage *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (JM_TYPE_STAGE, "id", id, NULL);
  _jm_string_replace (&self->title, title);

  return self;
}

const char *
jm_stage_get_title (JmStage *self)
{
  g_return_val_if_fail (JM_IS_STAGE (self), NULL);

  return self->title;
}

const char *
jm_stage_get_description (JmStage *self)
{
  g_return_val_if_fail (JM_IS_STAGE (self), NULL);

  return self->description;
}

const char *
jm_stage_get_customer_goal (JmStage *self)
{
  g_return_val_if_fail (JM_IS_STAGE (self), NULL);

  return self->customer_goal;
}

const char *
jm_stage_get_business_goal (JmStage *self)
{
  g_return_val_if_fail (JM_IS_STAGE (self), NULL);

  return self->business_goal;
}

const char *
jm_stage_get_color (JmStage *self)
{
  g_return_val_if_fail (JM_IS_STAGE (self), NULL);

  return self->color;
}

const JmMetrics *
jm_stage_get_metrics (JmStage *self)
{
  g_return_val_if_fail (JM_IS_STAGE (self), NULL);

  return self->metrics;
}
