/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmCanvas keyboard: arrows and Tab walk the cards and cells, Alt+arrows move the selected
 * cards, Space pans, Enter edits, Menu opens the context menu. */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-canvas-private.h"

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
            jm_canvas_set_cursor (self, "grab");
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
        jm_canvas_set_cursor (self, NULL);
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
jm_canvas_keys_init (JmCanvas *self)
{
  GtkEventController *controller;

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect_swapped (controller, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
