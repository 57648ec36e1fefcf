/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-sidebar.c: the view switcher over the side panels. */
#define G_LOG_DOMAIN "jm-panels"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-sidebar.h"
#include "jm-panel.h"
#include "jm-emotions-panel.h"
#include "jm-opportunities-panel.h"
#include "jm-responsibilities-panel.h"
#include "jm-roles-panel.h"
#include "jm-inspector-panel.h"
#include "jm-checks-panel.h"

struct _JmSidebar
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkWidget       *box;
  AdwViewSwitcher *switcher;
  AdwViewStack    *stack;
  AdwViewStackPage *checks_page;
  JmPanel         *emotions_panel;
  JmPanel         *opportunities_panel;
  JmPanel         *responsibilities_panel;
  JmPanel         *roles_panel;
  JmPanel         *inspector_panel;
  JmPanel         *checks_panel;

  /* Owned */
  JmHistory       *history;
  JmCanvas        *canvas;
};

G_DEFINE_FINAL_TYPE (JmSidebar, jm_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_CANVAS,
  PROP_VISIBLE_PANEL,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const char * const panel_names[] = {
  "emotions", "opportunities", "responsibilities", "roles", "inspector", "checks",
};

static JmPanel **
panels (JmSidebar *self,
        guint      i)
{
  JmPanel **all[] = {
    &self->emotions_panel, &self->opportunities_panel, &self->responsibilities_panel,
    &self->roles_panel, &self->inspector_panel, &self->checks_panel,
  };

  return all[i];
}

static void
visible_child_notify_cb (JmSidebar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_PANEL]);
}

static void
show_panel_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JmSidebar *self = JM_SIDEBAR (widget);
  GtkWidget *panel = jm_sidebar_get_panel (self, g_variant_get_string (parameter, NULL));

  if (panel == NULL)
    return;

  /* From the keyboard: into the panel, too. */
  jm_sidebar_set_visible_panel (self, g_variant_get_string (parameter, NULL));
  gtk_widget_child_focus (panel, GTK_DIR_TAB_FORWARD);
}

/* The panels hold long texts (ellipsized or wrapped): the sidebar keeps one width instead of
 * growing to the longest of them. */
#define SIDEBAR_WIDTH 360

static void
jm_sidebar_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  JmSidebar *self = JM_SIDEBAR (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, SIDEBAR_WIDTH);
}

static void
jm_sidebar_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  JmSidebar *self = JM_SIDEBAR (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
}

static void
jm_sidebar_dispose (GObject *object)
{
  JmSidebar *self = JM_SIDEBAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_SIDEBAR);
  g_clear_object (&self->history);
  g_clear_object (&self->canvas);

  G_OBJECT_CLASS (jm_sidebar_parent_class)->dispose (object);
}

static void
jm_sidebar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  JmSidebar *self = JM_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_CANVAS:
      g_value_set_object (value, self->canvas);
      break;
    case PROP_VISIBLE_PANEL:
      g_value_set_string (value, jm_sidebar_get_visible_panel (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_sidebar_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  JmSidebar *self = JM_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      jm_sidebar_set_history (self, g_value_get_object (value));
      break;
    case PROP_CANVAS:
      jm_sidebar_set_canvas (self, g_value_get_object (value));
      break;
    case PROP_VISIBLE_PANEL:
      jm_sidebar_set_visible_panel (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_sidebar_class_init (JmSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_sidebar_dispose;
  object_class->get_property = jm_sidebar_get_property;
  object_class->set_property = jm_sidebar_set_property;

  widget_class->measure = jm_sidebar_measure;
  widget_class->size_allocate = jm_sidebar_size_allocate;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         JM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CANVAS] =
    g_param_spec_object ("canvas", NULL, NULL,
                         JM_TYPE_CANVAS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE_PANEL] =
    g_param_spec_string ("visible-panel", NULL, NULL,
                         "emotions",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (JM_TYPE_EMOTIONS_PANEL);
  g_type_ensure (JM_TYPE_OPPORTUNITIES_PANEL);
  g_type_ensure (JM_TYPE_RESPONSIBILITIES_PANEL);
  g_type_ensure (JM_TYPE_ROLES_PANEL);
  g_type_ensure (JM_TYPE_INSPECTOR_PANEL);
  g_type_ensure (JM_TYPE_CHECKS_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/panels/jm-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, JmSidebar, box);
  gtk_widget_class_bind_template_child (widget_class, JmSidebar, switcher);
  gtk_widget_class_bind_template_child (widget_class, JmSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, JmSidebar, checks_page);
  gtk_widget_class_bind_template_child (widget_class, JmSidebar, emotions_panel);
  gtk_widget_class_bind_template_child (widget_class, JmSidebar, opportunities_panel);
  gtk_widget_class_bind_template_child (widget_class, JmSidebar, responsibilities_panel);
  gtk_widget_class_bind_template_child (widget_class, JmSidebar, roles_panel);
  gtk_widget_class_bind_template_child (widget_class, JmSidebar, inspector_panel);
  gtk_widget_class_bind_template_child (widget_class, JmSidebar, checks_panel);

  /* Alt+1…6 switch panels while the focus is in the sidebar. */
  gtk_widget_class_install_action (widget_class, "sidebar.show-panel", "s", show_panel_action);
  for (guint i = 0; i < G_N_ELEMENTS (panel_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "sidebar.show-panel", "s", panel_names[i]);
}

static void
load_css (GtkWidget *widget)
{
  static GdkDisplay *loaded_for = NULL;
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || display == loaded_for)
    return;

  loaded_for = display;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/panels/jm-panels.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
jm_sidebar_init (JmSidebar *self)
{
  load_css (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (visible_child_notify_cb), self, G_CONNECT_SWAPPED);

  /* The Checks tab shows how many findings there are. */
  g_object_bind_property (self->checks_panel, "n-findings",
                          self->checks_page, "badge-number",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->checks_panel, "n-findings",
                          self->checks_page, "needs-attention",
                          G_BINDING_SYNC_CREATE);
}

GtkWidget *
jm_sidebar_new (void)
{
  return g_object_new (JM_TYPE_SIDEBAR, NULL);
}

JmHistory *
jm_sidebar_get_history (JmSidebar *self)
{
  g_return_val_if_fail (JM_IS_SIDEBAR (self), NULL);
  return self->history;
}

void
jm_sidebar_set_history (JmSidebar *self,
                        JmHistory *history)
{
  g_return_if_fail (JM_IS_SIDEBAR (self));
  g_return_if_fail (history == NULL || JM_IS_HISTORY (history));

  if (!g_set_object (&self->history, history))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (panel_names); i++)
    jm_panel_set_history (*panels (self, i), history);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

JmCanvas *
jm_sidebar_get_canvas (JmSidebar *self)
{
  g_return_val_if_fail (JM_IS_SIDEBAR (self), NULL);
  return self->canvas;
}

void
jm_sidebar_set_canvas (JmSidebar *self,
                       JmCanvas  *canvas)
{
  g_return_if_fail (JM_IS_SIDEBAR (self));
  g_return_if_fail (canvas == NULL || JM_IS_CANVAS (canvas));

  if (!g_set_object (&self->canvas, canvas))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (panel_names); i++)
    jm_panel_set_canvas (*panels (self, i), canvas);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANVAS]);
}

const char *
jm_sidebar_get_visible_panel (JmSidebar *self)
{
  g_return_val_if_fail (JM_IS_SIDEBAR (self), NULL);
  return adw_view_stack_get_visible_child_name (self->stack);
}

void
jm_sidebar_set_visible_panel (JmSidebar  *self,
                              const char *name)
{
  GtkWidget *panel;

  g_return_if_fail (JM_IS_SIDEBAR (self));

  panel = jm_sidebar_get_panel (self, name);
  if (panel == NULL)
    return;

  adw_view_stack_set_visible_child (self->stack, panel);
}

GtkWidget *
jm_sidebar_get_panel (JmSidebar  *self,
                      const char *name)
{
  g_return_val_if_fail (JM_IS_SIDEBAR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (panel_names); i++)
    if (g_strcmp0 (name, panel_names[i]) == 0)
      return GTK_WIDGET (*panels (self, i));

  return NULL;
}

guint
jm_sidebar_get_n_findings (JmSidebar *self)
{
  g_return_val_if_fail (JM_IS_SIDEBAR (self), 0);
  return jm_checks_panel_get_n_findings (JM_CHECKS_PANEL (self->checks_panel));
}
