/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-inspector-stage.c: the Details panel's stage form: title, description, goals, colour and
 * the editable list of metrics. */
#define G_LOG_DOMAIN "jm-panels"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-inspector-panel-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Stages and metrics */

static void fill_metrics (JmInspectorPanel *self);

static JmMetrics *
copy_metrics_except (const JmMetrics *metrics,
                     guint            skip)
{
  JmMetrics *copy = jm_metrics_new ();

  for (guint i = 0; i < jm_metrics_get_n (metrics); i++)
    {
      const JmMetric *m = jm_metrics_get (metrics, i);

      if (i != skip)
        jm_metrics_append (copy, m->name, m->value, m->unit, m->has_target, m->target);
    }

  return copy;
}

static void
apply_metrics (JmInspectorPanel *self,
               JmStage          *stage,
               JmMetrics        *metrics)   /* transfer full */
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (jm_metrics_equal (metrics, jm_stage_get_metrics (stage)))
    {
      jm_metrics_unref (metrics);
      return;
    }

  g_value_init (&value, JM_TYPE_METRICS);
  g_value_take_boxed (&value, metrics);
  self->updating++;
  jm_panel_apply (JM_PANEL (self), jm_set_command_new (JM_ELEMENT (stage), "metrics", &value));
  self->updating--;
}

/* Rebuilds the stage's metrics from the widgets of row index (the rest unchanged). */
static void
metric_edited (JmInspectorPanel *self,
               GtkWidget        *row)
{
  JmStage *stage = g_ptr_array_index (self->elements, 0);
  const JmMetrics *old = jm_stage_get_metrics (stage);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "jm-index"));
  GtkWidget *name = g_object_get_data (G_OBJECT (row), "jm-name");
  GtkWidget *value = g_object_get_data (G_OBJECT (row), "jm-value");
  GtkWidget *unit = g_object_get_data (G_OBJECT (row), "jm-unit");
  GtkWidget *has_target = g_object_get_data (G_OBJECT (row), "jm-has-target");
  GtkWidget *target = g_object_get_data (G_OBJECT (row), "jm-target");
  JmMetrics *metrics;

  if (self->updating > 0 || index >= jm_metrics_get_n (old))
    return;

  metrics = jm_metrics_new ();
  for (guint i = 0; i < jm_metrics_get_n (old); i++)
    {
      const JmMetric *m = jm_metrics_get (old, i);

      if (i == index)
        jm_metrics_append (metrics,
                           gtk_editable_get_text (GTK_EDITABLE (name)),
                           gtk_spin_button_get_value (GTK_SPIN_BUTTON (value)),
                           gtk_editable_get_text (GTK_EDITABLE (unit)),
                           gtk_check_button_get_active (GTK_CHECK_BUTTON (has_target)),
                           gtk_spin_button_get_value (GTK_SPIN_BUTTON (target)));
      else
        jm_metrics_append (metrics, m->name, m->value, m->unit, m->has_target, m->target);
    }

  gtk_widget_set_sensitive (target, gtk_check_button_get_active (GTK_CHECK_BUTTON (has_target)));
  apply_metrics (self, stage, metrics);
}

static void
metric_value_changed_cb (GtkWidget *widget,
                         GtkWidget *row)
{
  metric_edited (g_object_get_data (G_OBJECT (row), "jm-panel"), row);
}

static void
metric_focus_leave_cb (GtkEventControllerFocus *controller,
                       GtkWidget               *row)
{
  metric_edited (g_object_get_data (G_OBJECT (row), "jm-panel"), row);
}

static void
metric_remove_clicked_cb (GtkButton *button,
                          GtkWidget *row)
{
  JmInspectorPanel *self = g_object_get_data (G_OBJECT (row), "jm-panel");
  JmStage *stage = g_ptr_array_index (self->elements, 0);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "jm-index"));

  apply_metrics (self, stage, copy_metrics_except (jm_stage_get_metrics (stage), index));
  fill_metrics (self);
}

static GtkWidget *
make_metric_row (JmInspectorPanel *self,
                 const JmMetric   *metric,
                 guint             index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *value = gtk_spin_button_new_with_range (-1e12, 1e12, 1);
  GtkWidget *unit = gtk_entry_new ();
  GtkWidget *has_target = gtk_check_button_new_with_mnemonic (_("_Target"));
  GtkWidget *target = gtk_spin_button_new_with_range (-1e12, 1e12, 1);
  GtkEventController *focus;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "jm-panel", self);
  g_object_set_data (G_OBJECT (row), "jm-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (row), "jm-name", name);
  g_object_set_data (G_OBJECT (row), "jm-value", value);
  g_object_set_data (G_OBJECT (row), "jm-unit", unit);
  g_object_set_data (G_OBJECT (row), "jm-has-target", has_target);
  g_object_set_data (G_OBJECT (row), "jm-target", target);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_editable_set_text (GTK_EDITABLE (name), metric->name);
  gtk_entry_set_placeholder_text (GTK_ENTRY (name), _("Metric, e.g. Conversion"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Metric name"), -1);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (line), name);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Metric"));
  gtk_box_append (GTK_BOX (line), remove);
  gtk_box_append (GTK_BOX (box), line);

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (value), 1);
  gtk_editable_set_width_chars (GTK_EDITABLE (value), 6);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (value), metric->value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Value"), -1);
  gtk_box_append (GTK_BOX (line), value);
  gtk_editable_set_text (GTK_EDITABLE (unit), metric->unit);
  gtk_editable_set_width_chars (GTK_EDITABLE (unit), 3);
  gtk_entry_set_placeholder_text (GTK_ENTRY (unit), _("Unit"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (unit), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Unit"), -1);
  gtk_box_append (GTK_BOX (line), unit);
  gtk_box_append (GTK_BOX (box), line);

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (has_target), metric->has_target);
  gtk_box_append (GTK_BOX (line), has_target);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (target), 1);
  gtk_editable_set_width_chars (GTK_EDITABLE (target), 6);
  gtk_widget_set_hexpand (target, TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (target), metric->has_target ? metric->target : 0);
  gtk_widget_set_sensitive (target, metric->has_target);
  gtk_accessible_update_property (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Target value"), -1);
  gtk_box_append (GTK_BOX (line), target);
  gtk_box_append (GTK_BOX (box), line);

  /* Names and units apply when the field is left (or on Enter); numbers at once. */
  g_signal_connect (name, "activate", G_CALLBACK (metric_value_changed_cb), row);
  g_signal_connect (unit, "activate", G_CALLBACK (metric_value_changed_cb), row);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (metric_focus_leave_cb), row);
  gtk_widget_add_controller (name, focus);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (metric_focus_leave_cb), row);
  gtk_widget_add_controller (unit, focus);
  g_signal_connect (value, "value-changed", G_CALLBACK (metric_value_changed_cb), row);
  g_signal_connect (target, "value-changed", G_CALLBACK (metric_value_changed_cb), row);
  g_signal_connect (has_target, "toggled", G_CALLBACK (metric_value_changed_cb), row);
  g_signal_connect (remove, "clicked", G_CALLBACK (metric_remove_clicked_cb), row);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
fill_metrics (JmInspectorPanel *self)
{
  JmStage *stage;
  const JmMetrics *metrics;

  if (self->metrics_list == NULL || self->elements->len != 1 ||
      !JM_IS_STAGE (g_ptr_array_index (self->elements, 0)))
    return;

  stage = g_ptr_array_index (self->elements, 0);
  metrics = jm_stage_get_metrics (stage);

  self->updating++;
  jm_panel_remove_all (self->metrics_list);
  for (guint i = 0; i < jm_metrics_get_n (metrics); i++)
    gtk_list_box_append (GTK_LIST_BOX (self->metrics_list),
                         make_metric_row (self, jm_metrics_get (metrics, i), i));
  gtk_widget_set_visible (self->metrics_list, jm_metrics_get_n (metrics) > 0);
  self->updating--;
}

static void
stage_metrics_notify_cb (JmInspectorPanel *self)
{
  /* Our own edits already show; undo/redo and other editors rebuild the rows. */
  if (self->updating == 0)
    fill_metrics (self);
}

static void
add_metric_clicked_cb (GtkButton        *button,
                       JmInspectorPanel *self)
{
  JmStage *stage = g_ptr_array_index (self->elements, 0);
  JmMetrics *metrics = copy_metrics_except (jm_stage_get_metrics (stage), G_MAXUINT);
  GtkListBoxRow *row;

  /* Translators: the name of a new stage metric. */
  jm_metrics_append (metrics, _("Conversion"), 0, "%", FALSE, 0);
  apply_metrics (self, stage, metrics);
  fill_metrics (self);

  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->metrics_list),
                                       (int) jm_metrics_get_n (jm_stage_get_metrics (stage)) - 1);
  if (row != NULL)
    {
      GtkWidget *name = g_object_get_data (G_OBJECT (row), "jm-name");

      gtk_widget_grab_focus (name);
      gtk_editable_select_region (GTK_EDITABLE (name), 0, -1);
    }
}

void
jm_inspector_build_stage_form (JmInspectorPanel *self,
                  JmStage          *stage)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  GPtrArray *elements = self->elements;
  GtkWidget *group, *button;
  double score;

  group = jm_inspector_add_group (self, _("Stage"), NULL);
  jm_inspector_add_entry_row (self, group, _("_Title"), elements, "title");
  jm_inspector_add_entry_row (self, group, _("C_ustomer goal"), elements, "customer-goal");
  jm_inspector_add_entry_row (self, group, _("_Business goal"), elements, "business-goal");
  jm_inspector_add_color_row (self, group, elements);
  if (jm_document_get_stage_score (document, jm_element_get_id (JM_ELEMENT (stage)), &score))
    {
      g_autofree char *text = g_strdup_printf ("%+.1f", score);

      jm_inspector_add_info_row (group, _("Emotion"), text);
    }

  group = jm_inspector_add_group (self, _("Description"), NULL);
  jm_inspector_add_text_view (self, group, elements, "description", _("Description"));

  group = jm_inspector_add_group (self, _("Metrics"),
                     _("Measure each stage: conversion to the next, share of clients reaching "
                       "it, referral rate…"));
  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Add a Metric"));
  g_signal_connect (button, "clicked", G_CALLBACK (add_metric_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

  self->metrics_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->metrics_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->metrics_list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->metrics_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Metrics"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->metrics_list);
  fill_metrics (self);

  g_signal_connect_object (stage, "notify::metrics", G_CALLBACK (stage_metrics_notify_cb), self,
                           G_CONNECT_SWAPPED);
}

