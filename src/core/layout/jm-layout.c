/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-layout.c: stages, lanes, cells, cards, curves and connectors as rectangles and points;
 * hit-testing. See jm-layout.h for the geometry. This file: rects, the structure (cells and
 * their cards), the full pass and the object. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "jm-layout-private.h"

G_DEFINE_FINAL_TYPE (JmLayout, jm_layout, G_TYPE_OBJECT)

/* Rects and Bézier points */

gboolean
jm_rect_is_empty (const JmRect *rect)
{
  return rect->width <= 0 || rect->height <= 0;
}

gboolean
jm_rect_contains (const JmRect *rect,
                  double        x,
                  double        y)
{
  return x >= rect->x && y >= rect->y &&
         x < rect->x + rect->width && y < rect->y + rect->height;
}

gboolean
jm_rect_intersects (const JmRect *a,
                    const JmRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

void
jm_rect_union (const JmRect *a,
               const JmRect *b,
               JmRect       *out)
{
  double x0, y0, x1, y1;

  if (jm_rect_is_empty (a))
    {
      *out = *b;
      return;
    }
  if (jm_rect_is_empty (b))
    {
      *out = *a;
      return;
    }

  x0 = MIN (a->x, b->x);
  y0 = MIN (a->y, b->y);
  x1 = MAX (a->x + a->width, b->x + b->width);
  y1 = MAX (a->y + a->height, b->y + b->height);
  out->x = x0;
  out->y = y0;
  out->width = x1 - x0;
  out->height = y1 - y0;
}

JmPoint
jm_bezier_point (const JmPoint *p0,
                 const JmPoint *c1,
                 const JmPoint *c2,
                 const JmPoint *p3,
                 double         t)
{
  double u = 1 - t;
  double a = u * u * u;
  double b = 3 * u * u * t;
  double c = 3 * u * t * t;
  double d = t * t * t;
  JmPoint p = {
    a * p0->x + b * c1->x + c * c2->x + d * p3->x,
    a * p0->y + b * c1->y + c * c2->y + d * p3->y,
  };

  return p;
}

void
jm_layout_add_damage (JmLayout     *self,
                      const JmRect *rect)
{
  self->changed = TRUE;
  if (rect != NULL)
    jm_rect_union (&self->damage, rect, &self->damage);
}

void
jm_layout_damage_all (JmLayout *self)
{
  JmRect all = { 0, 0, 0, 0 };

  jm_layout_get_size (self, &all.width, &all.height);
  jm_layout_add_damage (self, &all);
}

/* Structure */

static void
card_entry_free (gpointer data)
{
  CardEntry *entry = data;

  g_object_unref (entry->card);
  g_free (entry);
}


static void
clear_structure (JmLayout *self)
{
  guint n_cells = self->n_stages * self->n_lanes;

  for (guint i = 0; self->cells != NULL && i < n_cells; i++)
    g_clear_pointer (&self->cells[i], g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_free);
  g_clear_pointer (&self->cell_dirty, g_free);
  g_hash_table_remove_all (self->cards);
  g_hash_table_remove_all (self->stage_index);
  g_hash_table_remove_all (self->lane_index);
  g_ptr_array_set_size (self->stages, 0);
  g_ptr_array_set_size (self->lanes, 0);
  g_ptr_array_set_size (self->curves, 0);
  g_clear_pointer (&self->lane_kinds, g_free);
  g_clear_pointer (&self->lane_visible, g_free);
  g_clear_pointer (&self->row_y, g_free);
  g_clear_pointer (&self->row_h, g_free);
  g_clear_pointer (&self->row_max, g_free);
  g_array_set_size (self->dirty_cells, 0);
  self->n_stages = 0;
  self->n_lanes = 0;
}


/* Re-reads one cell from the document: its cards, in order. */
void
jm_layout_rebuild_cell (JmLayout *self,
                        guint     stage,
                        guint     lane)
{
  guint c = jm_layout_cell_index (self, stage, lane);
  const char *stage_id = jm_element_get_id (g_ptr_array_index (self->stages, stage));
  const char *lane_id = jm_element_get_id (g_ptr_array_index (self->lanes, lane));
  GPtrArray *cell = jm_document_get_cell (self->document, stage_id, lane_id);
  GPtrArray *entries = NULL;

  if (cell != NULL && cell->len > 0)
    {
      entries = g_ptr_array_sized_new (cell->len);

      for (guint i = 0; i < cell->len; i++)
        {
          JmCard *card = g_ptr_array_index (cell, i);
          const char *id = jm_element_get_id (JM_ELEMENT (card));
          CardEntry *entry = g_hash_table_lookup (self->cards, id);

          if (entry == NULL)
            {
              entry = g_new (CardEntry, 1);
              entry->card = g_object_ref (card);
              g_hash_table_insert (self->cards, (gpointer) id, entry);
            }
          entry->stage = stage;
          entry->lane = lane;
          entry->index = i;
          g_ptr_array_add (entries, entry);
        }
    }

  g_clear_pointer (&self->cells[c], g_ptr_array_unref);
  self->cells[c] = entries;
}

void
jm_layout_update_row_max (JmLayout *self,
                          guint     lane)
{
  guint max = 0;

  for (guint s = 0; s < self->n_stages; s++)
    {
      GPtrArray *cell = self->cells[jm_layout_cell_index (self, s, lane)];

      if (cell != NULL && cell->len > max)
        max = cell->len;
    }

  self->row_max[lane] = max;
}

/* The full pass (the incremental one is in jm-layout-incremental.c) */

void
jm_layout_full_layout (JmLayout *self)
{
  GListModel *stages = jm_document_get_stages (self->document);
  GListModel *lanes = jm_document_get_lanes (self->document);
  guint n_cells;

  jm_layout_damage_all (self);
  clear_structure (self);

  self->sizes = *jm_theme_get_sizes (self->theme);
  self->n_stages = g_list_model_get_n_items (stages);
  self->n_lanes = g_list_model_get_n_items (lanes);

  for (guint i = 0; i < self->n_stages; i++)
    {
      JmStage *stage = g_list_model_get_item (stages, i);

      g_ptr_array_add (self->stages, stage);
      g_hash_table_insert (self->stage_index, (gpointer) jm_element_get_id (JM_ELEMENT (stage)),
                           GUINT_TO_POINTER (i + 1));
    }

  self->lane_kinds = g_new (JmLaneKind, MAX (self->n_lanes, 1));
  self->lane_visible = g_new (gboolean, MAX (self->n_lanes, 1));
  for (guint i = 0; i < self->n_lanes; i++)
    {
      JmLane *lane = g_list_model_get_item (lanes, i);

      g_ptr_array_add (self->lanes, lane);
      g_hash_table_insert (self->lane_index, (gpointer) jm_element_get_id (JM_ELEMENT (lane)),
                           GUINT_TO_POINTER (i + 1));
      self->lane_kinds[i] = jm_lane_get_kind (lane);
      self->lane_visible[i] = jm_lane_get_visible (lane);
    }

  n_cells = self->n_stages * self->n_lanes;
  self->cells = g_new0 (GPtrArray *, MAX (n_cells, 1));
  self->cell_dirty = g_new0 (guint8, MAX (n_cells, 1));
  self->row_y = g_new0 (double, self->n_lanes + 1);
  self->row_h = g_new0 (double, MAX (self->n_lanes, 1));
  self->row_max = g_new0 (guint, MAX (self->n_lanes, 1));

  if (jm_document_get_n_cards (self->document) > 0)
    for (guint s = 0; s < self->n_stages; s++)
      for (guint l = 0; l < self->n_lanes; l++)
        jm_layout_rebuild_cell (self, s, l);

  for (guint l = 0; l < self->n_lanes; l++)
    jm_layout_update_row_max (self, l);

  jm_layout_compute_offsets (self);
  jm_layout_compute_curves (self, FALSE);
  jm_layout_compute_connectors (self, FALSE);

  self->dirty_structure = FALSE;
  self->dirty_offsets = FALSE;
  self->dirty_curves = FALSE;
  self->dirty_connectors = FALSE;
  self->dirty_connector_routes = FALSE;
  jm_layout_damage_all (self);
}

/* GObject */

static void
jm_layout_dispose (GObject *object)
{
  JmLayout *self = JM_LAYOUT (object);

  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_handler, self->document);
  if (self->theme != NULL)
    g_clear_signal_handler (&self->theme_handler, self->theme);

  if (self->cards != NULL)
    clear_structure (self);

  g_clear_object (&self->document);
  g_clear_object (&self->theme);

  G_OBJECT_CLASS (jm_layout_parent_class)->dispose (object);
}

static void
jm_layout_finalize (GObject *object)
{
  JmLayout *self = JM_LAYOUT (object);

  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->stage_index, g_hash_table_unref);
  g_clear_pointer (&self->lane_index, g_hash_table_unref);
  g_clear_pointer (&self->stages, g_ptr_array_unref);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->curves, g_ptr_array_unref);
  g_clear_pointer (&self->connectors, g_array_unref);
  g_clear_pointer (&self->connector_index, g_hash_table_unref);
  g_clear_pointer (&self->connector_ends, g_ptr_array_unref);
  g_clear_pointer (&self->dirty_cells, g_array_unref);

  G_OBJECT_CLASS (jm_layout_parent_class)->finalize (object);
}

static void
jm_layout_class_init (JmLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jm_layout_dispose;
  object_class->finalize = jm_layout_finalize;
}

static void
jm_layout_init (JmLayout *self)
{
  self->cards = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, card_entry_free);
  self->stage_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->lane_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->stages = g_ptr_array_new_with_free_func (g_object_unref);
  self->lanes = g_ptr_array_new_with_free_func (g_object_unref);
  self->curves = g_ptr_array_new_with_free_func (jm_layout_curve_data_free);
  self->connectors = g_array_new (FALSE, FALSE, sizeof (JmConnector));
  self->connector_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->connector_ends = g_ptr_array_new ();
  self->dirty_cells = g_array_new (FALSE, FALSE, sizeof (guint));
  self->dirty_structure = TRUE;
}

/* Public API */

JmLayout *
jm_layout_new (JmDocument *document,
               JmTheme    *theme)
{
  JmLayout *self;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (JM_IS_THEME (theme), NULL);

  self = g_object_new (JM_TYPE_LAYOUT, NULL);
  self->document = g_object_ref (document);
  self->theme = g_object_ref (theme);
  self->changed_handler =
    g_signal_connect_swapped (document, "changed",
                              G_CALLBACK (jm_layout_document_changed_cb), self);
  self->theme_handler =
    g_signal_connect_swapped (theme, "notify::scale-text",
                              G_CALLBACK (jm_layout_theme_changed_cb), self);
  jm_layout_full_layout (self);
  self->changed = FALSE;
  self->damage = (JmRect) { 0, 0, 0, 0 };

  return self;
}

JmDocument *
jm_layout_get_document (JmLayout *self)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), NULL);

  return self->document;
}

JmTheme *
jm_layout_get_theme (JmLayout *self)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), NULL);

  return self->theme;
}

gboolean
jm_layout_update (JmLayout *self,
                  JmRect   *damage)
{
  gboolean changed;

  g_return_val_if_fail (JM_IS_LAYOUT (self), FALSE);

  jm_layout_ensure_updated (self);

  changed = self->changed;
  if (damage != NULL)
    *damage = self->damage;

  self->changed = FALSE;
  self->damage = (JmRect) { 0, 0, 0, 0 };

  return changed;
}

void
jm_layout_invalidate (JmLayout *self)
{
  g_return_if_fail (JM_IS_LAYOUT (self));

  self->dirty_structure = TRUE;
  self->changed = TRUE;
}
