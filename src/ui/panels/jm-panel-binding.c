/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-panel-binding.c: the property editors of the side panels. A widget bound to a property
 * of one or several elements shows their (common) value, follows their notifications and
 * turns the user's edits into commands through the panel's history (one undo step each). */
#define G_LOG_DOMAIN "jm-panels"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jm-panel.h"
/* ------------------------------------------------------------------------------------------ */
/* Property editors */

typedef enum {
  BIND_TEXT,
  BIND_TEXT_VIEW,
  BIND_INT,
  BIND_BOOL,
  BIND_ENUM,
  BIND_COLOR,
  BIND_DEPARTMENT,
} BindKind;

typedef struct
{
  BindKind    kind;
  GWeakRef    panel;
  GObject    *widget;      /* borrowed: the binding is the widget's data */
  GPtrArray  *elements;    /* owned references */
  GArray     *notify_ids;  /* one per element */
  const char *property;    /* interned */
  GListModel *model;       /* BIND_DEPARTMENT: the dropdown's model (owned) */
  gulong      model_handler;
  GtkWidget  *reset;       /* BIND_COLOR: optional reset button (borrowed) */
  guint       updating;
  gboolean    dirty;       /* text for several elements: edited, not applied yet */
} Binding;

static void binding_sync (Binding *binding);

static void
binding_free (gpointer data)
{
  Binding *binding = data;

  for (guint i = 0; i < binding->elements->len; i++)
    g_signal_handler_disconnect (g_ptr_array_index (binding->elements, i),
                                 g_array_index (binding->notify_ids, gulong, i));
  if (binding->model != NULL)
    {
      g_clear_signal_handler (&binding->model_handler, binding->model);
      g_clear_object (&binding->model);
    }
  g_ptr_array_unref (binding->elements);
  g_array_unref (binding->notify_ids);
  g_weak_ref_clear (&binding->panel);
  g_free (binding);
}

/* The element's value of the property (value must be unset). */
static void
get_value (Binding  *binding,
           guint     index,
           GValue   *value)
{
  GObject *element = g_ptr_array_index (binding->elements, index);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (element),
                                                    binding->property);

  g_value_init (value, pspec->value_type);
  g_object_get_property (element, binding->property, value);
}

static char *
dup_string (Binding *binding,
            guint    index)
{
  g_auto(GValue) value = G_VALUE_INIT;

  get_value (binding, index, &value);
  return g_value_dup_string (&value);
}

static int
get_int (Binding *binding,
         guint    index)
{
  g_auto(GValue) value = G_VALUE_INIT;

  get_value (binding, index, &value);
  if (G_VALUE_HOLDS_ENUM (&value))
    return g_value_get_enum (&value);
  if (G_VALUE_HOLDS_BOOLEAN (&value))
    return g_value_get_boolean (&value);
  return g_value_get_int (&value);
}

/* The common string of all elements; NULL when they differ. */
static char *
dup_common_string (Binding *binding)
{
  g_autofree char *first = dup_string (binding, 0);

  for (guint i = 1; i < binding->elements->len; i++)
    {
      g_autofree char *other = dup_string (binding, i);

      if (g_strcmp0 (first, other) != 0)
        return NULL;
    }

  return g_steal_pointer (&first);
}

static gboolean
get_common_int (Binding *binding,
                int     *out)
{
  int first = get_int (binding, 0);

  *out = first;
  for (guint i = 1; i < binding->elements->len; i++)
    if (get_int (binding, i) != first)
      return FALSE;

  return TRUE;
}

/* Applies the binding's commands (transfer full) as one step; a refused edit (e.g. a lane kind
 * its cards do not fit) rings the bell and shows the model's value again. */
static void
binding_apply (Binding   *binding,
               JmPanel   *panel,
               GPtrArray *commands)
{
  gboolean ok;

  binding->updating++;
  ok = jm_panel_apply_all (panel, commands);
  binding->updating--;

  if (!ok)
    {
      gtk_widget_error_bell (GTK_WIDGET (binding->widget));
      binding_sync (binding);
    }
}

static void
apply_string (Binding    *binding,
              const char *text)
{
  g_autoptr(JmPanel) panel = g_weak_ref_get (&binding->panel);
  GPtrArray *commands;

  if (panel == NULL)
    return;

  commands = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < binding->elements->len; i++)
    {
      g_autofree char *old = dup_string (binding, i);

      if (g_strcmp0 (old, text) != 0)
        g_ptr_array_add (commands,
                         jm_set_string_command_new (g_ptr_array_index (binding->elements, i),
                                                    binding->property, text));
    }

  binding_apply (binding, panel, commands);
}

static void
apply_int (Binding *binding,
           int      v)
{
  g_autoptr(JmPanel) panel = g_weak_ref_get (&binding->panel);
  GPtrArray *commands;

  if (panel == NULL)
    return;

  commands = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < binding->elements->len; i++)
    if (get_int (binding, i) != v)
      {
        JmElement *element = g_ptr_array_index (binding->elements, i);
        GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (element),
                                                          binding->property);

        if (pspec->value_type == G_TYPE_BOOLEAN)
          g_ptr_array_add (commands, jm_set_bool_command_new (element, binding->property, v));
        else
          g_ptr_array_add (commands, jm_set_int_command_new (element, binding->property, v));
      }

  binding_apply (binding, panel, commands);
}

static char *
get_widget_text (Binding *binding)
{
  if (binding->kind == BIND_TEXT_VIEW)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (binding->widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (binding->widget)));
}

static void
set_widget_text (Binding    *binding,
                 const char *text)
{
  g_autofree char *current = get_widget_text (binding);

  if (g_strcmp0 (current, text) == 0)
    return;

  if (binding->kind == BIND_TEXT_VIEW)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (binding->widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (binding->widget), text);
}

static guint
department_index (Binding    *binding,
                  const char *id)
{
  guint n = g_list_model_get_n_items (binding->model);

  if (id == NULL || id[0] == '\0')
    return 0;

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(JmElement) item = g_list_model_get_item (binding->model, i);

      if (g_strcmp0 (jm_element_get_id (item), id) == 0)
        return i;
    }

  return 0;
}

static void
binding_sync (Binding *binding)
{
  binding->updating++;

  switch (binding->kind)
    {
    case BIND_TEXT:
    case BIND_TEXT_VIEW:
      {
        g_autofree char *text = dup_common_string (binding);

        /* A half-typed value for several elements stays until it is applied. */
        if (!binding->dirty)
          set_widget_text (binding, text != NULL ? text : "");
        gtk_widget_set_tooltip_text (GTK_WIDGET (binding->widget),
                                     text == NULL ? _("Several values") : NULL);
      }
      break;

    case BIND_INT:
      {
        int v;
        gboolean same = get_common_int (binding, &v);

        if (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (binding->widget)) != v)
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (binding->widget), v);
        gtk_widget_set_tooltip_text (GTK_WIDGET (binding->widget),
                                     same ? NULL : _("Several values"));
      }
      break;

    case BIND_BOOL:
      {
        int v;
        gboolean same = get_common_int (binding, &v);

        if (GTK_IS_CHECK_BUTTON (binding->widget))
          gtk_check_button_set_inconsistent (GTK_CHECK_BUTTON (binding->widget), !same);
        g_object_set (binding->widget, "active", (gboolean) !!v, NULL);
      }
      break;

    case BIND_ENUM:
      {
        int v;
        guint selected = get_common_int (binding, &v) ? (guint) v : GTK_INVALID_LIST_POSITION;
        guint current;

        g_object_get (binding->widget, "selected", &current, NULL);
        if (current != selected)
          g_object_set (binding->widget, "selected", selected, NULL);
      }
      break;

    case BIND_COLOR:
      {
        g_autofree char *color = dup_common_string (binding);
        GdkRGBA rgba;

        if (color == NULL || color[0] == '\0' || !gdk_rgba_parse (&rgba, color))
          gdk_rgba_parse (&rgba, "#c0bfbc");
        gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (binding->widget), &rgba);
        if (binding->reset != NULL)
          gtk_widget_set_sensitive (binding->reset, color == NULL || color[0] != '\0');
      }
      break;

    case BIND_DEPARTMENT:
      {
        g_autofree char *id = dup_common_string (binding);
        guint selected = id != NULL ? department_index (binding, id) : GTK_INVALID_LIST_POSITION;
        guint current;

        g_object_get (binding->widget, "selected", &current, NULL);
        if (current != selected)
          g_object_set (binding->widget, "selected", selected, NULL);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  binding->updating--;
}

static void
element_notify_cb (GObject    *element,
                   GParamSpec *pspec,
                   Binding    *binding)
{
  /* While our own edit is applied the widget already shows the value. */
  if (binding->updating > 0)
    return;

  binding_sync (binding);
}

static void
text_changed_cb (Binding *binding)
{
  g_autofree char *text = NULL;

  if (binding->updating > 0)
    return;

  if (binding->elements->len > 1)
    {
      binding->dirty = TRUE;
      return;
    }

  text = get_widget_text (binding);
  apply_string (binding, text);
}

static void
text_commit (Binding *binding)
{
  g_autoptr(JmPanel) panel = g_weak_ref_get (&binding->panel);

  if (binding->dirty)
    {
      g_autofree char *text = get_widget_text (binding);

      binding->dirty = FALSE;
      apply_string (binding, text);
    }

  /* The next edit is a new undo step. */
  if (panel != NULL && jm_panel_get_history (panel) != NULL)
    jm_history_break_merge (jm_panel_get_history (panel));
}

static void
text_focus_leave_cb (GtkEventControllerFocus *controller,
                     Binding                 *binding)
{
  text_commit (binding);
}

static void
text_activate_cb (Binding *binding)
{
  text_commit (binding);
}

static void
spin_value_changed_cb (GtkSpinButton *spin,
                       Binding       *binding)
{
  if (binding->updating > 0)
    return;
  apply_int (binding, gtk_spin_button_get_value_as_int (spin));
}

static void
bool_notify_cb (GObject    *widget,
                GParamSpec *pspec,
                Binding    *binding)
{
  gboolean active;

  if (binding->updating > 0)
    return;

  g_object_get (widget, "active", &active, NULL);
  if (GTK_IS_CHECK_BUTTON (widget))
    gtk_check_button_set_inconsistent (GTK_CHECK_BUTTON (widget), FALSE);
  apply_int (binding, active);
}

static void
enum_notify_cb (GObject    *widget,
                GParamSpec *pspec,
                Binding    *binding)
{
  guint selected;

  if (binding->updating > 0)
    return;

  g_object_get (widget, "selected", &selected, NULL);
  if (selected != GTK_INVALID_LIST_POSITION)
    apply_int (binding, (int) selected);
}

static void
color_set_cb (GtkColorButton *button,
              Binding        *binding)
{
  GdkRGBA rgba;
  g_autofree char *hex = NULL;

  if (binding->updating > 0)
    return;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  hex = jm_panel_rgba_to_hex (&rgba);
  apply_string (binding, hex);
  binding_sync (binding);
}

static void
color_reset_cb (GtkButton *button,
                Binding   *binding)
{
  apply_string (binding, "");
  binding_sync (binding);
}

static void
department_notify_cb (GObject    *widget,
                      GParamSpec *pspec,
                      Binding    *binding)
{
  guint selected;
  g_autoptr(JmElement) item = NULL;

  if (binding->updating > 0)
    return;

  g_object_get (widget, "selected", &selected, NULL);
  if (selected == GTK_INVALID_LIST_POSITION)
    return;

  if (selected == 0)
    {
      apply_string (binding, "");
      return;
    }

  item = g_list_model_get_item (binding->model, selected);
  if (item != NULL)
    apply_string (binding, jm_element_get_id (item));
}

static void
department_model_changed_cb (GListModel *model,
                             guint       position,
                             guint       removed,
                             guint       added,
                             Binding    *binding)
{
  binding_sync (binding);
}

static Binding *
binding_new (JmPanel    *panel,
             BindKind    kind,
             GObject    *widget,
             GPtrArray  *elements,
             const char *property)
{
  Binding *binding = g_new0 (Binding, 1);
  g_autofree char *detailed = g_strdup_printf ("notify::%s", property);

  g_assert (elements != NULL && elements->len > 0);

  binding->kind = kind;
  g_weak_ref_init (&binding->panel, panel);
  binding->widget = widget;
  binding->property = g_intern_string (property);
  binding->elements = g_ptr_array_new_with_free_func (g_object_unref);
  binding->notify_ids = g_array_new (FALSE, FALSE, sizeof (gulong));

  for (guint i = 0; i < elements->len; i++)
    {
      GObject *element = g_ptr_array_index (elements, i);
      gulong id;

      g_assert (g_object_class_find_property (G_OBJECT_GET_CLASS (element), property) != NULL);
      g_ptr_array_add (binding->elements, g_object_ref (element));
      id = g_signal_connect (element, detailed, G_CALLBACK (element_notify_cb), binding);
      g_array_append_val (binding->notify_ids, id);
    }

  g_object_set_data_full (widget, "jm-binding", binding, binding_free);

  return binding;
}

static void
connect_text_commit (Binding   *binding,
                     GtkWidget *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (text_focus_leave_cb), binding);
  gtk_widget_add_controller (widget, focus);

  if (g_signal_lookup ("entry-activated", G_OBJECT_TYPE (widget)) != 0)
    g_signal_connect_swapped (widget, "entry-activated", G_CALLBACK (text_activate_cb), binding);
  else if (g_signal_lookup ("activate", G_OBJECT_TYPE (widget)) != 0 && GTK_IS_EDITABLE (widget))
    g_signal_connect_swapped (widget, "activate", G_CALLBACK (text_activate_cb), binding);
}

void
jm_panel_bind_text (JmPanel     *self,
                    GtkEditable *editable,
                    GPtrArray   *elements,
                    const char  *property)
{
  Binding *binding;

  g_return_if_fail (JM_IS_PANEL (self));
  g_return_if_fail (GTK_IS_EDITABLE (editable));

  binding = binding_new (self, BIND_TEXT, G_OBJECT (editable), elements, property);
  /* Ctrl+Z is the map's undo (the edits are commands), not the entry's own. */
  gtk_editable_set_enable_undo (editable, FALSE);
  binding_sync (binding);
  g_signal_connect_swapped (editable, "changed", G_CALLBACK (text_changed_cb), binding);
  connect_text_commit (binding, GTK_WIDGET (editable));
}

void
jm_panel_bind_text_view (JmPanel     *self,
                         GtkTextView *view,
                         GPtrArray   *elements,
                         const char  *property)
{
  Binding *binding;

  g_return_if_fail (JM_IS_PANEL (self));
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  binding = binding_new (self, BIND_TEXT_VIEW, G_OBJECT (view), elements, property);
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (view), FALSE);
  binding_sync (binding);
  g_signal_connect_swapped (gtk_text_view_get_buffer (view), "changed",
                            G_CALLBACK (text_changed_cb), binding);
  connect_text_commit (binding, GTK_WIDGET (view));
}

/* A binding that shows the model's value now and applies the widget's signal. */
static void
bind_simple (JmPanel    *self,
             BindKind    kind,
             GObject    *widget,
             GPtrArray  *elements,
             const char *property,
             const char *signal,
             GCallback   callback)
{
  Binding *binding = binding_new (self, kind, widget, elements, property);

  binding_sync (binding);
  g_signal_connect (widget, signal, callback, binding);
}

void
jm_panel_bind_int (JmPanel       *self,
                   GtkSpinButton *spin,
                   GPtrArray     *elements,
                   const char    *property)
{
  g_return_if_fail (JM_IS_PANEL (self));
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  bind_simple (self, BIND_INT, G_OBJECT (spin), elements, property,
               "value-changed", G_CALLBACK (spin_value_changed_cb));
}

void
jm_panel_bind_bool (JmPanel    *self,
                    GtkWidget  *widget,
                    GPtrArray  *elements,
                    const char *property)
{
  g_return_if_fail (JM_IS_PANEL (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  bind_simple (self, BIND_BOOL, G_OBJECT (widget), elements, property,
               "notify::active", G_CALLBACK (bool_notify_cb));
}

void
jm_panel_bind_enum (JmPanel    *self,
                    GObject    *dropdown,
                    GPtrArray  *elements,
                    const char *property)
{
  g_return_if_fail (JM_IS_PANEL (self));
  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown) || ADW_IS_COMBO_ROW (dropdown));

  bind_simple (self, BIND_ENUM, dropdown, elements, property,
               "notify::selected", G_CALLBACK (enum_notify_cb));
}

void
jm_panel_bind_color (JmPanel        *self,
                     GtkColorButton *button,
                     GtkWidget      *reset,
                     GPtrArray      *elements,
                     const char     *property)
{
  Binding *binding;

  g_return_if_fail (JM_IS_PANEL (self));
  g_return_if_fail (GTK_IS_COLOR_BUTTON (button));

  binding = binding_new (self, BIND_COLOR, G_OBJECT (button), elements, property);
  binding->reset = reset;
  binding_sync (binding);
  g_signal_connect (button, "color-set", G_CALLBACK (color_set_cb), binding);
  if (reset != NULL)
    g_signal_connect (reset, "clicked", G_CALLBACK (color_reset_cb), binding);
}

void
jm_panel_bind_department (JmPanel   *self,
                          GObject   *dropdown,
                          GPtrArray *elements)
{
  Binding *binding;

  g_return_if_fail (JM_IS_PANEL (self));
  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown) || ADW_IS_COMBO_ROW (dropdown));

  binding = binding_new (self, BIND_DEPARTMENT, dropdown, elements, "department");
  g_object_get (dropdown, "model", &binding->model, NULL);
  g_return_if_fail (binding->model != NULL);
  binding->model_handler = g_signal_connect (binding->model, "items-changed",
                                             G_CALLBACK (department_model_changed_cb), binding);
  binding_sync (binding);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (department_notify_cb), binding);
}

