/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exports: checked by content — pixels where the layout puts cards, text pdftotext finds. */
#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "jm-core.h"
#include "model/jm-document-private.h"

#define CHINESE "制造企业采购旅程"

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
          const char *text)
{
  insert (doc, jm_card_new (id, kind, stage, lane, text));
}

static JmDocument *
make_document (guint n_stages)
{
  JmDocument *doc = jm_document_new ();
  const char *roles[] = { "r1", NULL };
  JmCard *card;

  g_object_set (doc, "title", "Export test map", "author", "Ada Tester", NULL);
  for (guint i = 0; i < n_stages; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i + 1);
      g_autofree char *title = g_strdup_printf ("Stage %u", i + 1);

      insert (doc, jm_stage_new (id, title));
    }
  insert (doc, jm_lane_new ("l1", JM_LANE_KIND_BEHAVIOUR, "Behaviour"));
  insert (doc, jm_lane_new ("l2", JM_LANE_KIND_PAIN_POINTS, "Pain points"));
  insert (doc, jm_lane_new ("l3", JM_LANE_KIND_EMOTIONS, "Emotions"));
  insert (doc, jm_role_new ("r1", JM_ROLE_KIND_BUYER, "Buyer"));

  add_card (doc, "c1", JM_CARD_KIND_BEHAVIOUR, "s1", "l1", "Reads reviews");
  add_card (doc, "c2", JM_CARD_KIND_BEHAVIOUR, "s2", "l1", "Books a demo");
  add_card (doc, "c3", JM_CARD_KIND_PAIN_POINT, "s1", "l2", CHINESE);
  card = jm_card_new ("c4", JM_CARD_KIND_PAIN_POINT, "s2", "l2", "Tagged");
  g_object_set (card, "roles", roles, NULL);
  insert (doc, card);
  card = jm_card_new ("e1", JM_CARD_KIND_EMOTION, "s1", "l3", "Unsure");
  g_object_set (card, "score", -2, "feeling", "Anxious", NULL);
  insert (doc, card);
  card = jm_card_new ("e2", JM_CARD_KIND_EMOTION, "s2", "l3", "Relieved");
  g_object_set (card, "score", 2, NULL);
  insert (doc, card);
  insert (doc, jm_connection_new ("x1", "c1", "c2", JM_CONNECTION_KIND_NEXT));

  return doc;
}

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("jm-export-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Pixel of a PNG read back through cairo (premultiplied: compare opaque pixels). */
static void
png_pixel (cairo_surface_t *surface,
           int              x,
           int              y,
           JmColor         *out)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  guint32 p;

  data += y * cairo_image_surface_get_stride (surface) + x * 4;
  p = *(const guint32 *) (gconstpointer) data;

  out->alpha = (p >> 24) / 255.0;
  out->red = ((p >> 16) & 0xff) / 255.0;
  out->green = ((p >> 8) & 0xff) / 255.0;
  out->blue = (p & 0xff) / 255.0;
}

static double
distance (const JmColor *a,
          const JmColor *b)
{
  return MAX (MAX (fabs (a->red - b->red), fabs (a->green - b->green)), fabs (a->blue - b->blue));
}

static void
test_png_scale_and_pixels (void)
{
  g_autoptr(JmDocument) doc = make_document (3);
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_LIGHT);
  g_autoptr(JmLayout) layout = jm_layout_new (doc, theme);
  g_autofree char *dir = make_dir ();
  const double scales[] = { 1.0, 2.0, 0.5 };
  const JmKindStyle *style = jm_theme_get_kind_style (theme, JM_CARD_KIND_BEHAVIOUR);
  double gw, gh;
  JmRect card;

  jm_layout_get_grid_size (layout, &gw, &gh);
  g_assert_true (jm_layout_get_card_rect (layout, "c2", &card));

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("%s/map-%u.png", dir, i);
      JmExportOptions options;
      cairo_surface_t *png;
      JmColor p;
      int w, h;

      jm_export_options_init (&options);
      options.scale = scales[i];
      g_assert_true (jm_export_png (doc, path, &options, &error));
      g_assert_no_error (error);

      png = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (png), ==, (int) ceil (gw * scales[i] - 1e-6));
      g_assert_cmpint (cairo_image_surface_get_height (png), ==,
                       (int) ceil (gh * scales[i] - 1e-6));
      jm_export_get_png_size (doc, &options, &w, &h);
      g_assert_cmpint (w, ==, cairo_image_surface_get_width (png));
      g_assert_cmpint (h, ==, cairo_image_surface_get_height (png));

      /* Where the layout puts card c2 (right of its short text), the card's colour. */
      png_pixel (png, (int) ((card.x + card.width - 24) * scales[i]),
                 (int) ((card.y + card.height / 2) * scales[i]), &p);
      g_assert_cmpfloat (p.alpha, ==, 1.0);
      g_assert_cmpfloat (distance (&p, &style->fill), <, 0.02);

      cairo_surface_destroy (png);
    }

  /* Only the three images: no temporary files left behind. */
  g_assert_cmpuint (count_files (dir), ==, G_N_ELEMENTS (scales));
  remove_dir (dir);
}

static void
test_png_transparent_and_themes (void)
{
  g_autoptr(JmDocument) doc = make_document (2);
  g_autoptr(JmTheme) dark = jm_theme_new (JM_THEME_DARK);
  g_autoptr(JmLayout) layout = jm_layout_new (doc, dark);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "dark.png", NULL);
  g_autoptr(GError) error = NULL;
  JmExportOptions options;
  cairo_surface_t *png;
  JmRect cell, card;
  JmColor p;

  jm_export_options_init (&options);
  options.theme = JM_THEME_DARK;
  options.transparent = TRUE;
  g_assert_true (jm_export_file (doc, path, &options, &error));
  g_assert_no_error (error);

  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_format (png), ==, CAIRO_FORMAT_ARGB32);

  /* The empty part of a cell is see-through; a card is opaque in the dark theme's colour. */
  g_assert_true (jm_layout_get_cell_rect (layout, 1, 0, &cell));
  png_pixel (png, (int) (cell.x + cell.width / 2), (int) (cell.y + cell.height - 4), &p);
  g_assert_cmpfloat (p.alpha, ==, 0.0);
  g_assert_true (jm_layout_get_card_rect (layout, "c2", &card));
  png_pixel (png, (int) (card.x + card.width - 24), (int) (card.y + card.height / 2), &p);
  g_assert_cmpfloat (p.alpha, ==, 1.0);
  g_assert_cmpfloat (distance (&p, &jm_theme_get_kind_style (dark, JM_CARD_KIND_BEHAVIOUR)->fill),
                     <, 0.02);

  cairo_surface_destroy (png);
  remove_dir (dir);
}

static char *
run_tool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    {
      g_test_skip_printf ("%s not available: %s", argv[0], error->message);
      return NULL;
    }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_pdf_text (void)
{
  g_autoptr(JmDocument) doc = make_document (3);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "map.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  JmExportOptions options;

  jm_export_options_init (&options);
  options.format = JM_EXPORT_FORMAT_PDF;
  g_assert_true (jm_export_file (doc, path, &options, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };

    text = run_tool (argv);
  }
  if (text == NULL)
    goto out;

  /* Text stays text: cards (English and Chinese), stage and lane titles, the feeling. */
  g_assert_nonnull (strstr (text, "Reads reviews"));
  g_assert_nonnull (strstr (text, "Books a demo"));
  g_assert_nonnull (strstr (text, CHINESE));
  g_assert_nonnull (strstr (text, "Stage 3"));
  g_assert_nonnull (strstr (text, "Pain points"));
  g_assert_nonnull (strstr (text, "Anxious"));

  {
    const char *argv[] = { "pdfinfo", path, NULL };

    info = run_tool (argv);
  }
  if (info != NULL)
    {
      g_assert_nonnull (strstr (info, "Export test map"));
      g_assert_nonnull (strstr (info, "Ada Tester"));
      g_test_message ("%s", info);
      g_assert_true (g_regex_match_simple ("^Pages: +1$", info, G_REGEX_MULTILINE, 0));
    }

out:
  g_assert_cmpuint (count_files (dir), ==, 1);
  remove_dir (dir);
}

static void
test_svg (void)
{
  g_autoptr(JmDocument) doc = make_document (3);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "map.svg", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *lint = NULL;

  g_assert_true (jm_export_file (doc, path, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "Reads reviews"));
  g_assert_nonnull (strstr (contents, CHINESE));
  g_assert_nonnull (strstr (contents, "Export test map"));

  {
    const char *argv[] = { "xmllint", "--noout", path, NULL };

    /* Exits non-zero (and the test fails) when the file is not well-formed XML. */
    lint = run_tool (argv);
  }

  g_assert_cmpuint (count_files (dir), ==, 1);
  remove_dir (dir);
}

static void
test_too_large (void)
{
  g_autoptr(JmDocument) doc = make_document (40);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "huge.png", NULL);
  g_autoptr(GError) error = NULL;
  JmExportOptions options;
  const char *at;
  double fit;
  int w, h;

  jm_export_options_init (&options);
  options.scale = 8;
  jm_export_get_png_size (doc, &options, &w, &h);
  g_assert_cmpint (w, >, JM_EXPORT_MAX_PIXELS);

  g_assert_false (jm_export_png (doc, path, &options, &error));
  g_assert_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "32767"));

  /* The message names a scale that fits. */
  at = strstr (error->message, "scale of ");
  g_assert_nonnull (at);
  fit = g_ascii_strtod (at + strlen ("scale of "), NULL);
  g_assert_cmpfloat (fit, >, 0);
  options.scale = fit;
  jm_export_get_png_size (doc, &options, &w, &h);
  g_assert_cmpint (w, <=, JM_EXPORT_MAX_PIXELS);
  g_assert_cmpint (h, <=, JM_EXPORT_MAX_PIXELS);
  options.scale = fit + 0.02;
  jm_export_get_png_size (doc, &options, &w, &h);
  g_assert_cmpint (MAX (w, h), >, JM_EXPORT_MAX_PIXELS);

  g_assert_cmpuint (count_files (dir), ==, 0);
  remove_dir (dir);
}

static void
test_failure_leaves_nothing (void)
{
  g_autoptr(JmDocument) doc = make_document (3);
  g_autofree char *dir = make_dir ();
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "map.png", NULL);
  g_autofree char *contents = NULL;
  struct rlimit old, small;
  void (*old_handler) (int);
  JmExportOptions options;
  GError *error = NULL;

  /* A directory that does not exist: an error, nothing created. */
  g_assert_false (jm_export_png (doc, missing, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (dir), ==, 0);

  /* The disk "fills up" halfway through: the existing targets stay as they were and no
   * temporary file is left. */
  g_assert_true (g_file_set_contents (png, "old image", -1, NULL));
  g_assert_true (g_file_set_contents (pdf, "old document", -1, NULL));
  getrlimit (RLIMIT_FSIZE, &old);
  small = old;
  small.rlim_cur = 4096;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);

  g_assert_false (jm_export_png (doc, png, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("PNG: %s", error->message);
  g_clear_error (&error);

  jm_export_options_init (&options);
  g_assert_false (jm_export_pdf (doc, pdf, &options, &error));
  g_assert_nonnull (error);
  g_test_message ("PDF: %s", error->message);
  g_clear_error (&error);

  setrlimit (RLIMIT_FSIZE, &old);
  signal (SIGXFSZ, old_handler);

  g_assert_cmpuint (count_files (dir), ==, 2);
  g_assert_true (g_file_get_contents (png, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old image");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old document");

  /* Once there is room again, the export replaces the old file. */
  g_assert_true (jm_export_png (doc, png, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (dir), ==, 2);

  remove_dir (dir);
}

static void
test_options (void)
{
  g_autoptr(JmDocument) doc = make_document (2);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *odd = g_build_filename (dir, "map.txt", NULL);
  GError *error = NULL;
  JmExportOptions options;

  g_assert_cmpint (jm_export_format_from_filename ("a.PNG"), ==, JM_EXPORT_FORMAT_PNG);
  g_assert_cmpint (jm_export_format_from_filename ("a.b.pdf"), ==, JM_EXPORT_FORMAT_PDF);
  g_assert_cmpint (jm_export_format_from_filename ("x.svg"), ==, JM_EXPORT_FORMAT_SVG);
  g_assert_cmpint (jm_export_format_from_filename ("x"), ==, JM_EXPORT_FORMAT_AUTO);

  /* Paginated PDF is a later feature: a clear "not yet". */
  jm_export_options_init (&options);
  options.page = JM_EXPORT_PAGE_A4;
  g_assert_false (jm_export_pdf (doc, path, &options, &error));
  g_assert_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  /* Unknown extension with AUTO. */
  options.page = JM_EXPORT_PAGE_POSTER;
  options.format = JM_EXPORT_FORMAT_AUTO;
  g_assert_false (jm_export_file (doc, odd, &options, &error));
  g_assert_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  /* Absurd scales are refused. */
  options.format = JM_EXPORT_FORMAT_PNG;
  options.scale = 0;
  g_assert_false (jm_export_file (doc, odd, &options, &error));
  g_assert_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  g_assert_cmpuint (count_files (dir), ==, 0);
  remove_dir (dir);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} AsyncResult;

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->ok = jm_export_file_finish (result, &r->error);
  r->done = TRUE;
}

static void
test_async (void)
{
  g_autoptr(JmDocument) doc = make_document (3);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "async.png", NULL);
  AsyncResult result = { FALSE, FALSE, NULL };
  cairo_surface_t *png;
  JmExportOptions options;

  jm_export_options_init (&options);
  options.format = JM_EXPORT_FORMAT_AUTO;
  options.role_id = "r1";
  jm_export_file_async (doc, path, &options, NULL, async_done_cb, &result);
  /* The caller may edit right away: the export works on a copy. */
  g_object_set (doc, "title", "Changed meanwhile", NULL);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (result.error);
  g_assert_true (result.ok);

  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), >, 100);
  cairo_surface_destroy (png);

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/export/png-scale-and-pixels", test_png_scale_and_pixels);
  g_test_add_func ("/core/export/png-transparent-and-themes", test_png_transparent_and_themes);
  g_test_add_func ("/core/export/pdf-text", test_pdf_text);
  g_test_add_func ("/core/export/svg", test_svg);
  g_test_add_func ("/core/export/too-large", test_too_large);
  g_test_add_func ("/core/export/failure-leaves-nothing", test_failure_leaves_nothing);
  g_test_add_func ("/core/export/options", test_options);
  g_test_add_func ("/core/export/async", test_async);

  return g_test_run ();
}
