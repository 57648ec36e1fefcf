/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmCanvas view: widget ↔ document coordinates, scrolling (GtkScrollable adjustments), size
 * and drawing (one call to the core renderer with the visible rectangle, and the dragged
 * cards' ghosts). */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include <math.h>

#include "jm-canvas-private.h"

/* View geometry */

void
jm_canvas_get_view (JmCanvas *self,
                    JmRect   *view)
{
  double h = self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
  double v = self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;

  view->x = h / self->zoom;
  view->y = v / self->zoom;
  view->width = gtk_widget_get_width (GTK_WIDGET (self)) / self->zoom;
  view->height = gtk_widget_get_height (GTK_WIDGET (self)) / self->zoom;
}

void
jm_canvas_widget_to_doc (JmCanvas *self,
                         double    wx,
                         double    wy,
                         double   *dx,
                         double   *dy)
{
  double h = self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
  double v = self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;

  *dx = (wx + h) / self->zoom;
  *dy = (wy + v) / self->zoom;
}

void
jm_canvas_doc_to_widget_rect (JmCanvas        *self,
                              const JmRect    *doc,
                              graphene_rect_t *out)
{
  double h = self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
  double v = self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;

  graphene_rect_init (out,
                      doc->x * self->zoom - h,
                      doc->y * self->zoom - v,
                      doc->width * self->zoom,
                      doc->height * self->zoom);
}

JmHit
jm_canvas_hit_test (JmCanvas *self,
                    double    wx,
                    double    wy)
{
  JmHit none = { JM_HIT_NONE, -1, -1, NULL, -1 };
  JmRect view;
  double x, y;

  if (self->layout == NULL)
    return none;

  jm_canvas_get_view (self, &view);
  jm_canvas_widget_to_doc (self, wx, wy, &x, &y);

  return jm_layout_hit_test_pinned (self->layout, x, y, &view);
}

/* Scrolling */

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         content,
                      double         viewport,
                      double         value)
{
  double upper = MAX (content, viewport);

  value = CLAMP (value, 0, MAX (upper - viewport, 0));
  gtk_adjustment_configure (adjustment, value, 0, upper,
                            viewport * 0.1, viewport * 0.9, viewport);
}

void
jm_canvas_update_layout_size (JmCanvas *self)
{
  if (self->layout != NULL)
    jm_layout_get_size (self->layout, &self->layout_width, &self->layout_height);
  else
    self->layout_width = self->layout_height = 0;
}

void
jm_canvas_configure_adjustments (JmCanvas *self,
                                 double    hvalue,
                                 double    vvalue)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->hadjustment != NULL)
    configure_adjustment (self->hadjustment, ceil (self->layout_width * self->zoom), width, hvalue);
  if (self->vadjustment != NULL)
    configure_adjustment (self->vadjustment, ceil (self->layout_height * self->zoom), height,
                          vvalue);
}

void
jm_canvas_scroll_by (JmCanvas *self,
                     double    dx,
                     double    dy)
{
  if (self->hadjustment != NULL && dx != 0)
    gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_value (self->hadjustment) + dx);
  if (self->vadjustment != NULL && dy != 0)
    gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) + dy);
}

/* Scrolls the least so that rect (document units) is visible beside the pinned headers. A
 * rect inside the stage header row only scrolls horizontally; one inside the lane header
 * column only vertically. */
void
jm_canvas_scroll_to_rect (JmCanvas     *self,
                          const JmRect *rect)
{
  JmRect view;
  double hh, lhw, margin = 12 / self->zoom;
  double x, y;

  if (self->layout == NULL)
    return;

  jm_canvas_get_view (self, &view);
  hh = jm_layout_get_stage_header_height (self->layout);
  lhw = jm_layout_get_lane_header_width (self->layout);
  x = view.x;
  y = view.y;

  if (rect->x >= lhw)
    {
      if (rect->x + rect->width > view.x + view.width)
        x = rect->x + rect->width + margin - view.width;
      if (rect->x < x + lhw)
        x = rect->x - lhw - margin;
    }
  if (rect->y >= hh)
    {
      if (rect->y + rect->height > view.y + view.height)
        y = rect->y + rect->height + margin - view.height;
      if (rect->y < y + hh)
        y = rect->y - hh - margin;
    }

  if (self->hadjustment != NULL && x != view.x)
    gtk_adjustment_set_value (self->hadjustment, MAX (x, 0) * self->zoom);
  if (self->vadjustment != NULL && y != view.y)
    gtk_adjustment_set_value (self->vadjustment, MAX (y, 0) * self->zoom);
}

void
jm_canvas_adjustment_value_changed_cb (JmCanvas      *self,
                                       GtkAdjustment *adjustment)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->edit_kind != JM_EDIT_NONE ||
      (self->rubber_band != NULL && gtk_widget_get_visible (self->rubber_band)))
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
jm_canvas_set_adjustment (JmCanvas       *self,
                          GtkAdjustment **field,
                          GtkAdjustment  *adjustment,
                          GParamSpec     *pspec)
{
  if (adjustment != NULL && *field == adjustment)
    return;

  if (*field != NULL)
    {
      g_signal_handlers_disconnect_by_func (*field, jm_canvas_adjustment_value_changed_cb, self);
      g_clear_object (field);
    }

  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  *field = g_object_ref_sink (adjustment);
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (jm_canvas_adjustment_value_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

void
jm_canvas_scroll_to_element (JmCanvas   *self,
                             const char *id)
{
  JmElement *element;
  JmRect rect;
  int index;

  g_return_if_fail (JM_IS_CANVAS (self));

  if (self->document == NULL || id == NULL)
    return;

  element = jm_document_lookup (self->document, id);
  if (element == NULL)
    return;

  /* The getters lay out what changed; the damage stays for update_idle_cb(). */
  index = jm_document_index_of (self->document, element);

  if (JM_IS_CARD (element))
    {
      if (!jm_layout_get_card_rect (self->layout, id, &rect))
        return;
    }
  else if (JM_IS_STAGE (element))
    {
      if (!jm_layout_get_stage_header_rect (self->layout, index, &rect))
        return;
    }
  else if (JM_IS_LANE (element))
    {
      if (!jm_layout_get_lane_header_rect (self->layout, index, &rect))
        return;
    }
  else if (JM_IS_CONNECTION (element))
    {
      const JmConnector *c = jm_layout_lookup_connector (self->layout, id);

      if (c == NULL)
        return;
      rect = c->bounds;
    }
  else
    return;

  jm_canvas_scroll_to_rect (self, &rect);
}

/* GtkWidget */

void
jm_canvas_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  JmCanvas *self = JM_CANVAS (widget);

  *minimum = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = ceil (self->layout_width * self->zoom);
  else
    *natural = ceil (self->layout_height * self->zoom);
}

void
jm_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  JmCanvas *self = JM_CANVAS (widget);
  double h = self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
  double v = self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;

  jm_canvas_update_layout_size (self);
  jm_canvas_configure_adjustments (self, h, v);
  jm_canvas_allocate_children (self, width, height);
}

static void
render_options (JmCanvas        *self,
                JmRenderOptions *opts)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  jm_render_options_init (opts);
  jm_canvas_get_view (self, &opts->view);
  opts->zoom = self->zoom * scale;
  opts->selection = self->selection;
  opts->hover_id = self->hover_id;
  opts->role_lens = self->role_lens;
  opts->spotlight_stage = self->spotlight_stage;
  opts->pinned_headers = TRUE;

  if (self->drop_stage >= 0)
    {
      opts->drop_stage = self->drop_stage;
      opts->drop_lane = self->drop_lane;
      opts->drop_index = self->drop_index;
    }
  else if (self->focus_visible_cell && self->focus_stage >= 0 && self->focus_lane >= 0 &&
           gtk_widget_has_focus (GTK_WIDGET (self)))
    {
      opts->drop_stage = self->focus_stage;
      opts->drop_lane = self->focus_lane;
      opts->drop_index = -1;
    }

  if (self->has_preview)
    opts->preview = &self->preview;
}

/* The dragged cards follow the pointer: the renderer draws each card's rectangle again,
 * clipped to the card and shifted by the pointer's travel in document units. */
static void
snapshot_drag_ghosts (JmCanvas        *self,
                      GtkSnapshot     *snapshot,
                      const JmRenderOptions *base)
{
  const JmThemeSizes *sizes = jm_theme_get_sizes (self->theme);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double x0, y0, x1, y1, ox, oy;
  double h0 = self->start_hvalue, v0 = self->start_vvalue;

  x0 = (self->start_x + h0) / self->zoom;
  y0 = (self->start_y + v0) / self->zoom;
  jm_canvas_widget_to_doc (self, self->pointer_x, self->pointer_y, &x1, &y1);
  ox = x1 - x0;
  oy = y1 - y0;

  gtk_snapshot_push_opacity (snapshot, 0.8);

  for (guint i = 0; i < self->drag_ids->len && i < 24; i++)
    {
      const char *id = g_ptr_array_index (self->drag_ids, i);
      JmRenderOptions opts = *base;
      GskRoundedRect clip;
      graphene_rect_t area;
      JmRect r, moved;
      cairo_t *cr;

      if (!jm_layout_get_card_rect (self->layout, id, &r))
        continue;

      moved = r;
      moved.x += ox;
      moved.y += oy;
      jm_canvas_doc_to_widget_rect (self, &moved, &area);
      if (!graphene_rect_intersection (&area, &GRAPHENE_RECT_INIT (0, 0, width, height), NULL))
        continue;

      gsk_rounded_rect_init_from_rect (&clip, &area,
                                       MIN (sizes->card_radius * self->zoom,
                                            MIN (area.size.width, area.size.height) / 2));
      gtk_snapshot_push_rounded_clip (snapshot, &clip);

      cr = gtk_snapshot_append_cairo (snapshot, &area);
      cairo_scale (cr, self->zoom, self->zoom);
      cairo_translate (cr, ox - base->view.x, oy - base->view.y);

      opts.view = r;
      opts.transparent = TRUE;
      opts.pinned_headers = FALSE;
      opts.hover_id = NULL;
      opts.drop_stage = opts.drop_lane = opts.drop_index = -1;
      opts.preview = NULL;
      opts.spotlight_stage = -1;
      jm_renderer_draw (self->renderer, self->layout, cr, &opts);
      cairo_destroy (cr);

      gtk_snapshot_pop (snapshot);
    }

  gtk_snapshot_pop (snapshot);
}

void
jm_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  JmCanvas *self = JM_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  JmRenderOptions opts;
  cairo_t *cr;

  if (self->layout == NULL || width <= 0 || height <= 0)
    return;

  render_options (self, &opts);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, self->zoom, self->zoom);
  cairo_translate (cr, -opts.view.x, -opts.view.y);
  jm_renderer_draw (self->renderer, self->layout, cr, &opts);
  cairo_destroy (cr);

  if (self->drag_mode == JM_DRAG_CARDS && self->drag_moved)
    snapshot_drag_ghosts (self, snapshot, &opts);

  if (self->rubber_band != NULL && gtk_widget_get_visible (self->rubber_band))
    gtk_widget_snapshot_child (widget, self->rubber_band, snapshot);
  if (self->editor != NULL && gtk_widget_get_visible (self->editor))
    gtk_widget_snapshot_child (widget, self->editor, snapshot);
}
