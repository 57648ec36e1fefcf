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

/* pdftotext's text or pdfinfo's report of a PDF; NULL (and the test skipped) without the
 * tool. */
static char *
pdf_tool (const char *tool,
          const char *pdf)
{
  const char *text_argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  const char *info_argv[] = { "pdfinfo", pdf, NULL };

  return run_tool (g_str_equal (tool, "pdftotext") ? text_argv : info_argv);
}

static void
assert_contains_all (const char        *text,
                     const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (strstr (text, words[i]) == NULL)
        g_error ("“%s” not found in:\n%s", words[i], text);
    }
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

  text = pdf_tool ("pdftotext", path);
  if (text == NULL)
    goto out;

  /* Text stays text: cards (English and Chinese), stage and lane titles, the feeling. */
  assert_contains_all (text, (const char *[]) { "Reads reviews", "Books a demo", CHINESE,
                                                "Stage 3", "Pain points", "Anxious", NULL });

  info = pdf_tool ("pdfinfo", path);
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

/* A map whose texts hold control characters and Unicode noncharacters (which cairo takes for
 * invalid UTF-8) exports to PDF, poster and pages, with its text visible and its metadata
 * printable. */
static void
test_pdf_control_characters (void)
{
  g_autofree char *map = g_build_filename (TEST_DATA_DIR, "good", "control-characters.json",
                                           NULL);
  g_autofree char *dir = make_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDocument) doc = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const JmExportPage pages[] = { JM_EXPORT_PAGE_POSTER, JM_EXPORT_PAGE_A4 };
  gsize len;

  g_assert_true (g_file_get_contents (map, &contents, &len, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  doc = jm_json_load_bytes (bytes, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *path = g_build_filename (dir, jm_export_page_to_string (pages[i]), NULL);
      g_autofree char *pdf = g_strconcat (path, ".pdf", NULL);
      g_autofree char *text = NULL;
      g_autofree char *info = NULL;
      JmExportOptions options;

      jm_export_options_init (&options);
      options.page = pages[i];
      g_assert_true (jm_export_pdf (doc, pdf, &options, &error));
      g_assert_no_error (error);

      text = pdf_tool ("pdftotext", pdf);
      if (text == NULL)
        return;
      /* Control characters show as the screen shows them (hex boxes) between the words. */
      assert_contains_all (text, (const char *[]) { "Compares", "quotes", "three suppliers",
                                                    "Evaluate", "vendors", "Legal", "review",
                                                    "contract", "Wary", NULL });

      /* In the metadata the control characters are dropped. */
      info = pdf_tool ("pdfinfo", pdf);
      if (info != NULL)
        assert_contains_all (info, (const char *[]) { "Control characters", "Ops team", NULL });
    }

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

/* A 500-stage map is too wide for a PNG at scale 1: the refusal names the largest scale that
 * fits (the same as jm_export_get_max_png_scale), and at that scale the export works. */
static void
test_png_too_wide_names_scale (void)
{
  g_autoptr(JmDocument) doc = make_document (500);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "wide.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  cairo_surface_t *png;
  JmExportOptions options;
  double fit;

  jm_export_options_init (&options);
  g_assert_false (jm_export_png (doc, path, &options, &error));
  g_assert_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);

  fit = jm_export_get_max_png_scale (doc, &options);
  g_assert_cmpfloat (fit, >, 0);
  expected = g_strdup_printf ("scale of %.2f", fit);
  g_assert_nonnull (strstr (error->message, expected));
  g_clear_error (&error);

  options.scale = fit;
  g_assert_true (jm_export_png (doc, path, &options, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), <=, JM_EXPORT_MAX_PIXELS);
  cairo_surface_destroy (png);

  /* And it is the largest (two decimals). */
  {
    int w, h;

    options.scale = fit + 0.01;
    jm_export_get_png_size (doc, &options, &w, &h);
    g_assert_cmpint (w, >, JM_EXPORT_MAX_PIXELS);
  }

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

  g_assert_cmpstr (jm_export_format_get_extension (JM_EXPORT_FORMAT_SVG), ==, "svg");
  g_assert_null (jm_export_format_get_extension (JM_EXPORT_FORMAT_AUTO));

  {
    JmExportPage page = JM_EXPORT_PAGE_POSTER;
    double w, h;

    g_assert_true (jm_export_page_from_string ("A3", &page));
    g_assert_cmpint (page, ==, JM_EXPORT_PAGE_A3);
    g_assert_cmpstr (jm_export_page_to_string (JM_EXPORT_PAGE_LETTER), ==, "letter");
    g_assert_false (jm_export_page_from_string ("a5", &page));
    g_assert_cmpint (page, ==, JM_EXPORT_PAGE_A3);
    /* Landscape. */
    jm_export_page_get_size (JM_EXPORT_PAGE_A4, &w, &h);
    g_assert_cmpfloat_with_epsilon (w, 841.89, 0.01);
    g_assert_cmpfloat_with_epsilon (h, 595.28, 0.01);
  }

  /* Stages that are not in the map: nothing to export, said clearly, nothing written. */
  {
    const char *ids[] = { "nope", NULL };

    jm_export_options_init (&options);
    options.area = JM_EXPORT_AREA_STAGES;
    options.stage_ids = ids;
    g_assert_false (jm_export_pdf (doc, path, &options, &error));
    g_assert_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_EMPTY);
    g_clear_error (&error);
  }

  /* Unknown extension with AUTO. */
  jm_export_options_init (&options);
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

/* Width and height from a PNG's IHDR (cairo cannot load images taller than 32767 px). */
static void
png_file_size (const char *path,
               guint      *width,
               guint      *height)
{
  g_autofree guchar *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, (char **) &data, &len, NULL));
  g_assert_cmpuint (len, >, 24);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  *width = (guint) data[16] << 24 | (guint) data[17] << 16 | (guint) data[18] << 8 | data[19];
  *height = (guint) data[20] << 24 | (guint) data[21] << 16 | (guint) data[22] << 8 | data[23];
}

static void
test_png_area (void)
{
  g_autoptr(JmDocument) doc = make_document (3);
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_LIGHT);
  g_autoptr(JmLayout) layout = jm_layout_new (doc, theme);
  g_autofree char *dir = make_dir ();
  g_autofree char *stages_png = g_build_filename (dir, "stages.png", NULL);
  g_autofree char *grid_png = g_build_filename (dir, "grid.png", NULL);
  const JmKindStyle *style = jm_theme_get_kind_style (theme, JM_CARD_KIND_BEHAVIOUR);
  const char *ids[] = { "s2", NULL };
  g_autoptr(GError) error = NULL;
  JmExportOptions options;
  JmRect stage, card, view, grid;
  cairo_surface_t *png;
  double gw, gh, lhw;
  JmColor p;
  int w, h;

  jm_layout_get_grid_size (layout, &gw, &gh);
  lhw = jm_layout_get_lane_header_width (layout);
  g_assert_true (jm_layout_get_stage_rect (layout, 1, &stage));
  g_assert_true (jm_layout_get_card_rect (layout, "c2", &card));

  /* One stage: the lane headers, then that stage's column, as tall as the map. */
  jm_export_options_init (&options);
  options.area = JM_EXPORT_AREA_STAGES;
  options.stage_ids = ids;
  g_assert_true (jm_export_png (doc, stages_png, &options, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (stages_png);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, (int) ceil (lhw + stage.width - 1e-6));
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, (int) ceil (gh - 1e-6));
  jm_export_get_png_size (doc, &options, &w, &h);
  g_assert_cmpint (w, ==, cairo_image_surface_get_width (png));

  /* Card c2 (stage 2) sits right of the lane headers. */
  png_pixel (png, (int) (lhw + card.x - stage.x + card.width - 24),
             (int) (card.y + card.height / 2), &p);
  g_assert_cmpfloat (distance (&p, &style->fill), <, 0.02);
  cairo_surface_destroy (png);

  /* A view of that stage (as a canvas shows it, headers pinned) gives the same part. */
  view.x = stage.x - lhw;
  view.y = 0;
  view.width = lhw + stage.width;
  view.height = gh;
  jm_export_grid_rect_from_view (layout, &view, &grid);
  g_assert_cmpfloat_with_epsilon (grid.x, 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (grid.width, 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (grid.y, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (grid.height, 3, 1e-9);

  jm_export_options_init (&options);
  options.area = JM_EXPORT_AREA_GRID;
  options.grid = grid;
  g_assert_true (jm_export_png (doc, grid_png, &options, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (grid_png);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, (int) ceil (lhw + stage.width - 1e-6));
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, (int) ceil (gh - 1e-6));
  png_pixel (png, (int) (lhw + card.x - stage.x + card.width - 24),
             (int) (card.y + card.height / 2), &p);
  g_assert_cmpfloat (distance (&p, &style->fill), <, 0.02);
  cairo_surface_destroy (png);

  /* In grid units, the same part in another theme (other sizes) is still stage 2. */
  {
    g_autoptr(JmTheme) contrast = jm_theme_new (JM_THEME_CONTRAST);
    g_autoptr(JmLayout) big = jm_layout_new (doc, contrast);
    JmRect big_stage;

    jm_theme_set_scale_text (contrast, 2);
    options.theme = JM_THEME_CONTRAST;
    jm_export_get_png_size (doc, &options, &w, &h);
    g_assert_true (jm_layout_get_stage_rect (big, 1, &big_stage));
    jm_theme_set_scale_text (contrast, 1);
    g_assert_true (jm_layout_get_stage_rect (big, 1, &big_stage));
    g_assert_cmpint (w, ==,
                     (int) ceil (jm_layout_get_lane_header_width (big) + big_stage.width - 1e-6));
  }

  g_assert_cmpuint (count_files (dir), ==, 2);
  remove_dir (dir);
}

static void
test_png_tall (void)
{
  g_autoptr(JmDocument) doc = jm_document_new ();
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "tall.png", NULL);
  g_autoptr(GError) error = NULL;
  JmExportOptions options;
  guint w, h;
  double fit;
  const char *at;
  int ew, eh;

  /* One cell of 1100 cards: more than 60,000 units tall. */
  insert (doc, jm_stage_new ("s1", "Only stage"));
  insert (doc, jm_lane_new ("l1", JM_LANE_KIND_BEHAVIOUR, "Behaviour"));
  for (guint i = 0; i < 1100; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autofree char *text = g_strdup_printf ("Card %u", i);

      add_card (doc, id, JM_CARD_KIND_BEHAVIOUR, "s1", "l1", text);
    }

  /* Taller than cairo's 32767 px: still one image, drawn in bands. */
  jm_export_options_init (&options);
  jm_export_get_png_size (doc, &options, &ew, &eh);
  g_assert_cmpint (eh, >, JM_EXPORT_MAX_PIXELS);
  g_assert_true (jm_export_png (doc, path, &options, &error));
  g_assert_no_error (error);
  png_file_size (path, &w, &h);
  g_assert_cmpuint (w, ==, ew);
  g_assert_cmpuint (h, ==, eh);

  /* Beyond what PNG readers open: a clear message and a scale that fits. */
  options.scale = 16;
  g_assert_false (jm_export_png (doc, path, &options, &error));
  g_assert_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "1000000"));
  at = strstr (error->message, "scale of ");
  g_assert_nonnull (at);
  fit = g_ascii_strtod (at + strlen ("scale of "), NULL);
  g_assert_cmpfloat (fit, ==, jm_export_get_max_png_scale (doc, &options));
  options.scale = fit;
  jm_export_get_png_size (doc, &options, &ew, &eh);
  g_assert_cmpint (eh, <=, JM_EXPORT_MAX_PNG_HEIGHT);
  g_assert_cmpfloat ((double) ew * eh, <=, JM_EXPORT_MAX_PNG_AREA);
  options.scale = fit + 0.02;
  jm_export_get_png_size (doc, &options, &ew, &eh);
  g_assert_true (eh > JM_EXPORT_MAX_PNG_HEIGHT || (double) ew * eh > JM_EXPORT_MAX_PNG_AREA);

  /* The failed export left the earlier image alone. */
  png_file_size (path, &w, &h);
  g_assert_cmpuint (h, >, JM_EXPORT_MAX_PIXELS);
  g_assert_cmpuint (count_files (dir), ==, 1);
  remove_dir (dir);
}

static void
add_many_cards (JmDocument *doc,
                const char *stage,
                const char *lane,
                guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("m-%s-%s-%u", stage, lane, i);
      g_autofree char *text = g_strdup_printf ("Many %s %s %u", stage, lane, i);

      add_card (doc, id, JM_CARD_KIND_BEHAVIOUR, stage, lane, text);
    }
}

static void
test_pdf_paginated (void)
{
  g_autoptr(JmDocument) doc = make_document (8);
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_LIGHT);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "a4.pdf", NULL);
  g_autofree char *info = NULL;
  g_autoptr(JmExportPages) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  JmExportOptions options;
  double pw, ph, k, lhw, hh;
  guint n_pages;

  /* Eight stages and a tall behaviour lane: several pages across and down. */
  add_many_cards (doc, "s3", "l1", 12);
  add_many_cards (doc, "s7", "l1", 6);

  jm_export_options_init (&options);
  options.format = JM_EXPORT_FORMAT_PDF;
  options.page = JM_EXPORT_PAGE_A4;
  jm_export_page_get_size (JM_EXPORT_PAGE_A4, &pw, &ph);
  pages = jm_export_pages_new (doc, &options, pw - 2 * JM_EXPORT_PAGE_MARGIN,
                               ph - 2 * JM_EXPORT_PAGE_MARGIN, &error);
  g_assert_no_error (error);
  n_pages = jm_export_pages_get_n_pages (pages);
  g_assert_cmpuint (n_pages, >=, 6);
  k = jm_export_pages_get_scale (pages);
  g_assert_cmpfloat (k, ==, 0.75);

  g_assert_true (jm_export_file (doc, path, &options, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { "pdfinfo", path, NULL };

    info = run_tool (argv);
  }
  if (info == NULL)
    goto out;
  expected = g_strdup_printf ("^Pages: +%u$", n_pages);
  g_assert_true (g_regex_match_simple (expected, info, G_REGEX_MULTILINE, 0));
  g_assert_nonnull (strstr (info, "A4"));
  g_assert_nonnull (strstr (info, "Export test map"));
  g_assert_nonnull (strstr (info, "Ada Tester"));

  /* Every page repeats the headers and says where it is. */
  for (guint i = 1; i <= n_pages; i++)
    {
      g_autofree char *first = g_strdup_printf ("%u", i);
      g_autofree char *number = g_strdup_printf ("Page %u of %u", i, n_pages);
      const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-f", first, "-l", first, path, "-",
                             NULL };
      g_autofree char *text = run_tool (argv);

      g_assert_nonnull (text);
      g_assert_nonnull (strstr (text, number));
      g_assert_nonnull (strstr (text, "Stage "));
      g_assert_nonnull (strstr (text, "Export test map"));
      g_assert_true (strstr (text, "Behaviour") != NULL || strstr (text, "Pain points") != NULL ||
                     strstr (text, "Emotions") != NULL);
    }

  /* Everything is somewhere, Chinese included. */
  {
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
    g_autofree char *text = run_tool (argv);

    g_assert_nonnull (strstr (text, CHINESE));
    g_assert_nonnull (strstr (text, "Many s3 l1 11"));
    g_assert_nonnull (strstr (text, "Stage 8"));
  }

  /* The last page, as pixels: its stage header row (a stage's colour band along the top) and
   * its lane header column are there. */
  {
    g_autoptr(JmLayout) layout = jm_layout_new (doc, theme);
    g_autofree char *last = g_strdup_printf ("%u", n_pages);
    g_autofree char *prefix = g_build_filename (dir, "page", NULL);
    g_autofree char *png_path = NULL;
    const char *argv[] = { "pdftoppm", "-png", "-r", "144", "-singlefile", "-f", last, "-l",
                           last, path, prefix, NULL };
    g_autofree char *ignored = run_tool (argv);
    const JmPalette *palette = jm_theme_get_palette (theme);
    const double dpp = 2;  /* device pixels per point at 144 dpi */
    cairo_surface_t *png;
    gboolean band_found = FALSE;
    JmColor p;

    png_path = g_strconcat (prefix, ".png", NULL);
    png = cairo_image_surface_create_from_png (png_path);
    g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
    lhw = jm_layout_get_lane_header_width (layout);
    hh = jm_layout_get_stage_header_height (layout);

    png_pixel (png, (int) ((JM_EXPORT_PAGE_MARGIN + k * (lhw + 128)) * dpp),
               (int) ((JM_EXPORT_PAGE_MARGIN + k * 2) * dpp), &p);
    for (guint s = 0; s < 8; s++)
      {
        JmColor band;

        jm_theme_get_stage_color (theme, NULL, s, &band);
        band_found = band_found || distance (&p, &band) < 0.05;
      }
    g_assert_true (band_found);

    png_pixel (png, (int) ((JM_EXPORT_PAGE_MARGIN + k * (lhw - 10)) * dpp),
               (int) ((JM_EXPORT_PAGE_MARGIN + k * (hh + 60)) * dpp), &p);
    g_assert_cmpfloat (distance (&p, &palette->header_bg), <, 0.03);
    cairo_surface_destroy (png);
    g_unlink (png_path);
  }

out:
  g_assert_cmpuint (count_files (dir), ==, 1);
  remove_dir (dir);
}

/* The text without white space and hyphens: pdftotext joins wrapped lines and drops the hyphen
 * of a word broken at one ("mid-size" may come back as "midsize"). */
static char *
strip_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != '-')
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The built-in sample map (English and Chinese) as a PDF: pdftotext finds every card. */
static void
test_pdf_sample (void)
{
  const char *languages[] = { "en", "zh_CN" };
  g_autofree char *dir = make_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JmDocument) doc = jm_document_new_sample (languages[i], &error);
      g_autofree char *path = g_build_filename (dir, "sample.pdf", NULL);
      g_autoptr(GPtrArray) cards = NULL;
      g_autofree char *text = NULL;
      g_autofree char *flat = NULL;
      const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
      guint missing = 0;

      g_assert_no_error (error);
      g_assert_true (jm_export_pdf (doc, path, NULL, &error));
      g_assert_no_error (error);

      text = run_tool (argv);
      if (text == NULL)
        break;
      flat = strip_spaces (text);

      cards = jm_document_dup_cards (doc);
      g_assert_cmpuint (cards->len, >, 20);
      for (guint c = 0; c < cards->len; c++)
        {
          g_autofree char *want = strip_spaces (jm_card_get_text (g_ptr_array_index (cards, c)));

          if (strstr (flat, want) == NULL)
            {
              g_test_message ("%s: not found: %s", languages[i], want);
              missing++;
            }
        }
      g_assert_cmpuint (missing, ==, 0);
      g_unlink (path);
    }

  remove_dir (dir);
}

static void
test_svg_area (void)
{
  g_autoptr(JmDocument) doc = make_document (3);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "stage.svg", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *lint = NULL;
  const char *ids[] = { "s1", NULL };
  JmExportOptions options;

  jm_export_options_init (&options);
  options.area = JM_EXPORT_AREA_STAGES;
  options.stage_ids = ids;
  options.theme = JM_THEME_CONTRAST;
  g_assert_true (jm_export_svg (doc, path, &options, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  /* Stage 1's texts, the lane titles and the map title; not stage 2's. */
  g_assert_nonnull (strstr (contents, "Reads reviews"));
  g_assert_nonnull (strstr (contents, CHINESE));
  g_assert_nonnull (strstr (contents, ">Stage 1<"));
  g_assert_nonnull (strstr (contents, ">Pain points<"));
  g_assert_nonnull (strstr (contents, "Export test map"));
  g_assert_null (strstr (contents, "Books a demo"));
  g_assert_null (strstr (contents, ">Stage 2<"));

  {
    const char *argv[] = { "xmllint", "--noout", path, NULL };

    lint = run_tool (argv);
  }

  g_assert_cmpuint (count_files (dir), ==, 1);
  remove_dir (dir);
}

typedef struct
{
  const char *text;
  gboolean    found;
  JmRenderText drawn;
} DrawnText;

static void
find_drawn_cb (const JmRenderText *text,
               gpointer            user_data)
{
  for (DrawnText *d = user_data; d->text != NULL; d++)
    if (!d->found && g_strcmp0 (text->text, d->text) == 0)
      {
        d->found = TRUE;
        d->drawn = *text;
        d->drawn.text = d->text;
      }
}

/* x and y of the text layer's <text> holding exactly text. */
static void
svg_text_position (const char *svg,
                   const char *text,
                   double     *x,
                   double     *y)
{
  g_autofree char *needle = g_strdup_printf (">%s</text>", text);
  const char *end = strstr (svg, needle);
  const char *start;

  g_assert_nonnull (end);
  start = g_strrstr_len (svg, end - svg, "<text x=\"");
  g_assert_nonnull (start);
  g_assert_cmpint (sscanf (start, "<text x=\"%lf\" y=\"%lf\"", x, y), ==, 2);
}

/* The SVG text layer puts each text where the renderer draws it (the renderer reports it). */
static void
test_svg_text_positions (void)
{
  g_autoptr(JmDocument) doc = make_document (3);
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_LIGHT);
  g_autoptr(JmLayout) layout = jm_layout_new (doc, theme);
  g_autoptr(JmRenderer) renderer = jm_renderer_new (theme);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;
  DrawnText texts[] = { { "Stage 1" }, { "Behaviour" }, { "Reads reviews" }, { NULL } };
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  JmRenderOptions opts;
  JmRect header, lane, card;

  jm_render_options_init (&opts);
  opts.for_export = TRUE;
  opts.text_func = find_drawn_cb;
  opts.text_data = texts;
  jm_renderer_draw (renderer, layout, cr, &opts);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  bytes = jm_export_svg_to_bytes (doc, NULL, &error);
  g_assert_no_error (error);
  svg = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  for (DrawnText *d = texts; d->text != NULL; d++)
    {
      double x, y;

      g_assert_true (d->found);
      svg_text_position (svg, d->text, &x, &y);
      g_assert_cmpfloat_with_epsilon (x, d->drawn.box.x, 0.051);
      g_assert_cmpfloat_with_epsilon (y, d->drawn.baseline, 0.051);
    }

  /* And where the layout says: the stage title right of its step number, in its header; the
   * lane title in its header; the card text inside its card. */
  jm_layout_get_stage_header_rect (layout, 0, &header);
  jm_layout_get_lane_header_rect (layout, 0, &lane);
  g_assert_true (jm_layout_get_card_rect (layout, "c1", &card));
  g_assert_cmpfloat (texts[0].drawn.box.x, >, header.x + 16 + 8);
  g_assert_true (jm_rect_contains (&header, texts[0].drawn.box.x, texts[0].drawn.baseline));
  g_assert_true (jm_rect_contains (&lane, texts[1].drawn.box.x, texts[1].drawn.baseline));
  g_assert_true (jm_rect_contains (&card, texts[2].drawn.box.x, texts[2].drawn.baseline));
  g_assert_cmpfloat (texts[2].drawn.box.x + texts[2].drawn.box.width, <=, card.x + card.width);
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
  g_test_add_func ("/core/export/pdf-control-characters", test_pdf_control_characters);
  g_test_add_func ("/core/export/svg", test_svg);
  g_test_add_func ("/core/export/too-large", test_too_large);
  g_test_add_func ("/core/export/png-too-wide-names-scale", test_png_too_wide_names_scale);
  g_test_add_func ("/core/export/failure-leaves-nothing", test_failure_leaves_nothing);
  g_test_add_func ("/core/export/options", test_options);
  g_test_add_func ("/core/export/async", test_async);
  g_test_add_func ("/core/export/png-area", test_png_area);
  g_test_add_func ("/core/export/png-tall", test_png_tall);
  g_test_add_func ("/core/export/pdf-paginated", test_pdf_paginated);
  g_test_add_func ("/core/export/pdf-sample", test_pdf_sample);
  g_test_add_func ("/core/export/svg-area", test_svg_area);
  g_test_add_func ("/core/export/svg-text-positions", test_svg_text_positions);

  return g_test_run ();
}
