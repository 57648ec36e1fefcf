/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The invariant "every map the loader accepts exports in every format": each map of the
 * fuzz corpus (tests/fuzz/corpus) and of tests/data/good that loads exports to PNG (at a
 * scale that fits), to PDF (poster and A4 pages) and to SVG, and the SVG is well-formed XML
 * (xmllint). One test case per map, so a failure names its file. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "jm-core.h"

/* Big maps are exported at a scale that keeps the PNG at most this many pixels: the
 * invariant is about what the loader accepts, not about the speed of zlib. */
#define PNG_PIXEL_BUDGET 4e6

static char *work_dir;

static JmDocument *
load_map (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  return jm_json_load_bytes (bytes, NULL);
}

static void
export_png (JmDocument *doc,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  JmExportOptions options;
  double fit;
  int w, h;

  jm_export_options_init (&options);
  fit = jm_export_get_max_png_scale (doc, &options);
  if (fit <= 0)
    {
      /* No scale fits: a clear refusal that points to PDF. */
      g_assert_false (jm_export_png (doc, path, &options, &error));
      g_assert_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_TOO_LARGE);
      g_assert_nonnull (strstr (error->message, "PDF"));
      return;
    }

  options.scale = MIN (1.0, fit);
  jm_export_get_png_size (doc, &options, &w, &h);
  if ((double) w * h > PNG_PIXEL_BUDGET)
    options.scale = MAX (floor (options.scale * sqrt (PNG_PIXEL_BUDGET / ((double) w * h)) *
                                100) / 100, 0.05);
  g_assert_true (jm_export_png (doc, path, &options, &error));
  g_assert_no_error (error);
}

static void
export_pdf (JmDocument   *doc,
            const char   *path,
            JmExportPage  page)
{
  g_autoptr(GError) error = NULL;
  JmExportOptions options;

  jm_export_options_init (&options);
  options.page = page;
  g_assert_true (jm_export_pdf (doc, path, &options, &error));
  g_assert_no_error (error);
}

static void
check_xml (const char *path)
{
  const char *argv[] = { "xmllint", "--noout", "--nonet", path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err,
                     &status, &error))
    {
      g_test_skip_printf ("xmllint not available: %s", error->message);
      return;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s is not well-formed XML: %s", path, err);
}

/* Exports one map in every format; FALSE when the loader refuses it (nothing to check). */
static gboolean
export_map (const char *map)
{
  g_autoptr(JmDocument) doc = load_map (map);
  g_autofree char *png = g_build_filename (work_dir, "map.png", NULL);
  g_autofree char *poster = g_build_filename (work_dir, "poster.pdf", NULL);
  g_autofree char *a4 = g_build_filename (work_dir, "a4.pdf", NULL);
  g_autofree char *svg = g_build_filename (work_dir, "map.svg", NULL);
  g_autoptr(GError) error = NULL;

  if (doc == NULL)
    return FALSE;
  g_test_message ("%s", map);

  export_png (doc, png);
  export_pdf (doc, poster, JM_EXPORT_PAGE_POSTER);
  export_pdf (doc, a4, JM_EXPORT_PAGE_A4);
  g_assert_true (jm_export_svg (doc, svg, NULL, &error));
  g_assert_no_error (error);
  check_xml (svg);

  g_unlink (png);
  g_unlink (poster);
  g_unlink (a4);
  g_unlink (svg);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* One case per folder (a case per file made GTest's own bookkeeping of 821 cases show up as a
 * leak under LeakSanitizer): every map the loader accepts exports. */
static void
test_folder (gconstpointer data)
{
  const char *folder = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint exported = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, names->pdata[i], NULL);

      if (export_map (path))
        exported++;
    }
  g_test_message ("%u of %u maps loaded and exported", exported, names->len);
  g_assert_cmpuint (exported, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *corpus = g_build_filename (TEST_DATA_DIR, "..", "fuzz", "corpus", NULL);
  g_autofree char *good = g_build_filename (TEST_DATA_DIR, "good", NULL);
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  work_dir = g_dir_make_tmp ("jm-export-all-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_data_func ("/core/export-all/good", good, test_folder);
  g_test_add_data_func ("/core/export-all/corpus", corpus, test_folder);

  status = g_test_run ();
  g_rmdir (work_dir);
  g_free (work_dir);
  return status;
}
