/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-panel.c: the base of the side panels, and the models and labels they share (the property
 * editors are in jm-panel-binding.c). */
#define G_LOG_DOMAIN "jm-panels"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jm-panel.h"

typedef struct
{
  /* Owned */
  JmHistory  *history;
  JmDocument *document;
  JmCanvas   *canvas;

  gulong      changed_handler;
  gulong      selection_handler;
  guint       reload_idle;
} JmPanelPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (JmPanel, jm_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_CANVAS,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* Base class */

static void
jm_panel_real_document_changed (JmPanel      *self,
                                JmChangeType  type,
                                JmElement    *element,
                                const char   *property)
{
  if (type != JM_CHANGE_PROPERTY)
    jm_panel_queue_reload (self);
}

static void
document_changed_cb (JmDocument   *document,
                     JmChangeType  type,
                     JmElement    *element,
                     const char   *property,
                     JmPanel      *self)
{
  JmPanelClass *klass = JM_PANEL_GET_CLASS (self);

  if (klass->document_changed != NULL)
    klass->document_changed (self, type, element, property);
}

static void
selection_changed_cb (JmPanel *self)
{
  JmPanelClass *klass = JM_PANEL_GET_CLASS (self);

  if (klass->selection_changed != NULL)
    klass->selection_changed (self);
}

static void
run_reload (JmPanel *self)
{
  JmPanelClass *klass = JM_PANEL_GET_CLASS (self);

  if (klass->reload != NULL)
    klass->reload (self);
}

static gboolean
reload_idle_cb (gpointer data)
{
  JmPanel *self = data;
  JmPanelPrivate *priv = jm_panel_get_instance_private (self);

  priv->reload_idle = 0;
  run_reload (self);

  return G_SOURCE_REMOVE;
}

void
jm_panel_queue_reload (JmPanel *self)
{
  JmPanelPrivate *priv = jm_panel_get_instance_private (self);

  g_return_if_fail (JM_IS_PANEL (self));

  /* Before the next frame is drawn (GDK redraws at G_PRIORITY_HIGH_IDLE + 20). */
  if (priv->reload_idle == 0)
    priv->reload_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, reload_idle_cb, self, NULL);
}

void
jm_panel_flush (JmPanel *self)
{
  JmPanelPrivate *priv = jm_panel_get_instance_private (self);

  g_return_if_fail (JM_IS_PANEL (self));

  if (priv->reload_idle != 0)
    {
      g_clear_handle_id (&priv->reload_idle, g_source_remove);
      run_reload (self);
    }
}

static void
jm_panel_dispose (GObject *object)
{
  JmPanel *self = JM_PANEL (object);
  JmPanelPrivate *priv = jm_panel_get_instance_private (self);

  g_clear_handle_id (&priv->reload_idle, g_source_remove);
  if (priv->document != NULL)
    g_clear_signal_handler (&priv->changed_handler, priv->document);
  if (priv->canvas != NULL)
    g_clear_signal_handler (&priv->selection_handler, priv->canvas);
  g_clear_object (&priv->document);
  g_clear_object (&priv->history);
  g_clear_object (&priv->canvas);

  G_OBJECT_CLASS (jm_panel_parent_class)->dispose (object);
}

static void
jm_panel_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  JmPanel *self = JM_PANEL (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, jm_panel_get_history (self));
      break;
    case PROP_CANVAS:
      g_value_set_object (value, jm_panel_get_canvas (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_panel_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  JmPanel *self = JM_PANEL (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      jm_panel_set_history (self, g_value_get_object (value));
      break;
    case PROP_CANVAS:
      jm_panel_set_canvas (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_panel_class_init (JmPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jm_panel_dispose;
  object_class->get_property = jm_panel_get_property;
  object_class->set_property = jm_panel_set_property;

  klass->document_changed = jm_panel_real_document_changed;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         JM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CANVAS] =
    g_param_spec_object ("canvas", NULL, NULL,
                         JM_TYPE_CANVAS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_panel_init (JmPanel *self)
{
}

JmHistory *
jm_panel_get_history (JmPanel *self)
{
  JmPanelPrivate *priv = jm_panel_get_instance_private (self);

  g_return_val_if_fail (JM_IS_PANEL (self), NULL);
  return priv->history;
}

JmDocument *
jm_panel_get_document (JmPanel *self)
{
  JmPanelPrivate *priv = jm_panel_get_instance_private (self);

  g_return_val_if_fail (JM_IS_PANEL (self), NULL);
  return priv->document;
}

JmCanvas *
jm_panel_get_canvas (JmPanel *self)
{
  JmPanelPrivate *priv = jm_panel_get_instance_private (self);

  g_return_val_if_fail (JM_IS_PANEL (self), NULL);
  return priv->canvas;
}

void
jm_panel_set_history (JmPanel   *self,
                      JmHistory *history)
{
  JmPanelPrivate *priv = jm_panel_get_instance_private (self);
  JmDocument *document;

  g_return_if_fail (JM_IS_PANEL (self));
  g_return_if_fail (history == NULL || JM_IS_HISTORY (history));

  document = history != NULL ? jm_history_get_document (history) : NULL;
  if (priv->history == history && priv->document == document)
    return;

  if (priv->document != NULL)
    g_clear_signal_handler (&priv->changed_handler, priv->document);

  g_set_object (&priv->history, history);
  g_set_object (&priv->document, document);

  if (document != NULL)
    priv->changed_handler = g_signal_connect_object (document, "changed",
                                                     G_CALLBACK (document_changed_cb), self, 0);

  g_clear_handle_id (&priv->reload_idle, g_source_remove);
  run_reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

void
jm_panel_set_canvas (JmPanel  *self,
                     JmCanvas *canvas)
{
  JmPanelPrivate *priv = jm_panel_get_instance_private (self);

  g_return_if_fail (JM_IS_PANEL (self));
  g_return_if_fail (canvas == NULL || JM_IS_CANVAS (canvas));

  if (priv->canvas == canvas)
    return;

  if (priv->canvas != NULL)
    g_clear_signal_handler (&priv->selection_handler, priv->canvas);

  g_set_object (&priv->canvas, canvas);

  if (canvas != NULL)
    priv->selection_handler = g_signal_connect_object (canvas, "selection-changed",
                                                       G_CALLBACK (selection_changed_cb), self,
                                                       G_CONNECT_SWAPPED);

  selection_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANVAS]);
}

gboolean
jm_panel_apply (JmPanel   *self,
                JmCommand *command)
{
  JmPanelPrivate *priv = jm_panel_get_instance_private (self);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (JM_IS_PANEL (self), FALSE);

  if (command == NULL)
    return FALSE;

  if (priv->history == NULL)
    {
      g_object_unref (command);
      return FALSE;
    }

  if (!jm_history_apply (priv->history, command, &error))
    {
      /* The model refuses values that would make the map invalid (e.g. a lane kind its cards
       * do not fit): the editor shows the old value again. Anything else is a bug. */
      if (g_error_matches (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID))
        g_debug ("A panel edit was refused: %s", error->message);
      else
        g_warning ("A panel edit failed: %s", error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
jm_panel_apply_all (JmPanel   *self,
                    GPtrArray *commands)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (JM_IS_PANEL (self), FALSE);

  if (commands == NULL || commands->len == 0)
    {
      g_clear_pointer (&commands, g_ptr_array_unref);
      return TRUE;
    }

  if (commands->len == 1)
    {
      JmCommand *command = g_object_ref (g_ptr_array_index (commands, 0));

      g_ptr_array_unref (commands);
      return jm_panel_apply (self, command);
    }

  label = jm_command_dup_label (g_ptr_array_index (commands, 0));
  return jm_panel_apply (self, jm_group_command_new (label, commands));
}

void
jm_panel_show_elements (JmPanel            *self,
                        const char * const *ids)
{
  JmPanelPrivate *priv = jm_panel_get_instance_private (self);

  g_return_if_fail (JM_IS_PANEL (self));

  if (priv->canvas == NULL || ids == NULL)
    return;

  jm_canvas_select_ids (priv->canvas, ids);
  if (ids[0] != NULL)
    jm_canvas_scroll_to_element (priv->canvas, ids[0]);
}

void
jm_panel_show_element (JmPanel    *self,
                       const char *id)
{
  const char *ids[] = { id, NULL };

  jm_panel_show_elements (self, ids);
}

char **
jm_panel_dup_selection (JmPanel *self)
{
  JmPanelPrivate *priv = jm_panel_get_instance_private (self);

  g_return_val_if_fail (JM_IS_PANEL (self), NULL);

  if (priv->canvas == NULL)
    return g_new0 (char *, 1);

  return jm_canvas_get_selection (priv->canvas);
}

typedef struct
{
  JmCard *card;
  int     stage;
  int     lane;
  int     index;
} CardKey;

static int
compare_card_keys (gconstpointer a,
                   gconstpointer b)
{
  const CardKey *ka = a;
  const CardKey *kb = b;

  if (ka->stage != kb->stage)
    return ka->stage < kb->stage ? -1 : 1;
  if (ka->lane != kb->lane)
    return ka->lane < kb->lane ? -1 : 1;
  if (ka->index != kb->index)
    return ka->index < kb->index ? -1 : 1;
  return 0;
}

GPtrArray *
jm_panel_dup_selected_cards (JmPanel *self)
{
  JmPanelPrivate *priv = jm_panel_get_instance_private (self);
  g_auto(GStrv) ids = NULL;
  g_autoptr(GArray) keys = NULL;
  GPtrArray *cards;

  g_return_val_if_fail (JM_IS_PANEL (self), NULL);

  cards = g_ptr_array_new_with_free_func (g_object_unref);
  if (priv->document == NULL)
    return cards;

  ids = jm_panel_dup_selection (self);
  keys = g_array_new (FALSE, FALSE, sizeof (CardKey));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      JmElement *element = jm_document_lookup (priv->document, ids[i]);
      CardKey key;

      if (element == NULL || !JM_IS_CARD (element))
        continue;

      key.card = JM_CARD (element);
      key.stage = jm_document_index_of (priv->document,
                                        jm_document_lookup (priv->document,
                                                            jm_card_get_stage (key.card)));
      key.lane = jm_document_index_of (priv->document,
                                       jm_document_lookup (priv->document,
                                                           jm_card_get_lane (key.card)));
      key.index = jm_document_index_of (priv->document, element);
      g_array_append_val (keys, key);
    }

  g_array_sort (keys, compare_card_keys);
  for (guint i = 0; i < keys->len; i++)
    g_ptr_array_add (cards, g_object_ref (g_array_index (keys, CardKey, i).card));

  return cards;
}

JmStage *
jm_panel_get_selected_stage (JmPanel *self)
{
  JmPanelPrivate *priv = jm_panel_get_instance_private (self);
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) cards = NULL;

  g_return_val_if_fail (JM_IS_PANEL (self), NULL);

  if (priv->document == NULL)
    return NULL;

  ids = jm_panel_dup_selection (self);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      JmElement *element = jm_document_lookup (priv->document, ids[i]);

      if (element != NULL && JM_IS_STAGE (element))
        return JM_STAGE (element);
    }

  cards = jm_panel_dup_selected_cards (self);
  if (cards->len > 0)
    {
      JmElement *stage = jm_document_lookup (priv->document,
                                             jm_card_get_stage (g_ptr_array_index (cards, 0)));

      if (stage != NULL && JM_IS_STAGE (stage))
        return JM_STAGE (stage);
    }

  return NULL;
}

JmLane *
jm_panel_find_lane (JmPanel    *self,
                    JmLaneKind  kind)
{
  JmPanelPrivate *priv = jm_panel_get_instance_private (self);
  guint n;

  g_return_val_if_fail (JM_IS_PANEL (self), NULL);

  if (priv->document == NULL)
    return NULL;

  n = jm_document_get_n_lanes (priv->document);
  for (guint l = 0; l < n; l++)
    {
      JmLane *lane = jm_document_get_lane (priv->document, l);

      if (jm_lane_get_kind (lane) == kind)
        return lane;
    }

  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Models and labels */

static GListModel *
none_plus (GListModel *list,
           gpointer    none)   /* transfer full */
{
  GListStore *head = g_list_store_new (G_OBJECT_TYPE (none));
  GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);

  g_list_store_append (head, none);
  g_object_unref (none);
  g_list_store_append (parts, head);
  g_object_unref (head);
  if (list != NULL)
    g_list_store_append (parts, list);

  return G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (parts)));
}

GListModel *
jm_panel_department_model_new (JmDocument *document)
{
  /* Translators: no department (in a list of departments). */
  return none_plus (document != NULL ? jm_document_get_departments (document) : NULL,
                    jm_department_new ("jm-none", _("None"), ""));
}

GListModel *
jm_panel_role_model_new (JmDocument *document)
{
  /* Translators: no role (in a list of roles). */
  return none_plus (document != NULL ? jm_document_get_roles (document) : NULL,
                    jm_role_new ("jm-none", JM_ROLE_KIND_USER, _("None")));
}

GtkExpression *
jm_panel_name_expression (GType type)
{
  return gtk_property_expression_new (type, NULL, "name");
}

const char *
jm_panel_role_kind_label (JmRoleKind kind)
{
  switch (kind)
    {
    case JM_ROLE_KIND_DECISION_MAKER: return _("Decision maker");
    case JM_ROLE_KIND_INFLUENCER:     return _("Influencer");
    case JM_ROLE_KIND_USER:           return _("User");
    case JM_ROLE_KIND_BUYER:          return _("Buyer");
    case JM_ROLE_KIND_GATEKEEPER:     return _("Gatekeeper");
    case JM_ROLE_KIND_CHAMPION:       return _("Champion");
    default:                          return "";
    }
}

const char *
jm_panel_connection_kind_label (JmConnectionKind kind)
{
  switch (kind)
    {
    case JM_CONNECTION_KIND_NEXT:      return _("Next step");
    case JM_CONNECTION_KIND_STEP_BACK: return _("Step back");
    default:                           return "";
    }
}

GListModel *
jm_panel_enum_model_new (GType enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    {
      int v = klass->values[i].value;
      const char *label = NULL;

      g_assert (v == (int) i);   /* the dropdowns select by position */

      if (enum_type == JM_TYPE_STATUS)
        label = jm_status_get_label (v);
      else if (enum_type == JM_TYPE_CHANNEL)
        label = jm_channel_get_label (v);
      else if (enum_type == JM_TYPE_LANE_KIND)
        label = jm_lane_kind_get_label (v);
      else if (enum_type == JM_TYPE_ROLE_KIND)
        label = jm_panel_role_kind_label (v);
      else if (enum_type == JM_TYPE_CARD_KIND)
        label = jm_card_kind_get_label (v);
      else if (enum_type == JM_TYPE_CONNECTION_KIND)
        label = jm_panel_connection_kind_label (v);
      else
        label = klass->values[i].value_nick;

      gtk_string_list_append (list, label);
    }

  return G_LIST_MODEL (list);
}

char *
jm_panel_dup_card_title (JmCard *card)
{
  const char *text = jm_card_get_text (card);
  const char *newline = strchr (text, '\n');
  g_autofree char *line = newline != NULL ? g_strndup (text, newline - text) : g_strdup (text);

  g_strstrip (line);
  if (line[0] == '\0')
    return g_strdup (_("Untitled card"));

  return g_steal_pointer (&line);
}

char *
jm_panel_dup_stage_title (JmDocument *document,
                          const char *stage_id)
{
  JmElement *stage = jm_document_lookup (document, stage_id);
  int index;

  if (stage == NULL || !JM_IS_STAGE (stage))
    return g_strdup ("");

  if (jm_stage_get_title (JM_STAGE (stage))[0] != '\0')
    return g_strdup (jm_stage_get_title (JM_STAGE (stage)));

  index = jm_document_index_of (document, stage);
  /* Translators: a stage with no title; %d is its number. */
  return g_strdup_printf (_("Stage %d"), index + 1);
}

static void
swatch_draw (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const char *color = g_object_get_data (G_OBJECT (area), "jm-color");
  GdkRGBA rgba;
  double r = MIN (width, height) / 2.0;

  if (color == NULL || color[0] == '\0' || !gdk_rgba_parse (&rgba, color))
    gdk_rgba_parse (&rgba, "#9a9996");

  cairo_arc (cr, width / 2.0, height / 2.0, r - 0.5, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

GtkWidget *
jm_panel_swatch_new (const char *color)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 12);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), swatch_draw, NULL, NULL);
  jm_panel_swatch_set_color (area, color);

  return area;
}

void
jm_panel_swatch_set_color (GtkWidget  *swatch,
                           const char *color)
{
  g_object_set_data_full (G_OBJECT (swatch), "jm-color", g_strdup (color), g_free);
  gtk_widget_queue_draw (swatch);
}

char *
jm_panel_rgba_to_hex (const GdkRGBA *rgba)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (guint) CLAMP (rgba->red * 255.0 + 0.5, 0, 255),
                          (guint) CLAMP (rgba->green * 255.0 + 0.5, 0, 255),
                          (guint) CLAMP (rgba->blue * 255.0 + 0.5, 0, 255));
}

const char *
jm_panel_palette_color (guint n)
{
  /* The GNOME palette, in an order that keeps neighbours apart. */
  static const char * const colors[] = {
    "#3584e4", "#e66100", "#2ec27e", "#9141ac", "#e5a50a", "#c01c28", "#865e3c", "#1c71d8",
  };

  return colors[n % G_N_ELEMENTS (colors)];
}

GPtrArray *
jm_panel_single (gpointer element)
{
  static GPtrArray *array = NULL;

  /* Borrowed by the bind calls, which copy it at once. */
  if (array == NULL)
    array = g_ptr_array_new ();
  g_ptr_array_set_size (array, 0);
  g_ptr_array_add (array, element);

  return array;
}

void
jm_panel_remove_all (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else if (GTK_IS_FLOW_BOX (container))
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
      else if (GTK_IS_BOX (container))
        gtk_box_remove (GTK_BOX (container), child);
      else if (GTK_IS_GRID (container))
        gtk_grid_remove (GTK_GRID (container), child);
      else
        gtk_widget_unparent (child);
    }
}

void
jm_panel_dispose_template (JmPanel *self,
                           GType    type)
{
  g_return_if_fail (JM_IS_PANEL (self));

  /* AdwBin would unparent its child again after the template dropped it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), type);
}

gboolean
jm_panel_same_items (GPtrArray  *shown,
                     GListModel *model)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  if (n != shown->len)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (item != g_ptr_array_index (shown, i))
        return FALSE;
    }

  return TRUE;
}

GtkWidget *
jm_panel_append_name_editors (JmPanel    *self,
                              GtkBox     *box,
                              gpointer    element,
                              const char *placeholder,
                              const char *accessible_label)
{
  GtkWidget *color = gtk_color_button_new ();
  GtkWidget *name = gtk_entry_new ();

  g_return_val_if_fail (JM_IS_PANEL (self), NULL);

  gtk_widget_set_valign (color, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (color, _("Colour"));
  jm_panel_bind_color (self, GTK_COLOR_BUTTON (color), NULL, jm_panel_single (element), "color");
  gtk_box_append (box, color);

  gtk_widget_set_hexpand (name, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (name), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  jm_panel_bind_text (self, GTK_EDITABLE (name), jm_panel_single (element), "name");
  gtk_box_append (box, name);

  return name;
}

void
jm_panel_focus_row_name (JmPanel    *self,
                         GtkListBox *list,
                         guint       index)
{
  GtkListBoxRow *row;
  GtkWidget *entry;

  g_return_if_fail (JM_IS_PANEL (self));

  jm_panel_flush (self);
  row = gtk_list_box_get_row_at_index (list, (int) index);
  entry = row != NULL ? g_object_get_data (G_OBJECT (row), "jm-name-entry") : NULL;
  if (entry != NULL)
    {
      gtk_widget_grab_focus (entry);
      gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
    }
}
