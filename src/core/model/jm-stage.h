/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmStage: a column of the map, in time order.
 * Properties: "title", "description", "customer-goal", "business-goal" (strings, never NULL),
 * "color" (string "#rrggbb" or "" for the theme's default), "metrics" (JmMetrics boxed). */
#pragma once

#include "jm-element.h"

G_BEGIN_DECLS

/* A metric of a stage: conversion 12 % (target 15). */
typedef struct
{
  char    *name;
  double   value;
  char    *unit;     /* "" when none */
  gboolean has_target;
  double   target;
} JmMetric;

/* An immutable, refcounted list of metrics; a stage's "metrics" property holds one. Build a
 * new one to change a stage's metrics with a set command. */
typedef struct _JmMetrics JmMetrics;

#define JM_TYPE_METRICS (jm_metrics_get_type ())
GType           jm_metrics_get_type (void) G_GNUC_CONST;
JmMetrics      *jm_metrics_new      (void);
/* Appends a copy of the strings. Only while building, before the list is shared. */
void            jm_metrics_append   (JmMetrics      *self,
                                     const char     *name,
                                     double          value,
                                     const char     *unit,
                                     gboolean        has_target,
                                     double          target);
guint           jm_metrics_get_n    (const JmMetrics *self);
const JmMetric *jm_metrics_get      (const JmMetrics *self,
                                     guint            index);
gboolean        jm_metrics_equal    (const JmMetrics *a,
                                     const JmMetrics *b);
JmMetrics      *jm_metrics_ref      (JmMetrics      *self);
void            jm_metrics_unref    (JmMetrics      *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JmMetrics, jm_metrics_unref)

#define JM_TYPE_STAGE (jm_stage_get_type ())
G_DECLARE_FINAL_TYPE (JmStage, jm_stage, JM, STAGE, JmElement)

JmStage         *jm_stage_new               (const char *id,
                                             const char *title);
const char      *jm_stage_get_title         (JmStage *self);
const char      *jm_stage_get_description   (JmStage *self);
const char      *jm_stage_get_customer_goal (JmStage *self);
const char      *jm_stage_get_business_goal (JmStage *self);
const char      *jm_stage_get_color         (JmStage *self);
const JmMetrics *jm_stage_get_metrics       (JmStage *self);   /* never NULL */

G_END_DECLS
