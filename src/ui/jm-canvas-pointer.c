/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmCanvas pointer input besides presses and drags: pinch zoom, hover and cursor, Ctrl+wheel
 * zoom, drops from the card palette and tooltips. */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "jm-canvas-private.h"

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
  jm_canvas_set_cursor (self, cursor);
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
      jm_canvas_update_connect_target (self);
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
  if (hit->stage < 0 || hit->lane < 0 || jm_canvas_hit_insertion_index (hit) < 0)
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

  jm_canvas_set_drop_feedback (self, hit.stage, hit.lane, jm_canvas_hit_insertion_index (&hit));
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
                            jm_canvas_hit_insertion_index (&hit), TRUE);
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

/* Setup */

/* Pinch zoom, motion (hover) and scroll controllers. */
void
jm_canvas_pointer_init (JmCanvas *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

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
}

/* Drops of card kinds (strings) from the palette. */
void
jm_canvas_drop_init (JmCanvas *self)
{
  self->drop_target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  gtk_drop_target_set_preload (self->drop_target, TRUE);
  g_signal_connect_swapped (self->drop_target, "accept", G_CALLBACK (drop_accept_cb), self);
  g_signal_connect_swapped (self->drop_target, "enter", G_CALLBACK (drop_motion_cb), self);
  g_signal_connect_swapped (self->drop_target, "motion", G_CALLBACK (drop_motion_cb), self);
  g_signal_connect_swapped (self->drop_target, "leave", G_CALLBACK (drop_leave_cb), self);
  g_signal_connect_swapped (self->drop_target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drop_target));
}
