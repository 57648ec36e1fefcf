/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-bench-render: layout, drawing and export figures for the benchmark maps (70, 512 and
 * 10,000 cards, from jm-bench-maps.c); prints tables and the budgets, exits 1 if one is missed.
 *
 *   build-dir/tests/bench/jm-bench-render [--frames N] [--no-export] [--save-png DIR]
 *
 * Budgets (10,000 cards): layout from scratch ≤ 20 ms; a 1920×1080 viewport ≤ 8 ms median at
 * every zoom; moving one card (relayout + redraw of the damage) ≤ 4 ms; export to PDF (one
 * poster page) ≤ 1.5 s and ≤ 200 MB peak RSS. Exports of the 512- and 10,000-card maps: PNG at
 * scale 1, PDF poster and PDF paginated A4. Each export runs in a child process, so its peak
 * RSS (VmHWM) is that export's alone (plus the benchmark's maps, which the child starts with);
 * the CPU time is shown beside the wall time, as a loaded machine stretches the latter. Build
 * with -Dbuildtype=release for meaningful figures. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "jm-core.h"
#include "jm-bench-maps.h"
#include "model/jm-document-private.h"

#define BUDGET_LAYOUT_MS  20.0
#define BUDGET_DRAW_MS     8.0
#define BUDGET_MOVE_MS     4.0
#define BUDGET_PDF_MS   1500.0
#define BUDGET_PDF_MB    200.0

static const double zooms[] = { 0.25, 0.5, 1.0, 2.0 };

/* Measuring */

static long
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  if (line == NULL)
    return -1;
  return strtol (line + strlen (field) + 1, NULL, 10);
}

static void
draw_view (JmRenderer *renderer,
           JmLayout   *layout,
           cairo_t    *cr,
           double      x,
           double      y,
           double      zoom,
           const JmRect *clip)
{
  JmRenderOptions opts;

  jm_render_options_init (&opts);
  opts.zoom = zoom;
  opts.view = (JmRect) { x, y, 1920 / zoom, 1080 / zoom };
  opts.pinned_headers = TRUE;

  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_scale (cr, zoom, zoom);
  cairo_translate (cr, -x, -y);
  if (clip != NULL)
    {
      /* Repaint only the damage, as the canvas does. */
      cairo_rectangle (cr, clip->x, clip->y, clip->width, clip->height);
      cairo_clip (cr);
      opts.view.x = MAX (clip->x, x);
      opts.view.y = MAX (clip->y, y);
      opts.view.width = MIN (clip->x + clip->width, x + 1920 / zoom) - opts.view.x;
      opts.view.height = MIN (clip->y + clip->height, y + 1080 / zoom) - opts.view.y;
    }
  if (opts.view.width > 0 && opts.view.height > 0)
    jm_renderer_draw (renderer, layout, cr, &opts);
  cairo_restore (cr);
}

static char *
fmt (double value,
     int    decimals)
{
  return g_strdup_printf ("%.*f", decimals, value);
}

static double
bench_layout (JmLayout *layout,
              guint     runs)
{
  g_autofree double *samples = g_new (double, runs);

  for (guint i = 0; i < runs; i++)
    {
      double t0 = jm_bench_now_ms ();

      jm_layout_invalidate (layout);
      jm_layout_update (layout, NULL);
      samples[i] = jm_bench_now_ms () - t0;
    }

  return jm_bench_median (samples, runs);
}

/* Median and first frame of a pan across the map at one zoom, 150 × 90 screen px per frame. */
static void
bench_draw (JmLayout   *layout,
            JmRenderer *renderer,
            double      zoom,
            guint       frames,
            const char *save_as,
            double     *median,
            double     *first)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  g_autofree double *samples = g_new (double, frames);
  double vw = 1920 / zoom, vh = 1080 / zoom;
  double w, h;

  jm_layout_get_size (layout, &w, &h);
  jm_renderer_clear_cache (renderer);

  for (guint f = 0; f < frames; f++)
    {
      double x = MAX (0, MIN (w - vw, w * 0.2 + f * 150 / zoom));
      double y = MAX (0, MIN (h - vh, h * 0.2 + f * 90 / zoom));
      double t0 = jm_bench_now_ms ();

      draw_view (renderer, layout, cr, x, y, zoom, NULL);
      cairo_surface_flush (surface);
      samples[f] = jm_bench_now_ms () - t0;
    }

  *first = samples[0];
  *median = jm_bench_median (samples, frames);

  if (save_as != NULL)
    cairo_surface_write_to_png (surface, save_as);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Drags a card back and forth between two cells at zoom 1: relayout, then repaint of the
 * damage within the viewport. */
static gboolean
bench_move_card (JmDocument *doc,
                 JmLayout   *layout,
                 JmRenderer *renderer,
                 guint       frames,
                 double     *relayout_ms,
                 double     *frame_ms)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  g_autofree double *total = g_new (double, frames);
  g_autofree double *relayout = g_new (double, frames);
  guint n_stages = jm_layout_get_n_stages (layout);
  JmStage *s_a = jm_layout_get_stage (layout, n_stages / 2);
  JmStage *s_b = jm_layout_get_stage (layout, n_stages / 2 + 1);
  const char *lane_id = jm_element_get_id (JM_ELEMENT (jm_layout_get_lane (layout, 0)));
  GPtrArray *cell;
  g_autoptr(JmCard) card = NULL;
  JmRect r, damage;
  double vx, vy;

  if (s_b == NULL)
    return FALSE;
  cell = jm_document_get_cell (doc, jm_element_get_id (JM_ELEMENT (s_a)), lane_id);
  if (cell == NULL || cell->len < 2)
    return FALSE;

  card = g_object_ref (g_ptr_array_index (cell, 1));
  jm_layout_get_card_rect (layout, jm_element_get_id (JM_ELEMENT (card)), &r);
  vx = MAX (0, r.x - 600);
  vy = MAX (0, r.y - 300);
  jm_layout_update (layout, NULL);
  draw_view (renderer, layout, cr, vx, vy, 1.0, NULL);

  for (guint f = 0; f < frames; f++)
    {
      JmStage *target = f % 2 == 0 ? s_b : s_a;
      double t0 = jm_bench_now_ms (), t1;

      if (!_jm_document_move (doc, JM_ELEMENT (card), jm_element_get_id (JM_ELEMENT (target)),
                              lane_id, 1, NULL))
        g_error ("move failed");
      jm_layout_update (layout, &damage);
      t1 = jm_bench_now_ms ();
      draw_view (renderer, layout, cr, vx, vy, 1.0, &damage);
      cairo_surface_flush (surface);
      total[f] = jm_bench_now_ms () - t0;
      relayout[f] = t1 - t0;
    }

  *relayout_ms = jm_bench_median (relayout, frames);
  *frame_ms = jm_bench_median (total, frames);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return TRUE;
}

static double
cpu_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Exports in a child process; returns FALSE (and the reason) on failure. The child starts with
 * the benchmark's own memory (the maps, layouts and caches made so far): added_mb is what the
 * export itself took at its peak, above the RSS the child started with. */
static gboolean
bench_export (JmDocument            *doc,
              const char            *path,
              const JmExportOptions *options,
              double                *ms,
              double                *cpu_ms,
              double                *peak_mb,
              double                *added_mb,
              double                *size_mb,
              char                 **failure)
{
  struct {
    double ms, cpu_ms, base_kb, peak_kb, size;
    char   message[512];
  } result = { 0, 0, 0, 0, -1, "" };
  int fds[2];
  pid_t pid;

  fflush (stdout);
  if (pipe (fds) != 0)
    return FALSE;

  pid = fork ();
  if (pid == 0)
    {
      GError *error = NULL;
      double t0 = jm_bench_now_ms ();
      double c0 = cpu_now_ms ();
      GStatBuf st;

      close (fds[0]);
      result.base_kb = read_status_kb ("VmRSS:");
      if (jm_export_file (doc, path, options, &error) && g_stat (path, &st) == 0)
        result.size = st.st_size;
      else
        g_strlcpy (result.message, error != NULL ? error->message : "?", sizeof result.message);
      result.ms = jm_bench_now_ms () - t0;
      result.cpu_ms = cpu_now_ms () - c0;
      result.peak_kb = read_status_kb ("VmHWM:");
      _exit (write (fds[1], &result, sizeof result) == sizeof result ? 0 : 1);
    }

  close (fds[1]);
  if (read (fds[0], &result, sizeof result) != sizeof result)
    g_strlcpy (result.message, "the export process died", sizeof result.message);
  close (fds[0]);
  waitpid (pid, NULL, 0);
  g_unlink (path);

  *ms = result.ms;
  *cpu_ms = result.cpu_ms;
  *peak_mb = result.peak_kb / 1024.0;
  *added_mb = (result.peak_kb - result.base_kb) / 1024.0;
  *size_mb = result.size / (1024.0 * 1024.0);
  if (result.size < 0)
    {
      *failure = g_strdup (result.message);
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  int frames = 31;
  int runs = 21;
  gboolean no_export = FALSE;
  g_autofree char *save_dir = NULL;
  const GOptionEntry entries[] = {
    { "frames", 'f', 0, G_OPTION_ARG_INT, &frames, "Frames per drawing figure (31)", "N" },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs of the layout figure (21)", "N" },
    { "no-export", 0, 0, G_OPTION_ARG_NONE, &no_export, "Skip the exports", NULL },
    { "save-png", 0, 0, G_OPTION_ARG_FILENAME, &save_dir, "Save the last frame of each zoom",
      "DIR" },
    { NULL },
  };
  const char * const draw_columns[] = {
    "cards", "map (units)", "layout ms", "z 0.25", "z 0.5", "z 1", "z 2", "move: relayout",
    "move: + redraw", NULL
  };
  const char * const export_columns[] = {
    "cards", "format", "output", "ms", "CPU ms", "peak RSS MB", "export's own MB", "file MB",
    NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JmBenchTable) draw_table = NULL;
  g_autoptr(JmBenchTable) export_table = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_LIGHT);
  g_autofree char *tmp = NULL;
  gboolean met;

  context = g_option_context_new ("— layout, render and export benchmark");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  frames = MAX (frames, 1);
  runs = MAX (runs, 1);

  printf ("Journey Maps render benchmark — layout median of %d runs; drawing: median of %d "
           "frames panning a 1920×1080 view (first frame, cold text cache, in brackets)\n",
           runs, frames);

  draw_table = jm_bench_table_new ("Layout and drawing (ms)", draw_columns);
  export_table = jm_bench_table_new ("Export (light theme, whole map)", export_columns);
  if (!no_export)
    {
      tmp = g_dir_make_tmp ("jm-bench-render-XXXXXX", &error);
      g_assert_no_error (error);
    }

  for (guint s = 0; s < JM_BENCH_N_SIZES; s++)
    {
      guint n = jm_bench_sizes[s];
      g_autoptr(JmDocument) doc = jm_bench_make_map (n);
      g_autoptr(JmLayout) layout = jm_layout_new (doc, theme);
      g_autoptr(JmRenderer) renderer = jm_renderer_new (theme);
      g_autofree char *cards = g_strdup_printf ("%u", n);
      g_autofree char *size = NULL;
      g_autofree char *layout_text = NULL;
      g_autofree char *zoom_text[G_N_ELEMENTS (zooms)] = { NULL };
      g_autofree char *relayout_text = NULL;
      g_autofree char *move_text = NULL;
      double w, h, layout_ms, relayout_ms = 0, move_ms = 0;
      gboolean moved;

      jm_layout_get_size (layout, &w, &h);
      size = g_strdup_printf ("%.0f × %.0f", w, h);
      layout_ms = bench_layout (layout, runs);
      layout_text = fmt (layout_ms, 2);

      for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
        {
          g_autofree char *save_as = NULL;
          double median, first;

          if (save_dir != NULL)
            save_as = g_strdup_printf ("%s/view-%u-zoom-%g.png", save_dir, n, zooms[z]);
          bench_draw (layout, renderer, zooms[z], frames, save_as, &median, &first);
          zoom_text[z] = g_strdup_printf ("%.2f (%.0f)", median, first);
          if (n == 10000)
            {
              g_autofree char *what = g_strdup_printf ("draw 1920×1080 at zoom %g, 10,000 cards",
                                                       zooms[z]);

              jm_bench_budget_check (what, median, BUDGET_DRAW_MS, "ms");
            }
        }

      moved = bench_move_card (doc, layout, renderer, frames, &relayout_ms, &move_ms);
      relayout_text = moved ? fmt (relayout_ms, 3) : g_strdup ("—");
      move_text = moved ? fmt (move_ms, 2) : g_strdup ("—");

      jm_bench_table_add_row (draw_table, cards, size, layout_text, zoom_text[0], zoom_text[1],
                              zoom_text[2], zoom_text[3], relayout_text, move_text, NULL);

      if (n == 10000)
        {
          jm_bench_budget_check ("layout from scratch, 10,000 cards", layout_ms, BUDGET_LAYOUT_MS,
                                 "ms");
          if (moved)
            jm_bench_budget_check ("move one card (relayout + redraw), 10,000 cards", move_ms,
                                   BUDGET_MOVE_MS, "ms");
        }

      if (!no_export && n >= 512)
        for (guint f = 0; f < 3; f++)
          {
            static const char * const names[] = { "PNG", "PDF", "PDF A4" };
            g_autofree char *path = g_strdup_printf ("%s/bench.%s", tmp, f == 0 ? "png" : "pdf");
            g_autofree char *failure = NULL;
            g_autofree char *output = NULL;
            g_autofree char *ms_text = NULL, *cpu_text = NULL, *peak_text = NULL;
            g_autofree char *file_text = NULL, *added_text = NULL;
            JmExportOptions options;
            double ms, cpu_ms, peak, added, file_mb;

            jm_export_options_init (&options);
            options.format = f == 0 ? JM_EXPORT_FORMAT_PNG : JM_EXPORT_FORMAT_PDF;
            options.page = f == 2 ? JM_EXPORT_PAGE_A4 : JM_EXPORT_PAGE_POSTER;
            if (f == 0)
              {
                int pw, ph;

                jm_export_get_png_size (doc, &options, &pw, &ph);
                output = g_strdup_printf ("%d × %d px", pw, ph);
              }
            else if (f == 1)
              output = g_strdup ("1 page, vector");
            else
              {
                g_autoptr(JmExportPages) pages = NULL;
                double pw, ph;

                jm_export_page_get_size (options.page, &pw, &ph);
                pages = jm_export_pages_new (doc, &options, pw - 2 * JM_EXPORT_PAGE_MARGIN,
                                             ph - 2 * JM_EXPORT_PAGE_MARGIN, NULL);
                output = g_strdup_printf ("%u pages", jm_export_pages_get_n_pages (pages));
              }

            if (bench_export (doc, path, &options, &ms, &cpu_ms, &peak, &added, &file_mb,
                              &failure))
              {
                ms_text = fmt (ms, 0);
                cpu_text = fmt (cpu_ms, 0);
                peak_text = fmt (peak, 0);
                added_text = fmt (added, 0);
                file_text = fmt (file_mb, 1);
                if (n == 10000 && f == 1)
                  {
                    jm_bench_budget_check ("export 10,000 cards to PDF, time", ms, BUDGET_PDF_MS,
                                           "ms");
                    jm_bench_budget_check ("export 10,000 cards to PDF, peak RSS", peak,
                                           BUDGET_PDF_MB, "MB");
                  }
              }
            else
              {
                ms_text = g_strdup ("failed");
                cpu_text = g_strdup ("—");
                peak_text = g_strdup ("—");
                added_text = g_strdup ("—");
                file_text = g_strdup (failure);
              }
            jm_bench_table_add_row (export_table, cards, names[f], output, ms_text, cpu_text,
                                    peak_text, added_text, file_text, NULL);
          }
    }

  jm_bench_table_print (draw_table, stdout);
  if (!no_export)
    {
      jm_bench_table_print (export_table, stdout);
      g_rmdir (tmp);
    }

  met = jm_bench_budgets_print (stdout);
  printf ("\n%s\n", met ? "All budgets met." : "Some budgets were MISSED.");
  return met ? 0 : 1;
}
