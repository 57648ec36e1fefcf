/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Renderer: pixels where the layout says things are. */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "jm-core.h"
#include "model/jm-document-private.h"

static void
insert (JmDocument *doc,
        gpointer    element)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_jm_document_insert (doc, JM_ELEMENT (element), -1, &error));
  g_assert_no_error (error);
  g_object_unref (element);
}

static JmCard *
add_card (JmDocument *doc,
          const char *id,
          JmCardKind  kind,
          const char *stage,
          const char *lane,
          const char *text)
{
  JmCard *card = jm_card_new (id, kind, stage, lane, text);

  insert (doc, card);
  return card;
}

#define CHINESE "客户旅程地图中文测试"

/* 3 stages; lanes: behaviour, touchpoints (a banded row), emotions, pain points. */
static JmDocument *
make_document (void)
{
  JmDocument *doc = jm_document_new ();
  const char *roles[] = { "r1", NULL };
  JmCard *card;

  g_object_set (doc, "title", "Render test", NULL);
  insert (doc, jm_stage_new ("s1", "Discover"));
  insert (doc, jm_stage_new ("s2", "研究"));
  insert (doc, jm_stage_new ("s3", "Decide"));
  insert (doc, jm_lane_new ("l1", JM_LANE_KIND_BEHAVIOUR, "Behaviour"));
  insert (doc, jm_lane_new ("l2", JM_LANE_KIND_TOUCHPOINTS, "Touchpoints"));
  insert (doc, jm_lane_new ("l3", JM_LANE_KIND_EMOTIONS, "Emotions"));
  insert (doc, jm_lane_new ("l4", JM_LANE_KIND_PAIN_POINTS, "Pain points"));
  insert (doc, jm_role_new ("r1", JM_ROLE_KIND_DECISION_MAKER, "CTO"));

  card = add_card (doc, "c1", JM_CARD_KIND_BEHAVIOUR, "s1", "l1", "Reads");
  g_object_set (card, "roles", roles, NULL);
  add_card (doc, "c2", JM_CARD_KIND_BEHAVIOUR, "s2", "l1", "Compares");
  add_card (doc, "zh", JM_CARD_KIND_PAIN_POINT, "s1", "l4", CHINESE);
  add_card (doc, "empty", JM_CARD_KIND_PAIN_POINT, "s2", "l4", "");

  /* Emotions: +3 in s1, −3 in s3; the segment between crosses zero in s2. */
  card = jm_card_new ("e1", JM_CARD_KIND_EMOTION, "s1", "l3", "Happy");
  g_object_set (card, "score", 3, NULL);
  insert (doc, card);
  card = jm_card_new ("e2", JM_CARD_KIND_EMOTION, "s3", "l3", "Sad");
  g_object_set (card, "score", -3, NULL);
  insert (doc, card);

  insert (doc, jm_connection_new ("x1", "c1", "c2", JM_CONNECTION_KIND_NEXT));
  return doc;
}

typedef struct
{
  double r, g, b, a;
} Pixel;

static Pixel
get_pixel (cairo_surface_t *surface,
           double           x,
           double           y)
{
  int ix = (int) floor (x), iy = (int) floor (y);
  const guchar *data;
  guint32 p;
  Pixel px;

  cairo_surface_flush (surface);
  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (iy, <, cairo_image_surface_get_height (surface));

  data = cairo_image_surface_get_data (surface);
  data += iy * cairo_image_surface_get_stride (surface) + ix * 4;
  p = *(const guint32 *) (gconstpointer) data;
  px.a = (p >> 24) / 255.0;
  px.r = ((p >> 16) & 0xff) / 255.0;
  px.g = ((p >> 8) & 0xff) / 255.0;
  px.b = (p & 0xff) / 255.0;
  if (px.a > 0)
    {
      px.r /= px.a;
      px.g /= px.a;
      px.b /= px.a;
    }
  return px;
}

static double
distance (Pixel          p,
          const JmColor *c)
{
  return MAX (MAX (fabs (p.r - c->red), fabs (p.g - c->green)), fabs (p.b - c->blue));
}

static double
pixel_distance (Pixel a,
                Pixel b)
{
  return MAX (MAX (fabs (a.r - b.r), fabs (a.g - b.g)), fabs (a.b - b.b));
}

/* Colour c drawn with its alpha over an opaque background. */
static JmColor
over (const JmColor *c,
      const JmColor *background)
{
  JmColor out;

  jm_color_mix (background, c, c->alpha, &out);
  out.alpha = 1;
  return out;
}

typedef struct
{
  JmDocument      *doc;
  JmTheme         *theme;
  JmLayout        *layout;
  JmRenderer      *renderer;
  const JmPalette *palette;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->doc = make_document ();
  f->theme = jm_theme_new (GPOINTER_TO_INT (data));
  f->layout = jm_layout_new (f->doc, f->theme);
  f->renderer = jm_renderer_new (f->theme);
  f->palette = jm_theme_get_palette (f->theme);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->renderer);
  g_assert_finalize_object (f->layout);
  g_assert_finalize_object (f->theme);
  g_assert_finalize_object (f->doc);
}

/* The whole map at zoom 1 (1 px per unit), or as opts say. */
static cairo_surface_t *
render (Fixture         *f,
        JmRenderOptions *opts)
{
  JmRenderOptions defaults;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;

  jm_layout_get_size (f->layout, &w, &h);
  if (opts == NULL)
    {
      jm_render_options_init (&defaults);
      defaults.view = (JmRect) { 0, 0, ceil (w), ceil (h) };
      opts = &defaults;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil (opts->view.width * opts->zoom),
                                        (int) ceil (opts->view.height * opts->zoom));
  cr = cairo_create (surface);
  cairo_scale (cr, opts->zoom, opts->zoom);
  cairo_translate (cr, -opts->view.x, -opts->view.y);
  jm_renderer_draw (f->renderer, f->layout, cr, opts);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

static void
whole_map_options (Fixture         *f,
                   JmRenderOptions *opts)
{
  double w, h;

  jm_layout_get_size (f->layout, &w, &h);
  jm_render_options_init (opts);
  opts->view = (JmRect) { 0, 0, ceil (w), ceil (h) };
}

static void
test_card_colour (Fixture       *f,
                  gconstpointer  data)
{
  cairo_surface_t *surface = render (f, NULL);
  const JmKindStyle *style = jm_theme_get_kind_style (f->theme, JM_CARD_KIND_BEHAVIOUR);
  const JmKindStyle *pain = jm_theme_get_kind_style (f->theme, JM_CARD_KIND_PAIN_POINT);
  JmRect r;
  Pixel p;

  /* Right of the short text, above the footer: the card's fill. */
  g_assert_true (jm_layout_get_card_rect (f->layout, "c2", &r));
  p = get_pixel (surface, r.x + r.width - 24, r.y + r.height / 2);
  g_assert_cmpfloat (distance (p, &style->fill), <, 0.02);
  g_assert_cmpfloat (distance (p, &f->palette->background), >, 0.03);

  /* Left edge: the kind's accent stripe. */
  p = get_pixel (surface, r.x + 2, r.y + r.height / 2);
  g_assert_cmpfloat (distance (p, &style->accent), <, 0.02);

  /* A pain point is coloured by its own kind. */
  g_assert_true (jm_layout_get_card_rect (f->layout, "empty", &r));
  p = get_pixel (surface, r.x + r.width / 2, r.y + r.height / 2);
  g_assert_cmpfloat (distance (p, &pain->fill), <, 0.02);

  cairo_surface_destroy (surface);
}

static void
test_lane_band (Fixture       *f,
                gconstpointer  data)
{
  cairo_surface_t *surface = render (f, NULL);
  JmColor banded = over (&f->palette->lane_band, &f->palette->background);
  JmRect even, odd;
  Pixel pe, po;

  /* Empty cells: (s3, l1) is an even row, (s3, l2) an odd, banded one. */
  g_assert_true (jm_layout_get_cell_rect (f->layout, 2, 0, &even));
  g_assert_true (jm_layout_get_cell_rect (f->layout, 2, 1, &odd));
  pe = get_pixel (surface, even.x + even.width / 2, even.y + even.height / 2);
  po = get_pixel (surface, odd.x + odd.width / 2, odd.y + odd.height / 2);
  g_assert_cmpfloat (distance (pe, &f->palette->background), <, 0.01);
  g_assert_cmpfloat (distance (po, &banded), <, 0.01);
  g_assert_cmpfloat (pixel_distance (pe, po), >, 0.0);

  /* The lane header column is painted in the header colour. */
  g_assert_true (jm_layout_get_lane_header_rect (f->layout, 3, &odd));
  po = get_pixel (surface, odd.x + odd.width - 10, odd.y + odd.height - 6);
  g_assert_cmpfloat (distance (po, &f->palette->header_bg), <, 0.01);

  cairo_surface_destroy (surface);
}

static void
test_emotion_curve (Fixture       *f,
                    gconstpointer  data)
{
  cairo_surface_t *surface = render (f, NULL);
  const JmCurve *curve = jm_layout_get_curve (f->layout, 2);
  JmPoint a, b, q;
  Pixel p;

  g_assert_nonnull (curve);
  g_assert_cmpuint (curve->n_points, ==, 2);
  a = (JmPoint) { curve->points[0].x, curve->points[0].y };
  b = (JmPoint) { curve->points[1].x, curve->points[1].y };

  /* Along the curve: the curve colour above zero, the dip colour below. */
  for (guint i = 0; i < 3; i++)
    {
      double t = 0.3 + 0.05 * i;

      q = jm_bezier_point (&a, &curve->controls[0], &curve->controls[1], &b, t);
      g_assert_cmpfloat (q.y, <, curve->zero_y - 3);
      p = get_pixel (surface, q.x, q.y);
      g_assert_cmpfloat (distance (p, &f->palette->curve), <, 0.12);

      q = jm_bezier_point (&a, &curve->controls[0], &curve->controls[1], &b, 1 - t);
      g_assert_cmpfloat (q.y, >, curve->zero_y + 3);
      p = get_pixel (surface, q.x, q.y);
      g_assert_cmpfloat (distance (p, &f->palette->negative), <, 0.12);
    }

  /* The faces: the happy point green, the sad one red. */
  p = get_pixel (surface, a.x, a.y + jm_theme_get_sizes (f->theme)->emotion_radius * 0.7);
  g_assert_cmpfloat (distance (p, &f->palette->positive), <, 0.05);
  p = get_pixel (surface, b.x, b.y + jm_theme_get_sizes (f->theme)->emotion_radius * 0.7);
  g_assert_cmpfloat (distance (p, &f->palette->negative), <, 0.05);

  cairo_surface_destroy (surface);
}

static void
test_connector (Fixture       *f,
                gconstpointer  data)
{
  cairo_surface_t *surface = render (f, NULL);
  const JmConnector *c = jm_layout_lookup_connector (f->layout, "x1");
  JmColor expected;
  JmPoint mid;
  Pixel p;

  g_assert_nonnull (c);
  mid = jm_bezier_point (&c->p0, &c->c1, &c->c2, &c->p3, 0.5);
  p = get_pixel (surface, mid.x, mid.y);
  expected = over (&f->palette->connector, &f->palette->background);
  g_assert_cmpfloat (distance (p, &expected), <, 0.08);
  g_assert_cmpfloat (distance (p, &f->palette->background), >, 0.2);

  cairo_surface_destroy (surface);
}

/* Pixels of a card's text area that differ from the card's fill. */
static guint
count_ink (cairo_surface_t  *surface,
           Fixture          *f,
           const char       *card_id)
{
  const JmKindStyle *style = jm_theme_get_kind_style (f->theme, JM_CARD_KIND_PAIN_POINT);
  const JmThemeSizes *s = jm_theme_get_sizes (f->theme);
  guint ink = 0;
  JmRect r;

  g_assert_true (jm_layout_get_card_rect (f->layout, card_id, &r));
  for (double y = r.y + 4; y < r.y + r.height - s->card_footer - 4; y++)
    for (double x = r.x + 10; x < r.x + r.width - 4; x++)
      if (distance (get_pixel (surface, x, y), &style->fill) > 0.15)
        ink++;

  return ink;
}

static void
test_chinese_text (Fixture       *f,
                   gconstpointer  data)
{
  cairo_surface_t *surface = render (f, NULL);
  g_autoptr(GObject) context = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *desc;
  guint with_text, without;

  with_text = count_ink (surface, f, "zh");
  without = count_ink (surface, f, "empty");
  g_assert_cmpuint (without, ==, 0);
  g_assert_cmpuint (with_text, >, 150);

  /* Real glyphs, not boxes: the theme's fonts cover the Chinese text. */
  context = G_OBJECT (pango_font_map_create_context (pango_cairo_font_map_get_default ()));
  layout = pango_layout_new (PANGO_CONTEXT (context));
  desc = pango_font_description_from_string (jm_theme_get_font_family (f->theme));
  pango_font_description_set_absolute_size (desc, 13 * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, CHINESE " mixed English", -1);
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);

  cairo_surface_destroy (surface);
}

static void
test_role_lens (Fixture       *f,
                gconstpointer  data)
{
  JmRenderOptions opts;
  cairo_surface_t *plain, *lensed;
  JmRect tagged, untagged;
  Pixel a, b;

  whole_map_options (f, &opts);
  plain = render (f, &opts);
  opts.role_lens = "r1";
  lensed = render (f, &opts);

  g_assert_true (jm_layout_get_card_rect (f->layout, "c2", &untagged));
  a = get_pixel (plain, untagged.x + untagged.width - 24, untagged.y + untagged.height / 2);
  b = get_pixel (lensed, untagged.x + untagged.width - 24, untagged.y + untagged.height / 2);
  g_assert_cmpfloat (pixel_distance (a, b), >, 0.02);
  /* Dimmed toward the background. */
  g_assert_cmpfloat (distance (b, &f->palette->background), <,
                     distance (a, &f->palette->background));

  /* The tagged card looks the same. */
  g_assert_true (jm_layout_get_card_rect (f->layout, "c1", &tagged));
  a = get_pixel (plain, tagged.x + tagged.width - 24, tagged.y + 20);
  b = get_pixel (lensed, tagged.x + tagged.width - 24, tagged.y + 20);
  g_assert_cmpfloat (pixel_distance (a, b), <, 0.005);

  cairo_surface_destroy (plain);
  cairo_surface_destroy (lensed);
}

static void
test_pinned_headers (Fixture       *f,
                     gconstpointer  data)
{
  JmRenderOptions opts;
  cairo_surface_t *unpinned, *pinned;
  double hh = jm_layout_get_stage_header_height (f->layout);
  double lhw = jm_layout_get_lane_header_width (f->layout);
  JmRect card;
  Pixel a, b;

  /* Scrolled so that card c2's middle is at the top of the view, 100 units in. */
  g_assert_true (jm_layout_get_card_rect (f->layout, "c2", &card));
  jm_render_options_init (&opts);
  opts.view = (JmRect) { card.x - lhw - 20, card.y + card.height / 2 - 20, 600, 400 };
  unpinned = render (f, &opts);
  opts.pinned_headers = TRUE;
  pinned = render (f, &opts);

  /* The top-left of the view shows the card unpinned and the stage header row pinned. */
  a = get_pixel (unpinned, lhw + 20 + card.width - 24, 20);
  b = get_pixel (pinned, lhw + 20 + card.width - 24, 20);
  g_assert_cmpfloat (distance (a, &jm_theme_get_kind_style (f->theme, JM_CARD_KIND_BEHAVIOUR)->fill),
                     <, 0.02);
  g_assert_cmpfloat (distance (b, &f->palette->header_bg), <, 0.02);
  g_assert_cmpfloat (hh, >, 20);

  /* The left band is the lane header column. */
  b = get_pixel (pinned, lhw - 10, hh + 100);
  g_assert_cmpfloat (distance (b, &f->palette->header_bg), <, 0.02);

  cairo_surface_destroy (unpinned);
  cairo_surface_destroy (pinned);
}

static void
test_export_mode_and_spotlight (Fixture       *f,
                                gconstpointer  data)
{
  JmRenderOptions opts;
  cairo_surface_t *screen, *exported, *spot;
  JmRect add, r;
  Pixel a, b;

  whole_map_options (f, &opts);
  screen = render (f, &opts);
  opts.for_export = TRUE;
  exported = render (f, &opts);

  /* "+" controls on screen only. */
  jm_layout_get_add_stage_rect (f->layout, &add);
  a = get_pixel (screen, add.x + add.width / 2, add.y + add.height / 2);
  b = get_pixel (exported, add.x + add.width / 2, add.y + add.height / 2);
  g_assert_cmpfloat (distance (a, &f->palette->background), >, 0.1);
  g_assert_cmpfloat (distance (b, &f->palette->background), <, 0.01);

  /* Spotlight on stage 0: stage 1's card fades, stage 0's stays. */
  opts.for_export = FALSE;
  opts.spotlight_stage = 0;
  spot = render (f, &opts);
  g_assert_true (jm_layout_get_card_rect (f->layout, "c2", &r));
  a = get_pixel (screen, r.x + r.width - 24, r.y + r.height / 2);
  b = get_pixel (spot, r.x + r.width - 24, r.y + r.height / 2);
  g_assert_cmpfloat (pixel_distance (a, b), >, 0.01);
  g_assert_true (jm_layout_get_card_rect (f->layout, "c1", &r));
  a = get_pixel (screen, r.x + r.width - 24, r.y + 20);
  b = get_pixel (spot, r.x + r.width - 24, r.y + 20);
  g_assert_cmpfloat (pixel_distance (a, b), <, 0.005);

  cairo_surface_destroy (screen);
  cairo_surface_destroy (exported);
  cairo_surface_destroy (spot);
}

static void
test_selection_and_drop (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GHashTable) selection = g_hash_table_new (g_str_hash, g_str_equal);
  JmRenderOptions opts;
  cairo_surface_t *plain, *decorated;
  JmRect r, mark;
  Pixel p;

  whole_map_options (f, &opts);
  plain = render (f, &opts);
  g_hash_table_add (selection, (gpointer) "c2");
  opts.selection = selection;
  opts.drop_stage = 2;
  opts.drop_lane = 0;
  opts.drop_index = 0;
  decorated = render (f, &opts);

  /* A ring just outside the selected card. */
  g_assert_true (jm_layout_get_card_rect (f->layout, "c2", &r));
  p = get_pixel (decorated, r.x + r.width / 2, r.y - 2);
  g_assert_cmpfloat (distance (p, &f->palette->accent), <, 0.1);
  p = get_pixel (plain, r.x + r.width / 2, r.y - 2);
  g_assert_cmpfloat (distance (p, &f->palette->accent), >, 0.2);

  /* The insertion mark in the drop cell. */
  g_assert_true (jm_layout_get_insertion_mark (f->layout, 2, 0, 0, &mark));
  p = get_pixel (decorated, mark.x + mark.width / 2, mark.y + mark.height / 2);
  g_assert_cmpfloat (distance (p, &f->palette->accent), <, 0.1);

  cairo_surface_destroy (plain);
  cairo_surface_destroy (decorated);
}

static void
test_zoom_levels (Fixture       *f,
                  gconstpointer  data)
{
  const double zooms[] = { 0.25, 0.5, 1.0, 2.0 };
  const JmKindStyle *style = jm_theme_get_kind_style (f->theme, JM_CARD_KIND_BEHAVIOUR);

  /* At every zoom the card is where the layout says, in its colour. */
  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    {
      JmRenderOptions opts;
      cairo_surface_t *surface;
      JmRect r;
      Pixel p;

      whole_map_options (f, &opts);
      opts.zoom = zooms[i];
      surface = render (f, &opts);
      g_assert_true (jm_layout_get_card_rect (f->layout, "c2", &r));
      p = get_pixel (surface, (r.x + r.width - 24) * zooms[i], (r.y + r.height / 2) * zooms[i]);
      g_assert_cmpfloat (distance (p, &style->fill), <, 0.03);
      cairo_surface_destroy (surface);
    }
}

/* On screen, cards are drawn from cached images once the zoom holds still: the same pixels as
 * drawing them directly, and redrawn when the card changes. */
static void
test_cached_cards (Fixture       *f,
                   gconstpointer  data)
{
  const double zooms[] = { 1.0, 1.5 };

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      JmRenderOptions opts;
      cairo_surface_t *direct, *cached, *edited;
      g_auto(GValue) value = G_VALUE_INIT;
      guint differ = 0, total = 0, changed = 0;
      int w, h;
      JmRect r;

      whole_map_options (f, &opts);
      opts.zoom = zooms[z];
      jm_renderer_clear_cache (f->renderer);
      direct = render (f, &opts);     /* new zoom: drawn directly */
      cached = render (f, &opts);     /* same zoom: from images */

      w = cairo_image_surface_get_width (direct);
      h = cairo_image_surface_get_height (direct);
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          {
            Pixel a = get_pixel (direct, x, y);
            Pixel b = get_pixel (cached, x, y);

            total++;
            if (pixel_distance (a, b) > 10 / 255.0)
              differ++;
          }
      g_test_message ("zoom %g: %u of %u pixels differ", zooms[z], differ, total);
      g_assert_cmpuint (differ, <, total / 500);

      /* Edit c2's text: its image is redrawn. */
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, z == 0 ? "A much longer text that wraps over lines" : "Edited");
      g_assert_true (_jm_document_set_property (f->doc, jm_document_lookup (f->doc, "c2"), "text",
                                                &value, NULL));
      edited = render (f, &opts);
      g_assert_true (jm_layout_get_card_rect (f->layout, "c2", &r));
      for (double y = r.y; y < r.y + r.height; y++)
        for (double x = r.x; x < r.x + r.width; x++)
          if (pixel_distance (get_pixel (cached, x * zooms[z], y * zooms[z]),
                              get_pixel (edited, x * zooms[z], y * zooms[z])) > 0.1)
            changed++;
      g_assert_cmpuint (changed, >, 50);

      cairo_surface_destroy (direct);
      cairo_surface_destroy (cached);
      cairo_surface_destroy (edited);
    }
}

/* On a HiDPI screen (scale factor 2) cached card images have twice the pixels and match direct
 * drawing pixel for pixel. */
static void
test_cached_cards_hidpi (Fixture       *f,
                         gconstpointer  data)
{
  cairo_surface_t *surfaces[2];
  JmRenderOptions opts;
  double w, h;
  guint differ = 0, total = 0;

  jm_layout_get_size (f->layout, &w, &h);
  jm_render_options_init (&opts);
  opts.view = (JmRect) { 0, 0, ceil (w), ceil (h) };
  opts.scale_factor = 2;

  for (guint i = 0; i < 2; i++)
    {
      cairo_t *cr;

      surfaces[i] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * ceil (w), 2 * ceil (h));
      cairo_surface_set_device_scale (surfaces[i], 2, 2);
      cr = cairo_create (surfaces[i]);
      jm_renderer_draw (f->renderer, f->layout, cr, &opts);   /* first direct, then cached */
      cairo_destroy (cr);
    }

  for (int y = 0; y < cairo_image_surface_get_height (surfaces[0]); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surfaces[0]); x++)
      {
        total++;
        if (pixel_distance (get_pixel (surfaces[0], x, y), get_pixel (surfaces[1], x, y)) >
            10 / 255.0)
          differ++;
      }
  g_test_message ("%u of %u pixels differ", differ, total);
  g_assert_cmpuint (differ, <, total / 500);

  cairo_surface_destroy (surfaces[0]);
  cairo_surface_destroy (surfaces[1]);
}

/* Only what is visible is drawn: a small view of a big map shapes only a few texts. */
static void
test_visible_only (void)
{
  g_autoptr(JmDocument) doc = jm_document_new ();
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_LIGHT);
  g_autoptr(JmLayout) layout = NULL;
  g_autoptr(JmRenderer) renderer = jm_renderer_new (theme);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  cairo_t *cr = cairo_create (surface);
  JmRenderOptions opts;
  guint small_view;

  for (int s = 0; s < 20; s++)
    {
      g_autofree char *id = g_strdup_printf ("s%d", s);

      insert (doc, jm_stage_new (id, id));
    }
  insert (doc, jm_lane_new ("l1", JM_LANE_KIND_BEHAVIOUR, "Behaviour"));
  for (int i = 0; i < 2000; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%d", i);
      g_autofree char *stage = g_strdup_printf ("s%d", i % 20);
      g_autofree char *text = g_strdup_printf ("Card number %d", i);

      add_card (doc, id, JM_CARD_KIND_BEHAVIOUR, stage, "l1", text);
    }
  layout = jm_layout_new (doc, theme);

  jm_render_options_init (&opts);
  opts.view = (JmRect) { 0, 0, 800, 600 };
  jm_renderer_draw (renderer, layout, cr, &opts);
  small_view = jm_renderer_get_cache_size (renderer);
  /* 3 columns × ~5 cards + headers, not 2000. */
  g_assert_cmpuint (small_view, >, 5);
  g_assert_cmpuint (small_view, <, 60);

  jm_renderer_clear_cache (renderer);
  g_assert_cmpuint (jm_renderer_get_cache_size (renderer), ==, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_ellipsized (void)
{
  g_autoptr(JmDocument) doc = make_document ();
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_LIGHT);
  g_autoptr(JmLayout) layout = jm_layout_new (doc, theme);
  g_autoptr(JmRenderer) renderer = jm_renderer_new (theme);
  g_autoptr(GString) text = g_string_new (NULL);

  for (int i = 0; i < 40; i++)
    g_string_append (text, "long words ");
  add_card (doc, "long", JM_CARD_KIND_BEHAVIOUR, "s3", "l1", text->str);

  g_assert_false (jm_renderer_card_text_is_ellipsized (renderer, layout, "c1"));
  g_assert_true (jm_renderer_card_text_is_ellipsized (renderer, layout, "long"));
  g_assert_false (jm_renderer_card_text_is_ellipsized (renderer, layout, "nope"));
}

int
main (int   argc,
      char *argv[])
{
  const struct { const char *name; JmThemeKind kind; } themes[] = {
    { "light", JM_THEME_LIGHT },
    { "dark", JM_THEME_DARK },
    { "contrast", JM_THEME_CONTRAST },
  };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (themes); i++)
    {
      gconstpointer kind = GINT_TO_POINTER (themes[i].kind);
      g_autofree char *card = g_strdup_printf ("/core/render/%s/card-colour", themes[i].name);
      g_autofree char *band = g_strdup_printf ("/core/render/%s/lane-band", themes[i].name);
      g_autofree char *curve = g_strdup_printf ("/core/render/%s/emotion-curve", themes[i].name);
      g_autofree char *conn = g_strdup_printf ("/core/render/%s/connector", themes[i].name);
      g_autofree char *zh = g_strdup_printf ("/core/render/%s/chinese-text", themes[i].name);
      g_autofree char *lens = g_strdup_printf ("/core/render/%s/role-lens", themes[i].name);

      g_test_add (card, Fixture, kind, fixture_setup, test_card_colour, fixture_teardown);
      g_test_add (band, Fixture, kind, fixture_setup, test_lane_band, fixture_teardown);
      g_test_add (curve, Fixture, kind, fixture_setup, test_emotion_curve, fixture_teardown);
      g_test_add (conn, Fixture, kind, fixture_setup, test_connector, fixture_teardown);
      g_test_add (zh, Fixture, kind, fixture_setup, test_chinese_text, fixture_teardown);
      g_test_add (lens, Fixture, kind, fixture_setup, test_role_lens, fixture_teardown);
    }

  g_test_add ("/core/render/pinned-headers", Fixture, GINT_TO_POINTER (JM_THEME_LIGHT),
              fixture_setup, test_pinned_headers, fixture_teardown);
  g_test_add ("/core/render/export-mode-and-spotlight", Fixture, GINT_TO_POINTER (JM_THEME_LIGHT),
              fixture_setup, test_export_mode_and_spotlight, fixture_teardown);
  g_test_add ("/core/render/selection-and-drop", Fixture, GINT_TO_POINTER (JM_THEME_DARK),
              fixture_setup, test_selection_and_drop, fixture_teardown);
  g_test_add ("/core/render/zoom-levels", Fixture, GINT_TO_POINTER (JM_THEME_LIGHT),
              fixture_setup, test_zoom_levels, fixture_teardown);
  g_test_add ("/core/render/cached-cards", Fixture, GINT_TO_POINTER (JM_THEME_LIGHT),
              fixture_setup, test_cached_cards, fixture_teardown);
  g_test_add ("/core/render/cached-cards-hidpi", Fixture, GINT_TO_POINTER (JM_THEME_DARK),
              fixture_setup, test_cached_cards_hidpi, fixture_teardown);
  g_test_add_func ("/core/render/visible-only", test_visible_only);
  g_test_add_func ("/core/render/ellipsized", test_ellipsized);

  return g_test_run ();
}
