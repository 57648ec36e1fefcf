/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-inspector-panel-private.h: the Details panel's parts shared by its files
 * (jm-inspector-panel.c: building blocks, cards, lanes, connectors, the form;
 * jm-inspector-stage.c: stages and their metrics). */
#pragma once

#include "jm-inspector-panel.h"

G_BEGIN_DECLS

struct _JmInspectorPanel
{
  JmPanel         parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  AdwStatusPage  *status_page;
  GtkWidget      *scroller;
  GtkBox         *form;

  /* Owned */
  char           *signature;      /* what the form shows: rebuilt when it changes */
  GPtrArray      *elements;       /* the elements of the form */
  GtkWidget      *metrics_list;   /* stage form: the metrics rows (borrowed) */
  GtkWidget      *priority_label; /* card form: the priority read-out (borrowed) */
  guint           updating;
};

/* Building blocks (jm-inspector-panel.c): a row bound to a property of the elements. */
GtkWidget *jm_inspector_add_group (JmInspectorPanel *self,
                                   const char *title,
                                   const char *description);
GtkWidget *jm_inspector_add_entry_row (JmInspectorPanel *self,
                                       GtkWidget *group,
                                       const char *title,
                                       GPtrArray *elements,
                                       const char *property);
void jm_inspector_add_text_view (JmInspectorPanel *self,
                                 GtkWidget *group,
                                 GPtrArray *elements,
                                 const char *property,
                                 const char *accessible_name);
GtkWidget *jm_inspector_add_spin_row (JmInspectorPanel *self,
                                      GtkWidget *group,
                                      const char *title,
                                      int min,
                                      int max,
                                      GPtrArray *elements,
                                      const char *property);
GtkWidget *jm_inspector_add_switch_row (JmInspectorPanel *self,
                                        GtkWidget *group,
                                        const char *title,
                                        const char *subtitle,
                                        GPtrArray *elements,
                                        const char *property);
GtkWidget *jm_inspector_add_enum_row (JmInspectorPanel *self,
                                      GtkWidget *group,
                                      const char *title,
                                      GType enum_type,
                                      GPtrArray *elements,
                                      const char *property);
void jm_inspector_add_color_row (JmInspectorPanel *self,
                                 GtkWidget *group,
                                 GPtrArray *elements);
GtkWidget *jm_inspector_add_info_row (GtkWidget *group,
                                      const char *title,
                                      const char *value);

/* The stage form (jm-inspector-stage.c). */
void jm_inspector_build_stage_form (JmInspectorPanel *self,
                                    JmStage *stage);

G_END_DECLS
