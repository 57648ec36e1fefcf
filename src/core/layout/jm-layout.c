/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-layout.c: stages, lanes, cells, cards, curves and connectors as rectangles and points;
 * hit-testing. See jm-layout.h for the geometry. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "jm-layout.h"

typedef struct
{
  JmCard *card;     /* owned reference */
  guint   stage;
  guint   lane;
  guint   index;    /* position in its cell */
} CardEntry;

typedef struct
{
  JmCurve  curve;     /* public view of the arrays below */
  GArray  *points;    /* JmCurvePoint */
  GArray  *controls;  /* JmPoint */
} CurveData;

struct _JmLayout
{
  GObject      parent_instance;

  /* owned */
  JmDocument  *document;
  JmTheme     *theme;
  gulong       changed_handler;
  gulong       theme_handler;

  /* structure */
  GPtrArray   *stages;        /* JmStage, owned refs */
  GPtrArray   *lanes;         /* JmLane, owned refs */
  GHashTable  *stage_index;   /* stage id (borrowed from the stage) → index + 1 */
  GHashTable  *lane_index;    /* lane id → index + 1 */
  JmLaneKind  *lane_kinds;    /* n_lanes */
  gboolean    *lane_visible;  /* n_lanes */
  GPtrArray  **cells;         /* n_stages × n_lanes, stage major: GPtrArray of CardEntry / NULL */
  guint        n_stages;
  guint        n_lanes;
  GHashTable  *cards;         /* card id (borrowed from the card) → CardEntry (owned) */

  /* geometry */
  JmThemeSizes sizes;         /* copy of the theme's, taken at the last full layout */
  double       header_height;
  gboolean     has_goals;
  gboolean     has_metrics;
  double      *row_y;         /* n_lanes + 1 */
  double      *row_h;         /* n_lanes */
  guint       *row_max;       /* n_lanes: most cards in one cell of the lane */
  double       grid_width;
  double       grid_height;
  GPtrArray   *curves;        /* n_lanes: CurveData or NULL */
  GArray      *connectors;    /* JmConnector */
  GPtrArray   *connector_ends; /* 2 per connector: its from and to CardEntry (borrowed) */
  GHashTable  *connector_index; /* connection id → index + 1 */

  /* pending work */
  gboolean     busy;          /* updating, or in a change handler: getters read as is */
  gboolean     dirty_structure;
  gboolean     dirty_offsets;
  gboolean     dirty_curves;
  gboolean     dirty_connectors;        /* connections added, removed, changed: rebuild */
  gboolean     dirty_connector_routes;  /* only cards moved: re-route the same connectors */
  GArray      *dirty_cells;   /* guint cell index */
  guint8      *cell_dirty;    /* n_stages × n_lanes flags */
  gboolean     changed;
  JmRect       damage;
};

G_DEFINE_FINAL_TYPE (JmLayout, jm_layout, G_TYPE_OBJECT)

static void ensure_updated (JmLayout *self);

/* Rects and curves */

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

static void
add_damage (JmLayout     *self,
            const JmRect *rect)
{
  self->changed = TRUE;
  if (rect != NULL)
    jm_rect_union (&self->damage, rect, &self->damage);
}

static void
damage_all (JmLayout *self)
{
  JmRect all = { 0, 0, 0, 0 };

  jm_layout_get_size (self, &all.width, &all.height);
  add_damage (self, &all);
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
curve_data_free (gpointer data)
{
  CurveData *curve = data;

  if (curve == NULL)
    return;

  g_array_unref (curve->points);
  g_array_unref (curve->controls);
  g_free (curve);
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

static inline guint
cell_index (JmLayout *self,
            guint     stage,
            guint     lane)
{
  return stage * self->n_lanes + lane;
}

/* Re-reads one cell from the document: its cards, in order. */
static void
rebuild_cell (JmLayout *self,
              guint     stage,
              guint     lane)
{
  guint c = cell_index (self, stage, lane);
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

static void
update_row_max (JmLayout *self,
                guint     lane)
{
  guint max = 0;

  for (guint s = 0; s < self->n_stages; s++)
    {
      GPtrArray *cell = self->cells[cell_index (self, s, lane)];

      if (cell != NULL && cell->len > max)
        max = cell->len;
    }

  self->row_max[lane] = max;
}

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
static void
compute_offsets (JmLayout *self)
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
  ensure_updated (self);
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
  ensure_updated (self);
  g_return_val_if_fail (lane < self->n_lanes, 0);

  margin = self->sizes.emotion_radius + 6;
  top = self->row_y[lane] + margin;
  bottom = self->row_y[lane] + self->row_h[lane] - margin;
  if (bottom <= top)
    return 0;

  score = JM_SCORE_MAX - (y - top) / (bottom - top) * (JM_SCORE_MAX - JM_SCORE_MIN);
  return CLAMP (score, JM_SCORE_MIN, JM_SCORE_MAX);
}

static guint
cell_len (JmLayout *self,
          guint     stage,
          guint     lane)
{
  GPtrArray *cell = self->cells[cell_index (self, stage, lane)];

  return cell != NULL ? cell->len : 0;
}

static double
stage_x (JmLayout *self,
         guint     stage)
{
  return self->sizes.lane_header_width + stage * self->sizes.stage_width;
}

static void
emotion_point (JmLayout  *self,
               CardEntry *entry,
               JmPoint   *point)
{
  guint k = MAX (cell_len (self, entry->stage, entry->lane), 1);
  double slot = self->sizes.stage_width / k;

  point->x = stage_x (self, entry->stage) + (entry->index + 0.5) * slot;
  point->y = jm_layout_score_to_y (self, entry->lane, jm_card_get_score (entry->card));
}

static gboolean
entry_rect (JmLayout  *self,
            CardEntry *entry,
            JmRect    *rect)
{
  const JmThemeSizes *s = &self->sizes;

  if (!self->lane_visible[entry->lane])
    return FALSE;

  if (self->lane_kinds[entry->lane] == JM_LANE_KIND_EMOTIONS)
    {
      guint k = MAX (cell_len (self, entry->stage, entry->lane), 1);
      double slot = s->stage_width / k;
      JmPoint p;
      double w;

      emotion_point (self, entry, &p);
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

  rect->x = stage_x (self, entry->stage) + s->cell_padding;
  rect->width = s->stage_width - 2 * s->cell_padding;
  rect->y = self->row_y[entry->lane] + s->cell_padding +
            entry->index * (s->card_height + s->card_gap);
  rect->height = s->card_height;
  return TRUE;
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
      GPtrArray *cell = self->cells[cell_index (self, s, lane)];
      const char *stage_id = jm_element_get_id (g_ptr_array_index (self->stages, s));

      for (guint i = 0; cell != NULL && i < cell->len; i++)
        {
          CardEntry *entry = g_ptr_array_index (cell, i);
          JmCurvePoint point;
          JmPoint p;

          if (jm_card_get_kind (entry->card) != JM_CARD_KIND_EMOTION)
            continue;

          emotion_point (self, entry, &p);
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

static void
compute_curves (JmLayout *self,
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
              curve_data_free (data);
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
          add_damage (self, &row);
        }
    }
}

/* Connectors */

static void
connector_bounds (JmConnector *c)
{
  double pad = 10;
  double x0 = MIN (MIN (c->p0.x, c->c1.x), MIN (c->c2.x, c->p3.x));
  double x1 = MAX (MAX (c->p0.x, c->c1.x), MAX (c->c2.x, c->p3.x));
  double y0 = MIN (MIN (c->p0.y, c->c1.y), MIN (c->c2.y, c->p3.y));
  double y1 = MAX (MAX (c->p0.y, c->c1.y), MAX (c->c2.y, c->p3.y));

  c->bounds.x = x0 - pad;
  c->bounds.y = y0 - pad;
  c->bounds.width = x1 - x0 + 2 * pad;
  c->bounds.height = y1 - y0 + 2 * pad;
}

static void
route_connector (JmLayout     *self,
                 const JmRect *a,
                 guint         a_stage,
                 const JmRect *b,
                 guint         b_stage,
                 JmConnectionKind kind,
                 JmConnector  *c)
{
  c->kind = kind;
  c->arc = kind == JM_CONNECTION_KIND_STEP_BACK || b_stage < a_stage;

  if (c->arc)
    {
      double top = MIN (a->y, b->y);
      double dx;
      double lift;

      c->p0.x = a->x + a->width / 2;
      c->p0.y = a->y;
      c->p3.x = b->x + b->width / 2;
      c->p3.y = b->y;
      if (fabs (c->p3.x - c->p0.x) < 1)
        {
          c->p0.x = a->x + a->width * 0.7;
          c->p3.x = b->x + b->width * 0.3;
        }
      dx = fabs (c->p3.x - c->p0.x);
      lift = MIN (36 + 0.12 * dx, 160) * self->sizes.card_height / 100.0;
      /* Never above the stage headers, which cover that band: the arc's peak (¼ ends,
       * ¾ controls) stays a few units below them. */
      lift = MIN (lift, (top - (self->header_height + 3)) / 0.75);
      lift = MAX (lift, 0);
      c->c1.x = c->p0.x;
      c->c1.y = top - lift;
      c->c2.x = c->p3.x;
      c->c2.y = top - lift;
    }
  else if (b_stage > a_stage)
    {
      double dx;

      c->p0.x = a->x + a->width;
      c->p0.y = a->y + a->height / 2;
      c->p3.x = b->x;
      c->p3.y = b->y + b->height / 2;
      dx = MAX (c->p3.x - c->p0.x, 24) / 2;
      c->c1.x = c->p0.x + dx;
      c->c1.y = c->p0.y;
      c->c2.x = c->p3.x - dx;
      c->c2.y = c->p3.y;
    }
  else
    {
      double loop;

      /* Within one stage: out of the right edge, back into the right edge. */
      c->p0.x = a->x + a->width;
      c->p0.y = a->y + a->height / 2;
      c->p3.x = b->x + b->width;
      c->p3.y = b->y + b->height / 2;
      loop = MIN (24 + 0.15 * fabs (c->p3.y - c->p0.y), 60);
      c->c1.x = c->p0.x + loop;
      c->c1.y = c->p0.y;
      c->c2.x = c->p3.x + loop;
      c->c2.y = c->p3.y;
    }

  connector_bounds (c);
}

static gboolean
connector_equal (const JmConnector *a,
                 const JmConnector *b)
{
  return a->p0.x == b->p0.x && a->p0.y == b->p0.y && a->p3.x == b->p3.x && a->p3.y == b->p3.y &&
         a->c1.x == b->c1.x && a->c1.y == b->c1.y && a->c2.x == b->c2.x && a->c2.y == b->c2.y &&
         a->kind == b->kind;
}

static void
compute_connectors (JmLayout *self,
                    gboolean  track_damage)
{
  GListModel *connections = jm_document_get_connections (self->document);
  guint n = g_list_model_get_n_items (connections);
  g_autoptr(GArray) old = self->connectors;
  g_autoptr(GHashTable) old_index = self->connector_index;

  self->connectors = g_array_sized_new (FALSE, FALSE, sizeof (JmConnector), n);
  self->connector_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_set_size (self->connector_ends, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JmConnection) connection = g_list_model_get_item (connections, i);
      CardEntry *from = g_hash_table_lookup (self->cards, jm_connection_get_from (connection));
      CardEntry *to = g_hash_table_lookup (self->cards, jm_connection_get_to (connection));
      JmConnector c;
      JmRect a, b;
      guint old_i;

      if (from == NULL || to == NULL || !entry_rect (self, from, &a) || !entry_rect (self, to, &b))
        continue;

      c.id = jm_element_get_id (JM_ELEMENT (connection));
      c.from_id = jm_connection_get_from (connection);
      c.to_id = jm_connection_get_to (connection);
      route_connector (self, &a, from->stage, &b, to->stage,
                       jm_connection_get_kind (connection), &c);
      g_array_append_val (self->connectors, c);
      g_ptr_array_add (self->connector_ends, from);
      g_ptr_array_add (self->connector_ends, to);
      g_hash_table_insert (self->connector_index, (gpointer) c.id,
                           GUINT_TO_POINTER (self->connectors->len));

      if (track_damage)
        {
          old_i = old_index != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (old_index, c.id)) : 0;
          if (old_i == 0)
            add_damage (self, &c.bounds);
          else
            {
              JmConnector *o = &g_array_index (old, JmConnector, old_i - 1);

              if (!connector_equal (o, &c))
                {
                  add_damage (self, &o->bounds);
                  add_damage (self, &c.bounds);
                }
              o->id = NULL;   /* seen */
            }
        }
    }

  if (track_damage && old != NULL)
    for (guint i = 0; i < old->len; i++)
      {
        JmConnector *o = &g_array_index (old, JmConnector, i);

        if (o->id != NULL)
          add_damage (self, &o->bounds);
      }
}

/* After cards moved: the same connectors between the same cards, routed again. */
static gboolean
reroute_connectors (JmLayout *self)
{
  for (guint i = 0; i < self->connectors->len; i++)
    {
      JmConnector *c = &g_array_index (self->connectors, JmConnector, i);
      CardEntry *from = g_ptr_array_index (self->connector_ends, 2 * i);
      CardEntry *to = g_ptr_array_index (self->connector_ends, 2 * i + 1);
      JmConnector old = *c;
      JmRect a, b;

      if (!entry_rect (self, from, &a) || !entry_rect (self, to, &b))
        return FALSE;

      route_connector (self, &a, from->stage, &b, to->stage, old.kind, c);
      if (!connector_equal (&old, c))
        {
          add_damage (self, &old.bounds);
          add_damage (self, &c->bounds);
        }
    }

  return TRUE;
}

/* Layout passes */

static void
full_layout (JmLayout *self)
{
  GListModel *stages = jm_document_get_stages (self->document);
  GListModel *lanes = jm_document_get_lanes (self->document);
  guint n_cells;

  damage_all (self);
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
        rebuild_cell (self, s, l);

  for (guint l = 0; l < self->n_lanes; l++)
    update_row_max (self, l);

  compute_offsets (self);
  compute_curves (self, FALSE);
  compute_connectors (self, FALSE);

  self->dirty_structure = FALSE;
  self->dirty_offsets = FALSE;
  self->dirty_curves = FALSE;
  self->dirty_connectors = FALSE;
  self->dirty_connector_routes = FALSE;
  damage_all (self);
}

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
            add_damage (self, &rect);

          rebuild_cell (self, stage, lane);
          self->cell_dirty[c] = FALSE;
          lanes_touched[lane] = TRUE;
          if (self->lane_kinds[lane] == JM_LANE_KIND_EMOTIONS)
            self->dirty_curves = TRUE;

          if (jm_layout_get_cell_rect (self, stage, lane, &rect))
            add_damage (self, &rect);
        }
      g_array_set_size (self->dirty_cells, 0);

      for (guint l = 0; l < self->n_lanes; l++)
        if (lanes_touched[l])
          update_row_max (self, l);

      self->dirty_offsets = TRUE;
      self->dirty_connector_routes = TRUE;
    }

  if (self->dirty_offsets)
    {
      old_y = g_memdup2 (self->row_y, sizeof (double) * (self->n_lanes + 1));
      old_h = g_memdup2 (self->row_h, sizeof (double) * MAX (self->n_lanes, 1));

      compute_offsets (self);

      if (old_header != self->header_height)
        {
          damage_all (self);
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
              add_damage (self, &band);
              self->dirty_curves = TRUE;
              self->dirty_connector_routes = TRUE;
              break;
            }

      self->dirty_offsets = FALSE;
    }

  if (self->dirty_curves)
    {
      compute_curves (self, TRUE);
      self->dirty_curves = FALSE;
    }

  /* Routing again is enough when only cards moved; a changed set of connections (or a card
   * that disappeared in a hidden lane) rebuilds the list. */
  if (self->dirty_connector_routes && !self->dirty_connectors && !reroute_connectors (self))
    self->dirty_connectors = TRUE;
  self->dirty_connector_routes = FALSE;

  if (self->dirty_connectors)
    {
      compute_connectors (self, TRUE);
      self->dirty_connectors = FALSE;
    }
}

static gboolean
needs_work (JmLayout *self)
{
  return self->dirty_structure || self->dirty_offsets || self->dirty_curves ||
         self->dirty_connectors || self->dirty_connector_routes || self->dirty_cells->len > 0;
}

static void
ensure_updated (JmLayout *self)
{
  if (self->busy)
    return;

  self->busy = TRUE;
  if (self->dirty_structure)
    full_layout (self);
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

  c = cell_index (self, stage, lane);
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
          GPtrArray *cell = self->cells[cell_index (self, entry->stage, entry->lane)];

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
      if (entry_rect (self, entry, &rect))
        {
          rect.x -= self->sizes.handle_radius + 2;
          rect.width += 2 * (self->sizes.handle_radius + 2);
          add_damage (self, &rect);
        }
      break;
    }
}

static void document_changed (JmLayout     *self,
                              JmChangeType  type,
                              JmElement    *element,
                              const char   *property);

static void
document_changed_cb (JmLayout     *self,
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
      add_damage (self, &rect);
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
            add_damage (self, &c->bounds);
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
            add_damage (self, &rect);
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
            add_damage (self, &rect);
        }
      return;
    }

  /* Roles and departments: their colours and names are drawn on cards anywhere. */
  damage_all (self);
}

static void
theme_changed_cb (JmLayout   *self,
                  GParamSpec *pspec,
                  JmTheme    *theme)
{
  self->dirty_structure = TRUE;
  self->changed = TRUE;
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
  self->curves = g_ptr_array_new_with_free_func (curve_data_free);
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
  self->changed_handler = g_signal_connect_swapped (document, "changed",
                                                    G_CALLBACK (document_changed_cb), self);
  self->theme_handler = g_signal_connect_swapped (theme, "notify::scale-text",
                                                  G_CALLBACK (theme_changed_cb), self);
  full_layout (self);
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

  ensure_updated (self);

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

void
jm_layout_get_size (JmLayout *self,
                    double   *width,
                    double   *height)
{
  g_return_if_fail (JM_IS_LAYOUT (self));

  ensure_updated (self);

  if (width != NULL)
    *width = self->grid_width + 2 * self->sizes.add_gap + self->sizes.add_size;
  if (height != NULL)
    *height = self->grid_height + 2 * self->sizes.add_gap + self->sizes.add_size;
}

void
jm_layout_get_grid_size (JmLayout *self,
                         double   *width,
                         double   *height)
{
  g_return_if_fail (JM_IS_LAYOUT (self));

  ensure_updated (self);

  if (width != NULL)
    *width = self->grid_width;
  if (height != NULL)
    *height = self->grid_height;
}

double
jm_layout_get_stage_header_height (JmLayout *self)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), 0);

  ensure_updated (self);
  return self->header_height;
}

double
jm_layout_get_lane_header_width (JmLayout *self)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), 0);

  ensure_updated (self);
  return self->sizes.lane_header_width;
}

gboolean
jm_layout_stage_has_goals (JmLayout *self)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), FALSE);

  ensure_updated (self);
  return self->has_goals;
}

gboolean
jm_layout_stage_has_metrics (JmLayout *self)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), FALSE);

  ensure_updated (self);
  return self->has_metrics;
}

guint
jm_layout_get_n_stages (JmLayout *self)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), 0);

  ensure_updated (self);
  return self->n_stages;
}

guint
jm_layout_get_n_lanes (JmLayout *self)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), 0);

  ensure_updated (self);
  return self->n_lanes;
}

JmStage *
jm_layout_get_stage (JmLayout *self,
                     guint     stage)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), NULL);

  ensure_updated (self);
  return stage < self->n_stages ? g_ptr_array_index (self->stages, stage) : NULL;
}

JmLane *
jm_layout_get_lane (JmLayout *self,
                    guint     lane)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), NULL);

  ensure_updated (self);
  return lane < self->n_lanes ? g_ptr_array_index (self->lanes, lane) : NULL;
}

gboolean
jm_layout_get_stage_rect (JmLayout *self,
                          guint     stage,
                          JmRect   *rect)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), FALSE);

  ensure_updated (self);
  if (stage >= self->n_stages)
    return FALSE;

  rect->x = stage_x (self, stage);
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

  ensure_updated (self);
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
  g_return_val_if_fail (JM_IS_LAYOUT (self), FALSE);

  ensure_updated (self);
  if (stage >= self->n_stages || lane >= self->n_lanes)
    return FALSE;

  rect->x = stage_x (self, stage);
  rect->y = self->row_y[lane];
  rect->width = self->sizes.stage_width;
  rect->height = self->row_h[lane];
  return TRUE;
}

void
jm_layout_get_corner_rect (JmLayout *self,
                           JmRect   *rect)
{
  g_return_if_fail (JM_IS_LAYOUT (self));

  ensure_updated (self);
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

  ensure_updated (self);
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

  ensure_updated (self);
  s = &self->sizes;
  rect->x = s->add_gap;
  rect->y = self->grid_height + s->add_gap;
  rect->width = MAX (s->lane_header_width - 2 * s->add_gap, s->add_size);
  rect->height = s->add_size;
}

gboolean
jm_layout_get_card_rect (JmLayout   *self,
                         const char *card_id,
                         JmRect     *rect)
{
  CardEntry *entry;

  g_return_val_if_fail (JM_IS_LAYOUT (self), FALSE);

  ensure_updated (self);
  if (card_id == NULL)
    return FALSE;

  entry = g_hash_table_lookup (self->cards, card_id);
  return entry != NULL && entry_rect (self, entry, rect);
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

  ensure_updated (self);
  if (card_id == NULL)
    return FALSE;

  entry = g_hash_table_lookup (self->cards, card_id);
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

  ensure_updated (self);
  if (card_id == NULL)
    return FALSE;

  entry = g_hash_table_lookup (self->cards, card_id);
  if (entry == NULL || !self->lane_visible[entry->lane] ||
      self->lane_kinds[entry->lane] != JM_LANE_KIND_EMOTIONS ||
      jm_card_get_kind (entry->card) != JM_CARD_KIND_EMOTION)
    return FALSE;

  emotion_point (self, entry, point);
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

  ensure_updated (self);
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
static int
lane_at (JmLayout *self,
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

  ensure_updated (self);
  if (self->n_lanes == 0 || y1 < self->row_y[0] || y0 >= self->row_y[self->n_lanes] || y1 < y0)
    return FALSE;

  a = lane_at (self, MAX (y0, self->row_y[0]));
  b = lane_at (self, MIN (y1, self->row_y[self->n_lanes] - 0.001));
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

  ensure_updated (self);
  s = &self->sizes;

  if (!jm_layout_get_stage_range (self, rect->x, rect->x + rect->width, &s0, &s1) ||
      !jm_layout_get_lane_range (self, rect->y, rect->y + rect->height, &l0, &l1))
    return;

  for (guint st = s0; st <= s1; st++)
    for (guint l = l0; l <= l1; l++)
      {
        GPtrArray *cell = self->cells[cell_index (self, st, l)];
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

            if (entry_rect (self, entry, &r) && jm_rect_intersects (&r, rect))
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

  ensure_updated (self);
  s = &self->sizes;
  if (stage >= self->n_stages || lane >= self->n_lanes || !self->lane_visible[lane])
    return FALSE;

  n = cell_len (self, stage, lane);
  index = MIN (index, n);

  if (self->lane_kinds[lane] == JM_LANE_KIND_EMOTIONS)
    {
      double x = n == 0 ? stage_x (self, stage) + s->stage_width / 2
                        : stage_x (self, stage) + index * s->stage_width / n;

      rect->x = x - 2;
      rect->y = self->row_y[lane] + s->cell_padding;
      rect->width = 4;
      rect->height = self->row_h[lane] - 2 * s->cell_padding;
    }
  else
    {
      double y = self->row_y[lane] + s->cell_padding +
                 index * (s->card_height + s->card_gap) - s->card_gap / 2;

      rect->x = stage_x (self, stage) + s->cell_padding;
      rect->width = s->stage_width - 2 * s->cell_padding;
      rect->y = MAX (y, self->row_y[lane] + 1) - 2;
      rect->height = 4;
    }

  return TRUE;
}

const JmCurve *
jm_layout_get_curve (JmLayout *self,
                     guint     lane)
{
  CurveData *data;

  g_return_val_if_fail (JM_IS_LAYOUT (self), NULL);

  ensure_updated (self);
  if (lane >= self->curves->len)
    return NULL;

  data = g_ptr_array_index (self->curves, lane);
  return data != NULL ? &data->curve : NULL;
}

guint
jm_layout_get_n_connectors (JmLayout *self)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), 0);

  ensure_updated (self);
  return self->connectors->len;
}

const JmConnector *
jm_layout_get_connector (JmLayout *self,
                         guint     index)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), NULL);

  ensure_updated (self);
  if (index >= self->connectors->len)
    return NULL;

  return &g_array_index (self->connectors, JmConnector, index);
}

const JmConnector *
jm_layout_lookup_connector (JmLayout   *self,
                            const char *connection_id)
{
  guint i;

  g_return_val_if_fail (JM_IS_LAYOUT (self), NULL);

  ensure_updated (self);
  if (connection_id == NULL)
    return NULL;

  i = GPOINTER_TO_UINT (g_hash_table_lookup (self->connector_index, connection_id));
  return i > 0 ? &g_array_index (self->connectors, JmConnector, i - 1) : NULL;
}

void
jm_layout_get_preview_connector (JmLayout    *self,
                                 const char  *from_card_id,
                                 double       x,
                                 double       y,
                                 JmConnector *out)
{
  JmRect a;
  double dx;

  g_return_if_fail (JM_IS_LAYOUT (self));
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->from_id = from_card_id;
  out->kind = JM_CONNECTION_KIND_NEXT;

  if (!jm_layout_get_card_rect (self, from_card_id, &a))
    {
      out->p0.x = out->c1.x = out->c2.x = out->p3.x = x;
      out->p0.y = out->c1.y = out->c2.y = out->p3.y = y;
      connector_bounds (out);
      return;
    }

  out->p0.x = a.x + a.width;
  out->p0.y = a.y + a.height / 2;
  out->p3.x = x;
  out->p3.y = y;
  dx = MAX (fabs (x - out->p0.x), 24) / 2;
  out->c1.x = out->p0.x + dx;
  out->c1.y = out->p0.y;
  out->c2.x = x - (x >= out->p0.x ? dx : -dx);
  out->c2.y = y;
  connector_bounds (out);
}

/* Hit-testing */

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
  guint n = cell_len (self, stage, lane);
  double i;

  if (self->lane_kinds[lane] == JM_LANE_KIND_EMOTIONS)
    {
      if (n == 0)
        return 0;
      i = floor ((x - stage_x (self, stage)) * n / s->stage_width + 0.5);
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
  int lane = lane_at (self, y);

  if (lane >= 0)
    {
      hit.kind = JM_HIT_LANE_HEADER;
      hit.lane = lane;
      hit.element_id = jm_element_get_id (g_ptr_array_index (self->lanes, lane));
    }

  return hit;
}

JmHit
jm_layout_hit_test (JmLayout *self,
                    double    x,
                    double    y)
{
  const JmThemeSizes *s;
  JmHit hit = hit_none ();
  JmRect rect;
  guint s0, s1;
  int lane;
  GPtrArray *cell;
  double tol;

  g_return_val_if_fail (JM_IS_LAYOUT (self), hit);

  ensure_updated (self);
  s = &self->sizes;

  jm_layout_get_add_stage_rect (self, &rect);
  if (jm_rect_contains (&rect, x, y))
    {
      hit.kind = JM_HIT_ADD_STAGE;
      return hit;
    }
  jm_layout_get_add_lane_rect (self, &rect);
  if (jm_rect_contains (&rect, x, y))
    {
      hit.kind = JM_HIT_ADD_LANE;
      return hit;
    }

  if (x < 0 || y < 0 || x >= self->grid_width || y >= self->grid_height)
    return hit;

  if (y < self->header_height)
    return x < s->lane_header_width ? hit : hit_stage_header (self, x);
  if (x < s->lane_header_width)
    return hit_lane_header (self, y);

  lane = lane_at (self, y);
  if (lane < 0 || !jm_layout_get_stage_range (self, x, x, &s0, &s1))
    return hit;

  hit.stage = s0;
  hit.lane = lane;
  cell = self->cells[cell_index (self, s0, lane)];

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

          if (!entry_rect (self, entry, &r))
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
  double top, left;

  g_return_val_if_fail (JM_IS_LAYOUT (self), hit_none ());

  if (view == NULL)
    return jm_layout_hit_test (self, x, y);

  ensure_updated (self);
  top = MAX (view->y, 0);
  left = MAX (view->x, 0);

  /* The "+" controls ride along with the pinned headers. */
  {
    JmHit hit = hit_none ();
    JmRect rect;

    jm_layout_get_add_stage_rect (self, &rect);
    rect.y += top;
    if (jm_rect_contains (&rect, x, y))
      {
        hit.kind = JM_HIT_ADD_STAGE;
        return hit;
      }
    jm_layout_get_add_lane_rect (self, &rect);
    rect.x += left;
    if (jm_rect_contains (&rect, x, y))
      {
        hit.kind = JM_HIT_ADD_LANE;
        return hit;
      }
  }

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
