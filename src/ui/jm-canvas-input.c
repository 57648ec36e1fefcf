/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmCanvas input: pointer, touch and keys become view changes or commands.
 *
 * One GtkGestureDrag handles every press: what was under the pointer at the press decides
 * the tool once the pointer travels past the drag threshold (cards → move cards, a header →
 * reorder, a curve point → change its score, a card's handle → connect, anything else →
 * rubber band; middle button, Space or a finger on an empty spot → pan). Without travel the
 * press is a click. Card moves are applied at the drop (the preview is drawn until then);
 * the other drags apply live inside one history group, which Escape cancels. */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "jm-canvas-private.h"

#define AUTOSCROLL_EDGE   36.0   /* px from the edge of the view */
#define AUTOSCROLL_SPEED  0.5    /* px per tick per px into the edge band */

static void update_drag_target (JmCanvas *self);

gboolean
jm_canvas_is_dragging (JmCanvas *self)
{
  return self->drag_mode != JM_DRAG_NONE;
}

static void
set_cursor (JmCanvas   *self,
            const char *name)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

static void
stop_autoscroll (JmCanvas *self)
{
  g_clear_handle_id (&self->autoscroll_id, g_source_remove);
}

static void
reset_drag (JmCanvas *self)
{
  self->drag_mode = JM_DRAG_NONE;
  self->drag_moved = FALSE;
  self->click_connect = FALSE;
  self->group_open = FALSE;
  self->has_preview = FALSE;
  self->drop_ok = FALSE;
  g_ptr_array_set_size (self->drag_ids, 0);
  g_clear_pointer (&self->rubber_base, g_ptr_array_unref);
  g_clear_pointer (&self->connect_from, g_free);
  g_clear_pointer (&self->connect_to, g_free);
  g_clear_pointer (&self->press_id, g_free);
  stop_autoscroll (self);
  jm_canvas_set_drop_feedback (self, -1, -1, -1);
  gtk_widget_set_visible (self->rubber_band, FALSE);
  set_cursor (self, self->space_down ? "grab" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
jm_canvas_cancel_drag (JmCanvas *self)
{
  if (self->drag_mode == JM_DRAG_NONE)
    return;

  if (self->group_open && self->history != NULL)
    jm_history_cancel_group (self->history);
  self->group_open = FALSE;

  if (self->drag_mode == JM_DRAG_RUBBER_BAND && self->rubber_base != NULL)
    {
      g_ptr_array_add (self->rubber_base, NULL);
      jm_canvas_select_ids (self, (const char * const *) self->rubber_base->pdata);
    }

  reset_drag (self);

  /* The gesture ends with a drag-end that finds nothing left to do. */
  if (self->drag_gesture != NULL)
    gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag_gesture));
}

/* Autoscroll */

static void
edge_velocity (JmCanvas *self,
               double   *vx,
               double   *vy)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double left = AUTOSCROLL_EDGE, top = AUTOSCROLL_EDGE;
  double x = self->pointer_x, y = self->pointer_y;

  /* The pinned headers count as part of the edge for drags over cells. */
  if (self->layout != NULL && self->drag_mode != JM_DRAG_STAGE && self->drag_mode != JM_DRAG_LANE)
    {
      top += MIN (jm_layout_get_stage_header_height (self->layout) * self->zoom, h / 3);
      left += MIN (jm_layout_get_lane_header_width (self->layout) * self->zoom, w / 3);
    }

  *vx = *vy = 0;
  if (x < left)
    *vx = -(left - x);
  else if (x > w - AUTOSCROLL_EDGE)
    *vx = x - (w - AUTOSCROLL_EDGE);
  if (y < top)
    *vy = -(top - y);
  else if (y > h - AUTOSCROLL_EDGE)
    *vy = y - (h - AUTOSCROLL_EDGE);

  if (self->drag_mode == JM_DRAG_STAGE)
    *vy = 0;
  if (self->drag_mode == JM_DRAG_LANE)
    *vx = 0;

  *vx = CLAMP (*vx, -60, 60) * AUTOSCROLL_SPEED;
  *vy = CLAMP (*vy, -60, 60) * AUTOSCROLL_SPEED;
}

static gboolean
autoscroll_cb (gpointer data)
{
  JmCanvas *self = data;
  double vx, vy;

  edge_velocity (self, &vx, &vy);
  if (vx == 0 && vy == 0)
    {
      self->autoscroll_id = 0;
      return G_SOURCE_REMOVE;
    }

  jm_canvas_scroll_by (self, vx, vy);
  update_drag_target (self);
  return G_SOURCE_CONTINUE;
}

static void
maybe_autoscroll (JmCanvas *self)
{
  double vx, vy;

  switch ((int) self->drag_mode)
    {
    case JM_DRAG_CARDS:
    case JM_DRAG_STAGE:
    case JM_DRAG_LANE:
    case JM_DRAG_CONNECT:
    case JM_DRAG_RUBBER_BAND:
      break;
    default:
      return;
    }

  edge_velocity (self, &vx, &vy);
  if ((vx != 0 || vy != 0) && self->autoscroll_id == 0)
    self->autoscroll_id = g_timeout_add (16, autoscroll_cb, self);
}

/* Drag targets */

static gboolean
lane_accepts_cards (JmCanvas  *self,
                    int        lane,
                    GPtrArray *ids)
{
  JmLane *ln = jm_layout_get_lane (self->layout, lane);

  if (ln == NULL || !jm_lane_get_visible (ln))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      JmElement *card = jm_document_lookup (self->document, g_ptr_array_index (ids, i));

      if (!JM_IS_CARD (card) ||
          !jm_lane_kind_accepts (jm_lane_get_kind (ln), jm_card_get_kind (JM_CARD (card))))
        return FALSE;
    }

  return TRUE;
}

static int
hit_insertion_index (const JmHit *hit)
{
  switch ((int) hit->kind)
    {
    case JM_HIT_CARD_HANDLE:
      return hit->index + 1;
    case JM_HIT_CARD:
    case JM_HIT_CELL:
    case JM_HIT_CURVE_POINT:
      return MAX (hit->index, 0);
    default:
      return -1;
    }
}

static void
update_cards_target (JmCanvas *self)
{
  JmHit hit = jm_canvas_hit_test (self, self->pointer_x, self->pointer_y);
  int index = hit_insertion_index (&hit);

  if (index >= 0 && hit.stage >= 0 && hit.lane >= 0 &&
      lane_accepts_cards (self, hit.lane, self->drag_ids))
    {
      self->drop_ok = TRUE;
      jm_canvas_set_drop_feedback (self, hit.stage, hit.lane, index);
      set_cursor (self, "grabbing");
    }
  else
    {
      self->drop_ok = FALSE;
      jm_canvas_set_drop_feedback (self, -1, -1, -1);
      set_cursor (self, "not-allowed");
    }

  /* The ghosts follow the pointer. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_header_target (JmCanvas *self)
{
  const char *id = self->drag_ids->len > 0 ? g_ptr_array_index (self->drag_ids, 0) : NULL;
  JmElement *element = id != NULL ? jm_document_lookup (self->document, id) : NULL;
  double x, y;
  guint first, last, n;
  int target, current;

  if (element == NULL)
    return;

  jm_canvas_widget_to_doc (self, self->pointer_x, self->pointer_y, &x, &y);
  current = jm_document_index_of (self->document, element);

  if (self->drag_mode == JM_DRAG_STAGE)
    {
      n = jm_layout_get_n_stages (self->layout);
      if (jm_layout_get_stage_range (self->layout, x, x, &first, &last))
        target = first;
      else
        target = x < jm_layout_get_lane_header_width (self->layout) ? 0 : (int) n - 1;
    }
  else
    {
      n = jm_layout_get_n_lanes (self->layout);
      if (jm_layout_get_lane_range (self->layout, y, y, &first, &last))
        target = first;
      else
        target = y < jm_layout_get_stage_header_height (self->layout) ? 0 : (int) n - 1;
    }

  if (target < 0 || target == current)
    return;

  jm_canvas_apply (self, jm_move_command_new (element, NULL, NULL, target));
}

static void
update_curve_target (JmCanvas *self)
{
  const char *id = self->drag_ids->len > 0 ? g_ptr_array_index (self->drag_ids, 0) : NULL;
  JmElement *card = id != NULL ? jm_document_lookup (self->document, id) : NULL;
  double x, y;
  int score;

  if (!JM_IS_CARD (card) || self->curve_lane < 0)
    return;

  jm_canvas_widget_to_doc (self, self->pointer_x, self->pointer_y, &x, &y);
  score = (int) lround (jm_layout_y_to_score (self->layout, self->curve_lane, y));
  score = CLAMP (score, JM_SCORE_MIN, JM_SCORE_MAX);

  if (score != jm_card_get_score (JM_CARD (card)))
    jm_canvas_apply (self, jm_set_int_command_new (card, "score", score));
}

static void
update_connect_target (JmCanvas *self)
{
  JmHit hit = jm_canvas_hit_test (self, self->pointer_x, self->pointer_y);
  double x, y;

  jm_canvas_widget_to_doc (self, self->pointer_x, self->pointer_y, &x, &y);

  g_clear_pointer (&self->connect_to, g_free);
  if ((hit.kind == JM_HIT_CARD || hit.kind == JM_HIT_CARD_HANDLE ||
       hit.kind == JM_HIT_CURVE_POINT) &&
      g_strcmp0 (hit.element_id, self->connect_from) != 0)
    self->connect_to = g_strdup (hit.element_id);

  jm_layout_get_preview_connector (self->layout, self->connect_from, x, y, &self->preview);
  self->has_preview = TRUE;
  jm_canvas_set_hover (self, self->connect_to);
  set_cursor (self, self->connect_to != NULL ? "crosshair" : "no-drop");
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_rubber_band (JmCanvas *self)
{
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  double x0, y0, x1, y1;

  x0 = (self->start_x + self->start_hvalue) / self->zoom;
  y0 = (self->start_y + self->start_vvalue) / self->zoom;
  jm_canvas_widget_to_doc (self, self->pointer_x, self->pointer_y, &x1, &y1);

  self->band.x = MIN (x0, x1);
  self->band.y = MIN (y0, y1);
  self->band.width = fabs (x1 - x0);
  self->band.height = fabs (y1 - y0);

  cards = jm_layout_dup_cards_in_rect (self->layout, &self->band);
  if (self->rubber_base != NULL)
    for (guint i = 0; i < self->rubber_base->len; i++)
      g_ptr_array_add (ids, g_ptr_array_index (self->rubber_base, i));
  for (guint i = 0; i < cards->len; i++)
    g_ptr_array_add (ids, (gpointer) jm_element_get_id (g_ptr_array_index (cards, i)));
  g_ptr_array_add (ids, NULL);

  jm_canvas_select_ids (self, (const char * const *) ids->pdata);
  gtk_widget_set_visible (self->rubber_band, TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
update_drag_target (JmCanvas *self)
{
  if (self->layout == NULL)
    return;

  switch (self->drag_mode)
    {
    case JM_DRAG_CARDS:
      update_cards_target (self);
      break;
    case JM_DRAG_STAGE:
    case JM_DRAG_LANE:
      update_header_target (self);
      break;
    case JM_DRAG_CURVE_POINT:
      update_curve_target (self);
      break;
    case JM_DRAG_CONNECT:
      update_connect_target (self);
      break;
    case JM_DRAG_RUBBER_BAND:
      update_rubber_band (self);
      break;
    case JM_DRAG_NONE:
    case JM_DRAG_PENDING:
    case JM_DRAG_PAN:
    default:
      break;
    }
}

/* Double clicks */

static void
double_click (JmCanvas *self,
              double    x,
              double    y)
{
  JmHit hit = jm_canvas_hit_test (self, x, y);

  switch ((int) hit.kind)
    {
    case JM_HIT_CARD:
    case JM_HIT_CURVE_POINT:
    case JM_HIT_STAGE_HEADER:
    case JM_HIT_LANE_HEADER:
      {
        g_autofree char *id = g_strdup (hit.element_id);

        jm_canvas_select_only (self, id);
        jm_canvas_start_editing (self, id);
      }
      break;

    case JM_HIT_CELL:
      {
        JmLane *lane = jm_layout_get_lane (self->layout, hit.lane);
        JmCardKind kind = jm_lane_kind_default_card_kind (jm_lane_get_kind (lane));

        jm_canvas_start_new_card (self, kind, -1, hit.stage, hit.lane, MAX (hit.index, 0), FALSE);
      }
      break;

    case JM_HIT_CONNECTION:
      {
        g_autofree char *id = g_strdup (hit.element_id);

        jm_canvas_select_only (self, id);
        jm_canvas_edit_connection_label (self, id);
      }
      break;

    default:
      break;
    }
}

/* Counts presses of one button close in time and place: 1, 2 (double click), 3… */
static int
count_press (JmCanvas *self,
             GdkEvent *event,
             guint     button,
             double    x,
             double    y)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  guint32 time = event != NULL ? gdk_event_get_time (event) : 0;
  int double_time = 400, double_distance = 5;

  g_object_get (settings,
                "gtk-double-click-time", &double_time,
                "gtk-double-click-distance", &double_distance,
                NULL);

  if (self->press_count > 0 && button == self->last_press_button &&
      time - self->last_press_time <= (guint32) double_time &&
      fabs (x - self->last_press_x) <= double_distance * 2 &&
      fabs (y - self->last_press_y) <= double_distance * 2)
    self->press_count++;
  else
    self->press_count = 1;

  self->last_press_time = time;
  self->last_press_x = x;
  self->last_press_y = y;
  self->last_press_button = button;

  return self->press_count;
}

/* Drag gesture */

static gboolean
is_touch (GtkGesture *gesture)
{
  GdkDevice *device = gtk_gesture_get_device (gesture);

  return device != NULL && gdk_device_get_source (device) == GDK_SOURCE_TOUCHSCREEN;
}

static void
select_on_press (JmCanvas        *self,
                 const JmHit     *hit,
                 GdkModifierType  state)
{
  gboolean toggle = (state & GDK_CONTROL_MASK) != 0;
  gboolean extend = (state & GDK_SHIFT_MASK) != 0;

  switch ((int) hit->kind)
    {
    case JM_HIT_CARD:
    case JM_HIT_CURVE_POINT:
    case JM_HIT_CARD_HANDLE:
    case JM_HIT_CONNECTION:
    case JM_HIT_STAGE_HEADER:
    case JM_HIT_LANE_HEADER:
      if (toggle)
        jm_canvas_toggle_selected (self, hit->element_id);
      else if (extend)
        {
          if (!jm_canvas_is_selected (self, hit->element_id))
            jm_canvas_toggle_selected (self, hit->element_id);
        }
      else if (!jm_canvas_is_selected (self, hit->element_id))
        jm_canvas_select_only (self, hit->element_id);

      if (hit->stage >= 0 && hit->lane >= 0)
        jm_canvas_set_focus_cell (self, hit->stage, hit->lane, FALSE);
      break;

    case JM_HIT_CELL:
      if (!toggle && !extend)
        jm_canvas_clear_selection (self);
      jm_canvas_set_focus_cell (self, hit->stage, hit->lane, FALSE);
      g_clear_pointer (&self->anchor_id, g_free);
      break;

    case JM_HIT_NONE:
      if (!toggle && !extend)
        jm_canvas_clear_selection (self);
      break;

    default:
      break;
    }
}

static void
drag_begin_cb (JmCanvas       *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  GtkGestureSingle *single = GTK_GESTURE_SINGLE (gesture);
  GdkEvent *event = gtk_gesture_get_last_event (GTK_GESTURE (gesture),
                                                gtk_gesture_single_get_current_sequence (single));
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  JmHit hit;
  int n_press;

  if (button == 0)
    button = GDK_BUTTON_PRIMARY;

  /* Presses in the inline editor are the editor's. */
  if (self->edit_kind != JM_EDIT_NONE && gtk_widget_get_visible (self->editor))
    {
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (self->editor, GTK_WIDGET (self), &bounds) &&
          graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (x, y)))
        {
          gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
          return;
        }
    }

  n_press = count_press (self, event, button, x, y);

  if (self->layout == NULL ||
      (self->zoom_gesture != NULL && gtk_gesture_is_recognized (self->zoom_gesture)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  if (button == GDK_BUTTON_SECONDARY)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      jm_canvas_cancel_drag (self);
      jm_canvas_popup_menu_at (self, x, y);
      return;
    }

  if (self->edit_kind != JM_EDIT_NONE)
    jm_canvas_commit_editing (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* "Connect To…" from the menu: this press picks the target. */
  if (self->click_connect)
    {
      g_autofree char *from = g_strdup (self->connect_from);
      g_autofree char *to = NULL;

      self->pointer_x = x;
      self->pointer_y = y;
      update_connect_target (self);
      to = g_strdup (self->connect_to);
      reset_drag (self);
      jm_canvas_set_hover (self, NULL);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      if (from != NULL && to != NULL)
        jm_canvas_connect_cards (self, from, to);
      return;
    }

  reset_drag (self);

  if (button == GDK_BUTTON_PRIMARY && n_press == 2)
    {
      double_click (self, x, y);
      return;
    }

  self->press_button = button;
  self->press_state = event != NULL ? gdk_event_get_modifier_state (event) : 0;
  self->press_touch = is_touch (GTK_GESTURE (gesture));
  self->start_x = self->pointer_x = x;
  self->start_y = self->pointer_y = y;
  self->start_hvalue = gtk_adjustment_get_value (self->hadjustment);
  self->start_vvalue = gtk_adjustment_get_value (self->vadjustment);

  hit = jm_canvas_hit_test (self, x, y);
  self->press_kind = hit.kind;
  self->press_id = g_strdup (hit.element_id);
  self->press_stage = hit.stage;
  self->press_lane = hit.lane;
  self->press_index = hit.index;
  self->drag_mode = JM_DRAG_PENDING;

  if (self->press_button == GDK_BUTTON_MIDDLE || self->space_down)
    {
      self->drag_mode = JM_DRAG_PAN;
      set_cursor (self, "grabbing");
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }

  if (self->press_button != GDK_BUTTON_PRIMARY)
    {
      reset_drag (self);
      return;
    }

  select_on_press (self, &hit, self->press_state);
}

static void
start_drag (JmCanvas *self)
{
  gboolean empty = self->press_kind == JM_HIT_CELL || self->press_kind == JM_HIT_NONE ||
                   self->press_kind == JM_HIT_CONNECTION;

  self->drag_moved = TRUE;

  if (self->press_touch && empty)
    {
      self->drag_mode = JM_DRAG_PAN;
      set_cursor (self, "grabbing");
      return;
    }

  switch ((int) self->press_kind)
    {
    case JM_HIT_CARD:
      {
        g_autoptr(GPtrArray) cards = jm_canvas_dup_selected_cards (self);

        if (!jm_canvas_is_selected (self, self->press_id))
          {
            self->drag_mode = JM_DRAG_NONE;
            return;
          }
        for (guint i = 0; i < cards->len; i++)
          g_ptr_array_add (self->drag_ids,
                           g_strdup (jm_element_get_id (g_ptr_array_index (cards, i))));
        self->drag_mode = JM_DRAG_CARDS;
        set_cursor (self, "grabbing");
      }
      break;

    case JM_HIT_CURVE_POINT:
      g_ptr_array_add (self->drag_ids, g_strdup (self->press_id));
      self->curve_lane = self->press_lane;
      self->drag_mode = JM_DRAG_CURVE_POINT;
      jm_history_begin_group (self->history, _("Change Emotion"));
      self->group_open = TRUE;
      set_cursor (self, "ns-resize");
      break;

    case JM_HIT_CARD_HANDLE:
      self->connect_from = g_strdup (self->press_id);
      self->drag_mode = JM_DRAG_CONNECT;
      break;

    case JM_HIT_STAGE_HEADER:
    case JM_HIT_LANE_HEADER:
      g_ptr_array_add (self->drag_ids, g_strdup (self->press_id));
      self->drag_mode = self->press_kind == JM_HIT_STAGE_HEADER ? JM_DRAG_STAGE : JM_DRAG_LANE;
      jm_history_begin_group (self->history,
                              self->drag_mode == JM_DRAG_STAGE ? _("Move Stage") : _("Move Lane"));
      self->group_open = TRUE;
      set_cursor (self, "grabbing");
      break;

    case JM_HIT_CELL:
    case JM_HIT_NONE:
    case JM_HIT_CONNECTION:
      if (self->press_state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
        {
          GHashTableIter iter;
          gpointer key;

          self->rubber_base = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_iter_init (&iter, self->selection);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            g_ptr_array_add (self->rubber_base, g_strdup (key));
        }
      self->drag_mode = JM_DRAG_RUBBER_BAND;
      break;

    default:
      self->drag_mode = JM_DRAG_NONE;
      break;
    }
}

static void
drag_update_cb (JmCanvas       *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  if (self->drag_mode == JM_DRAG_NONE)
    return;

  if (self->zoom_gesture != NULL && gtk_gesture_is_recognized (self->zoom_gesture))
    {
      jm_canvas_cancel_drag (self);
      return;
    }

  self->pointer_x = self->start_x + offset_x;
  self->pointer_y = self->start_y + offset_y;

  if (self->drag_mode == JM_DRAG_PENDING)
    {
      int threshold = 8;

      g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                    "gtk-dnd-drag-threshold", &threshold, NULL);
      if (self->press_touch)
        threshold *= 2;
      if (hypot (offset_x, offset_y) < threshold)
        return;

      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      start_drag (self);
      if (self->drag_mode == JM_DRAG_NONE)
        {
          reset_drag (self);
          return;
        }
    }

  if (self->drag_mode == JM_DRAG_PAN)
    {
      gtk_adjustment_set_value (self->hadjustment, self->start_hvalue - offset_x);
      gtk_adjustment_set_value (self->vadjustment, self->start_vvalue - offset_y);
      return;
    }

  update_drag_target (self);
  maybe_autoscroll (self);
}

static void
click_release (JmCanvas *self)
{
  switch ((int) self->press_kind)
    {
    case JM_HIT_CARD:
    case JM_HIT_CURVE_POINT:
    case JM_HIT_STAGE_HEADER:
    case JM_HIT_LANE_HEADER:
    case JM_HIT_CONNECTION:
      if ((self->press_state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) == 0)
        jm_canvas_select_only (self, self->press_id);
      break;

    case JM_HIT_ADD_STAGE:
      jm_canvas_add_stage (self, -1);
      break;

    case JM_HIT_ADD_LANE:
      jm_canvas_add_lane (self, -1);
      break;

    default:
      break;
    }
}

static void
drag_end_cb (JmCanvas       *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  JmDragMode mode = self->drag_mode;

  if (mode == JM_DRAG_NONE)
    return;

  self->pointer_x = self->start_x + offset_x;
  self->pointer_y = self->start_y + offset_y;

  switch (mode)
    {
    case JM_DRAG_PENDING:
      if (self->press_button == GDK_BUTTON_PRIMARY)
        click_release (self);
      break;

    case JM_DRAG_CARDS:
      update_cards_target (self);
      if (self->drop_ok)
        {
          g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
          int stage = self->drop_stage, lane = self->drop_lane, index = self->drop_index;

          /* reset_drag () empties drag_ids. */
          for (guint i = 0; i < self->drag_ids->len; i++)
            g_ptr_array_add (ids, g_strdup (g_ptr_array_index (self->drag_ids, i)));

          reset_drag (self);
          jm_canvas_move_cards (self, ids, stage, lane, index);
          if (ids->len > 0)
            jm_canvas_scroll_to_element (self, g_ptr_array_index (ids, 0));
          return;
        }
      break;

    case JM_DRAG_STAGE:
    case JM_DRAG_LANE:
    case JM_DRAG_CURVE_POINT:
      if (self->group_open)
        jm_history_end_group (self->history);
      self->group_open = FALSE;
      break;

    case JM_DRAG_CONNECT:
      update_connect_target (self);
      if (self->connect_to != NULL)
        {
          g_autofree char *from = g_strdup (self->connect_from);
          g_autofree char *to = g_strdup (self->connect_to);

          reset_drag (self);
          jm_canvas_set_hover (self, NULL);
          jm_canvas_connect_cards (self, from, to);
          return;
        }
      jm_canvas_set_hover (self, NULL);
      break;

    case JM_DRAG_RUBBER_BAND:
    case JM_DRAG_PAN:
    case JM_DRAG_NONE:
    default:
      break;
    }

  reset_drag (self);
}

static void
long_press_cb (JmCanvas            *self,
               double               x,
               double               y,
               GtkGestureLongPress *gesture)
{
  jm_canvas_cancel_drag (self);
  jm_canvas_popup_menu_at (self, x, y);
}

/* Pinch zoom */

static void
zoom_begin_cb (JmCanvas   *self,
               GdkEventSequence *sequence,
               GtkGesture *gesture)
{
  jm_canvas_cancel_drag (self);
  self->zoom_begin = self->zoom;
}

static void
zoom_scale_changed_cb (JmCanvas       *self,
                       double          scale,
                       GtkGestureZoom *gesture)
{
  double cx, cy;

  /* Without touch points (the signal emitted directly) GTK 4.8's bounding box centre raises
   * a critical on the missing last event: only ask when the gesture is active. */
  if (!gtk_gesture_is_active (GTK_GESTURE (gesture)) ||
      !gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    {
      cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      cy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  jm_canvas_zoom_at (self, self->zoom_begin * scale, cx, cy);
}

/* Motion: hover and cursor */

static void
update_hover (JmCanvas *self)
{
  JmHit hit;
  const char *cursor = NULL;
  const char *hover = NULL;

  if (self->layout == NULL || self->drag_mode != JM_DRAG_NONE)
    return;

  hit = jm_canvas_hit_test (self, self->pointer_x, self->pointer_y);
  switch ((int) hit.kind)
    {
    case JM_HIT_CARD:
      hover = hit.element_id;
      break;
    case JM_HIT_CARD_HANDLE:
      hover = hit.element_id;
      cursor = "crosshair";
      break;
    case JM_HIT_CURVE_POINT:
      hover = hit.element_id;
      cursor = "ns-resize";
      break;
    case JM_HIT_CONNECTION:
      hover = hit.element_id;
      cursor = "pointer";
      break;
    case JM_HIT_STAGE_HEADER:
    case JM_HIT_LANE_HEADER:
      cursor = "grab";
      break;
    case JM_HIT_ADD_STAGE:
    case JM_HIT_ADD_LANE:
      cursor = "pointer";
      break;
    default:
      break;
    }

  if (self->space_down)
    cursor = "grab";

  jm_canvas_set_hover (self, hover);
  set_cursor (self, cursor);
}

static void
motion_cb (JmCanvas                 *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->pointer_inside = TRUE;
  if (self->click_connect)
    {
      self->pointer_x = x;
      self->pointer_y = y;
      update_connect_target (self);
      return;
    }
  if (self->drag_mode != JM_DRAG_NONE)
    return;

  self->pointer_x = x;
  self->pointer_y = y;
  update_hover (self);
}

static void
leave_cb (JmCanvas                 *self,
          GtkEventControllerMotion *controller)
{
  self->pointer_inside = FALSE;
  if (self->drag_mode == JM_DRAG_NONE)
    jm_canvas_set_hover (self, NULL);
}

/* Scroll: Ctrl+wheel zooms around the pointer; plain scrolling is the scrolled window's. */

static gboolean
scroll_cb (JmCanvas                 *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GtkEventController *ec = GTK_EVENT_CONTROLLER (controller);
  GdkModifierType state = gtk_event_controller_get_current_event_state (ec);
  GdkEvent *event = gtk_event_controller_get_current_event (ec);
  double x = self->pointer_x, y = self->pointer_y;

  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;

  if (event != NULL)
    {
      double ex, ey;

      if (gdk_event_get_position (event, &ex, &ey))
        {
          GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
          graphene_point_t p;
          double sx = 0, sy = 0;

          gtk_native_get_surface_transform (native, &sx, &sy);
          if (gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self),
                                        &GRAPHENE_POINT_INIT (ex - sx, ey - sy), &p))
            {
              x = p.x;
              y = p.y;
            }
        }
    }

  jm_canvas_zoom_at (self, self->zoom * pow (1.15, -CLAMP (dy, -5, 5)), x, y);
  return TRUE;
}

/* Drops from the card palette */

static gboolean
palette_target (JmCanvas   *self,
                const char *text,
                double      x,
                double      y,
                JmCardKind *kind,
                int        *channel,
                JmHit      *hit)
{
  JmLane *lane;

  if (self->layout == NULL || !jm_canvas_parse_card_kind (text, kind, channel))
    return FALSE;

  *hit = jm_canvas_hit_test (self, x, y);
  if (hit->stage < 0 || hit->lane < 0 || hit_insertion_index (hit) < 0)
    return FALSE;

  lane = jm_layout_get_lane (self->layout, hit->lane);
  return lane != NULL && jm_lane_get_visible (lane) &&
         jm_lane_kind_accepts (jm_lane_get_kind (lane), *kind);
}

static GdkDragAction
drop_motion_cb (JmCanvas      *self,
                double         x,
                double         y,
                GtkDropTarget *target)
{
  const GValue *value = gtk_drop_target_get_value (target);
  JmCardKind kind;
  int channel;
  JmHit hit;

  self->pointer_x = x;
  self->pointer_y = y;

  if (value == NULL || !G_VALUE_HOLDS_STRING (value) ||
      !palette_target (self, g_value_get_string (value), x, y, &kind, &channel, &hit))
    {
      jm_canvas_set_drop_feedback (self, -1, -1, -1);
      return 0;
    }

  jm_canvas_set_drop_feedback (self, hit.stage, hit.lane, hit_insertion_index (&hit));
  return GDK_ACTION_COPY;
}

static void
drop_leave_cb (JmCanvas      *self,
               GtkDropTarget *target)
{
  jm_canvas_set_drop_feedback (self, -1, -1, -1);
}

static gboolean
drop_accept_cb (JmCanvas      *self,
                GdkDrop       *drop,
                GtkDropTarget *target)
{
  return self->document != NULL &&
         gdk_content_formats_contain_gtype (gdk_drop_get_formats (drop), G_TYPE_STRING);
}

static gboolean
drop_cb (JmCanvas      *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  JmCardKind kind;
  int channel;
  JmHit hit;

  jm_canvas_set_drop_feedback (self, -1, -1, -1);

  if (!G_VALUE_HOLDS_STRING (value) ||
      !palette_target (self, g_value_get_string (value), x, y, &kind, &channel, &hit))
    return FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  jm_canvas_start_new_card (self, kind, channel, hit.stage, hit.lane,
                            hit_insertion_index (&hit), TRUE);
  return TRUE;
}

/* Tooltips */

gboolean
jm_canvas_query_tooltip (GtkWidget  *widget,
                         int         x,
                         int         y,
                         gboolean    keyboard,
                         GtkTooltip *tooltip)
{
  JmCanvas *self = JM_CANVAS (widget);
  graphene_rect_t area;
  JmRect rect;
  JmHit hit;

  if (self->layout == NULL || self->drag_mode != JM_DRAG_NONE || self->edit_kind != JM_EDIT_NONE)
    return FALSE;

  if (keyboard)
    {
      if (self->anchor_id == NULL || !jm_canvas_is_selected (self, self->anchor_id))
        return FALSE;
      hit.kind = JM_HIT_CARD;
      hit.element_id = self->anchor_id;
    }
  else
    hit = jm_canvas_hit_test (self, x, y);

  switch ((int) hit.kind)
    {
    case JM_HIT_CARD:
    case JM_HIT_CURVE_POINT:
      {
        JmElement *card = jm_document_lookup (self->document, hit.element_id);

        if (!JM_IS_CARD (card) || !jm_layout_get_card_rect (self->layout, hit.element_id, &rect))
          return FALSE;

        if (hit.kind == JM_HIT_CURVE_POINT)
          {
            g_autofree char *text = NULL;
            int score = jm_card_get_score (JM_CARD (card));

            text = g_strdup_printf ("%s (%+d)", jm_card_get_text (JM_CARD (card)), score);
            gtk_tooltip_set_text (tooltip, text);
            return TRUE;
          }

        if (!jm_renderer_card_text_is_ellipsized (self->renderer, self->layout, hit.element_id))
          return FALSE;

        gtk_tooltip_set_text (tooltip, jm_card_get_text (JM_CARD (card)));
        jm_canvas_doc_to_widget_rect (self, &rect, &area);
        gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                                    floor (area.origin.x), floor (area.origin.y),
                                    ceil (area.size.width), ceil (area.size.height) });
        return TRUE;
      }

    case JM_HIT_CARD_HANDLE:
      gtk_tooltip_set_text (tooltip, _("Drag to another card to connect them"));
      return TRUE;

    case JM_HIT_CONNECTION:
      {
        JmElement *c = jm_document_lookup (self->document, hit.element_id);

        if (!JM_IS_CONNECTION (c) || jm_connection_get_label (JM_CONNECTION (c))[0] == '\0')
          return FALSE;
        gtk_tooltip_set_text (tooltip, jm_connection_get_label (JM_CONNECTION (c)));
        return TRUE;
      }

    case JM_HIT_ADD_STAGE:
      gtk_tooltip_set_text (tooltip, _("Add Stage"));
      return TRUE;

    case JM_HIT_ADD_LANE:
      gtk_tooltip_set_text (tooltip, _("Add Lane"));
      return TRUE;

    default:
      return FALSE;
    }
}

/* Keyboard */

static gboolean
cell_position (JmCanvas *self,
               int      *stage,
               int      *lane,
               int      *index)
{
  guint s, l, i;

  if (self->anchor_id != NULL && jm_canvas_is_selected (self, self->anchor_id) &&
      jm_layout_get_card_position (self->layout, self->anchor_id, &s, &l, &i))
    {
      *stage = s;
      *lane = l;
      *index = i;
      return TRUE;
    }

  if (self->focus_stage >= 0 && self->focus_lane >= 0 &&
      (guint) self->focus_stage < jm_layout_get_n_stages (self->layout) &&
      (guint) self->focus_lane < jm_layout_get_n_lanes (self->layout))
    {
      *stage = self->focus_stage;
      *lane = self->focus_lane;
      *index = -1;
      return TRUE;
    }

  return FALSE;
}

static void
focus_card (JmCanvas *self,
            JmCard   *card,
            int       stage,
            int       lane)
{
  const char *id = jm_element_get_id (JM_ELEMENT (card));

  jm_canvas_select_only (self, id);
  g_free (self->anchor_id);
  self->anchor_id = g_strdup (id);
  jm_canvas_set_focus_cell (self, stage, lane, FALSE);
  jm_canvas_scroll_to_element (self, id);
}

static void
focus_empty_cell (JmCanvas *self,
                  int       stage,
                  int       lane)
{
  JmRect rect;

  jm_canvas_clear_selection (self);
  g_clear_pointer (&self->anchor_id, g_free);
  jm_canvas_set_focus_cell (self, stage, lane, TRUE);
  if (jm_layout_get_cell_rect (self->layout, stage, lane, &rect))
    jm_canvas_scroll_to_rect (self, &rect);
}

/* Goes to (stage, lane): its card at index (clamped; −1 = the first, −2 = the last), or the
 * empty cell. */
static void
go_to_cell (JmCanvas *self,
            int       stage,
            int       lane,
            int       index)
{
  GPtrArray *cell = jm_canvas_get_cell (self, stage, lane);

  if (cell == NULL || cell->len == 0)
    {
      focus_empty_cell (self, stage, lane);
      return;
    }

  if (index == -2)
    index = cell->len - 1;
  index = CLAMP (index, 0, (int) cell->len - 1);
  focus_card (self, g_ptr_array_index (cell, index), stage, lane);
}

static int
next_visible_lane (JmCanvas *self,
                   int       lane,
                   int       step)
{
  int n = jm_layout_get_n_lanes (self->layout);

  for (lane += step; lane >= 0 && lane < n; lane += step)
    if (jm_lane_get_visible (jm_layout_get_lane (self->layout, lane)))
      return lane;

  return -1;
}

static void
navigate (JmCanvas *self,
          int       dx,
          int       dy)
{
  int stage, lane, index;

  if (self->layout == NULL || jm_layout_get_n_stages (self->layout) == 0 ||
      jm_layout_get_n_lanes (self->layout) == 0)
    return;

  if (!cell_position (self, &stage, &lane, &index))
    {
      int first = next_visible_lane (self, -1, 1);

      if (first >= 0)
        go_to_cell (self, 0, first, 0);
      return;
    }

  if (dy != 0)
    {
      GPtrArray *cell = jm_canvas_get_cell (self, stage, lane);
      int len = cell != NULL ? (int) cell->len : 0;
      int target;

      if (index >= 0 && index + dy >= 0 && index + dy < len)
        {
          go_to_cell (self, stage, lane, index + dy);
          return;
        }

      target = next_visible_lane (self, lane, dy);
      if (target >= 0)
        go_to_cell (self, stage, target, dy > 0 ? 0 : -2);
      return;
    }

  if (dx != 0)
    {
      int target = stage + dx;

      if (target >= 0 && target < (int) jm_layout_get_n_stages (self->layout))
        go_to_cell (self, target, lane, MAX (index, 0));
    }
}

static gboolean
walk_cards (JmCanvas *self,
            int       step)
{
  g_autoptr(GPtrArray) cards = NULL;
  int current = -1;
  int next;
  guint s, l, i;
  JmCard *card;

  if (self->document == NULL)
    return FALSE;

  cards = jm_document_dup_cards (self->document);
  /* Cards in hidden lanes are skipped. */
  for (guint k = cards->len; k > 0; k--)
    if (!jm_layout_get_card_position (self->layout,
                                      jm_element_get_id (g_ptr_array_index (cards, k - 1)),
                                      &s, &l, &i) ||
        !jm_lane_get_visible (jm_layout_get_lane (self->layout, l)))
      g_ptr_array_remove_index (cards, k - 1);

  if (cards->len == 0)
    return FALSE;

  if (self->anchor_id != NULL && jm_canvas_is_selected (self, self->anchor_id))
    for (guint k = 0; k < cards->len; k++)
      if (g_strcmp0 (jm_element_get_id (g_ptr_array_index (cards, k)), self->anchor_id) == 0)
        current = k;

  if (current < 0)
    next = step > 0 ? 0 : (int) cards->len - 1;
  else
    next = (current + step + (int) cards->len) % (int) cards->len;

  card = g_ptr_array_index (cards, next);
  jm_layout_get_card_position (self->layout, jm_element_get_id (JM_ELEMENT (card)), &s, &l, &i);
  focus_card (self, card, s, l);
  return TRUE;
}

void
jm_canvas_move_selection (JmCanvas *self,
                          int       dstage,
                          int       dindex)
{
  g_autoptr(GPtrArray) cards = NULL;
  guint n_stages;

  if (self->layout == NULL)
    return;

  cards = jm_canvas_dup_selected_cards (self);
  if (cards->len == 0)
    return;

  n_stages = jm_layout_get_n_stages (self->layout);
  jm_history_begin_group (self->history, _("Move Cards"));

  if (dstage != 0)
    {
      for (guint k = 0; k < cards->len; k++)
        {
          JmCard *card = g_ptr_array_index (cards, k);
          JmStage *stage;
          guint s, l, i;
          int target;
          GPtrArray *cell;

          if (!jm_layout_get_card_position (self->layout, jm_element_get_id (JM_ELEMENT (card)),
                                            &s, &l, &i))
            continue;
          target = (int) s + dstage;
          if (target < 0 || (guint) target >= n_stages)
            continue;
          cell = jm_canvas_get_cell (self, target, l);
          stage = jm_layout_get_stage (self->layout, target);
          jm_canvas_apply (self,
                           jm_move_command_new (JM_ELEMENT (card),
                                                jm_element_get_id (JM_ELEMENT (stage)), NULL,
                                                MIN ((int) i, cell != NULL ? (int) cell->len : 0)));
        }
    }
  else if (dindex != 0)
    {
      /* Moving down, the last card first, so cards do not leapfrog each other. */
      for (guint n = 0; n < cards->len; n++)
        {
          guint k = dindex > 0 ? cards->len - 1 - n : n;
          JmCard *card = g_ptr_array_index (cards, k);
          guint s, l, i;
          GPtrArray *cell;
          int target;

          if (!jm_layout_get_card_position (self->layout, jm_element_get_id (JM_ELEMENT (card)),
                                            &s, &l, &i))
            continue;
          cell = jm_canvas_get_cell (self, s, l);
          target = (int) i + dindex;
          if (cell == NULL || target < 0 || target >= (int) cell->len)
            continue;
          /* Do not jump over another selected card that could not move. */
          if (jm_canvas_is_selected (self, jm_element_get_id (g_ptr_array_index (cell, target))))
            continue;
          jm_canvas_apply (self, jm_move_command_new (JM_ELEMENT (card), NULL, NULL, target));
        }
    }

  jm_history_end_group (self->history);

  if (self->anchor_id != NULL)
    jm_canvas_scroll_to_element (self, self->anchor_id);
}

static gboolean
key_pressed_cb (JmCanvas              *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK);

  /* Keys typed into the inline editor (or a popover) are not the canvas' business. */
  if (self->edit_kind != JM_EDIT_NONE || !gtk_widget_has_focus (GTK_WIDGET (self)))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->drag_mode != JM_DRAG_NONE)
        jm_canvas_cancel_drag (self);
      else
        {
          jm_canvas_clear_selection (self);
          jm_canvas_set_focus_cell (self, self->focus_stage, self->focus_lane, FALSE);
        }
      return TRUE;

    case GDK_KEY_space:
      if (mods == 0)
        {
          self->space_down = TRUE;
          if (self->drag_mode == JM_DRAG_NONE)
            set_cursor (self, "grab");
          return TRUE;
        }
      return FALSE;

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      {
        int dx = 0, dy = 0;

        if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
          dx = -1;
        else if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
          dx = 1;
        else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
          dy = -1;
        else
          dy = 1;

        if (self->drag_mode != JM_DRAG_NONE)
          return TRUE;
        if (mods == GDK_ALT_MASK)
          jm_canvas_move_selection (self, dx, dy);
        else if (mods == 0)
          navigate (self, dx, dy);
        else
          return FALSE;
        return TRUE;
      }

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if ((mods & ~GDK_SHIFT_MASK) != 0 || self->drag_mode != JM_DRAG_NONE)
        return FALSE;
      return walk_cards (self, (mods & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab ? -1 : 1);

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (mods != 0)
        return FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "canvas.edit", NULL);
      return TRUE;

    case GDK_KEY_Menu:
    case GDK_KEY_F10:
      if (keyval == GDK_KEY_F10 && mods != GDK_SHIFT_MASK)
        return FALSE;
      {
        graphene_rect_t area = GRAPHENE_RECT_INIT (gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                                   gtk_widget_get_height (GTK_WIDGET (self)) / 2.0,
                                                   0, 0);
        JmRect rect;

        if (self->anchor_id != NULL && jm_canvas_is_selected (self, self->anchor_id) &&
            jm_layout_get_card_rect (self->layout, self->anchor_id, &rect))
          jm_canvas_doc_to_widget_rect (self, &rect, &area);
        jm_canvas_popup_menu_at (self, area.origin.x + area.size.width / 2,
                                 area.origin.y + area.size.height / 2);
      }
      return TRUE;

    default:
      return FALSE;
    }
}

static void
key_released_cb (JmCanvas              *self,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_space && self->space_down)
    {
      self->space_down = FALSE;
      if (self->drag_mode == JM_DRAG_NONE)
        set_cursor (self, NULL);
    }
}

static void
focus_leave_cb (JmCanvas                *self,
                GtkEventControllerFocus *controller)
{
  self->space_down = FALSE;
}

/* Setup */

void
jm_canvas_input_init (JmCanvas *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  /* Every press: clicks, double clicks, right clicks and drags. */
  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  self->drag_gesture = gesture;

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (long_press_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  self->long_press_gesture = gesture;

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  self->zoom_gesture = gesture;

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect_swapped (controller, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  self->drop_target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  gtk_drop_target_set_preload (self->drop_target, TRUE);
  g_signal_connect_swapped (self->drop_target, "accept", G_CALLBACK (drop_accept_cb), self);
  g_signal_connect_swapped (self->drop_target, "enter", G_CALLBACK (drop_motion_cb), self);
  g_signal_connect_swapped (self->drop_target, "motion", G_CALLBACK (drop_motion_cb), self);
  g_signal_connect_swapped (self->drop_target, "leave", G_CALLBACK (drop_leave_cb), self);
  g_signal_connect_swapped (self->drop_target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drop_target));
}

void
jm_canvas_input_class_init (JmCanvasClass *klass)
{
}
