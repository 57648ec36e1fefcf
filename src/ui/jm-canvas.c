/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmCanvas: the widget, its properties, zoom, themes and the model's change signals (each
 * one relays out what changed and redraws). Coordinates, scrolling and drawing are in
 * jm-canvas-view.c, the selection in jm-canvas-selection.c, input in jm-canvas-input.c,
 * jm-canvas-pointer.c and jm-canvas-keys.c, editing in jm-canvas-edit.c. */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "jm-canvas-private.h"

G_DEFINE_FINAL_TYPE_WITH_CODE (JmCanvas, jm_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_ZOOM,
  PROP_THEME_KIND,
  PROP_TEXT_SCALE,
  PROP_ROLE_LENS,
  PROP_SPOTLIGHT_STAGE,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  SIGNAL_SELECTION_CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Zoom */

double
jm_canvas_get_zoom (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), 1.0);
  return self->zoom;
}

void
jm_canvas_zoom_at (JmCanvas *self,
                   double    zoom,
                   double    x,
                   double    y)
{
  double dx, dy;

  g_return_if_fail (JM_IS_CANVAS (self));

  zoom = CLAMP (zoom, JM_CANVAS_ZOOM_MIN, JM_CANVAS_ZOOM_MAX);
  if (fabs (zoom - self->zoom) < 1e-6)
    return;

  jm_canvas_widget_to_doc (self, x, y, &dx, &dy);
  self->zoom = zoom;
  jm_canvas_configure_adjustments (self, dx * zoom - x, dy * zoom - y);

  jm_canvas_update_editor_style (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
jm_canvas_set_zoom (JmCanvas *self,
                    double    zoom)
{
  g_return_if_fail (JM_IS_CANVAS (self));

  jm_canvas_zoom_at (self, zoom,
                     gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                     gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
jm_canvas_zoom_fit (JmCanvas *self)
{
  int width, height;
  double zoom;

  g_return_if_fail (JM_IS_CANVAS (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  jm_canvas_update_layout_size (self);
  if (width <= 0 || height <= 0 || self->layout_width <= 0 || self->layout_height <= 0)
    return;

  zoom = MIN (width / self->layout_width, height / self->layout_height);
  zoom = CLAMP (MIN (zoom, 1.0), JM_CANVAS_ZOOM_MIN, JM_CANVAS_ZOOM_MAX);

  if (fabs (zoom - self->zoom) >= 1e-6)
    {
      self->zoom = zoom;
      jm_canvas_update_editor_style (self);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  jm_canvas_configure_adjustments (self, 0, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Theme */

static JmThemeKind
compute_theme_kind (JmCanvas *self)
{
  AdwStyleManager *manager;

  if (self->theme_kind != JM_CANVAS_THEME_AUTO)
    return self->theme_kind;

  manager = adw_style_manager_get_default ();
  if (adw_style_manager_get_high_contrast (manager))
    return JM_THEME_CONTRAST;

  return adw_style_manager_get_dark (manager) ? JM_THEME_DARK : JM_THEME_LIGHT;
}

/* Makes the theme, layout and renderer for the document and the current theme kind. */
static void
rebuild_view (JmCanvas *self)
{
  g_clear_object (&self->renderer);
  g_clear_object (&self->layout);
  g_clear_object (&self->theme);

  self->effective_kind = compute_theme_kind (self);

  if (self->document != NULL)
    {
      self->theme = jm_theme_new (self->effective_kind);
      jm_theme_set_scale_text (self->theme, self->text_scale);
      self->layout = jm_layout_new (self->document, self->theme);
      self->renderer = jm_renderer_new (self->theme);
      jm_layout_update (self->layout, NULL);
    }

  jm_canvas_update_layout_size (self);
  jm_canvas_update_editor_style (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
style_changed_cb (JmCanvas *self)
{
  if (compute_theme_kind (self) != self->effective_kind)
    rebuild_view (self);
}

JmThemeKind
jm_canvas_get_theme_kind (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), JM_CANVAS_THEME_AUTO);
  return self->theme_kind;
}

void
jm_canvas_set_theme_kind (JmCanvas    *self,
                          JmThemeKind  kind)
{
  g_return_if_fail (JM_IS_CANVAS (self));
  g_return_if_fail ((int) kind >= -1 && (int) kind <= (int) JM_THEME_CONTRAST);

  if (self->theme_kind == kind)
    return;

  self->theme_kind = kind;
  if (compute_theme_kind (self) != self->effective_kind)
    rebuild_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME_KIND]);
}

double
jm_canvas_get_text_scale (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), 1.0);
  return self->text_scale;
}

void
jm_canvas_set_text_scale (JmCanvas *self,
                          double    scale)
{
  g_return_if_fail (JM_IS_CANVAS (self));

  scale = CLAMP (scale, 0.5, 4.0);
  if (self->text_scale == scale)
    return;

  self->text_scale = scale;
  if (self->theme != NULL)
    jm_theme_set_scale_text (self->theme, scale);
  if (self->renderer != NULL)
    jm_renderer_clear_cache (self->renderer);
  jm_canvas_update_layout_size (self);
  jm_canvas_update_editor_style (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

/* Model changes */

/* Damage is in document units with headers at their unpinned places. */
static gboolean
damage_is_visible (JmCanvas     *self,
                   const JmRect *damage)
{
  JmRect view, r;
  double hh, lhw;

  if (jm_rect_is_empty (damage))
    return FALSE;

  jm_canvas_get_view (self, &view);
  if (jm_rect_intersects (damage, &view))
    return TRUE;

  hh = jm_layout_get_stage_header_height (self->layout);
  lhw = jm_layout_get_lane_header_width (self->layout);

  /* The pinned stage header row and lane header column. */
  r = *damage;
  if (r.y < hh)
    {
      r.y += MAX (view.y, 0);
      if (jm_rect_intersects (&r, &view))
        return TRUE;
    }
  r = *damage;
  if (r.x < lhw)
    {
      r.x += MAX (view.x, 0);
      if (jm_rect_intersects (&r, &view))
        return TRUE;
    }

  return FALSE;
}

static gboolean
update_idle_cb (gpointer data)
{
  JmCanvas *self = data;
  double width = self->layout_width, height = self->layout_height;
  JmRect damage = { 0, 0, 0, 0 };
  gboolean changed;

  self->update_idle = 0;

  if (self->layout == NULL)
    return G_SOURCE_REMOVE;

  /* What the model's changes did to the layout. When someone else took the layout's damage
   * since (jm_layout_update() hands it out once), where they drew is unknown: all of it. */
  changed = jm_layout_update (self->layout, &damage);
  if (changed ? damage_is_visible (self, &damage) : self->model_changed)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  self->model_changed = FALSE;

  jm_canvas_update_layout_size (self);
  if (width != self->layout_width || height != self->layout_height)
    {
      gtk_widget_queue_resize (GTK_WIDGET (self));
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }

  if (self->edit_kind != JM_EDIT_NONE)
    gtk_widget_queue_allocate (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

static void
queue_update (JmCanvas *self)
{
  /* Before the frame clock's redraw, after the rest of the burst of changes. */
  if (self->update_idle == 0)
    self->update_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, update_idle_cb, self, NULL);
}

static void
document_changed_cb (JmCanvas     *self,
                     JmChangeType  type,
                     JmElement    *element,
                     const char   *property,
                     JmDocument   *document)
{
  self->model_changed = TRUE;
  queue_update (self);

  if (type != JM_CHANGE_REMOVED || element == NULL)
    return;

  {
    const char *id = jm_element_get_id (element);

    if (g_hash_table_remove (self->selection, id))
      jm_canvas_selection_changed (self);
    if (g_strcmp0 (self->hover_id, id) == 0)
      jm_canvas_set_hover (self, NULL);
    if (g_strcmp0 (self->anchor_id, id) == 0)
      g_clear_pointer (&self->anchor_id, g_free);
    if (g_strcmp0 (self->edit_id, id) == 0 || g_strcmp0 (self->edit_stage_id, id) == 0 ||
        g_strcmp0 (self->edit_lane_id, id) == 0)
      jm_canvas_cancel_editing (self);
    if (JM_IS_STAGE (element) || JM_IS_LANE (element))
      self->focus_stage = self->focus_lane = -1;
  }
}

/* Selection (the rest is in jm-canvas-selection.c) and commands */

void
jm_canvas_selection_changed (JmCanvas *self)
{
  jm_canvas_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
}

gboolean
jm_canvas_apply (JmCanvas  *self,
                 JmCommand *command)
{
  g_autoptr(GError) error = NULL;

  if (command == NULL || self->history == NULL)
    {
      g_clear_object (&command);
      return FALSE;
    }

  if (!jm_history_apply (self->history, command, &error))
    {
      g_debug ("Command refused: %s", error->message);
      return FALSE;
    }

  return TRUE;
}

/* Public API */

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

JmDocument *
jm_canvas_get_document (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->document;
}

JmLayout *
jm_canvas_get_layout (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->layout;
}

JmTheme *
jm_canvas_get_theme (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->theme;
}

void
jm_canvas_set_history (JmCanvas  *self,
                       JmHistory *history)
{
  JmDocument *document;

  g_return_if_fail (JM_IS_CANVAS (self));
  g_return_if_fail (!history || JM_IS_HISTORY (history));

  if (self->history == history)
    return;

  jm_canvas_cancel_drag (self);
  jm_canvas_cancel_editing (self);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, document_changed_cb, self);

  g_set_object (&self->history, history);
  document = history != NULL ? jm_history_get_document (history) : NULL;
  g_set_object (&self->document, document);

  g_hash_table_remove_all (self->selection);
  g_clear_pointer (&self->hover_id, g_free);
  g_clear_pointer (&self->anchor_id, g_free);
  g_clear_pointer (&self->menu_target, g_free);
  self->focus_stage = self->focus_lane = -1;
  self->focus_visible_cell = FALSE;

  rebuild_view (self);

  /* Connected after the layout, so the layout has seen a change before the view looks. */
  if (self->document != NULL)
    g_signal_connect_object (self->document, "changed",
                             G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);

  jm_canvas_configure_adjustments (self, 0, 0);
  jm_canvas_selection_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

void
jm_canvas_set_role_lens (JmCanvas   *self,
                         const char *role_id)
{
  g_return_if_fail (JM_IS_CANVAS (self));

  if (role_id != NULL && role_id[0] == '\0')
    role_id = NULL;
  if (g_strcmp0 (self->role_lens, role_id) == 0)
    return;

  g_free (self->role_lens);
  self->role_lens = g_strdup (role_id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE_LENS]);
}

const char *
jm_canvas_get_role_lens (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);
  return self->role_lens;
}

void
jm_canvas_set_spotlight_stage (JmCanvas *self,
                               int       stage)
{
  g_return_if_fail (JM_IS_CANVAS (self));

  stage = MAX (stage, -1);
  if (self->spotlight_stage == stage)
    return;

  self->spotlight_stage = stage;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPOTLIGHT_STAGE]);
}

int
jm_canvas_get_spotlight_stage (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), -1);
  return self->spotlight_stage;
}

gboolean
jm_canvas_parse_card_kind (const char *text,
                           JmCardKind *kind,
                           int        *channel)
{
  g_auto(GStrv) parts = NULL;
  int value;

  *channel = -1;

  if (text == NULL || !g_str_has_prefix (text, JM_CANVAS_CARD_KIND_PREFIX))
    return FALSE;

  parts = g_strsplit (text + strlen (JM_CANVAS_CARD_KIND_PREFIX), ":", 3);
  if (parts[0] == NULL || !jm_enum_from_nick (JM_TYPE_CARD_KIND, g_strstrip (parts[0]), &value))
    return FALSE;
  *kind = value;

  if (parts[1] != NULL && parts[1][0] != '\0')
    {
      int ch;

      if (!jm_enum_from_nick (JM_TYPE_CHANNEL, g_strstrip (parts[1]), &ch))
        return FALSE;
      *channel = ch;
    }

  return TRUE;
}

gboolean
jm_canvas_add_card_of_kind (JmCanvas   *self,
                            JmCardKind  kind,
                            int         channel)
{
  int stage, lane, index;
  guint n_lanes;

  g_return_val_if_fail (JM_IS_CANVAS (self), FALSE);

  if (self->layout == NULL || jm_layout_get_n_stages (self->layout) == 0)
    return FALSE;

  jm_canvas_commit_editing (self);
  jm_canvas_get_current_cell (self, &stage, &lane, &index);
  if (stage < 0)
    stage = 0;

  n_lanes = jm_layout_get_n_lanes (self->layout);
  if (lane < 0 || !jm_lane_kind_accepts (jm_lane_get_kind (jm_layout_get_lane (self->layout, lane)),
                                         kind) ||
      !jm_lane_get_visible (jm_layout_get_lane (self->layout, lane)))
    {
      int typed = -1, custom = -1;

      /* The lane made for this kind, else the first custom lane. */
      for (guint l = 0; l < n_lanes; l++)
        {
          JmLane *ln = jm_layout_get_lane (self->layout, l);
          JmLaneKind lk = jm_lane_get_kind (ln);

          if (!jm_lane_get_visible (ln) || !jm_lane_kind_accepts (lk, kind))
            continue;
          if (lk != JM_LANE_KIND_CUSTOM && typed < 0)
            typed = l;
          else if (lk == JM_LANE_KIND_CUSTOM && custom < 0)
            custom = l;
        }
      lane = typed >= 0 ? typed : custom;
      index = -1;
    }

  if (lane < 0)
    return FALSE;

  if (index < 0)
    {
      GPtrArray *cell = jm_canvas_get_cell (self, stage, lane);

      index = cell != NULL ? (int) cell->len : 0;
    }

  jm_canvas_start_new_card (self, kind, channel, stage, lane, index, TRUE);
  return TRUE;
}

/* GtkWidget (measure, allocate and snapshot are in jm-canvas-view.c) */

static void
jm_canvas_focus_changed_cb (JmCanvas *self)
{
  if (self->focus_visible_cell)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GObject */

static void
jm_canvas_dispose (GObject *object)
{
  JmCanvas *self = JM_CANVAS (object);

  g_clear_handle_id (&self->update_idle, g_source_remove);
  g_clear_handle_id (&self->autoscroll_id, g_source_remove);

  jm_canvas_edit_dispose (self);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, document_changed_cb, self);

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment,
                                          jm_canvas_adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment,
                                          jm_canvas_adjustment_value_changed_cb, self);

  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->renderer);
  g_clear_object (&self->layout);
  g_clear_object (&self->theme);
  g_clear_object (&self->document);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (jm_canvas_parent_class)->dispose (object);
}

static void
jm_canvas_finalize (GObject *object)
{
  JmCanvas *self = JM_CANVAS (object);

  g_clear_pointer (&self->selection, g_hash_table_unref);
  g_clear_pointer (&self->drag_ids, g_ptr_array_unref);
  g_clear_pointer (&self->rubber_base, g_ptr_array_unref);
  g_free (self->hover_id);
  g_free (self->role_lens);
  g_free (self->anchor_id);
  g_free (self->connect_from);
  g_free (self->connect_to);
  g_free (self->menu_target);
  g_free (self->edit_id);
  g_free (self->edit_stage_id);
  g_free (self->edit_lane_id);
  g_free (self->press_id);

  G_OBJECT_CLASS (jm_canvas_parent_class)->finalize (object);
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
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_THEME_KIND:
      g_value_set_int (value, self->theme_kind);
      break;
    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->text_scale);
      break;
    case PROP_ROLE_LENS:
      g_value_set_string (value, self->role_lens);
      break;
    case PROP_SPOTLIGHT_STAGE:
      g_value_set_int (value, self->spotlight_stage);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
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
    case PROP_ZOOM:
      jm_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_THEME_KIND:
      jm_canvas_set_theme_kind (self, g_value_get_int (value));
      break;
    case PROP_TEXT_SCALE:
      jm_canvas_set_text_scale (self, g_value_get_double (value));
      break;
    case PROP_ROLE_LENS:
      jm_canvas_set_role_lens (self, g_value_get_string (value));
      break;
    case PROP_SPOTLIGHT_STAGE:
      jm_canvas_set_spotlight_stage (self, g_value_get_int (value));
      break;
    case PROP_HADJUSTMENT:
      jm_canvas_set_adjustment (self, &self->hadjustment, g_value_get_object (value), pspec);
      break;
    case PROP_VADJUSTMENT:
      jm_canvas_set_adjustment (self, &self->vadjustment, g_value_get_object (value), pspec);
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_canvas_class_init (JmCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_canvas_dispose;
  object_class->finalize = jm_canvas_finalize;
  object_class->get_property = jm_canvas_get_property;
  object_class->set_property = jm_canvas_set_property;

  widget_class->measure = jm_canvas_measure;
  widget_class->size_allocate = jm_canvas_size_allocate;
  widget_class->snapshot = jm_canvas_snapshot;
  widget_class->query_tooltip = jm_canvas_query_tooltip;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         JM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         JM_CANVAS_ZOOM_MIN, JM_CANVAS_ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A JmThemeKind, or −1 (JM_CANVAS_THEME_AUTO) to follow the desktop. */
  properties[PROP_THEME_KIND] =
    g_param_spec_int ("theme-kind", NULL, NULL,
                      -1, JM_THEME_CONTRAST, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL,
                         0.5, 4.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE_LENS] =
    g_param_spec_string ("role-lens", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPOTLIGHT_STAGE] =
    g_param_spec_int ("spotlight-stage", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * JmCanvas::selection-changed:
   *
   * The set of selected elements changed.
   */
  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "jmcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  jm_canvas_input_class_init (klass);
  jm_canvas_edit_class_init (klass);
}

static void
jm_canvas_init (JmCanvas *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->zoom = 1.0;
  self->text_scale = 1.0;
  self->theme_kind = JM_CANVAS_THEME_AUTO;
  self->effective_kind = JM_THEME_LIGHT;
  self->spotlight_stage = -1;
  self->focus_stage = self->focus_lane = -1;
  self->drop_stage = self->drop_lane = self->drop_index = -1;
  self->selection = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->drag_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Journey map"),
                                  -1);

  jm_canvas_set_adjustment (self, &self->hadjustment, NULL, NULL);
  jm_canvas_set_adjustment (self, &self->vadjustment, NULL, NULL);

  g_signal_connect_object (manager, "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::has-focus", G_CALLBACK (jm_canvas_focus_changed_cb), NULL);

  self->effective_kind = compute_theme_kind (self);

  jm_canvas_edit_init (self);
  jm_canvas_input_init (self);
  jm_canvas_update_actions (self);
}
