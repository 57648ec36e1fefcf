/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jm-new-map-dialog"

#include "config.h"

#include "jm-new-map-dialog.h"
#include "jm-ui.h"

struct _JmNewMapDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkListBox     *template_list;
  GtkButton      *create_button;

  /* Owned references */
  GSettings      *settings;          /* NULL when the schema is not installed */

  /* Borrowed references: the radio of each template, by JmTemplate */
  GtkCheckButton *checks[JM_N_TEMPLATES];

  JmTemplate      template;
};

G_DEFINE_FINAL_TYPE (JmNewMapDialog, jm_new_map_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_TEMPLATE,
  N_PROPS,
};

enum {
  SIGNAL_CREATE,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
jm_new_map_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (JM_TYPE_NEW_MAP_DIALOG,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
}

JmTemplate
jm_new_map_dialog_get_template (JmNewMapDialog *self)
{
  g_return_val_if_fail (JM_IS_NEW_MAP_DIALOG (self), JM_TEMPLATE_CLASSIC);

  return self->template;
}

void
jm_new_map_dialog_set_template (JmNewMapDialog *self,
                                JmTemplate      template)
{
  g_return_if_fail (JM_IS_NEW_MAP_DIALOG (self));
  g_return_if_fail (template < JM_N_TEMPLATES);

  if (!gtk_check_button_get_active (self->checks[template]))
    gtk_check_button_set_active (self->checks[template], TRUE);

  if (self->template == template)
    return;

  self->template = template;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE]);
}

void
jm_new_map_dialog_create (JmNewMapDialog *self)
{
  g_return_if_fail (JM_IS_NEW_MAP_DIALOG (self));

  g_object_ref (self);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-template", jm_template_get_id (self->template));

  g_signal_emit (self, signals[SIGNAL_CREATE], 0, (guint) self->template);
  gtk_window_destroy (GTK_WINDOW (self));

  g_object_unref (self);
}

static void
create_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  jm_new_map_dialog_create (JM_NEW_MAP_DIALOG (widget));
}

static void
check_toggled_cb (JmNewMapDialog *self,
                  GtkCheckButton *check)
{
  g_assert (JM_IS_NEW_MAP_DIALOG (self));

  if (!gtk_check_button_get_active (check))
    return;

  for (guint i = 0; i < JM_N_TEMPLATES; i++)
    {
      if (self->checks[i] == check)
        jm_new_map_dialog_set_template (self, i);
    }
}

static void
add_template_rows (JmNewMapDialog *self)
{
  GtkCheckButton *group = NULL;

  for (guint i = 0; i < JM_N_TEMPLATES; i++)
    {
      GtkWidget *row;
      GtkWidget *check;

      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), jm_template_get_name (i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), jm_template_get_description (i));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

      self->checks[i] = GTK_CHECK_BUTTON (check);
      g_signal_connect_object (check, "toggled",
                               G_CALLBACK (check_toggled_cb),
                               self, G_CONNECT_SWAPPED);

      gtk_list_box_append (self->template_list, row);
    }
}

static void
jm_new_map_dialog_dispose (GObject *object)
{
  JmNewMapDialog *self = JM_NEW_MAP_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_NEW_MAP_DIALOG);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (jm_new_map_dialog_parent_class)->dispose (object);
}

static void
jm_new_map_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  JmNewMapDialog *self = JM_NEW_MAP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_TEMPLATE:
      g_value_set_uint (value, self->template);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_new_map_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  JmNewMapDialog *self = JM_NEW_MAP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_TEMPLATE:
      jm_new_map_dialog_set_template (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_new_map_dialog_class_init (JmNewMapDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_new_map_dialog_dispose;
  object_class->get_property = jm_new_map_dialog_get_property;
  object_class->set_property = jm_new_map_dialog_set_property;

  properties[PROP_TEMPLATE] =
    g_param_spec_uint ("template", NULL, NULL,
                       0, JM_N_TEMPLATES - 1, JM_TEMPLATE_SAAS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JmNewMapDialog::create:
   * @template: the chosen JmTemplate
   *
   * The user chose a template; the dialog closes right after.
   */
  signals[SIGNAL_CREATE] =
    g_signal_new ("create",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/journeymaps/JourneyMaps/jm-new-map-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JmNewMapDialog, template_list);
  gtk_widget_class_bind_template_child (widget_class, JmNewMapDialog, create_button);

  gtk_widget_class_install_action (widget_class, "new-map.create", NULL, create_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jm_new_map_dialog_init (JmNewMapDialog *self)
{
  g_autofree char *last = NULL;
  JmTemplate template = JM_TEMPLATE_SAAS;

  gtk_widget_init_template (GTK_WIDGET (self));
  add_template_rows (self);

  self->settings = jm_ui_settings_new ();
  if (self->settings != NULL)
    last = g_settings_get_string (self->settings, "last-template");

  for (guint i = 0; last != NULL && i < JM_N_TEMPLATES; i++)
    {
      if (g_strcmp0 (jm_template_get_id (i), last) == 0)
        template = i;
    }

  self->template = template;
  gtk_check_button_set_active (self->checks[template], TRUE);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->create_button));
}
