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

void
jm_canvas_set_cursor (JmCanvas   *self,
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
  jm_canvas_set_cursor (self, self->space_down ? "grab" : NULL);
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

int
jm_canvas_hit_insertion_index (const JmHit *hit)
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
  int index = jm_canvas_hit_insertion_index (&hit);

  if (index >= 0 && hit.stage >= 0 && hit.lane >= 0 &&
      lane_accepts_cards (self, hit.lane, self->drag_ids))
    {
      self->drop_ok = TRUE;
      jm_canvas_set_drop_feedback (self, hit.stage, hit.lane, index);
      jm_canvas_set_cursor (self, "grabbing");
    }
  else
    {
      self->drop_ok = FALSE;
      jm_canvas_set_drop_feedback (self, -1, -1, -1);
      jm_canvas_set_cursor (self, "not-allowed");
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

void
jm_canvas_update_connect_target (JmCanvas *self)
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
  jm_canvas_set_cursor (self, self->connect_to != NULL ? "crosshair" : "no-drop");
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
      jm_canvas_update_connect_target (self);
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
      jm_canvas_update_connect_target (self);
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
      jm_canvas_set_cursor (self, "grabbing");
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
      jm_canvas_set_cursor (self, "grabbing");
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
        jm_canvas_set_cursor (self, "grabbing");
      }
      break;

    case JM_HIT_CURVE_POINT:
      g_ptr_array_add (self->drag_ids, g_strdup (self->press_id));
      self->curve_lane = self->press_lane;
      self->drag_mode = JM_DRAG_CURVE_POINT;
      jm_history_begin_group (self->history, _("Change Emotion"));
      self->group_open = TRUE;
      jm_canvas_set_cursor (self, "ns-resize");
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
      jm_canvas_set_cursor (self, "grabbing");
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
      jm_canvas_update_connect_target (self);
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

/* Setup */

void
jm_canvas_input_init (JmCanvas *self)
{
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

  /* In this order: pinch, motion and scroll, keys and focus, palette drops. */
  jm_canvas_pointer_init (self);
  jm_canvas_keys_init (self);
  jm_canvas_drop_init (self);
}

void
jm_canvas_input_class_init (JmCanvasClass *klass)
{
}
