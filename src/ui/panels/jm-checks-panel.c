/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-checks-panel.c: the map checks (src/core/model/jm-checks.h), grouped by check with its
 * advice, re-run whenever the map changes (once per burst of changes). Activating a finding
 * selects its place on the canvas. The sidebar shows "n-findings" as the tab's badge. */
#define G_LOG_DOMAIN "jm-panels"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-checks-panel.h"
#include "model/jm-checks.h"

/* Huge maps can have thousands of findings of one kind: the list shows the first ones. */
#define MAX_ROWS_PER_CHECK 50

struct _JmChecksPanel
{
  JmPanel    parent_instance;

  /* Template widgets */
  GtkStack  *stack;
  GtkLabel  *summary_label;
  GtkBox    *content;

  /* Owned */
  char      *signature;   /* of the findings shown */
  guint      n_findings;
};

G_DEFINE_FINAL_TYPE (JmChecksPanel, jm_checks_panel, JM_TYPE_PANEL)

enum {
  PROP_0,
  PROP_N_FINDINGS,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
row_activated_cb (GtkListBox    *list,
                  GtkListBoxRow *row,
                  JmChecksPanel *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "jm-element-id");

  if (id != NULL)
    jm_panel_show_element (JM_PANEL (self), id);
}

static GtkWidget *
make_row (JmCheckFinding *finding)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (jm_check_finding_get_message (finding));

  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), icon);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("go-next-symbolic"));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, _("Show on the map"));
  g_object_set_data_full (G_OBJECT (row), "jm-element-id",
                          g_strdup (jm_check_finding_get_element_id (finding)), g_free);

  return row;
}

static void
jm_checks_panel_reload (JmPanel *panel)
{
  JmChecksPanel *self = JM_CHECKS_PANEL (panel);
  JmDocument *document = jm_panel_get_document (panel);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GString) signature = g_string_new (NULL);
  g_autofree char *summary = NULL;
  guint n;

  findings = document != NULL ? jm_checks_run (document)
                              : g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < findings->len; i++)
    {
      JmCheckFinding *finding = g_ptr_array_index (findings, i);

      g_string_append_printf (signature, "%d\x1f%s\x1f%s\x1e",
                              jm_check_finding_get_kind (finding),
                              jm_check_finding_get_element_id (finding),
                              jm_check_finding_get_message (finding));
    }

  n = findings->len;
  if (n != self->n_findings)
    {
      self->n_findings = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FINDINGS]);
    }

  if (g_strcmp0 (signature->str, self->signature) == 0)
    return;
  g_free (self->signature);
  self->signature = g_strdup (signature->str);

  jm_panel_remove_all (GTK_WIDGET (self->content));
  gtk_stack_set_visible_child_name (self->stack, n == 0 ? "clean" : "list");
  if (n == 0)
    return;

  /* Translators: %u is the number of findings of the map checks. */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u thing to look at, from the sources’ advice on "
                                          "complete journey maps.",
                                          "%u things to look at, from the sources’ advice on "
                                          "complete journey maps.", n), n);
  gtk_label_set_label (self->summary_label, summary);

  for (guint k = 0; k < JM_N_CHECKS; k++)
    {
      GtkWidget *list = NULL;
      guint count = 0;

      for (guint i = 0; i < findings->len; i++)
        if (jm_check_finding_get_kind (g_ptr_array_index (findings, i)) == k)
          count++;
      if (count == 0)
        continue;

      {
        g_autofree char *heading = g_strdup_printf ("%s (%u)", jm_check_kind_get_title (k), count);
        GtkWidget *title = gtk_label_new (heading);
        GtkWidget *advice = gtk_label_new (jm_check_kind_get_advice (k));

        gtk_label_set_xalign (GTK_LABEL (title), 0);
        gtk_label_set_wrap (GTK_LABEL (title), TRUE);
        gtk_widget_set_margin_top (title, 12);
        gtk_widget_add_css_class (title, "heading");
        gtk_box_append (self->content, title);
        gtk_label_set_xalign (GTK_LABEL (advice), 0);
        gtk_label_set_wrap (GTK_LABEL (advice), TRUE);
        gtk_widget_add_css_class (advice, "dim-label");
        gtk_widget_add_css_class (advice, "caption");
        gtk_box_append (self->content, advice);
      }

      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      jm_check_kind_get_title (k), -1);
      g_signal_connect (list, "row-activated", G_CALLBACK (row_activated_cb), self);
      {
        guint shown = 0;

        for (guint i = 0; i < findings->len && shown < MAX_ROWS_PER_CHECK; i++)
          {
            JmCheckFinding *finding = g_ptr_array_index (findings, i);

            if (jm_check_finding_get_kind (finding) == k)
              {
                gtk_list_box_append (GTK_LIST_BOX (list), make_row (finding));
                shown++;
              }
          }
        gtk_box_append (self->content, list);

        if (count > shown)
          {
            /* Translators: more findings of one check than the list shows. */
            g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                  "and %u more",
                                                                  "and %u more",
                                                                  count - shown),
                                                     count - shown);
            GtkWidget *label = gtk_label_new (more);

            gtk_label_set_xalign (GTK_LABEL (label), 0);
            gtk_widget_add_css_class (label, "dim-label");
            gtk_box_append (self->content, label);
          }
      }
    }
}

static void
jm_checks_panel_document_changed (JmPanel      *panel,
                                  JmChangeType  type,
                                  JmElement    *element,
                                  const char   *property)
{
  /* Any change may add or settle a finding (or change its wording). */
  jm_panel_queue_reload (panel);
}

static void
jm_checks_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JmChecksPanel *self = JM_CHECKS_PANEL (object);

  switch (prop_id)
    {
    case PROP_N_FINDINGS:
      g_value_set_uint (value, self->n_findings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_checks_panel_dispose (GObject *object)
{
  jm_panel_dispose_template (JM_PANEL (object), JM_TYPE_CHECKS_PANEL);

  G_OBJECT_CLASS (jm_checks_panel_parent_class)->dispose (object);
}

static void
jm_checks_panel_finalize (GObject *object)
{
  JmChecksPanel *self = JM_CHECKS_PANEL (object);

  g_free (self->signature);

  G_OBJECT_CLASS (jm_checks_panel_parent_class)->finalize (object);
}

static void
jm_checks_panel_class_init (JmChecksPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  JmPanelClass *panel_class = JM_PANEL_CLASS (klass);

  object_class->dispose = jm_checks_panel_dispose;
  object_class->finalize = jm_checks_panel_finalize;
  object_class->get_property = jm_checks_panel_get_property;

  panel_class->reload = jm_checks_panel_reload;
  panel_class->document_changed = jm_checks_panel_document_changed;

  properties[PROP_N_FINDINGS] =
    g_param_spec_uint ("n-findings", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/panels/jm-checks-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, JmChecksPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, JmChecksPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, JmChecksPanel, content);
}

static void
jm_checks_panel_init (JmChecksPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

guint
jm_checks_panel_get_n_findings (JmChecksPanel *self)
{
  g_return_val_if_fail (JM_IS_CHECKS_PANEL (self), 0);

  jm_panel_flush (JM_PANEL (self));
  return self->n_findings;
}
