/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-layout-private.h: JmLayout's state and the helpers its files share (jm-layout.c,
 * -geometry.c, -curve.c, -connectors.c, -incremental.c, -hit.c). Not for use outside layout/. */
#pragma once

#include "jm-layout.h"

G_BEGIN_DECLS

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

static inline guint
jm_layout_cell_index (JmLayout *self,
                      guint     stage,
                      guint     lane)
{
  return stage * self->n_lanes + lane;
}

static inline guint
jm_layout_cell_len (JmLayout *self,
                    guint     stage,
                    guint     lane)
{
  GPtrArray *cell = self->cells[jm_layout_cell_index (self, stage, lane)];

  return cell != NULL ? cell->len : 0;
}

static inline double
jm_layout_stage_x (JmLayout *self,
                   guint     stage)
{
  return self->sizes.lane_header_width + stage * self->sizes.stage_width;
}

/* jm-layout.c */
void     jm_layout_add_damage          (JmLayout     *self,
                                        const JmRect *rect);
void     jm_layout_damage_all          (JmLayout     *self);
void     jm_layout_rebuild_cell        (JmLayout     *self,
                                        guint         stage,
                                        guint         lane);
void     jm_layout_update_row_max      (JmLayout     *self,
                                        guint         lane);
void     jm_layout_full_layout         (JmLayout     *self);

/* jm-layout-geometry.c */
void     jm_layout_compute_offsets     (JmLayout     *self);
void     jm_layout_emotion_point       (JmLayout     *self,
                                        CardEntry    *entry,
                                        JmPoint      *point);
gboolean jm_layout_entry_rect          (JmLayout     *self,
                                        CardEntry    *entry,
                                        JmRect       *rect);
int      jm_layout_lane_at             (JmLayout     *self,
                                        double        y);

/* jm-layout-curve.c */
void     jm_layout_curve_data_free     (gpointer      data);
void     jm_layout_compute_curves      (JmLayout     *self,
                                        gboolean      track_damage);

/* jm-layout-connectors.c */
void     jm_layout_compute_connectors  (JmLayout     *self,
                                        gboolean      track_damage);
gboolean jm_layout_reroute_connectors  (JmLayout     *self);

/* jm-layout-incremental.c */
void     jm_layout_ensure_updated      (JmLayout     *self);
void     jm_layout_document_changed_cb (JmLayout     *self,
                                        JmChangeType  type,
                                        JmElement    *element,
                                        const char   *property,
                                        JmDocument   *document);
void     jm_layout_theme_changed_cb    (JmLayout     *self,
                                        GParamSpec   *pspec,
                                        JmTheme      *theme);

G_END_DECLS
