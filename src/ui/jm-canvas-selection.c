/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmCanvas selection: selected ids, hover, the focused cell, drop feedback, and the cell
 * that new cards and pastes go to. */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include "jm-canvas-private.h"

/* Selection */

void
jm_canvas_update_actions (JmCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_doc = self->document != NULL;
  gboolean any = g_hash_table_size (self->selection) > 0;
  gboolean cards = FALSE;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->selection);
  while (!cards && has_doc && g_hash_table_iter_next (&iter, &key, NULL))
    cards = JM_IS_CARD (jm_document_lookup (self->document, key));

  gtk_widget_action_set_enabled (widget, "canvas.delete", any);
  gtk_widget_action_set_enabled (widget, "canvas.copy", cards);
  gtk_widget_action_set_enabled (widget, "canvas.cut", cards);
  gtk_widget_action_set_enabled (widget, "canvas.duplicate", cards);
  gtk_widget_action_set_enabled (widget, "canvas.paste", has_doc);
  gtk_widget_action_set_enabled (widget, "canvas.select-all", has_doc);
  gtk_widget_action_set_enabled (widget, "canvas.add-card", has_doc);
  gtk_widget_action_set_enabled (widget, "canvas.rename", has_doc);
  gtk_widget_action_set_enabled (widget, "canvas.edit", has_doc);
}

void
jm_canvas_select_only (JmCanvas   *self,
                       const char *id)
{
  if (id != NULL && g_hash_table_size (self->selection) == 1 &&
      g_hash_table_contains (self->selection, id))
    return;
  if (id == NULL && g_hash_table_size (self->selection) == 0)
    return;

  g_hash_table_remove_all (self->selection);
  if (id != NULL)
    {
      g_hash_table_add (self->selection, g_strdup (id));
      if (self->document != NULL && JM_IS_CARD (jm_document_lookup (self->document, id)))
        {
          g_free (self->anchor_id);
          self->anchor_id = g_strdup (id);
        }
    }
  jm_canvas_selection_changed (self);
}

void
jm_canvas_toggle_selected (JmCanvas   *self,
                           const char *id)
{
  if (!g_hash_table_remove (self->selection, id))
    {
      g_hash_table_add (self->selection, g_strdup (id));
      if (self->document != NULL && JM_IS_CARD (jm_document_lookup (self->document, id)))
        {
          g_free (self->anchor_id);
          self->anchor_id = g_strdup (id);
        }
    }
  jm_canvas_selection_changed (self);
}

char **
jm_canvas_get_selection (JmCanvas *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (JM_IS_CANVAS (self), NULL);

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_strv_builder_add (builder, key);

  return g_strv_builder_end (builder);
}

gboolean
jm_canvas_is_selected (JmCanvas   *self,
                       const char *id)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), FALSE);
  return id != NULL && g_hash_table_contains (self->selection, id);
}

void
jm_canvas_select_ids (JmCanvas           *self,
                      const char * const *ids)
{
  g_autoptr(GHashTable) selection = NULL;
  GHashTableIter iter;
  gpointer key;
  gboolean same;

  g_return_if_fail (JM_IS_CANVAS (self));

  selection = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      JmElement *element = NULL;

      if (self->document != NULL)
        element = jm_document_lookup (self->document, ids[i]);

      if (element == NULL)
        continue;
      g_hash_table_add (selection, g_strdup (ids[i]));
      if (JM_IS_CARD (element))
        {
          g_free (self->anchor_id);
          self->anchor_id = g_strdup (ids[i]);
        }
    }

  /* A rubber band sets the same selection on every motion: only changes are news. */
  same = g_hash_table_size (selection) == g_hash_table_size (self->selection);
  g_hash_table_iter_init (&iter, selection);
  while (same && g_hash_table_iter_next (&iter, &key, NULL))
    same = g_hash_table_contains (self->selection, key);
  if (same)
    return;

  g_hash_table_unref (self->selection);
  self->selection = g_steal_pointer (&selection);
  jm_canvas_selection_changed (self);
}

void
jm_canvas_clear_selection (JmCanvas *self)
{
  g_return_if_fail (JM_IS_CANVAS (self));

  if (g_hash_table_size (self->selection) == 0)
    return;
  g_hash_table_remove_all (self->selection);
  jm_canvas_selection_changed (self);
}

GPtrArray *
jm_canvas_dup_selected_cards (JmCanvas *self)
{
  GPtrArray *cards = g_ptr_array_new ();
  g_autoptr(GPtrArray) all = NULL;

  if (self->document == NULL || g_hash_table_size (self->selection) == 0)
    return cards;

  /* Few selected: sort them by canonical position; many: walk the document once. */
  all = jm_document_dup_cards (self->document);
  for (guint i = 0; i < all->len; i++)
    {
      JmCard *card = g_ptr_array_index (all, i);

      if (g_hash_table_contains (self->selection, jm_element_get_id (JM_ELEMENT (card))))
        g_ptr_array_add (cards, card);
    }

  return cards;
}

void
jm_canvas_set_hover (JmCanvas   *self,
                     const char *id)
{
  if (g_strcmp0 (self->hover_id, id) == 0)
    return;

  g_free (self->hover_id);
  self->hover_id = g_strdup (id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
jm_canvas_set_focus_cell (JmCanvas *self,
                          int       stage,
                          int       lane,
                          gboolean  visible)
{
  if (self->focus_stage == stage && self->focus_lane == lane &&
      self->focus_visible_cell == !!visible)
    return;

  self->focus_stage = stage;
  self->focus_lane = lane;
  self->focus_visible_cell = !!visible;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
jm_canvas_set_drop_feedback (JmCanvas *self,
                             int       stage,
                             int       lane,
                             int       index)
{
  if (self->drop_stage == stage && self->drop_lane == lane && self->drop_index == index)
    return;

  self->drop_stage = stage;
  self->drop_lane = lane;
  self->drop_index = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GPtrArray *
jm_canvas_get_cell (JmCanvas *self,
                    int       stage,
                    int       lane)
{
  JmStage *st = stage >= 0 ? jm_layout_get_stage (self->layout, stage) : NULL;
  JmLane *ln = lane >= 0 ? jm_layout_get_lane (self->layout, lane) : NULL;

  if (st == NULL || ln == NULL)
    return NULL;

  return jm_document_get_cell (self->document, jm_element_get_id (JM_ELEMENT (st)),
                               jm_element_get_id (JM_ELEMENT (ln)));
}

gboolean
jm_canvas_get_current_cell (JmCanvas *self,
                            int      *stage,
                            int      *lane,
                            int      *index)
{
  guint s, l, i;

  *stage = *lane = *index = -1;

  if (self->layout == NULL)
    return FALSE;

  if (self->anchor_id != NULL && g_hash_table_contains (self->selection, self->anchor_id) &&
      jm_layout_get_card_position (self->layout, self->anchor_id, &s, &l, &i))
    {
      *stage = s;
      *lane = l;
      *index = i + 1;
      return TRUE;
    }

  if (self->focus_stage >= 0 && self->focus_lane >= 0 &&
      (guint) self->focus_stage < jm_layout_get_n_stages (self->layout) &&
      (guint) self->focus_lane < jm_layout_get_n_lanes (self->layout))
    {
      GPtrArray *cell = jm_canvas_get_cell (self, self->focus_stage, self->focus_lane);

      *stage = self->focus_stage;
      *lane = self->focus_lane;
      *index = cell != NULL ? (int) cell->len : 0;
      return TRUE;
    }

  /* A selected stage or lane gives half a cell. */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->selection);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        JmElement *element = jm_document_lookup (self->document, key);

        if (JM_IS_STAGE (element))
          *stage = jm_document_index_of (self->document, element);
        else if (JM_IS_LANE (element))
          *lane = jm_document_index_of (self->document, element);
        else if (JM_IS_CARD (element) &&
                 jm_layout_get_card_position (self->layout, key, &s, &l, &i))
          {
            *stage = s;
            *lane = l;
            *index = i + 1;
            return TRUE;
          }
      }
  }

  return *stage >= 0 || *lane >= 0;
}
