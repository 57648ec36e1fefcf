/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmLayout: the geometry of a journey map — pure math, no drawing, no widgets.
 *
 * Coordinates are document units (1 unit = 1 px at zoom 1), origin at the map's top-left:
 *
 *   +--------+---------+---------+-----+
 *   | corner | stage 0 | stage 1 | [+] |   ← stage header row (height: stage header height)
 *   +--------+---------+---------+-----+
 *   | lane 0 | cell    | cell    |
 *   +--------+---------+---------+
 *   | lane 1 | cell    | cell    |
 *   +--------+---------+---------+
 *   |  [+]   |                          ← add-lane control
 *
 * Stages are columns of equal width; lanes are rows. A cell stacks its cards vertically, all
 * cards of one height (text beyond the theme's card_lines is ellipsised; the full text belongs
 * in a tooltip or the inspector). A lane row is as tall as its fullest cell, at least one
 * card. An emotions lane has a fixed height and holds the emotion curve: one point per emotion
 * card (a stage with several spreads them across its column), each card's label ("bubble")
 * above or below its point. Hidden lanes take no space.
 *
 * The layout follows its document's "changed" signal and its theme's "scale-text": a change
 * only marks what is dirty; the work happens in jm_layout_update() — or lazily in the next
 * getter. Moving one card re-lays its old and new cell, recomputes that lane's height and the
 * row offsets (card rectangles are derived from cell offsets on demand), then curves and
 * connectors; it never walks every card.
 *
 * Element ids returned in structs (JmHit, JmCurvePoint, JmConnector) are borrowed from the
 * document: valid until its next change. */
#pragma once

#include <glib-object.h>

#include "jm-types.h"
#include "model/jm-document.h"
#include "render/jm-theme.h"

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} JmRect;

typedef struct
{
  double x;
  double y;
} JmPoint;

gboolean jm_rect_is_empty    (const JmRect *rect);
gboolean jm_rect_contains    (const JmRect *rect,
                              double        x,
                              double        y);
gboolean jm_rect_intersects  (const JmRect *a,
                              const JmRect *b);
/* out = smallest rect holding a and b (an empty rect counts as nothing). out may be a or b. */
void     jm_rect_union       (const JmRect *a,
                              const JmRect *b,
                              JmRect       *out);
/* Point of a cubic Bézier p0, c1, c2, p3 at t ∈ [0, 1]. */
JmPoint  jm_bezier_point     (const JmPoint *p0,
                              const JmPoint *c1,
                              const JmPoint *c2,
                              const JmPoint *p3,
                              double         t);

typedef enum {
  JM_HIT_NONE,
  JM_HIT_CARD,          /* element_id = card; index = insertion index before/after it */
  JM_HIT_CARD_HANDLE,   /* connector handle at the card's right edge; element_id = card */
  JM_HIT_CELL,          /* empty part of a cell; index = insertion index at the point */
  JM_HIT_STAGE_HEADER,  /* element_id = stage */
  JM_HIT_LANE_HEADER,   /* element_id = lane */
  JM_HIT_CURVE_POINT,   /* element_id = emotion card */
  JM_HIT_CONNECTION,    /* element_id = connection */
  JM_HIT_ADD_STAGE,
  JM_HIT_ADD_LANE,
} JmHitKind;

typedef struct
{
  JmHitKind   kind;
  int         stage;       /* stage index, or −1 */
  int         lane;        /* lane index, or −1 */
  const char *element_id;  /* borrowed, or NULL */
  int         index;       /* insertion index in the cell (drops), or −1 */
} JmHit;

/* One point of an emotion curve. */
typedef struct
{
  double      x;
  double      y;
  double      score;       /* JM_SCORE_MIN … JM_SCORE_MAX */
  guint       stage;       /* stage index */
  const char *stage_id;
  const char *card_id;     /* the emotion card */
} JmCurvePoint;

/* The curve of one emotions lane: a smooth (monotone cubic) path through its points in x
 * order; segment i goes from points[i] to points[i + 1] with control points
 * controls[2 i] and controls[2 i + 1]. */
typedef struct
{
  guint               lane;        /* lane index */
  double              zero_y;      /* y of score 0 */
  double              top_y;       /* y of JM_SCORE_MAX */
  double              bottom_y;    /* y of JM_SCORE_MIN */
  guint               n_points;
  const JmCurvePoint *points;
  const JmPoint      *controls;    /* 2 × (n_points − 1) */
} JmCurve;

/* A connection's arrow: a cubic Bézier from p0 (at the source card) to p3 (at the target
 * card). "next" arrows go right edge → left edge; step backs (and any arrow going to an earlier
 * stage) leave the source's top and arc above to the target's top; arrows within one stage loop
 * out to the right. */
typedef struct
{
  const char      *id;
  const char      *from_id;
  const char      *to_id;
  JmConnectionKind kind;
  gboolean         arc;        /* TRUE when routed above (top to top) */
  JmPoint          p0;
  JmPoint          c1;
  JmPoint          c2;
  JmPoint          p3;
  JmRect           bounds;     /* holds the curve and the arrow head */
} JmConnector;

/* Called for each card in a rect, in stage, lane, cell order. */
typedef void (*JmLayoutCardFunc) (JmCard       *card,
                                  const JmRect *rect,
                                  guint         stage,
                                  guint         lane,
                                  guint         index,
                                  gpointer      user_data);

#define JM_TYPE_LAYOUT (jm_layout_get_type ())
G_DECLARE_FINAL_TYPE (JmLayout, jm_layout, JM, LAYOUT, GObject)

JmLayout           *jm_layout_new                 (JmDocument  *document,
                                                   JmTheme     *theme);
JmDocument         *jm_layout_get_document        (JmLayout    *self);
JmTheme            *jm_layout_get_theme           (JmLayout    *self);

/* Does the pending work. Returns TRUE if any geometry changed since the previous call; damage
 * (optional) receives the union of everything that moved, old and new places — what a view
 * must repaint (the whole map after a structural change). */
gboolean            jm_layout_update              (JmLayout    *self,
                                                   JmRect      *damage);
/* Drops everything and lays out from scratch (the benchmark and tests use it). */
void                jm_layout_invalidate          (JmLayout    *self);

/* The whole map with the "+" controls. */
void                jm_layout_get_size            (JmLayout    *self,
                                                   double      *width,
                                                   double      *height);
/* Headers and cells only, without the "+" controls: what an export shows. */
void                jm_layout_get_grid_size       (JmLayout    *self,
                                                   double      *width,
                                                   double      *height);
double              jm_layout_get_stage_header_height (JmLayout *self);
double              jm_layout_get_lane_header_width   (JmLayout *self);
gboolean            jm_layout_stage_has_goals     (JmLayout    *self);
gboolean            jm_layout_stage_has_metrics   (JmLayout    *self);

guint               jm_layout_get_n_stages        (JmLayout    *self);
guint               jm_layout_get_n_lanes         (JmLayout    *self);
/* Borrowed element of a column / row. */
JmStage            *jm_layout_get_stage           (JmLayout    *self,
                                                   guint        stage);
JmLane             *jm_layout_get_lane            (JmLayout    *self,
                                                   guint        lane);
/* The whole column of a stage, header included; FALSE out of range. */
gboolean            jm_layout_get_stage_rect      (JmLayout    *self,
                                                   guint        stage,
                                                   JmRect      *rect);
gboolean            jm_layout_get_stage_header_rect (JmLayout  *self,
                                                   guint        stage,
                                                   JmRect      *rect);
/* The whole row of a lane, header included (height 0 when hidden). */
gboolean            jm_layout_get_lane_rect       (JmLayout    *self,
                                                   guint        lane,
                                                   JmRect      *rect);
gboolean            jm_layout_get_lane_header_rect (JmLayout   *self,
                                                   guint        lane,
                                                   JmRect      *rect);
gboolean            jm_layout_get_cell_rect       (JmLayout    *self,
                                                   guint        stage,
                                                   guint        lane,
                                                   JmRect      *rect);
/* The top-left box above the lane headers (map title). */
void                jm_layout_get_corner_rect     (JmLayout    *self,
                                                   JmRect      *rect);
void                jm_layout_get_add_stage_rect  (JmLayout    *self,
                                                   JmRect      *rect);
void                jm_layout_get_add_lane_rect   (JmLayout    *self,
                                                   JmRect      *rect);

/* A card's rectangle (for emotion cards in an emotions lane: their label bubble). FALSE for
 * unknown cards and cards in hidden lanes. stage, lane, index may be NULL. */
gboolean            jm_layout_get_card_rect       (JmLayout    *self,
                                                   const char  *card_id,
                                                   JmRect      *rect);
gboolean            jm_layout_get_card_position   (JmLayout    *self,
                                                   const char  *card_id,
                                                   guint       *stage,
                                                   guint       *lane,
                                                   guint       *index);
/* The connector handle's centre, at the middle of the card's right edge. */
gboolean            jm_layout_get_card_handle     (JmLayout    *self,
                                                   const char  *card_id,
                                                   JmPoint     *center);
/* The curve point of an emotion card in an emotions lane. */
gboolean            jm_layout_get_card_point      (JmLayout    *self,
                                                   const char  *card_id,
                                                   JmPoint     *point);

/* Index ranges of the stages and lanes a rect touches; FALSE if none. */
gboolean            jm_layout_get_stage_range     (JmLayout    *self,
                                                   double       x0,
                                                   double       x1,
                                                   guint       *first,
                                                   guint       *last);
gboolean            jm_layout_get_lane_range      (JmLayout    *self,
                                                   double       y0,
                                                   double       y1,
                                                   guint       *first,
                                                   guint       *last);
/* Every card whose rect intersects rect; visits only the cells (and the cards within them)
 * the rect touches. */
void                jm_layout_foreach_card_in_rect (JmLayout        *self,
                                                    const JmRect    *rect,
                                                    JmLayoutCardFunc func,
                                                    gpointer         user_data);
/* Rubber-band selection: new array of new references to the JmCards intersecting rect. */
GPtrArray          *jm_layout_dup_cards_in_rect   (JmLayout    *self,
                                                   const JmRect *rect);

/* Drag feedback: where a card dropped at (stage, lane, index) would go — a bar between
 * cards (horizontal; vertical in an emotions lane). FALSE out of range. */
gboolean            jm_layout_get_insertion_mark  (JmLayout    *self,
                                                   guint        stage,
                                                   guint        lane,
                                                   guint        index,
                                                   JmRect      *rect);

/* The curve of an emotions lane, or NULL (other lanes, hidden lanes). Borrowed: valid until
 * the next update. */
const JmCurve      *jm_layout_get_curve           (JmLayout    *self,
                                                   guint        lane);
/* y of a score in an emotions lane, and back (clamped to the score range) — for dragging a
 * point. */
double              jm_layout_score_to_y          (JmLayout    *self,
                                                   guint        lane,
                                                   double       score);
double              jm_layout_y_to_score          (JmLayout    *self,
                                                   guint        lane,
                                                   double       y);

/* Connectors, in the document's connection order (connections touching a hidden card are
 * left out). Borrowed: valid until the next update. */
guint               jm_layout_get_n_connectors    (JmLayout    *self);
const JmConnector  *jm_layout_get_connector       (JmLayout    *self,
                                                   guint        index);
const JmConnector  *jm_layout_lookup_connector    (JmLayout    *self,
                                                   const char  *connection_id);
/* Where a connector from a card would end if dropped at (x, y) — for the drag preview. */
void                jm_layout_get_preview_connector (JmLayout  *self,
                                                   const char  *from_card_id,
                                                   double       x,
                                                   double       y,
                                                   JmConnector *out);

/* What is at (x, y). Priority: "+" controls, headers, curve points, card handles, cards,
 * connectors, cells. */
JmHit               jm_layout_hit_test            (JmLayout    *self,
                                                   double       x,
                                                   double       y);
/* The same with headers pinned to the edges of view (as the renderer draws them with
 * pinned_headers): a point over the pinned stage header row or lane header column hits the
 * header, not what scrolled underneath. */
JmHit               jm_layout_hit_test_pinned     (JmLayout    *self,
                                                   double       x,
                                                   double       y,
                                                   const JmRect *view);

G_END_DECLS
