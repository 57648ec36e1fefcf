/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-canvas-fixture.c: the window, model and geometry helpers of the canvas UI tests
 * (test-canvas.c, test-canvas-edit.c; see jm-canvas-fixture.h). */
#include "config.h"

#include "jm-canvas-fixture.h"

#include <gdk/x11/gdkx.h>

/* Model helpers */

GBytes *
save (Fixture *f)
{
  return jm_json_save_bytes (f->document);
}

int
lane_of_kind (Fixture    *f,
              JmLaneKind  kind)
{
  for (guint l = 0; l < jm_document_get_n_lanes (f->document); l++)
    if (jm_lane_get_kind (jm_document_get_lane (f->document, l)) == kind)
      return l;

  g_assert_not_reached ();
  return -1;
}

GPtrArray *
cell (Fixture *f,
      guint    stage,
      guint    lane)
{
  JmStage *st = jm_document_get_stage (f->document, stage);
  JmLane *ln = jm_document_get_lane (f->document, lane);

  return jm_document_get_cell (f->document, jm_element_get_id (JM_ELEMENT (st)),
                               jm_element_get_id (JM_ELEMENT (ln)));
}

JmCard *
card_at (Fixture *f,
         guint    stage,
         guint    lane,
         guint    index)
{
  GPtrArray *cards = cell (f, stage, lane);

  g_assert_nonnull (cards);
  g_assert_cmpuint (index, <, cards->len);
  return g_ptr_array_index (cards, index);
}

const char *
stage_id (Fixture *f,
          guint    stage)
{
  return jm_element_get_id (JM_ELEMENT (jm_document_get_stage (f->document, stage)));
}

/* Geometry, in canvas widget coordinates */

void
to_widget (Fixture      *f,
           const JmRect *doc,
           graphene_rect_t *out)
{
  jm_layout_update (jm_canvas_get_layout (f->canvas), NULL);
  jm_canvas_doc_to_widget_rect (f->canvas, doc, out);
}

void
card_center (Fixture    *f,
             const char *card_id,
             double     *x,
             double     *y)
{
  JmRect r;
  graphene_rect_t w;

  g_assert_true (jm_layout_get_card_rect (jm_canvas_get_layout (f->canvas), card_id, &r));
  to_widget (f, &r, &w);
  *x = w.origin.x + w.size.width / 2;
  *y = w.origin.y + w.size.height / 2;
}

void
cell_rect (Fixture         *f,
           guint            stage,
           guint            lane,
           graphene_rect_t *out)
{
  JmRect r;

  g_assert_true (jm_layout_get_cell_rect (jm_canvas_get_layout (f->canvas), stage, lane, &r));
  to_widget (f, &r, out);
}

/* A point in an empty part of a cell of a lane holding text cards, scrolled into view. */
gboolean
find_empty_spot (Fixture *f,
                 guint   *stage,
                 guint   *lane,
                 double  *x,
                 double  *y)
{
  JmLayout *layout = jm_canvas_get_layout (f->canvas);
  const JmThemeSizes *sizes = jm_theme_get_sizes (jm_canvas_get_theme (f->canvas));

  for (guint l = 0; l < jm_document_get_n_lanes (f->document); l++)
    {
      if (jm_lane_get_kind (jm_document_get_lane (f->document, l)) == JM_LANE_KIND_EMOTIONS)
        continue;
      for (guint s = 0; s < jm_document_get_n_stages (f->document); s++)
        {
          GPtrArray *cards = cell (f, s, l);
          guint n = cards != NULL ? cards->len : 0;
          JmRect r, spot;
          graphene_rect_t w;

          g_assert_true (jm_layout_get_cell_rect (layout, s, l, &r));
          spot.x = r.x + sizes->cell_padding;
          spot.width = r.width - 2 * sizes->cell_padding;
          spot.y = r.y + sizes->cell_padding + n * (sizes->card_height + sizes->card_gap);
          spot.height = sizes->card_height;
          if (spot.y + spot.height > r.y + r.height)
            continue;

          jm_canvas_scroll_to_rect (f->canvas, &spot);
          jm_test_sync ();
          to_widget (f, &spot, &w);
          *x = w.origin.x + w.size.width / 2;
          *y = w.origin.y + w.size.height / 2;
          if (jm_canvas_hit_test (f->canvas, *x, *y).kind != JM_HIT_CELL)
            continue;
          *stage = s;
          *lane = l;
          return TRUE;
        }
    }

  return FALSE;
}

/* Fixture */

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box;
  GtkWidget *palette_scroller;

  f->document = jm_test_new_sample ("en");
  f->history = jm_history_new (f->document);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1240, 860);
  gtk_window_set_decorated (GTK_WINDOW (f->window), FALSE);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  f->palette = JM_CARD_PALETTE (jm_card_palette_new ());
  palette_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (palette_scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (palette_scroller), GTK_WIDGET (f->palette));
  gtk_widget_set_size_request (palette_scroller, 180, -1);
  gtk_box_append (GTK_BOX (box), palette_scroller);

  f->canvas = JM_CANVAS (jm_canvas_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (f->canvas), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (f->canvas), TRUE);
  f->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (f->scroller), GTK_WIDGET (f->canvas));
  gtk_widget_set_hexpand (f->scroller, TRUE);
  gtk_box_append (GTK_BOX (box), f->scroller);
  gtk_window_set_child (GTK_WINDOW (f->window), box);

  jm_canvas_set_history (f->canvas, f->history);
  jm_card_palette_set_canvas (f->palette, f->canvas);

  /* Clicks are never taken for a double click by their timing; the double click test
   * allows one. */
  g_object_set (gtk_settings_get_default (), "gtk-double-click-time", 0, NULL);

  jm_test_present_and_wait (GTK_WINDOW (f->window), GTK_WIDGET (f->canvas), 600, 400);
  jm_test_focus_window (f->window);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jm_test_destroy_window_and_map (f->window, &f->history, f->document);
}

int
canvas_test_init (int    *argc,
                  char ***argv)
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it empties XDG_DATA_DIRS, and without the shared MIME
   * database gdk-pixbuf no longer recognises the SVG icons. Nothing here writes files. */
  if (!jm_test_init (argc, argv))
    return 77;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_printerr ("These tests drive the canvas through XTEST: they need an X11 display.\n");
      return 1;
    }

  return 0;
}
