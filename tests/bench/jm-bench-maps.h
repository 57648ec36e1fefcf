/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the benchmarks: generated maps of a given size, timing and memory helpers, and
 * the result table every benchmark adds its rows to. */
#pragma once

#include <stdio.h>

#include "jm-json.h"

G_BEGIN_DECLS

/* The map sizes every benchmark measures. */
#define JM_BENCH_N_SIZES 3
extern const guint jm_bench_sizes[JM_BENCH_N_SIZES];   /* 70, 512, 10000 cards */

/* A realistic, deterministic map: 8 stages (two metrics each), 8 lanes of different kinds
 * (7 typed + 1 custom), 5 roles, 6 departments, n_cards cards spread over the 64 cells with
 * the fields of their kind, about one connection per 4 cards (some step back), half of the
 * texts Chinese. The same n_cards always gives the same map. */
JmDocument *jm_bench_make_map     (guint n_cards);

/* Monotonic clock in milliseconds. */
double      jm_bench_now_ms       (void);
/* Median of n samples (sorts them in place). */
double      jm_bench_median       (double *samples,
                                   guint   n);
/* Bytes of heap in use (glibc mallinfo2: arena in use + mmapped blocks). Unlike RSS it goes
 * down on free and is not hidden by pages reused from earlier work, so the difference around
 * building something is the memory that thing holds. */
gsize       jm_bench_heap_in_use  (void);
/* Resident set size of the process, from /proc/self/statm. */
gsize       jm_bench_rss          (void);

/* A plain text table: a title, column headers, rows of cells (right-aligned but the first). */
typedef struct _JmBenchTable JmBenchTable;

JmBenchTable *jm_bench_table_new      (const char         *title,
                                       const char * const *columns);   /* NULL-terminated */
void          jm_bench_table_add_row  (JmBenchTable       *table,
                                       ...) G_GNUC_NULL_TERMINATED;   /* one char* per column */
void          jm_bench_table_print    (JmBenchTable       *table,
                                       FILE               *out);
void          jm_bench_table_free     (JmBenchTable       *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JmBenchTable, jm_bench_table_free)

/* Budgets: each check is remembered and printed by jm_bench_budgets_print (), which returns
 * FALSE if any was missed. */
void          jm_bench_budget_check   (const char *what,
                                       double      value,
                                       double      budget,
                                       const char *unit);
gboolean      jm_bench_budgets_print  (FILE       *out);

G_END_DECLS
