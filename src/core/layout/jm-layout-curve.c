/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-layout-curve.c: the emotion curve of each emotions lane: its points and a monotone
 * cubic through them. */
#include "config.h"

#include <math.h>

#include "jm-layout-private.h"

void
jm_layout_curve_data_free (gpointer data)
{
  CurveData *curve = data;

  if (curve == NULL)
    return;

  g_array_unref (curve->points);
  g_array_unref (curve->controls);
  g_free (curve);
}

/* Curves */

static void
compute_curve (JmLayout  *self,
               guint      lane,
               CurveData *data)
{
  GArray *points = data->points;
  GArray *controls = data->controls;
  guint n;
  g_autofree double *m = NULL;
  g_autofree double *d = NULL;

  g_array_set_size (points, 0);
  g_array_set_size (controls, 0);

  for (guint s = 0; s < self->n_stages; s++)
    {
      GPtrArray *cell = self->cells[jm_layout_cell_index (self, s, lane)];
      const char *stage_id = jm_element_get_id (g_ptr_array_index (self->stages, s));

      for (guint i = 0; cell != NULL && i < cell->len; i++)
        {
          CardEntry *entry = g_ptr_array_index (cell, i);
          JmCurvePoint point;
          JmPoint p;

          if (jm_card_get_kind (entry->card) != JM_CARD_KIND_EMOTION)
            continue;

          jm_layout_emotion_point (self, entry, &p);
          point.x = p.x;
          point.y = p.y;
          point.score = jm_card_get_score (entry->card);
          point.stage = s;
          point.stage_id = stage_id;
          point.card_id = jm_element_get_id (JM_ELEMENT (entry->card));
          g_array_append_val (points, point);
        }
    }

  n = points->len;
  data->curve.lane = lane;
  data->curve.zero_y = jm_layout_score_to_y (self, lane, 0);
  data->curve.top_y = jm_layout_score_to_y (self, lane, JM_SCORE_MAX);
  data->curve.bottom_y = jm_layout_score_to_y (self, lane, JM_SCORE_MIN);

  if (n >= 2)
    {
      const JmCurvePoint *pt = (const JmCurvePoint *) points->data;

      /* Monotone cubic interpolation (Fritsch–Carlson): smooth, and never overshoots a
       * point, so a dip is drawn exactly as deep as its score. */
      d = g_new (double, n - 1);
      m = g_new (double, n);
      for (guint i = 0; i + 1 < n; i++)
        {
          double dx = pt[i + 1].x - pt[i].x;

          d[i] = dx > 0 ? (pt[i + 1].y - pt[i].y) / dx : 0;
        }

      m[0] = d[0];
      m[n - 1] = d[n - 2];
      for (guint i = 1; i + 1 < n; i++)
        m[i] = d[i - 1] * d[i] <= 0 ? 0 : (d[i - 1] + d[i]) / 2;

      for (guint i = 0; i + 1 < n; i++)
        {
          if (d[i] == 0)
            {
              m[i] = 0;
              m[i + 1] = 0;
            }
          else
            {
              double a = m[i] / d[i];
              double b = m[i + 1] / d[i];
              double h = a * a + b * b;

              if (h > 9)
                {
                  double tau = 3 / sqrt (h);

                  m[i] = tau * a * d[i];
                  m[i + 1] = tau * b * d[i];
                }
            }
        }

      for (guint i = 0; i + 1 < n; i++)
        {
          double dx = (pt[i + 1].x - pt[i].x) / 3;
          JmPoint c1 = { pt[i].x + dx, pt[i].y + m[i] * dx };
          JmPoint c2 = { pt[i + 1].x - dx, pt[i + 1].y - m[i + 1] * dx };

          g_array_append_val (controls, c1);
          g_array_append_val (controls, c2);
        }
    }

  data->curve.n_points = n;
  data->curve.points = (const JmCurvePoint *) points->data;
  data->curve.controls = (const JmPoint *) controls->data;
}

static gboolean
curve_equal (const JmCurve *a,
             GArray        *old_points)
{
  const JmCurvePoint *old = (const JmCurvePoint *) old_points->data;

  if (a->n_points != old_points->len)
    return FALSE;

  for (guint i = 0; i < a->n_points; i++)
    if (a->points[i].x != old[i].x || a->points[i].y != old[i].y ||
        g_strcmp0 (a->points[i].card_id, old[i].card_id) != 0)
      return FALSE;

  return TRUE;
}

void
jm_layout_compute_curves (JmLayout *self,
                          gboolean  track_damage)
{
  if (self->curves->len != self->n_lanes)
    g_ptr_array_set_size (self->curves, self->n_lanes);

  for (guint l = 0; l < self->n_lanes; l++)
    {
      CurveData *data = g_ptr_array_index (self->curves, l);
      g_autoptr(GArray) old_points = NULL;

      if (self->lane_kinds[l] != JM_LANE_KIND_EMOTIONS || !self->lane_visible[l])
        {
          if (data != NULL)
            {
              g_ptr_array_index (self->curves, l) = NULL;
              jm_layout_curve_data_free (data);
            }
          continue;
        }

      if (data == NULL)
        {
          data = g_new0 (CurveData, 1);
          data->points = g_array_new (FALSE, FALSE, sizeof (JmCurvePoint));
          data->controls = g_array_new (FALSE, FALSE, sizeof (JmPoint));
          g_ptr_array_index (self->curves, l) = data;
        }

      if (track_damage)
        old_points = g_array_copy (data->points);

      compute_curve (self, l, data);

      if (track_damage && !curve_equal (&data->curve, old_points))
        {
          JmRect row;

          jm_layout_get_lane_rect (self, l, &row);
          jm_layout_add_damage (self, &row);
        }
    }
}

const JmCurve *
jm_layout_get_curve (JmLayout *self,
                     guint     lane)
{
  CurveData *data;

  g_return_val_if_fail (JM_IS_LAYOUT (self), NULL);

  jm_layout_ensure_updated (self);
  if (lane >= self->curves->len)
    return NULL;

  data = g_ptr_array_index (self->curves, lane);
  return data != NULL ? &data->curve : NULL;
}
