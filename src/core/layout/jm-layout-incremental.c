/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-layout-incremental.c: change tracking and the incremental pass that lays out only what
 * changed. */
#include "config.h"

#include "jm-layout-private.h"

/* Lays out again the cells marked dirty, then what moved because of them: rows below,
 * curves, connector routes. */
static void
incremental_layout (JmLayout *self)
{
  g_autofree double *old_y = NULL;
  g_autofree double *old_h = NULL;
  double old_header = self->header_height;
  double old_grid_width = self->grid_width;
  double old_grid_height = self->grid_height;

  if (self->dirty_cells->len > 0)
    {
      g_autofree guint8 *lanes_touched = g_new0 (guint8, MAX (self->n_lanes, 1));

      for (guint i = 0; i < self->dirty_cells->len; i++)
        {
          guint c = g_array_index (self->dirty_cells, guint, i);
          guint stage = c / self->n_lanes;
          guint lane = c % self->n_lanes;
          JmRect rect;

          /* The cell's old extent (the lane row may shrink below). */
          if (jm_layout_get_cell_rect (self, stage, lane, &rect))
            jm_layout_add_damage (self, &rect);

          jm_layout_rebuild_cell (self, stage, lane);
          self->cell_dirty[c] = FALSE;
          lanes_touched[lane] = TRUE;
          if (self->lane_kinds[lane] == JM_LANE_KIND_EMOTIONS)
            self->dirty_curves = TRUE;

          if (jm_layout_get_cell_rect (self, stage, lane, &rect))
            jm_layout_add_damage (self, &rect);
        }
      g_array_set_size (self->dirty_cells, 0);

      for (guint l = 0; l < self->n_lanes; l++)
        if (lanes_touched[l])
          jm_layout_update_row_max (self, l);

      self->dirty_offsets = TRUE;
      self->dirty_connector_routes = TRUE;
    }

  if (self->dirty_offsets)
    {
      old_y = g_memdup2 (self->row_y, sizeof (double) * (self->n_lanes + 1));
      old_h = g_memdup2 (self->row_h, sizeof (double) * MAX (self->n_lanes, 1));

      jm_layout_compute_offsets (self);

      if (old_header != self->header_height)
        {
          jm_layout_damage_all (self);
          self->dirty_curves = TRUE;
          self->dirty_connector_routes = TRUE;
        }
      else
        for (guint l = 0; l < self->n_lanes; l++)
          if (old_y[l] != self->row_y[l] || old_h[l] != self->row_h[l])
            {
              /* Everything from this row down moved or changed size. */
              JmRect band;

              band.x = 0;
              band.y = MIN (old_y[l], self->row_y[l]);
              band.width = MAX (old_grid_width, self->grid_width) +
                           2 * self->sizes.add_gap + self->sizes.add_size;
              band.height = MAX (old_grid_height, self->grid_height) +
                            2 * self->sizes.add_gap + self->sizes.add_size - band.y;
              jm_layout_add_damage (self, &band);
              self->dirty_curves = TRUE;
              self->dirty_connector_routes = TRUE;
              break;
            }

      self->dirty_offsets = FALSE;
    }

  if (self->dirty_curves)
    {
      jm_layout_compute_curves (self, TRUE);
      self->dirty_curves = FALSE;
    }

  /* Routing again is enough when only cards moved; a changed set of connections (or a card
   * that disappeared in a hidden lane) rebuilds the list. */
  if (self->dirty_connector_routes && !self->dirty_connectors &&
      !jm_layout_reroute_connectors (self))
    self->dirty_connectors = TRUE;
  self->dirty_connector_routes = FALSE;

  if (self->dirty_connectors)
    {
      jm_layout_compute_connectors (self, TRUE);
      self->dirty_connectors = FALSE;
    }
}

static gboolean
needs_work (JmLayout *self)
{
  return self->dirty_structure || self->dirty_offsets || self->dirty_curves ||
         self->dirty_connectors || self->dirty_connector_routes || self->dirty_cells->len > 0;
}

void
jm_layout_ensure_updated (JmLayout *self)
{
  if (self->busy)
    return;

  self->busy = TRUE;
  if (self->dirty_structure)
    jm_layout_full_layout (self);
  else if (needs_work (self))
    incremental_layout (self);
  self->busy = FALSE;
}

/* Change tracking */

static void
mark_cell (JmLayout *self,
           guint     stage,
           guint     lane)
{
  guint c;

  if (stage >= self->n_stages || lane >= self->n_lanes)
    return;

  c = jm_layout_cell_index (self, stage, lane);
  if (!self->cell_dirty[c])
    {
      self->cell_dirty[c] = TRUE;
      g_array_append_val (self->dirty_cells, c);
    }
}

static gboolean
lookup_cell_of_card (JmLayout *self,
                     JmCard   *card,
                     guint    *stage,
                     guint    *lane)
{
  guint s = GPOINTER_TO_UINT (g_hash_table_lookup (self->stage_index, jm_card_get_stage (card)));
  guint l = GPOINTER_TO_UINT (g_hash_table_lookup (self->lane_index, jm_card_get_lane (card)));

  if (s == 0 || l == 0)
    return FALSE;

  *stage = s - 1;
  *lane = l - 1;
  return TRUE;
}

static void
card_changed (JmLayout     *self,
              JmChangeType  type,
              JmCard       *card,
              const char   *property)
{
  const char *id = jm_element_get_id (JM_ELEMENT (card));
  CardEntry *entry = g_hash_table_lookup (self->cards, id);
  guint stage, lane;
  JmRect rect;

  switch (type)
    {
    case JM_CHANGE_INSERTED:
      if (lookup_cell_of_card (self, card, &stage, &lane))
        mark_cell (self, stage, lane);
      break;

    case JM_CHANGE_REMOVED:
      if (entry != NULL)
        {
          GPtrArray *cell = self->cells[jm_layout_cell_index (self, entry->stage, entry->lane)];

          mark_cell (self, entry->stage, entry->lane);
          if (cell != NULL)
            g_ptr_array_remove (cell, entry);
          g_hash_table_remove (self->cards, id);
        }
      break;

    case JM_CHANGE_MOVED:
      if (entry != NULL)
        mark_cell (self, entry->stage, entry->lane);
      if (lookup_cell_of_card (self, card, &stage, &lane))
        mark_cell (self, stage, lane);
      break;

    case JM_CHANGE_PROPERTY:
    default:
      if (entry == NULL)
        break;
      if (g_strcmp0 (property, "score") == 0 &&
          self->lane_kinds[entry->lane] == JM_LANE_KIND_EMOTIONS)
        {
          /* The point and its bubble move; so do the arrows that end there. */
          self->dirty_curves = TRUE;
          self->dirty_connector_routes = TRUE;
        }
      if (jm_layout_entry_rect (self, entry, &rect))
        {
          rect.x -= self->sizes.handle_radius + 2;
          rect.width += 2 * (self->sizes.handle_radius + 2);
          jm_layout_add_damage (self, &rect);
        }
      break;
    }
}

static void document_changed (JmLayout     *self,
                              JmChangeType  type,
                              JmElement    *element,
                              const char   *property);

void
jm_layout_document_changed_cb (JmLayout     *self,
                               JmChangeType  type,
                               JmElement    *element,
                               const char   *property,
                               JmDocument   *document)
{
  if (self->dirty_structure)
    return;

  /* Change handlers read the geometry as it was (the old places are damage) and never run
   * the pending work in the middle of a mutation. */
  self->busy = TRUE;
  document_changed (self, type, element, property);
  self->busy = FALSE;
}

static void
document_changed (JmLayout     *self,
                  JmChangeType  type,
                  JmElement    *element,
                  const char   *property)
{
  JmRect rect;

  if (element == NULL)
    {
      /* The map's own metadata: the title in the corner. */
      jm_layout_get_corner_rect (self, &rect);
      jm_layout_add_damage (self, &rect);
      return;
    }

  if (JM_IS_CARD (element))
    {
      card_changed (self, type, JM_CARD (element), property);
      return;
    }

  if (JM_IS_CONNECTION (element))
    {
      self->dirty_connectors = TRUE;
      self->changed = TRUE;
      if (type == JM_CHANGE_PROPERTY)
        {
          const JmConnector *c = jm_layout_lookup_connector (self, jm_element_get_id (element));

          if (c != NULL)
            jm_layout_add_damage (self, &c->bounds);
        }
      return;
    }

  if (JM_IS_STAGE (element) || JM_IS_LANE (element))
    {
      guint index;

      if (type != JM_CHANGE_PROPERTY)
        {
          self->dirty_structure = TRUE;
          self->changed = TRUE;
          return;
        }

      if (JM_IS_STAGE (element))
        {
          index = GPOINTER_TO_UINT (g_hash_table_lookup (self->stage_index,
                                                         jm_element_get_id (element)));
          if (index == 0)
            return;
          if (g_strcmp0 (property, "customer-goal") == 0 ||
              g_strcmp0 (property, "business-goal") == 0 ||
              g_strcmp0 (property, "metrics") == 0)
            self->dirty_offsets = TRUE;
          if (jm_layout_get_stage_header_rect (self, index - 1, &rect))
            jm_layout_add_damage (self, &rect);
        }
      else
        {
          index = GPOINTER_TO_UINT (g_hash_table_lookup (self->lane_index,
                                                         jm_element_get_id (element)));
          if (index == 0)
            return;
          if (g_strcmp0 (property, "kind") == 0)
            {
              self->dirty_structure = TRUE;
              self->changed = TRUE;
              return;
            }
          if (g_strcmp0 (property, "visible") == 0)
            {
              self->lane_visible[index - 1] = jm_lane_get_visible (JM_LANE (element));
              self->dirty_offsets = TRUE;
              self->dirty_curves = TRUE;
              self->dirty_connectors = TRUE;
            }
          if (jm_layout_get_lane_header_rect (self, index - 1, &rect))
            jm_layout_add_damage (self, &rect);
        }
      return;
    }

  /* Roles and departments: their colours and names are drawn on cards anywhere. */
  jm_layout_damage_all (self);
}

void
jm_layout_theme_changed_cb (JmLayout   *self,
                            GParamSpec *pspec,
                            JmTheme    *theme)
{
  self->dirty_structure = TRUE;
  self->changed = TRUE;
}
