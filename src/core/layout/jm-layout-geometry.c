/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-layout-geometry.c: row offsets, score ↔ y, and the rectangles of stages, lanes, cells,
 * cards and insertion marks. */
#include "config.h"

#include <math.h>

#include "jm-layout-private.h"

static double
row_height (JmLayout *self,
            guint     lane)
{
  const JmThemeSizes *s = &self->sizes;
  guint n;

  if (!self->lane_visible[lane])
    return 0;

  if (self->lane_kinds[lane] == JM_LANE_KIND_EMOTIONS)
    return s->emotion_lane_height;

  n = MAX (self->row_max[lane], 1);
  return 2 * s->cell_padding + n * s->card_height + (n - 1) * s->card_gap;
}

/* Header height and row offsets from the row maxima. */
void
jm_layout_compute_offsets (JmLayout *self)
{
  const JmThemeSizes *s = &self->sizes;
  double y;

  self->has_goals = FALSE;
  self->has_metrics = FALSE;
  for (guint i = 0; i < self->n_stages; i++)
    {
      JmStage *stage = g_ptr_array_index (self->stages, i);

      if (jm_stage_get_customer_goal (stage)[0] != '\0' ||
          jm_stage_get_business_goal (stage)[0] != '\0')
        self->has_goals = TRUE;
      if (jm_metrics_get_n (jm_stage_get_metrics (stage)) > 0)
        self->has_metrics = TRUE;
    }

  self->header_height = s->stage_header_min;
  if (self->has_goals)
    self->header_height += s->stage_goals_height;
  if (self->has_metrics)
    self->header_height += s->stage_metrics_height;

  y = self->header_height;
  for (guint l = 0; l < self->n_lanes; l++)
    {
      self->row_y[l] = y;
      self->row_h[l] = row_height (self, l);
      y += self->row_h[l];
    }
  self->row_y[self->n_lanes] = y;

  self->grid_width = s->lane_header_width + self->n_stages * s->stage_width;
  self->grid_height = y;
}

/* Card geometry, derived on demand from the offsets. */

double
jm_layout_score_to_y (JmLayout *self,
                      guint     lane,
                      double    score)
{
  double margin, top, bottom;

  g_return_val_if_fail (JM_IS_LAYOUT (self), 0);
  jm_layout_ensure_updated (self);
  g_return_val_if_fail (lane < self->n_lanes, 0);

  margin = self->sizes.emotion_radius + 6;
  top = self->row_y[lane] + margin;
  bottom = self->row_y[lane] + self->row_h[lane] - margin;
  score = CLAMP (score, JM_SCORE_MIN, JM_SCORE_MAX);

  return top + (JM_SCORE_MAX - score) / (double) (JM_SCORE_MAX - JM_SCORE_MIN) * (bottom - top);
}

double
jm_layout_y_to_score (JmLayout *self,
                      guint     lane,
                      double    y)
{
  double margin, top, bottom, score;

  g_return_val_if_fail (JM_IS_LAYOUT (self), 0);
  jm_layout_ensure_updated (self);
  g_return_val_if_fail (lane < self->n_lanes, 0);

  margin = self->sizes.emotion_radius + 6;
  top = self->row_y[lane] + margin;
  bottom = self->row_y[lane] + self->row_h[lane] - margin;
  if (bottom <= top)
    return 0;

  score = JM_SCORE_MAX - (y - top) / (bottom - top) * (JM_SCORE_MAX - JM_SCORE_MIN);
  return CLAMP (score, JM_SCORE_MIN, JM_SCORE_MAX);
}



void
jm_layout_emotion_point (JmLayout  *self,
                         CardEntry *entry,
                         JmPoint   *point)
{
  guint k = MAX (jm_layout_cell_len (self, entry->stage, entry->lane), 1);
  double slot = self->sizes.stage_width / k;

  point->x = jm_layout_stage_x (self, entry->stage) + (entry->index + 0.5) * slot;
  point->y = jm_layout_score_to_y (self, entry->lane, jm_card_get_score (entry->card));
}

gboolean
jm_layout_entry_rect (JmLayout  *self,
                      CardEntry *entry,
                      JmRect    *rect)
{
  const JmThemeSizes *s = &self->sizes;

  if (!self->lane_visible[entry->lane])
    return FALSE;

  if (self->lane_kinds[entry->lane] == JM_LANE_KIND_EMOTIONS)
    {
      guint k = MAX (jm_layout_cell_len (self, entry->stage, entry->lane), 1);
      double slot = s->stage_width / k;
      JmPoint p;
      double w;

      jm_layout_emotion_point (self, entry, &p);
      w = MIN (slot - 8, s->stage_width - 2 * s->cell_padding);
      w = MAX (w, 2);
      rect->width = w;
      rect->height = s->bubble_height;
      rect->x = p.x - w / 2;
      if (jm_card_get_score (entry->card) >= 0)
        rect->y = p.y + s->emotion_radius + 4;
      else
        rect->y = p.y - s->emotion_radius - 4 - s->bubble_height;
      return TRUE;
    }

  rect->x = jm_layout_stage_x (self, entry->stage) + s->cell_padding;
  rect->width = s->stage_width - 2 * s->cell_padding;
  rect->y = self->row_y[entry->lane] + s->cell_padding +
            entry->index * (s->card_height + s->card_gap);
  rect->height = s->card_height;
  return TRUE;
}


void
jm_layout_get_size (JmLayout *self,
                    double   *width,
                    double   *height)
{
  double w, h;

  g_return_if_fail (JM_IS_LAYOUT (self));

  /* The grid and, right and below it, the "+" controls. */
  jm_layout_get_grid_size (self, &w, &h);
  if (width != NULL)
    *width = w + 2 * self->sizes.add_gap + self->sizes.add_size;
  if (height != NULL)
    *height = h + 2 * self->sizes.add_gap + self->sizes.add_size;
}

void
jm_layout_get_grid_size (JmLayout *self,
                         double   *width,
                         double   *height)
{
  g_return_if_fail (JM_IS_LAYOUT (self));

  jm_layout_ensure_updated (self);

  if (width != NULL)
    *width = self->grid_width;
  if (height != NULL)
    *height = self->grid_height;
}

double
jm_layout_get_stage_header_height (JmLayout *self)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), 0);

  jm_layout_ensure_updated (self);
  return self->header_height;
}

double
jm_layout_get_lane_header_width (JmLayout *self)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), 0);

  jm_layout_ensure_updated (self);
  return self->sizes.lane_header_width;
}

gboolean
jm_layout_stage_has_goals (JmLayout *self)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), FALSE);

  jm_layout_ensure_updated (self);
  return self->has_goals;
}

gboolean
jm_layout_stage_has_metrics (JmLayout *self)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), FALSE);

  jm_layout_ensure_updated (self);
  return self->has_metrics;
}

guint
jm_layout_get_n_stages (JmLayout *self)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), 0);

  jm_layout_ensure_updated (self);
  return self->n_stages;
}

guint
jm_layout_get_n_lanes (JmLayout *self)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), 0);

  jm_layout_ensure_updated (self);
  return self->n_lanes;
}

JmStage *
jm_layout_get_stage (JmLayout *self,
                     guint     stage)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), NULL);

  jm_layout_ensure_updated (self);
  return stage < self->n_stages ? g_ptr_array_index (self->stages, stage) : NULL;
}

JmLane *
jm_layout_get_lane (JmLayout *self,
                    guint     lane)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), NULL);

  jm_layout_ensure_updated (self);
  return lane < self->n_lanes ? g_ptr_array_index (self->lanes, lane) : NULL;
}

gboolean
jm_layout_get_stage_rect (JmLayout *self,
                          guint     stage,
                          JmRect   *rect)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), FALSE);

  jm_layout_ensure_updated (self);
  if (stage >= self->n_stages)
    return FALSE;

  rect->x = jm_layout_stage_x (self, stage);
  rect->y = 0;
  rect->width = self->sizes.stage_width;
  rect->height = self->grid_height;
  return TRUE;
}

gboolean
jm_layout_get_stage_header_rect (JmLayout *self,
                                 guint     stage,
                                 JmRect   *rect)
{
  /* The top of the stage's column. */
  if (!jm_layout_get_stage_rect (self, stage, rect))
    return FALSE;

  rect->height = self->header_height;
  return TRUE;
}

gboolean
jm_layout_get_lane_rect (JmLayout *self,
                         guint     lane,
                         JmRect   *rect)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), FALSE);

  jm_layout_ensure_updated (self);
  if (lane >= self->n_lanes)
    return FALSE;

  rect->x = 0;
  rect->y = self->row_y[lane];
  rect->width = self->grid_width;
  rect->height = self->row_h[lane];
  return TRUE;
}

gboolean
jm_layout_get_lane_header_rect (JmLayout *self,
                                guint     lane,
                                JmRect   *rect)
{
  /* The start of the lane's row. */
  if (!jm_layout_get_lane_rect (self, lane, rect))
    return FALSE;

  rect->width = self->sizes.lane_header_width;
  return TRUE;
}

gboolean
jm_layout_get_cell_rect (JmLayout *self,
                         guint     stage,
                         guint     lane,
                         JmRect   *rect)
{
  JmRect column, row;

  /* Where the stage's column crosses the lane's row. */
  if (!jm_layout_get_stage_rect (self, stage, &column) ||
      !jm_layout_get_lane_rect (self, lane, &row))
    return FALSE;

  rect->x = column.x;
  rect->y = row.y;
  rect->width = column.width;
  rect->height = row.height;
  return TRUE;
}

void
jm_layout_get_corner_rect (JmLayout *self,
                           JmRect   *rect)
{
  g_return_if_fail (JM_IS_LAYOUT (self));

  jm_layout_ensure_updated (self);
  rect->x = 0;
  rect->y = 0;
  rect->width = self->sizes.lane_header_width;
  rect->height = self->header_height;
}

void
jm_layout_get_add_stage_rect (JmLayout *self,
                              JmRect   *rect)
{
  const JmThemeSizes *s;

  g_return_if_fail (JM_IS_LAYOUT (self));

  jm_layout_ensure_updated (self);
  s = &self->sizes;
  rect->x = self->grid_width + s->add_gap;
  rect->y = s->add_gap;
  rect->width = s->add_size;
  rect->height = MAX (self->header_height - 2 * s->add_gap, s->add_size);
}

void
jm_layout_get_add_lane_rect (JmLayout *self,
                             JmRect   *rect)
{
  const JmThemeSizes *s;

  g_return_if_fail (JM_IS_LAYOUT (self));

  jm_layout_ensure_updated (self);
  s = &self->sizes;
  rect->x = s->add_gap;
  rect->y = self->grid_height + s->add_gap;
  rect->width = MAX (s->lane_header_width - 2 * s->add_gap, s->add_size);
  rect->height = s->add_size;
}

/* The card's entry, laid out, or NULL. */
static CardEntry *
lookup_entry (JmLayout   *self,
              const char *card_id)
{
  jm_layout_ensure_updated (self);
  return card_id != NULL ? g_hash_table_lookup (self->cards, card_id) : NULL;
}

gboolean
jm_layout_get_card_rect (JmLayout   *self,
                         const char *card_id,
                         JmRect     *rect)
{
  CardEntry *entry;

  g_return_val_if_fail (JM_IS_LAYOUT (self), FALSE);

  entry = lookup_entry (self, card_id);
  return entry != NULL && jm_layout_entry_rect (self, entry, rect);
}

gboolean
jm_layout_get_card_position (JmLayout   *self,
                             const char *card_id,
                             guint      *stage,
                             guint      *lane,
                             guint      *index)
{
  CardEntry *entry;

  g_return_val_if_fail (JM_IS_LAYOUT (self), FALSE);

  entry = lookup_entry (self, card_id);
  if (entry == NULL)
    return FALSE;

  if (stage != NULL)
    *stage = entry->stage;
  if (lane != NULL)
    *lane = entry->lane;
  if (index != NULL)
    *index = entry->index;
  return TRUE;
}

gboolean
jm_layout_get_card_handle (JmLayout   *self,
                           const char *card_id,
                           JmPoint    *center)
{
  JmRect rect;

  if (!jm_layout_get_card_rect (self, card_id, &rect))
    return FALSE;

  center->x = rect.x + rect.width;
  center->y = rect.y + rect.height / 2;
  return TRUE;
}

gboolean
jm_layout_get_card_point (JmLayout   *self,
                          const char *card_id,
                          JmPoint    *point)
{
  CardEntry *entry;

  g_return_val_if_fail (JM_IS_LAYOUT (self), FALSE);

  entry = lookup_entry (self, card_id);
  if (entry == NULL || !self->lane_visible[entry->lane] ||
      self->lane_kinds[entry->lane] != JM_LANE_KIND_EMOTIONS ||
      jm_card_get_kind (entry->card) != JM_CARD_KIND_EMOTION)
    return FALSE;

  jm_layout_emotion_point (self, entry, point);
  return TRUE;
}

gboolean
jm_layout_get_stage_range (JmLayout *self,
                           double    x0,
                           double    x1,
                           guint    *first,
                           guint    *last)
{
  double left, w;
  double a, b;

  g_return_val_if_fail (JM_IS_LAYOUT (self), FALSE);

  jm_layout_ensure_updated (self);
  if (self->n_stages == 0)
    return FALSE;

  left = self->sizes.lane_header_width;
  w = self->sizes.stage_width;
  a = floor ((x0 - left) / w);
  b = floor ((x1 - left) / w);
  if (b < 0 || a >= self->n_stages || x1 < x0)
    return FALSE;

  *first = (guint) MAX (a, 0);
  *last = (guint) MIN (b, self->n_stages - 1);
  return TRUE;
}

/* The visible lane whose row holds y, or −1. */
int
jm_layout_lane_at (JmLayout *self,
                   double    y)
{
  guint lo = 0, hi = self->n_lanes;

  if (self->n_lanes == 0 || y < self->row_y[0] || y >= self->row_y[self->n_lanes])
    return -1;

  /* Last lane with row_y <= y, then skip hidden (zero-height) rows. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (self->row_y[mid] <= y)
        lo = mid;
      else
        hi = mid;
    }

  while (lo < self->n_lanes && self->row_h[lo] <= 0)
    lo++;
  while (lo > 0 && y < self->row_y[lo])
    lo--;

  if (lo >= self->n_lanes || self->row_h[lo] <= 0)
    return -1;

  return (int) lo;
}

gboolean
jm_layout_get_lane_range (JmLayout *self,
                          double    y0,
                          double    y1,
                          guint    *first,
                          guint    *last)
{
  int a, b;

  g_return_val_if_fail (JM_IS_LAYOUT (self), FALSE);

  jm_layout_ensure_updated (self);
  if (self->n_lanes == 0 || y1 < self->row_y[0] || y0 >= self->row_y[self->n_lanes] || y1 < y0)
    return FALSE;

  a = jm_layout_lane_at (self, MAX (y0, self->row_y[0]));
  b = jm_layout_lane_at (self, MIN (y1, self->row_y[self->n_lanes] - 0.001));
  if (a < 0)
    a = 0;
  if (b < 0)
    b = self->n_lanes - 1;

  *first = (guint) a;
  *last = (guint) b;
  return *first <= *last;
}

void
jm_layout_foreach_card_in_rect (JmLayout        *self,
                                const JmRect    *rect,
                                JmLayoutCardFunc func,
                                gpointer         user_data)
{
  const JmThemeSizes *s;
  guint s0, s1, l0, l1;

  g_return_if_fail (JM_IS_LAYOUT (self));
  g_return_if_fail (rect != NULL && func != NULL);

  jm_layout_ensure_updated (self);
  s = &self->sizes;

  if (!jm_layout_get_stage_range (self, rect->x, rect->x + rect->width, &s0, &s1) ||
      !jm_layout_get_lane_range (self, rect->y, rect->y + rect->height, &l0, &l1))
    return;

  for (guint st = s0; st <= s1; st++)
    for (guint l = l0; l <= l1; l++)
      {
        GPtrArray *cell = self->cells[jm_layout_cell_index (self, st, l)];
        guint i0 = 0, i1;

        if (cell == NULL || !self->lane_visible[l])
          continue;

        i1 = cell->len - 1;
        if (self->lane_kinds[l] != JM_LANE_KIND_EMOTIONS)
          {
            double step = s->card_height + s->card_gap;
            double top = self->row_y[l] + s->cell_padding;
            double a = floor ((rect->y - top) / step);
            double b = floor ((rect->y + rect->height - top) / step);

            if (b < 0 || a > i1)
              continue;
            i0 = (guint) MAX (a, 0);
            i1 = (guint) MIN (b, (double) i1);
          }

        for (guint i = i0; i <= i1; i++)
          {
            CardEntry *entry = g_ptr_array_index (cell, i);
            JmRect r;

            if (jm_layout_entry_rect (self, entry, &r) && jm_rect_intersects (&r, rect))
              func (entry->card, &r, st, l, i, user_data);
          }
      }
}

static void
collect_card_cb (JmCard       *card,
                 const JmRect *rect,
                 guint         stage,
                 guint         lane,
                 guint         index,
                 gpointer      user_data)
{
  g_ptr_array_add (user_data, g_object_ref (card));
}

GPtrArray *
jm_layout_dup_cards_in_rect (JmLayout     *self,
                             const JmRect *rect)
{
  GPtrArray *cards;

  g_return_val_if_fail (JM_IS_LAYOUT (self), NULL);

  cards = g_ptr_array_new_with_free_func (g_object_unref);
  jm_layout_foreach_card_in_rect (self, rect, collect_card_cb, cards);
  return cards;
}

gboolean
jm_layout_get_insertion_mark (JmLayout *self,
                              guint     stage,
                              guint     lane,
                              guint     index,
                              JmRect   *rect)
{
  const JmThemeSizes *s;
  guint n;

  g_return_val_if_fail (JM_IS_LAYOUT (self), FALSE);

  jm_layout_ensure_updated (self);
  s = &self->sizes;
  if (stage >= self->n_stages || lane >= self->n_lanes || !self->lane_visible[lane])
    return FALSE;

  n = jm_layout_cell_len (self, stage, lane);
  index = MIN (index, n);

  if (self->lane_kinds[lane] == JM_LANE_KIND_EMOTIONS)
    {
      double x = n == 0 ? jm_layout_stage_x (self, stage) + s->stage_width / 2
                        : jm_layout_stage_x (self, stage) + index * s->stage_width / n;

      rect->x = x - 2;
      rect->y = self->row_y[lane] + s->cell_padding;
      rect->width = 4;
      rect->height = self->row_h[lane] - 2 * s->cell_padding;
    }
  else
    {
      double y = self->row_y[lane] + s->cell_padding +
                 index * (s->card_height + s->card_gap) - s->card_gap / 2;

      rect->x = jm_layout_stage_x (self, stage) + s->cell_padding;
      rect->width = s->stage_width - 2 * s->cell_padding;
      rect->y = MAX (y, self->row_y[lane] + 1) - 2;
      rect->height = 4;
    }

  return TRUE;
}
