/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Layout: geometry invariants, hit-testing, incremental updates. */
#include "config.h"

#include <math.h>

#include "jm-core.h"
#include "model/jm-document-private.h"

/* Test documents */

static void
insert (JmDocument *doc,
        gpointer    element)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_jm_document_insert (doc, JM_ELEMENT (element), -1, &error));
  g_assert_no_error (error);
  g_object_unref (element);
}

static void
add_card (JmDocument *doc,
          const char *id,
          JmCardKind  kind,
          const char *stage,
          const char *lane,
          const char *text,
          int         score)
{
  JmCard *card = jm_card_new (id, kind, stage, lane, text);

  if (kind == JM_CARD_KIND_EMOTION)
    g_object_set (card, "score", score, NULL);
  insert (doc, card);
}

/* 4 stages × 4 lanes (behaviour, touchpoints, emotions, pain points); cells with 0–4 cards;
 * an emotion stage with two cards; three connections (next, step back, within a stage). */
static JmDocument *
make_document (void)
{
  JmDocument *doc = jm_document_new ();

  for (int i = 1; i <= 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%d", i);
      g_autofree char *title = g_strdup_printf ("Stage %d", i);

      insert (doc, jm_stage_new (id, title));
    }
  insert (doc, jm_lane_new ("l1", JM_LANE_KIND_BEHAVIOUR, "Behaviour"));
  insert (doc, jm_lane_new ("l2", JM_LANE_KIND_TOUCHPOINTS, "Touchpoints"));
  insert (doc, jm_lane_new ("l3", JM_LANE_KIND_EMOTIONS, "Emotions"));
  insert (doc, jm_lane_new ("l4", JM_LANE_KIND_PAIN_POINTS, "Pain points"));

  add_card (doc, "c1", JM_CARD_KIND_BEHAVIOUR, "s1", "l1", "Searches the web", 0);
  add_card (doc, "c2", JM_CARD_KIND_BEHAVIOUR, "s1", "l1", "在知乎上阅读文章", 0);
  add_card (doc, "c3", JM_CARD_KIND_BEHAVIOUR, "s1", "l1", "Asks a peer", 0);
  add_card (doc, "c4", JM_CARD_KIND_BEHAVIOUR, "s2", "l1", "Downloads the white paper", 0);
  add_card (doc, "c5", JM_CARD_KIND_BEHAVIOUR, "s3", "l1", "Builds a scoring matrix", 0);
  add_card (doc, "c6", JM_CARD_KIND_TOUCHPOINT, "s2", "l2", "Webinar", 0);
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%d", i);

      add_card (doc, id, JM_CARD_KIND_TOUCHPOINT, "s4", "l2", "Email", 0);
    }
  add_card (doc, "e1", JM_CARD_KIND_EMOTION, "s1", "l3", "Worried", -2);
  add_card (doc, "e2", JM_CARD_KIND_EMOTION, "s2", "l3", "Curious", 1);
  add_card (doc, "e3", JM_CARD_KIND_EMOTION, "s2", "l3", "Hopeful", 2);
  add_card (doc, "e4", JM_CARD_KIND_EMOTION, "s4", "l3", "Frustrated", -3);
  add_card (doc, "p1", JM_CARD_KIND_PAIN_POINT, "s3", "l4", "Pricing is opaque", 0);

  insert (doc, jm_connection_new ("x1", "c1", "c4", JM_CONNECTION_KIND_NEXT));
  insert (doc, jm_connection_new ("x2", "c5", "c4", JM_CONNECTION_KIND_STEP_BACK));
  insert (doc, jm_connection_new ("x3", "c1", "c3", JM_CONNECTION_KIND_NEXT));

  return doc;
}

static const char *all_cards[] = {
  "c1", "c2", "c3", "c4", "c5", "c6", "t0", "t1", "t2", "t3", "e1", "e2", "e3", "e4", "p1",
};

static gboolean
rect_inside (const JmRect *inner,
             const JmRect *outer)
{
  return inner->x >= outer->x - 1e-9 && inner->y >= outer->y - 1e-9 &&
         inner->x + inner->width <= outer->x + outer->width + 1e-9 &&
         inner->y + inner->height <= outer->y + outer->height + 1e-9;
}

static void
assert_rect_equal (const JmRect *a,
                   const JmRect *b)
{
  g_assert_cmpfloat_with_epsilon (a->x, b->x, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->y, b->y, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->width, b->width, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->height, b->height, 1e-9);
}

/* Tests */

static void
test_cards_never_overlap (void)
{
  g_autoptr(JmDocument) doc = make_document ();
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_LIGHT);
  JmLayout *layout = jm_layout_new (doc, theme);
  JmRect rects[G_N_ELEMENTS (all_cards)];

  for (guint i = 0; i < G_N_ELEMENTS (all_cards); i++)
    {
      guint stage, lane;
      JmRect cell;

      g_assert_true (jm_layout_get_card_rect (layout, all_cards[i], &rects[i]));
      g_assert_cmpfloat (rects[i].width, >, 0);
      g_assert_cmpfloat (rects[i].height, >, 0);

      /* Each card lies inside its own cell. */
      g_assert_true (jm_layout_get_card_position (layout, all_cards[i], &stage, &lane, NULL));
      g_assert_true (jm_layout_get_cell_rect (layout, stage, lane, &cell));
      g_assert_true (rect_inside (&rects[i], &cell));
    }

  /* All pairs, within a cell and across cells. */
  for (guint i = 0; i < G_N_ELEMENTS (all_cards); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (all_cards); j++)
      if (jm_rect_intersects (&rects[i], &rects[j]))
        g_error ("cards %s and %s overlap", all_cards[i], all_cards[j]);

  g_assert_finalize_object (layout);
}

static void
test_cells_grow_with_cards (void)
{
  g_autoptr(JmDocument) doc = make_document ();
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_LIGHT);
  JmLayout *layout = jm_layout_new (doc, theme);
  const JmThemeSizes *s = jm_theme_get_sizes (theme);
  JmRect row_before, row_after, cell, card;
  double expected;

  /* Lane l1's fullest cell has 3 cards: the row is exactly that tall. */
  g_assert_true (jm_layout_get_lane_rect (layout, 0, &row_before));
  expected = 2 * s->cell_padding + 3 * s->card_height + 2 * s->card_gap;
  g_assert_cmpfloat_with_epsilon (row_before.height, expected, 1e-9);

  /* An empty lane still has room for one card. */
  g_assert_true (jm_layout_get_lane_rect (layout, 3, &row_after));
  g_assert_cmpfloat_with_epsilon (row_after.height, 2 * s->cell_padding + s->card_height, 1e-9);

  /* Two more cards in another cell of l1: that cell is now the fullest; the row grows. */
  add_card (doc, "n1", JM_CARD_KIND_BEHAVIOUR, "s3", "l1", "One", 0);
  add_card (doc, "n2", JM_CARD_KIND_BEHAVIOUR, "s3", "l1", "Two", 0);
  add_card (doc, "n3", JM_CARD_KIND_BEHAVIOUR, "s3", "l1", "Three", 0);
  g_assert_true (jm_layout_update (layout, NULL));
  g_assert_true (jm_layout_get_lane_rect (layout, 0, &row_after));
  expected = 2 * s->cell_padding + 4 * s->card_height + 3 * s->card_gap;
  g_assert_cmpfloat_with_epsilon (row_after.height, expected, 1e-9);
  g_assert_cmpfloat (row_after.height, >, row_before.height);

  /* Every card of the cell is inside it, and the cells of the lane share its height. */
  g_assert_true (jm_layout_get_cell_rect (layout, 2, 0, &cell));
  g_assert_cmpfloat_with_epsilon (cell.height, row_after.height, 1e-9);
  g_assert_true (jm_layout_get_card_rect (layout, "n3", &card));
  g_assert_true (rect_inside (&card, &cell));

  /* The lanes below moved down by the growth. */
  {
    JmRect below;

    g_assert_true (jm_layout_get_lane_rect (layout, 1, &below));
    g_assert_cmpfloat_with_epsilon (below.y, row_after.y + row_after.height, 1e-9);
  }

  g_assert_finalize_object (layout);
}

static void
test_rects_tile (void)
{
  g_autoptr(JmDocument) doc = make_document ();
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_DARK);
  JmLayout *layout = jm_layout_new (doc, theme);
  guint n_stages = jm_layout_get_n_stages (layout);
  guint n_lanes = jm_layout_get_n_lanes (layout);
  double gw, gh, w, h, x, y;
  JmRect corner, add_stage, add_lane;

  g_assert_cmpuint (n_stages, ==, 4);
  g_assert_cmpuint (n_lanes, ==, 4);
  jm_layout_get_grid_size (layout, &gw, &gh);
  jm_layout_get_size (layout, &w, &h);
  g_assert_cmpfloat (w, >, gw);
  g_assert_cmpfloat (h, >, gh);

  jm_layout_get_corner_rect (layout, &corner);
  g_assert_cmpfloat (corner.x, ==, 0);
  g_assert_cmpfloat (corner.y, ==, 0);
  g_assert_cmpfloat_with_epsilon (corner.width, jm_layout_get_lane_header_width (layout), 1e-9);
  g_assert_cmpfloat_with_epsilon (corner.height, jm_layout_get_stage_header_height (layout), 1e-9);

  /* Stages: side by side from the lane header column to the grid's right edge. */
  x = corner.width;
  for (guint i = 0; i < n_stages; i++)
    {
      JmRect r, header;

      g_assert_true (jm_layout_get_stage_rect (layout, i, &r));
      g_assert_true (jm_layout_get_stage_header_rect (layout, i, &header));
      g_assert_cmpfloat_with_epsilon (r.x, x, 1e-9);
      g_assert_cmpfloat (r.y, ==, 0);
      g_assert_cmpfloat_with_epsilon (r.height, gh, 1e-9);
      g_assert_true (rect_inside (&header, &r));
      g_assert_cmpfloat_with_epsilon (header.height, corner.height, 1e-9);
      x += r.width;
    }
  g_assert_cmpfloat_with_epsilon (x, gw, 1e-9);
  g_assert_false (jm_layout_get_stage_rect (layout, n_stages, &corner));

  /* Lanes: stacked from the header row to the grid's bottom edge. */
  y = corner.height;
  for (guint i = 0; i < n_lanes; i++)
    {
      JmRect r;

      g_assert_true (jm_layout_get_lane_rect (layout, i, &r));
      g_assert_cmpfloat_with_epsilon (r.y, y, 1e-9);
      g_assert_cmpfloat (r.x, ==, 0);
      g_assert_cmpfloat_with_epsilon (r.width, gw, 1e-9);
      y += r.height;
    }
  g_assert_cmpfloat_with_epsilon (y, gh, 1e-9);

  /* Cells: no two overlap; each is its stage column ∩ lane row. */
  for (guint s1 = 0; s1 < n_stages; s1++)
    for (guint l1 = 0; l1 < n_lanes; l1++)
      {
        JmRect a, col, row;

        g_assert_true (jm_layout_get_cell_rect (layout, s1, l1, &a));
        jm_layout_get_stage_rect (layout, s1, &col);
        jm_layout_get_lane_rect (layout, l1, &row);
        g_assert_cmpfloat_with_epsilon (a.x, col.x, 1e-9);
        g_assert_cmpfloat_with_epsilon (a.width, col.width, 1e-9);
        g_assert_cmpfloat_with_epsilon (a.y, row.y, 1e-9);
        g_assert_cmpfloat_with_epsilon (a.height, row.height, 1e-9);

        for (guint s2 = 0; s2 < n_stages; s2++)
          for (guint l2 = 0; l2 < n_lanes; l2++)
            {
              JmRect b;

              if (s1 == s2 && l1 == l2)
                continue;
              jm_layout_get_cell_rect (layout, s2, l2, &b);
              g_assert_false (jm_rect_intersects (&a, &b));
            }
      }

  /* The "+" controls sit outside the grid: right of the headers, below the lane headers. */
  jm_layout_get_add_stage_rect (layout, &add_stage);
  jm_layout_get_add_lane_rect (layout, &add_lane);
  g_assert_cmpfloat (add_stage.x, >=, gw);
  g_assert_cmpfloat (add_stage.y + add_stage.height, <=, corner.height);
  g_assert_cmpfloat (add_lane.y, >=, gh);
  g_assert_cmpfloat (add_lane.x + add_lane.width, <=, corner.width);
  g_assert_cmpfloat (add_stage.x + add_stage.width, <=, w);
  g_assert_cmpfloat (add_lane.y + add_lane.height, <=, h);

  g_assert_finalize_object (layout);
}

static void
test_hit_test (void)
{
  g_autoptr(JmDocument) doc = make_document ();
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_LIGHT);
  JmLayout *layout = jm_layout_new (doc, theme);
  const JmCurve *curve;
  const JmConnector *c;
  JmRect r, cell;
  JmPoint p;
  JmHit hit;
  double gw, gh;

  /* Every card at its centre (bubbles of emotion cards included). */
  for (guint i = 0; i < G_N_ELEMENTS (all_cards); i++)
    {
      guint stage, lane, index;

      g_assert_true (jm_layout_get_card_rect (layout, all_cards[i], &r));
      g_assert_true (jm_layout_get_card_position (layout, all_cards[i], &stage, &lane, &index));
      hit = jm_layout_hit_test (layout, r.x + r.width / 2, r.y + r.height / 4);
      g_assert_cmpint (hit.kind, ==, JM_HIT_CARD);
      g_assert_cmpstr (hit.element_id, ==, all_cards[i]);
      g_assert_cmpint (hit.stage, ==, stage);
      g_assert_cmpint (hit.lane, ==, lane);
      /* Upper half of a stacked card: insert before it. */
      if (lane != 2)
        g_assert_cmpint (hit.index, ==, index);
    }

  /* The lower half of c2 (index 1 in its cell) drops after it. */
  g_assert_true (jm_layout_get_card_rect (layout, "c2", &r));
  hit = jm_layout_hit_test (layout, r.x + r.width / 2, r.y + r.height * 0.8);
  g_assert_cmpint (hit.kind, ==, JM_HIT_CARD);
  g_assert_cmpint (hit.index, ==, 2);

  /* Connector handle at c4's right edge. */
  g_assert_true (jm_layout_get_card_handle (layout, "c4", &p));
  hit = jm_layout_hit_test (layout, p.x - 1, p.y + 1);
  g_assert_cmpint (hit.kind, ==, JM_HIT_CARD_HANDLE);
  g_assert_cmpstr (hit.element_id, ==, "c4");

  /* Empty part of a cell: below c4 in (s2, l1); insertion index 1 (after c4). */
  g_assert_true (jm_layout_get_cell_rect (layout, 1, 0, &cell));
  hit = jm_layout_hit_test (layout, cell.x + cell.width / 2, cell.y + cell.height - 5);
  g_assert_cmpint (hit.kind, ==, JM_HIT_CELL);
  g_assert_cmpint (hit.stage, ==, 1);
  g_assert_cmpint (hit.lane, ==, 0);
  g_assert_cmpint (hit.index, ==, 1);
  /* An empty cell: index 0. */
  g_assert_true (jm_layout_get_cell_rect (layout, 3, 0, &cell));
  hit = jm_layout_hit_test (layout, cell.x + cell.width / 2, cell.y + cell.height / 2);
  g_assert_cmpint (hit.kind, ==, JM_HIT_CELL);
  g_assert_cmpint (hit.index, ==, 0);

  /* Headers. */
  g_assert_true (jm_layout_get_stage_header_rect (layout, 2, &r));
  hit = jm_layout_hit_test (layout, r.x + r.width / 2, r.y + r.height / 2);
  g_assert_cmpint (hit.kind, ==, JM_HIT_STAGE_HEADER);
  g_assert_cmpint (hit.stage, ==, 2);
  g_assert_cmpstr (hit.element_id, ==, "s3");
  g_assert_true (jm_layout_get_lane_header_rect (layout, 3, &r));
  hit = jm_layout_hit_test (layout, r.x + r.width / 2, r.y + r.height / 2);
  g_assert_cmpint (hit.kind, ==, JM_HIT_LANE_HEADER);
  g_assert_cmpint (hit.lane, ==, 3);
  g_assert_cmpstr (hit.element_id, ==, "l4");

  /* Curve points: one per emotion card, each hit at its centre. */
  curve = jm_layout_get_curve (layout, 2);
  g_assert_nonnull (curve);
  g_assert_null (jm_layout_get_curve (layout, 0));
  g_assert_cmpuint (curve->n_points, ==, 4);
  for (guint i = 0; i < curve->n_points; i++)
    {
      hit = jm_layout_hit_test (layout, curve->points[i].x, curve->points[i].y);
      g_assert_cmpint (hit.kind, ==, JM_HIT_CURVE_POINT);
      g_assert_cmpstr (hit.element_id, ==, curve->points[i].card_id);
      g_assert_cmpint (hit.stage, ==, curve->points[i].stage);
    }

  /* Connectors: at the middle of each. */
  g_assert_cmpuint (jm_layout_get_n_connectors (layout), ==, 3);
  c = jm_layout_lookup_connector (layout, "x1");
  g_assert_nonnull (c);
  p = jm_bezier_point (&c->p0, &c->c1, &c->c2, &c->p3, 0.5);
  hit = jm_layout_hit_test (layout, p.x, p.y);
  g_assert_cmpint (hit.kind, ==, JM_HIT_CONNECTION);
  g_assert_cmpstr (hit.element_id, ==, "x1");
  c = jm_layout_lookup_connector (layout, "x3");
  p = jm_bezier_point (&c->p0, &c->c1, &c->c2, &c->p3, 0.5);
  hit = jm_layout_hit_test (layout, p.x, p.y);
  g_assert_cmpint (hit.kind, ==, JM_HIT_CONNECTION);
  g_assert_cmpstr (hit.element_id, ==, "x3");

  /* "+" controls. */
  jm_layout_get_add_stage_rect (layout, &r);
  hit = jm_layout_hit_test (layout, r.x + r.width / 2, r.y + r.height / 2);
  g_assert_cmpint (hit.kind, ==, JM_HIT_ADD_STAGE);
  jm_layout_get_add_lane_rect (layout, &r);
  hit = jm_layout_hit_test (layout, r.x + r.width / 2, r.y + r.height / 2);
  g_assert_cmpint (hit.kind, ==, JM_HIT_ADD_LANE);

  /* Nothing: outside the map, in the corner. */
  jm_layout_get_grid_size (layout, &gw, &gh);
  g_assert_cmpint (jm_layout_hit_test (layout, -5, 10).kind, ==, JM_HIT_NONE);
  g_assert_cmpint (jm_layout_hit_test (layout, gw + 200, gh + 200).kind, ==, JM_HIT_NONE);
  g_assert_cmpint (jm_layout_hit_test (layout, 5, 5).kind, ==, JM_HIT_NONE);

  g_assert_finalize_object (layout);
}

static void
test_hit_test_pinned (void)
{
  g_autoptr(JmDocument) doc = make_document ();
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_LIGHT);
  JmLayout *layout = jm_layout_new (doc, theme);
  double hh = jm_layout_get_stage_header_height (layout);
  double lhw = jm_layout_get_lane_header_width (layout);
  JmRect view = { 300, 400, 800, 600 };
  JmRect r;
  JmHit hit;

  /* Scrolled: the top band of the view is the stage header row. */
  hit = jm_layout_hit_test_pinned (layout, lhw + 256 * 1.5, view.y + hh / 2, &view);
  g_assert_cmpint (hit.kind, ==, JM_HIT_STAGE_HEADER);
  g_assert_cmpint (hit.stage, ==, 1);
  /* ... and the left band the lane headers, for the lane at that y. */
  g_assert_true (jm_layout_get_lane_rect (layout, 2, &r));
  hit = jm_layout_hit_test_pinned (layout, view.x + 10, r.y + r.height / 2, &view);
  g_assert_cmpint (hit.kind, ==, JM_HIT_LANE_HEADER);
  g_assert_cmpint (hit.lane, ==, 2);
  /* The same points unpinned hit what is under them. */
  hit = jm_layout_hit_test (layout, view.x + 10, r.y + r.height / 2);
  g_assert_cmpint (hit.kind, !=, JM_HIT_LANE_HEADER);
  /* Below and right of the pinned bands: as unpinned. */
  g_assert_true (jm_layout_get_card_rect (layout, "t1", &r));
  hit = jm_layout_hit_test_pinned (layout, r.x + 20, r.y + 20, &view);
  g_assert_cmpint (hit.kind, ==, JM_HIT_CARD);
  g_assert_cmpstr (hit.element_id, ==, "t1");

  g_assert_finalize_object (layout);
}

/* Every piece of geometry of a and b is the same. */
static void
assert_layouts_equal (JmLayout *a,
                      JmLayout *b)
{
  JmDocument *doc = jm_layout_get_document (a);
  g_autoptr(GPtrArray) cards = jm_document_dup_cards (doc);
  double wa, ha, wb, hb;

  jm_layout_get_size (a, &wa, &ha);
  jm_layout_get_size (b, &wb, &hb);
  g_assert_cmpfloat_with_epsilon (wa, wb, 1e-9);
  g_assert_cmpfloat_with_epsilon (ha, hb, 1e-9);
  g_assert_cmpuint (jm_layout_get_n_stages (a), ==, jm_layout_get_n_stages (b));
  g_assert_cmpuint (jm_layout_get_n_lanes (a), ==, jm_layout_get_n_lanes (b));

  for (guint l = 0; l < jm_layout_get_n_lanes (a); l++)
    {
      JmRect ra, rb;
      const JmCurve *ca, *cb;

      g_assert_true (jm_layout_get_lane_rect (a, l, &ra));
      g_assert_true (jm_layout_get_lane_rect (b, l, &rb));
      assert_rect_equal (&ra, &rb);

      ca = jm_layout_get_curve (a, l);
      cb = jm_layout_get_curve (b, l);
      g_assert_true ((ca == NULL) == (cb == NULL));
      if (ca == NULL)
        continue;
      g_assert_cmpuint (ca->n_points, ==, cb->n_points);
      for (guint i = 0; i < ca->n_points; i++)
        {
          g_assert_cmpfloat_with_epsilon (ca->points[i].x, cb->points[i].x, 1e-9);
          g_assert_cmpfloat_with_epsilon (ca->points[i].y, cb->points[i].y, 1e-9);
          g_assert_cmpstr (ca->points[i].card_id, ==, cb->points[i].card_id);
        }
      for (guint i = 0; i + 1 < ca->n_points; i++)
        {
          g_assert_cmpfloat_with_epsilon (ca->controls[2 * i].y, cb->controls[2 * i].y, 1e-9);
          g_assert_cmpfloat_with_epsilon (ca->controls[2 * i + 1].y, cb->controls[2 * i + 1].y,
                                          1e-9);
        }
    }

  for (guint i = 0; i < cards->len; i++)
    {
      const char *id = jm_element_get_id (g_ptr_array_index (cards, i));
      guint sa, la, ia, sb, lb, ib;
      JmRect ra, rb;

      g_assert_true (jm_layout_get_card_position (a, id, &sa, &la, &ia));
      g_assert_true (jm_layout_get_card_position (b, id, &sb, &lb, &ib));
      g_assert_cmpuint (sa, ==, sb);
      g_assert_cmpuint (la, ==, lb);
      g_assert_cmpuint (ia, ==, ib);
      /* Cards in hidden lanes have no rect, in both. */
      g_assert_cmpint (jm_layout_get_card_rect (a, id, &ra), ==,
                       jm_layout_get_card_rect (b, id, &rb));
      if (jm_layout_get_card_rect (a, id, &ra))
        assert_rect_equal (&ra, &rb);
    }

  g_assert_cmpuint (jm_layout_get_n_connectors (a), ==, jm_layout_get_n_connectors (b));
  for (guint i = 0; i < jm_layout_get_n_connectors (a); i++)
    {
      const JmConnector *ca = jm_layout_get_connector (a, i);
      const JmConnector *cb = jm_layout_get_connector (b, i);

      g_assert_cmpstr (ca->id, ==, cb->id);
      g_assert_cmpfloat_with_epsilon (ca->p0.x, cb->p0.x, 1e-9);
      g_assert_cmpfloat_with_epsilon (ca->p0.y, cb->p0.y, 1e-9);
      g_assert_cmpfloat_with_epsilon (ca->p3.x, cb->p3.x, 1e-9);
      g_assert_cmpfloat_with_epsilon (ca->p3.y, cb->p3.y, 1e-9);
      g_assert_cmpfloat_with_epsilon (ca->c1.y, cb->c1.y, 1e-9);
      g_assert_cmpfloat_with_epsilon (ca->c2.y, cb->c2.y, 1e-9);
      assert_rect_equal (&ca->bounds, &cb->bounds);
    }
}

static void
assert_matches_fresh (JmLayout *layout)
{
  JmLayout *fresh = jm_layout_new (jm_layout_get_document (layout), jm_layout_get_theme (layout));

  assert_layouts_equal (layout, fresh);
  g_assert_finalize_object (fresh);
}

static void
move_card (JmDocument *doc,
           const char *id,
           const char *stage,
           const char *lane,
           int         index)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_jm_document_move (doc, jm_document_lookup (doc, id), stage, lane, index, &error));
  g_assert_no_error (error);
}

static void
set_int (JmDocument *doc,
         const char *id,
         const char *property,
         int         value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, value);
  g_assert_true (_jm_document_set_property (doc, jm_document_lookup (doc, id), property, &v, NULL));
}

static void
test_incremental_equals_fresh (void)
{
  g_autoptr(JmDocument) doc = make_document ();
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_LIGHT);
  JmLayout *layout = jm_layout_new (doc, theme);
  JmRect before, after, damage;

  g_assert_false (jm_layout_update (layout, &damage));
  g_assert_true (jm_rect_is_empty (&damage));

  /* Move c1 (3-card cell, with connectors) to the end of the 1-card cell (s3, l1). */
  g_assert_true (jm_layout_get_card_rect (layout, "c1", &before));
  move_card (doc, "c1", "s3", "l1", -1);
  g_assert_true (jm_layout_update (layout, &damage));
  g_assert_true (jm_layout_get_card_rect (layout, "c1", &after));
  g_assert_true (rect_inside (&before, &damage));
  g_assert_true (rect_inside (&after, &damage));
  assert_matches_fresh (layout);

  /* Within a cell; then two touchpoints into another stage. */
  move_card (doc, "c3", "s1", "l1", 0);
  jm_layout_update (layout, NULL);
  assert_matches_fresh (layout);

  move_card (doc, "t0", "s1", "l2", 0);
  move_card (doc, "t1", "s1", "l2", 0);
  jm_layout_update (layout, NULL);
  assert_matches_fresh (layout);

  /* Emotion cards: moving one changes the slots of two stages and the curve. */
  move_card (doc, "e3", "s3", "l3", -1);
  jm_layout_update (layout, NULL);
  assert_matches_fresh (layout);

  /* A score change moves a point, its bubble and the curve. */
  set_int (doc, "e4", "score", 3);
  g_assert_true (jm_layout_update (layout, &damage));
  g_assert_false (jm_rect_is_empty (&damage));
  assert_matches_fresh (layout);

  /* Inserting and removing without an update in between. */
  add_card (doc, "n1", JM_CARD_KIND_PAIN_POINT, "s2", "l4", "New", 0);
  add_card (doc, "n2", JM_CARD_KIND_PAIN_POINT, "s2", "l4", "Newer", 0);
  g_assert_cmpint (_jm_document_remove (doc, jm_document_lookup (doc, "p1"), NULL), >=, 0);
  jm_layout_update (layout, NULL);
  assert_matches_fresh (layout);
  g_assert_false (jm_layout_get_card_rect (layout, "p1", &after));

  /* A connection's card moves: the connector follows. */
  g_assert_cmpint (_jm_document_remove (doc, jm_document_lookup (doc, "x3"), NULL), >=, 0);
  move_card (doc, "c4", "s4", "l1", 0);
  jm_layout_update (layout, NULL);
  assert_matches_fresh (layout);

  /* Structure: a new stage in the middle. */
  {
    JmStage *stage = jm_stage_new ("s9", "Inserted");

    g_assert_true (_jm_document_insert (doc, JM_ELEMENT (stage), 1, NULL));
    g_object_unref (stage);
  }
  jm_layout_update (layout, NULL);
  g_assert_cmpuint (jm_layout_get_n_stages (layout), ==, 5);
  assert_matches_fresh (layout);

  g_assert_finalize_object (layout);
}

static void
test_hidden_lane (void)
{
  g_autoptr(JmDocument) doc = make_document ();
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_LIGHT);
  JmLayout *layout = jm_layout_new (doc, theme);
  g_auto(GValue) v = G_VALUE_INIT;
  JmRect r, below_before, below_after;
  JmHit hit;

  /* A connection into the lane that will be hidden. */
  insert (doc, jm_connection_new ("x9", "c4", "c6", JM_CONNECTION_KIND_NEXT));
  g_assert_cmpuint (jm_layout_get_n_connectors (layout), ==, 4);
  g_assert_true (jm_layout_get_lane_rect (layout, 3, &below_before));

  g_value_init (&v, G_TYPE_BOOLEAN);
  g_value_set_boolean (&v, FALSE);
  g_assert_true (_jm_document_set_property (doc, jm_document_lookup (doc, "l2"), "visible", &v,
                                            NULL));
  jm_layout_update (layout, NULL);

  g_assert_true (jm_layout_get_lane_rect (layout, 1, &r));
  g_assert_cmpfloat (r.height, ==, 0);
  g_assert_false (jm_layout_get_card_rect (layout, "t0", &r));
  /* Its arrows go with it. */
  g_assert_cmpuint (jm_layout_get_n_connectors (layout), ==, 3);
  g_assert_null (jm_layout_lookup_connector (layout, "x9"));
  g_assert_true (jm_layout_get_lane_rect (layout, 3, &below_after));
  g_assert_cmpfloat (below_after.y, <, below_before.y);

  /* Hit-testing skips the hidden row: the row at its old place is lane 2 or 3, never 1. */
  g_assert_true (jm_layout_get_lane_rect (layout, 2, &r));
  hit = jm_layout_hit_test (layout, 10, r.y);
  g_assert_cmpint (hit.kind, ==, JM_HIT_LANE_HEADER);
  g_assert_cmpint (hit.lane, ==, 2);

  assert_matches_fresh (layout);
  g_assert_finalize_object (layout);
}

static void
test_curve_shape (void)
{
  g_autoptr(JmDocument) doc = make_document ();
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_LIGHT);
  JmLayout *layout = jm_layout_new (doc, theme);
  const JmCurve *curve = jm_layout_get_curve (layout, 2);
  JmRect lane;

  g_assert_nonnull (curve);
  g_assert_true (jm_layout_get_lane_rect (layout, 2, &lane));
  g_assert_cmpfloat (curve->top_y, <, curve->zero_y);
  g_assert_cmpfloat (curve->zero_y, <, curve->bottom_y);
  g_assert_cmpfloat (curve->top_y, >, lane.y);
  g_assert_cmpfloat (curve->bottom_y, <, lane.y + lane.height);

  for (guint i = 0; i < curve->n_points; i++)
    {
      const JmCurvePoint *p = &curve->points[i];

      g_assert_cmpfloat_with_epsilon (p->y, jm_layout_score_to_y (layout, 2, p->score), 1e-9);
      g_assert_cmpfloat_with_epsilon (jm_layout_y_to_score (layout, 2, p->y), p->score, 1e-9);
      if (i > 0)
        g_assert_cmpfloat (p->x, >, curve->points[i - 1].x);
    }

  /* Stage s2 has two emotion cards: two points in its column, in card order. */
  g_assert_cmpstr (curve->points[1].card_id, ==, "e2");
  g_assert_cmpstr (curve->points[2].card_id, ==, "e3");
  g_assert_cmpuint (curve->points[1].stage, ==, 1);
  g_assert_cmpuint (curve->points[2].stage, ==, 1);

  /* Monotone: between two points the curve never leaves their y range (dips are exact). */
  for (guint i = 0; i + 1 < curve->n_points; i++)
    {
      JmPoint a = { curve->points[i].x, curve->points[i].y };
      JmPoint b = { curve->points[i + 1].x, curve->points[i + 1].y };

      for (int k = 0; k <= 20; k++)
        {
          JmPoint q = jm_bezier_point (&a, &curve->controls[2 * i], &curve->controls[2 * i + 1],
                                       &b, k / 20.0);

          g_assert_cmpfloat (q.y, >=, MIN (a.y, b.y) - 1e-6);
          g_assert_cmpfloat (q.y, <=, MAX (a.y, b.y) + 1e-6);
        }
    }

  g_assert_finalize_object (layout);
}

static void
test_cards_in_rect (void)
{
  g_autoptr(JmDocument) doc = make_document ();
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_LIGHT);
  JmLayout *layout = jm_layout_new (doc, theme);
  g_autoptr(GPtrArray) picked = NULL;
  JmRect a, b, band, mark, mark0;

  /* A rubber band around c2 and c3 (s1, lanes l1) picks exactly them. */
  g_assert_true (jm_layout_get_card_rect (layout, "c2", &a));
  g_assert_true (jm_layout_get_card_rect (layout, "c3", &b));
  jm_rect_union (&a, &b, &band);
  picked = jm_layout_dup_cards_in_rect (layout, &band);
  g_assert_cmpuint (picked->len, ==, 2);
  g_assert_cmpstr (jm_element_get_id (g_ptr_array_index (picked, 0)), ==, "c2");
  g_assert_cmpstr (jm_element_get_id (g_ptr_array_index (picked, 1)), ==, "c3");
  g_clear_pointer (&picked, g_ptr_array_unref);

  /* The whole map picks every visible card. */
  band.x = band.y = 0;
  jm_layout_get_size (layout, &band.width, &band.height);
  picked = jm_layout_dup_cards_in_rect (layout, &band);
  g_assert_cmpuint (picked->len, ==, G_N_ELEMENTS (all_cards));

  /* Insertion marks lie between cards: the one at index 1 is in the gap between c1 and c2. */
  g_assert_true (jm_layout_get_card_rect (layout, "c1", &a));
  g_assert_true (jm_layout_get_insertion_mark (layout, 0, 0, 1, &mark));
  g_assert_cmpfloat (mark.y, >=, a.y + a.height - 1);
  g_assert_cmpfloat (mark.y + mark.height, <=, b.y + 1);
  g_assert_false (jm_rect_intersects (&mark, &a));
  g_assert_true (jm_layout_get_insertion_mark (layout, 0, 0, 0, &mark0));
  g_assert_cmpfloat (mark0.y, <, a.y);
  g_assert_false (jm_layout_get_insertion_mark (layout, 9, 0, 0, &mark));

  g_assert_finalize_object (layout);
}

static void
test_scale_text (void)
{
  g_autoptr(JmDocument) doc = make_document ();
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_LIGHT);
  JmLayout *layout = jm_layout_new (doc, theme);
  double w1, h1, w2, h2;
  JmRect r1, r2;

  jm_layout_get_grid_size (layout, &w1, &h1);
  g_assert_true (jm_layout_get_card_rect (layout, "c2", &r1));

  jm_theme_set_scale_text (theme, 2.0);
  g_assert_true (jm_layout_update (layout, NULL));
  jm_layout_get_grid_size (layout, &w2, &h2);
  g_assert_true (jm_layout_get_card_rect (layout, "c2", &r2));

  g_assert_cmpfloat_with_epsilon (w2, 2 * w1, 1e-6);
  g_assert_cmpfloat_with_epsilon (h2, 2 * h1, 1e-6);
  g_assert_cmpfloat_with_epsilon (r2.y, 2 * r1.y, 1e-6);
  g_assert_cmpfloat_with_epsilon (r2.height, 2 * r1.height, 1e-6);

  g_assert_finalize_object (layout);
}

static void
test_empty_document (void)
{
  g_autoptr(JmDocument) doc = jm_document_new ();
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_CONTRAST);
  JmLayout *layout = jm_layout_new (doc, theme);
  JmRect r;
  double w, h;
  guint a, b;

  jm_layout_get_size (layout, &w, &h);
  g_assert_cmpfloat (w, >, 0);
  g_assert_cmpfloat (h, >, 0);
  g_assert_cmpuint (jm_layout_get_n_stages (layout), ==, 0);
  g_assert_false (jm_layout_get_stage_range (layout, 0, 1000, &a, &b));
  g_assert_false (jm_layout_get_lane_range (layout, 0, 1000, &a, &b));
  g_assert_false (jm_layout_get_cell_rect (layout, 0, 0, &r));

  /* The "+" controls are all there is to hit. */
  jm_layout_get_add_stage_rect (layout, &r);
  g_assert_cmpint (jm_layout_hit_test (layout, r.x + 2, r.y + 2).kind, ==, JM_HIT_ADD_STAGE);
  jm_layout_get_add_lane_rect (layout, &r);
  g_assert_cmpint (jm_layout_hit_test (layout, r.x + 2, r.y + 2).kind, ==, JM_HIT_ADD_LANE);

  g_assert_finalize_object (layout);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/layout/cards-never-overlap", test_cards_never_overlap);
  g_test_add_func ("/core/layout/cells-grow-with-cards", test_cells_grow_with_cards);
  g_test_add_func ("/core/layout/rects-tile", test_rects_tile);
  g_test_add_func ("/core/layout/hit-test", test_hit_test);
  g_test_add_func ("/core/layout/hit-test-pinned", test_hit_test_pinned);
  g_test_add_func ("/core/layout/incremental-equals-fresh", test_incremental_equals_fresh);
  g_test_add_func ("/core/layout/hidden-lane", test_hidden_lane);
  g_test_add_func ("/core/layout/curve-shape", test_curve_shape);
  g_test_add_func ("/core/layout/cards-in-rect", test_cards_in_rect);
  g_test_add_func ("/core/layout/scale-text", test_scale_text);
  g_test_add_func ("/core/layout/empty-document", test_empty_document);

  return g_test_run ();
}
