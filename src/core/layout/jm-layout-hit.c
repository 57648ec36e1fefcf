/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-layout-hit.c: hit-testing in document coordinates. */
#include "config.h"

#include <math.h>

#include "jm-layout-private.h"

static double
distance_to_segment (double px, double py,
                     double ax, double ay,
                     double bx, double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;

  t = CLAMP (t, 0, 1);
  dx = ax + t * dx - px;
  dy = ay + t * dy - py;
  return sqrt (dx * dx + dy * dy);
}

static gboolean
near_connector (const JmConnector *c,
                double             x,
                double             y,
                double             tolerance)
{
  JmPoint prev = c->p0;

  if (!jm_rect_contains (&c->bounds, x, y))
    return FALSE;

  for (guint i = 1; i <= 32; i++)
    {
      JmPoint p = jm_bezier_point (&c->p0, &c->c1, &c->c2, &c->p3, i / 32.0);

      if (distance_to_segment (x, y, prev.x, prev.y, p.x, p.y) <= tolerance)
        return TRUE;
      prev = p;
    }

  return FALSE;
}

static guint
insertion_index (JmLayout *self,
                 guint     stage,
                 guint     lane,
                 double    x,
                 double    y)
{
  const JmThemeSizes *s = &self->sizes;
  guint n = jm_layout_cell_len (self, stage, lane);
  double i;

  if (self->lane_kinds[lane] == JM_LANE_KIND_EMOTIONS)
    {
      if (n == 0)
        return 0;
      i = floor ((x - jm_layout_stage_x (self, stage)) * n / s->stage_width + 0.5);
    }
  else
    {
      i = floor ((y - self->row_y[lane] - s->cell_padding - s->card_height / 2) /
                 (s->card_height + s->card_gap)) + 1;
    }

  return (guint) CLAMP (i, 0, (double) n);
}

static JmHit
hit_none (void)
{
  JmHit hit = { JM_HIT_NONE, -1, -1, NULL, -1 };

  return hit;
}

static JmHit
hit_stage_header (JmLayout *self,
                  double    x)
{
  JmHit hit = hit_none ();
  guint s0, s1;

  if (jm_layout_get_stage_range (self, x, x, &s0, &s1) && x >= self->sizes.lane_header_width &&
      x < self->grid_width)
    {
      hit.kind = JM_HIT_STAGE_HEADER;
      hit.stage = s0;
      hit.element_id = jm_element_get_id (g_ptr_array_index (self->stages, s0));
    }

  return hit;
}

static JmHit
hit_lane_header (JmLayout *self,
                 double    y)
{
  JmHit hit = hit_none ();
  int lane = jm_layout_lane_at (self, y);

  if (lane >= 0)
    {
      hit.kind = JM_HIT_LANE_HEADER;
      hit.lane = lane;
      hit.element_id = jm_element_get_id (g_ptr_array_index (self->lanes, lane));
    }

  return hit;
}

/* The "+" controls that add a stage and a lane, the first moved down by top, the second right
 * by left. */
static gboolean
hit_add_control (JmLayout *self,
                 double    x,
                 double    y,
                 double    top,
                 double    left,
                 JmHit    *hit)
{
  JmRect rect;

  jm_layout_get_add_stage_rect (self, &rect);
  rect.y += top;
  if (jm_rect_contains (&rect, x, y))
    {
      hit->kind = JM_HIT_ADD_STAGE;
      return TRUE;
    }

  jm_layout_get_add_lane_rect (self, &rect);
  rect.x += left;
  if (jm_rect_contains (&rect, x, y))
    {
      hit->kind = JM_HIT_ADD_LANE;
      return TRUE;
    }

  return FALSE;
}

JmHit
jm_layout_hit_test (JmLayout *self,
                    double    x,
                    double    y)
{
  const JmThemeSizes *s;
  JmHit hit = hit_none ();
  guint s0, s1;
  int lane;
  GPtrArray *cell;
  double tol;

  g_return_val_if_fail (JM_IS_LAYOUT (self), hit);

  jm_layout_ensure_updated (self);
  s = &self->sizes;

  if (hit_add_control (self, x, y, 0, 0, &hit))
    return hit;

  if (x < 0 || y < 0 || x >= self->grid_width || y >= self->grid_height)
    return hit;

  if (y < self->header_height)
    return x < s->lane_header_width ? hit : hit_stage_header (self, x);
  if (x < s->lane_header_width)
    return hit_lane_header (self, y);

  lane = jm_layout_lane_at (self, y);
  if (lane < 0 || !jm_layout_get_stage_range (self, x, x, &s0, &s1))
    return hit;

  hit.stage = s0;
  hit.lane = lane;
  cell = self->cells[jm_layout_cell_index (self, s0, lane)];

  /* Curve points. */
  if (self->lane_kinds[lane] == JM_LANE_KIND_EMOTIONS)
    {
      const JmCurve *curve = jm_layout_get_curve (self, lane);
      double r = s->emotion_radius + 2;

      for (guint i = 0; curve != NULL && i < curve->n_points; i++)
        {
          const JmCurvePoint *p = &curve->points[i];
          double dx = p->x - x, dy = p->y - y;

          if (p->stage == s0 && dx * dx + dy * dy <= r * r)
            {
              hit.kind = JM_HIT_CURVE_POINT;
              hit.element_id = p->card_id;
              hit.index = insertion_index (self, s0, lane, x, y);
              return hit;
            }
        }
    }

  /* Card handles and cards: in a stacked cell only the card at y can be hit. */
  if (cell != NULL)
    {
      guint first = 0, last = cell->len - 1;

      if (self->lane_kinds[lane] != JM_LANE_KIND_EMOTIONS)
        {
          double step = s->card_height + s->card_gap;
          double k = floor ((y - self->row_y[lane] - s->cell_padding) / step);

          first = last = (guint) CLAMP (k, 0, (double) cell->len - 1);
        }

      for (guint i = first; i <= last; i++)
        {
          CardEntry *entry = g_ptr_array_index (cell, i);
          JmRect r;
          double hx, hy;

          if (!jm_layout_entry_rect (self, entry, &r))
            continue;

          hx = r.x + r.width - x;
          hy = r.y + r.height / 2 - y;
          if (hx * hx + hy * hy <= (s->handle_radius + 2) * (s->handle_radius + 2))
            {
              hit.kind = JM_HIT_CARD_HANDLE;
              hit.element_id = jm_element_get_id (JM_ELEMENT (entry->card));
              hit.index = entry->index;
              return hit;
            }

          if (jm_rect_contains (&r, x, y))
            {
              gboolean after;

              if (self->lane_kinds[lane] == JM_LANE_KIND_EMOTIONS)
                after = x >= r.x + r.width / 2;
              else
                after = y >= r.y + r.height / 2;

              hit.kind = JM_HIT_CARD;
              hit.element_id = jm_element_get_id (JM_ELEMENT (entry->card));
              hit.index = entry->index + (after ? 1 : 0);
              return hit;
            }
        }
    }

  /* Connectors. */
  tol = 5;
  for (guint i = 0; i < self->connectors->len; i++)
    {
      const JmConnector *c = &g_array_index (self->connectors, JmConnector, i);

      if (near_connector (c, x, y, tol))
        {
          hit.kind = JM_HIT_CONNECTION;
          hit.element_id = c->id;
          hit.index = -1;
          return hit;
        }
    }

  hit.kind = JM_HIT_CELL;
  hit.index = insertion_index (self, s0, lane, x, y);
  return hit;
}

JmHit
jm_layout_hit_test_pinned (JmLayout     *self,
                           double        x,
                           double        y,
                           const JmRect *view)
{
  JmHit hit = hit_none ();
  double top, left;

  g_return_val_if_fail (JM_IS_LAYOUT (self), hit);

  if (view == NULL)
    return jm_layout_hit_test (self, x, y);

  jm_layout_ensure_updated (self);
  top = MAX (view->y, 0);
  left = MAX (view->x, 0);

  /* The "+" controls ride along with the pinned headers. */
  if (hit_add_control (self, x, y, top, left, &hit))
    return hit;

  if (y >= top && y < top + self->header_height)
    {
      if (x >= left && x < left + self->sizes.lane_header_width)
        return hit_none ();   /* the pinned corner */
      return hit_stage_header (self, x);
    }

  if (x >= left && x < left + self->sizes.lane_header_width)
    return hit_lane_header (self, y);

  return jm_layout_hit_test (self, x, y);
}
