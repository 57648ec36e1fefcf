/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-bench: the benchmark program (not a test). Generates maps of 70, 512 and 10,000 cards
 * and prints a table per subsystem plus the budgets; exits 1 if a budget is missed.
 *
 *   build-dir/tests/bench/jm-bench [--runs N]
 *
 * Other subsystems (layout, render, export) add a function like bench_io () that fills its
 * own JmBenchTable and calls jm_bench_budget_check (); see jm-bench-maps.h. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "jm-bench-maps.h"

#define DEFAULT_RUNS 5

/* Budgets for the 10,000-card map (ARCHITECTURE.md, "Performance shape"). */
#define BUDGET_LOAD_MS   150.0
#define BUDGET_SAVE_MS    80.0
#define BUDGET_MODEL_MB   40.0
/* A map holding a 100 MB string is refused before json-glib sees it (was a timed assertion
 * in tests/core/test-io.c, /core/io/limits). */
#define BUDGET_REFUSE_HUGE_MS  2000.0

static guint runs = DEFAULT_RUNS;
static char *write_dir = NULL;

static void
bench_io (void)
{
  const char * const columns[] = {
    "cards", "file size", "load ms", "(json-glib parse ms)", "save ms", "model MB", NULL
  };
  g_autoptr(JmBenchTable) table =
    jm_bench_table_new ("File format (median of runs; model = heap held by the loaded document)",
                        columns);
  guint s;

  /* Warm up: type classes, enum classes, GSlice magazines. */
  {
    g_autoptr(JmDocument) doc = jm_bench_make_map (70);
    g_autoptr(GBytes) bytes = jm_json_save_bytes (doc);
    g_autoptr(JmDocument) again = jm_json_load_bytes (bytes, NULL);
  }

  for (s = 0; s < JM_BENCH_N_SIZES; s++)
    {
      guint n_cards = jm_bench_sizes[s];
      g_autoptr(JmDocument) doc = jm_bench_make_map (n_cards);
      g_autoptr(GBytes) bytes = jm_json_save_bytes (doc);
      g_autofree double *load = g_new (double, runs);
      g_autofree double *parse = g_new (double, runs);
      g_autofree double *save = g_new (double, runs);
      g_autofree char *cards = g_strdup_printf ("%u", n_cards);
      g_autofree char *size = g_format_size (g_bytes_get_size (bytes));
      g_autofree char *load_text = NULL, *parse_text = NULL, *save_text = NULL;
      g_autofree char *model_text = NULL;
      double load_ms, parse_ms, save_ms, model_mb;
      gsize heap_before, heap_after;
      guint r;

      if (write_dir != NULL)
        {
          g_autofree char *name = g_strdup_printf ("bench-%u.journey.json", n_cards);
          g_autofree char *path = g_build_filename (write_dir, name, NULL);
          g_autoptr(GError) error = NULL;

          if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                    (gssize) g_bytes_get_size (bytes), &error))
            g_printerr ("%s\n", error->message);
        }

      for (r = 0; r < runs; r++)
        {
          g_autoptr(GError) error = NULL;
          JmDocument *loaded;
          double t0, t1;

          t0 = jm_bench_now_ms ();
          loaded = jm_json_load_bytes (bytes, &error);
          t1 = jm_bench_now_ms ();
          if (loaded == NULL)
            g_error ("loading the %u-card map failed: %s", n_cards, error->message);
          load[r] = t1 - t0;
          g_object_unref (loaded);

          /* json-glib's share: parse and free the tree, nothing else. */
          {
            JsonParser *parser = json_parser_new_immutable ();
            gsize len;
            const char *data = g_bytes_get_data (bytes, &len);

            t0 = jm_bench_now_ms ();
            json_parser_load_from_data (parser, data, (gssize) len, NULL);
            g_object_unref (parser);
            parse[r] = jm_bench_now_ms () - t0;
          }

          t0 = jm_bench_now_ms ();
          {
            g_autoptr(GBytes) saved = jm_json_save_bytes (doc);
            t1 = jm_bench_now_ms ();
            if (!g_bytes_equal (saved, bytes))
              g_error ("saving the %u-card map twice gave different bytes", n_cards);
          }
          save[r] = t1 - t0;
        }

      /* Memory held by a loaded document (the parse tree is gone by then). */
      {
        JmDocument *loaded;

        heap_before = jm_bench_heap_in_use ();
        loaded = jm_json_load_bytes (bytes, NULL);
        heap_after = jm_bench_heap_in_use ();
        model_mb = heap_after > heap_before ? (heap_after - heap_before) / (1024.0 * 1024.0) : 0;
        g_object_unref (loaded);
      }

      load_ms = jm_bench_median (load, runs);
      parse_ms = jm_bench_median (parse, runs);
      save_ms = jm_bench_median (save, runs);
      load_text = g_strdup_printf ("%.1f", load_ms);
      parse_text = g_strdup_printf ("%.1f", parse_ms);
      save_text = g_strdup_printf ("%.1f", save_ms);
      model_text = g_strdup_printf ("%.1f", model_mb);
      jm_bench_table_add_row (table, cards, size, load_text, parse_text, save_text, model_text,
                              NULL);

      if (n_cards == 10000)
        {
          jm_bench_budget_check ("load 10,000 cards", load_ms, BUDGET_LOAD_MS, "ms");
          jm_bench_budget_check ("save 10,000 cards", save_ms, BUDGET_SAVE_MS, "ms");
          jm_bench_budget_check ("model of 10,000 cards", model_mb, BUDGET_MODEL_MB, "MB");
        }
    }
  jm_bench_table_print (table, stdout);
}

/* The loader refuses a 100 MB title quickly: its own scanner stops at the length limit. */
static void
bench_refuse_huge_string (void)
{
  const char *head = "{\"format\": \"journey-maps\", \"version\": 1, \"title\": \"";
  const char *tail = "\"}\n";
  const gsize n = 100 * 1024 * 1024;
  gsize head_len = strlen (head), tail_len = strlen (tail);
  char *text = g_malloc (head_len + n + tail_len);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree double *times = g_new (double, runs);
  double ms;

  memcpy (text, head, head_len);
  memset (text + head_len, 'a', n);
  memcpy (text + head_len + n, tail, tail_len);
  bytes = g_bytes_new_take (text, head_len + n + tail_len);

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JmDocument) doc = NULL;
      double t0 = jm_bench_now_ms ();

      doc = jm_json_load_bytes (bytes, &error);
      times[r] = jm_bench_now_ms () - t0;
      if (doc != NULL || !g_error_matches (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_TOO_LARGE))
        g_error ("a 100 MB string was not refused as too large");
    }

  ms = jm_bench_median (times, runs);
  g_print ("\nRefusing a map with a 100 MB string: %.1f ms\n", ms);
  jm_bench_budget_check ("refuse a 100 MB string", ms, BUDGET_REFUSE_HUGE_MS, "ms");
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs per measurement (default 5)", "N" },
    { "write-maps", 'w', 0, G_OPTION_ARG_FILENAME, &write_dir,
      "Also write the generated maps as DIR/bench-N.journey.json", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gboolean met;

  /* GLib 2.74's slice allocator keeps freed chunks in its own caches, where mallinfo2 still
   * counts them as in use: memory figures need plain malloc. Set before GLib allocates. */
  setenv ("G_SLICE", "always-malloc", 1);

  context = g_option_context_new ("— Journey Maps benchmarks");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (runs < 1)
    runs = 1;

  g_print ("Journey Maps benchmark — median of %u runs per time.\n"
           "Memory: heap in use (glibc mallinfo2, arena + mmapped blocks, G_SLICE=always-malloc)\n"
           "held by a loaded document, i.e. after the loader has freed its own data; RSS is not\n"
           "used because it never shrinks and hides reused pages.\n",
           runs);

  bench_io ();
  bench_refuse_huge_string ();

  met = jm_bench_budgets_print (stdout);
  g_print ("\n%s\n", met ? "All budgets met." : "Some budgets were MISSED.");
  return met ? 0 : 1;
}
