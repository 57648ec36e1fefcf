/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <malloc.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jm-bench-maps.h"
#include "jm-document-private.h"

const guint jm_bench_sizes[JM_BENCH_N_SIZES] = { 70, 512, 10000 };

/* ─── maps ─── */

static const char * const stage_en[] = {
  "Discover", "Research", "Compare", "Decide", "Sign", "Integrate", "Validate", "Promote",
};
static const char * const stage_zh[] = {
  "发觉", "研究", "比较", "决策", "签约", "融合", "验证", "推广",
};
static const JmLaneKind lane_kinds[] = {
  JM_LANE_KIND_BEHAVIOUR, JM_LANE_KIND_TOUCHPOINTS, JM_LANE_KIND_CONCERNS,
  JM_LANE_KIND_PAIN_POINTS, JM_LANE_KIND_EMOTIONS, JM_LANE_KIND_OPPORTUNITIES,
  JM_LANE_KIND_RESPONSIBILITIES, JM_LANE_KIND_CUSTOM,
};
static const char * const lane_titles[] = {
  "Behaviour", "Touchpoints", "Concerns", "Pain points", "Emotions", "Opportunities",
  "Responsibilities", "Notes",
};
static const char * const text_en[] = {
  "Reads a comparison of SSO vendors on a review site",
  "Asks the sales engineer about data residency",
  "Downloads the security white paper",
  "Worried the integration will take a whole quarter",
  "Joins the community webinar on audit logs",
  "Compares pricing tiers with the finance team",
};
static const char * const text_zh[] = {
  "在知乎上阅读单点登录厂商的比较文章",
  "向售前工程师询问数据存储的位置",
  "下载安全白皮书并转发给采购",
  "担心集成需要整整一个季度",
  "参加社区关于审计日志的网络研讨会",
  "和财务团队一起比较价格方案",
};

static void
insert (JmDocument *doc,
        gpointer    element)
{
  GError *error = NULL;

  if (!_jm_document_insert (doc, element, -1, &error))
    g_error ("bench map: %s", error->message);
  g_object_unref (element);
}

JmDocument *
jm_bench_make_map (guint n_cards)
{
  JmDocument *doc = jm_document_new_blank ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (n_cards);
  guint i;

  for (i = 0; i < 8; i++)
    {
      g_autoptr(JmMetrics) metrics = jm_metrics_new ();
      g_autofree char *id = g_strdup_printf ("s%u", i + 1);
      g_autofree char *title = g_strdup_printf ("%s %s", stage_en[i], stage_zh[i]);
      JmStage *stage = jm_stage_new (id, title);

      jm_metrics_append (metrics, "Conversion", 10 + i * 2.5, "%", TRUE, 20);
      jm_metrics_append (metrics, "周期", 14 + i, "天", FALSE, 0);
      g_object_set (stage,
                    "description", i % 2 ? "客户在这个阶段研究方案" : "The customer studies options",
                    "customer-goal", "Reduce risk",
                    "business-goal", "Be on the short list",
                    "color", i % 3 == 0 ? "#3584e4" : "",
                    "metrics", metrics,
                    NULL);
      insert (doc, stage);
    }
  for (i = 0; i < G_N_ELEMENTS (lane_kinds); i++)
    {
      g_autofree char *id = g_strdup_printf ("l%u", i + 1);
      insert (doc, jm_lane_new (id, lane_kinds[i], lane_titles[i]));
    }
  for (i = 0; i < 6; i++)
    {
      static const char * const names[] = {
        "Marketing", "销售", "Customer success", "产品研发", "Support", "技术团队",
      };
      g_autofree char *id = g_strdup_printf ("d%u", i + 1);
      insert (doc, jm_department_new (id, names[i], i % 2 ? "#e66100" : ""));
    }
  for (i = 0; i < 5; i++)
    {
      static const char * const names[] = { "CTO", "采购", "Engineer", "CFO", "Champion" };
      g_autofree char *id = g_strdup_printf ("r%u", i + 1);
      insert (doc, jm_role_new (id, (JmRoleKind) i, names[i]));
    }

  for (i = 0; i < n_cards; i++)
    {
      guint stage = (i / 8) % 8, lane = i % 8;
      JmCardKind kind = jm_lane_kind_default_card_kind (lane_kinds[lane]);
      g_autofree char *id = g_strdup_printf ("c%u", i + 1);
      g_autofree char *stage_id = g_strdup_printf ("s%u", stage + 1);
      g_autofree char *lane_id = g_strdup_printf ("l%u", lane + 1);
      const char *text = i % 2 ? text_zh[i % G_N_ELEMENTS (text_zh)]
                               : text_en[i % G_N_ELEMENTS (text_en)];
      JmCard *card = jm_card_new (id, kind, stage_id, lane_id, text);

      if (g_rand_int_range (rand, 0, 4) == 0)
        {
          const char *roles[] = { "r1", "r3", NULL };
          roles[g_rand_int_range (rand, 1, 3)] = NULL;
          g_object_set (card, "roles", roles, NULL);
        }
      if (g_rand_int_range (rand, 0, 8) == 0)
        g_object_set (card, "notes", i % 2 ? "来自客户访谈" : "From the interviews", NULL);
      switch (kind)
        {
        case JM_CARD_KIND_TOUCHPOINT:
          g_object_set (card, "channel", g_rand_int_range (rand, 0, JM_CHANNEL_OTHER + 1),
                        "online", g_rand_int_range (rand, 0, 3) != 0, NULL);
          break;
        case JM_CARD_KIND_EMOTION:
          g_object_set (card, "score", g_rand_int_range (rand, JM_SCORE_MIN, JM_SCORE_MAX + 1),
                        "feeling", i % 2 ? "焦虑" : "hopeful", NULL);
          break;
        case JM_CARD_KIND_OPPORTUNITY:
          g_object_set (card,
                        "impact", g_rand_int_range (rand, 1, 6),
                        "effort", g_rand_int_range (rand, 1, 6),
                        "status", g_rand_int_range (rand, 0, JM_STATUS_DONE + 1), NULL);
          break;
        case JM_CARD_KIND_RESPONSIBILITY:
          {
            g_autofree char *department = g_strdup_printf ("d%d", g_rand_int_range (rand, 1, 7));
            g_object_set (card, "department", department, "owner", i % 2 ? "王经理" : "Sam",
                          NULL);
          }
          break;
        default:
          break;
        }
      insert (doc, card);
    }

  for (i = 0; i + 1 < n_cards; i += 4)
    {
      g_autofree char *id = g_strdup_printf ("x%u", i / 4 + 1);
      g_autofree char *from = g_strdup_printf ("c%u", i + 1);
      g_autofree char *to = NULL;
      gboolean back = i >= 64 && g_rand_int_range (rand, 0, 5) == 0;

      /* Forward to the same lane in the next stage, or back a stage. */
      to = g_strdup_printf ("c%u", back ? i + 1 - 64 : MIN (i + 1 + 8, n_cards));
      if (g_strcmp0 (from, to) == 0)
        continue;
      insert (doc, jm_connection_new (id, from, to,
                                      back ? JM_CONNECTION_KIND_STEP_BACK
                                           : JM_CONNECTION_KIND_NEXT));
    }

  {
    GValue v = G_VALUE_INIT;
    g_value_init (&v, G_TYPE_STRING);
    g_value_take_string (&v, g_strdup_printf ("Benchmark map, %u cards", n_cards));
    _jm_document_set_property (doc, NULL, "title", &v, NULL);
    g_value_unset (&v);
  }
  return doc;
}

/* ─── measuring ─── */

double
jm_bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
jm_bench_median (double *samples,
                 guint   n)
{
  g_return_val_if_fail (n > 0, 0);
  qsort (samples, n, sizeof (double), compare_doubles);
  return n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
}

gsize
jm_bench_heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();
  return info.uordblks + info.hblkhd;
}

gsize
jm_bench_rss (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%lu %lu", &size, &resident) != 2)
    return 0;
  return (gsize) resident * (gsize) sysconf (_SC_PAGESIZE);
}

/* ─── the table ─── */

struct _JmBenchTable
{
  char      *title;
  GPtrArray *columns;   /* of char* */
  GPtrArray *rows;      /* of GStrv */
};

JmBenchTable *
jm_bench_table_new (const char         *title,
                    const char * const *columns)
{
  JmBenchTable *table = g_new0 (JmBenchTable, 1);

  table->title = g_strdup (title);
  table->columns = g_ptr_array_new_with_free_func (g_free);
  for (; *columns != NULL; columns++)
    g_ptr_array_add (table->columns, g_strdup (*columns));
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return table;
}

void
jm_bench_table_add_row (JmBenchTable *table,
                        ...)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  const char *cell;
  va_list args;
  guint n = 0;

  va_start (args, table);
  while ((cell = va_arg (args, const char *)) != NULL)
    {
      g_strv_builder_add (builder, cell);
      n++;
    }
  va_end (args);
  g_assert (n == table->columns->len);
  g_ptr_array_add (table->rows, g_strv_builder_end (builder));
  g_strv_builder_unref (builder);
}

void
jm_bench_table_print (JmBenchTable *table,
                      FILE         *out)
{
  guint n = table->columns->len;
  g_autofree guint *width = g_new0 (guint, n);
  guint r, c, total = 0;

  for (c = 0; c < n; c++)
    width[c] = g_utf8_strlen (g_ptr_array_index (table->columns, c), -1);
  for (r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);
      for (c = 0; c < n; c++)
        width[c] = MAX (width[c], (guint) g_utf8_strlen (row[c], -1));
    }
  for (c = 0; c < n; c++)
    total += width[c] + (c ? 3 : 0);

  fprintf (out, "\n%s\n", table->title);
  for (r = 0; r < (guint) -1; r++)
    {
      char **cells;

      if (r == 0)
        cells = (char **) table->columns->pdata;
      else if (r - 1 < table->rows->len)
        cells = g_ptr_array_index (table->rows, r - 1);
      else
        break;
      for (c = 0; c < n; c++)
        {
          int pad = (int) width[c] - (int) g_utf8_strlen (cells[c], -1);
          if (c > 0)
            fputs (" | ", out);
          if (c == 0)
            fprintf (out, "%s%*s", cells[c], pad, "");
          else
            fprintf (out, "%*s%s", pad, "", cells[c]);
        }
      fputc ('\n', out);
      if (r == 0)
        {
          guint i;
          for (i = 0; i < total; i++)
            fputc ('-', out);
          fputc ('\n', out);
        }
    }
}

void
jm_bench_table_free (JmBenchTable *table)
{
  g_free (table->title);
  g_ptr_array_unref (table->columns);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

/* ─── budgets ─── */

typedef struct
{
  char   *what;
  double  value;
  double  budget;
  char   *unit;
} Budget;

static GArray *budgets;

void
jm_bench_budget_check (const char *what,
                       double      value,
                       double      budget,
                       const char *unit)
{
  Budget b = { g_strdup (what), value, budget, g_strdup (unit) };

  if (budgets == NULL)
    budgets = g_array_new (FALSE, FALSE, sizeof (Budget));
  g_array_append_val (budgets, b);
}

gboolean
jm_bench_budgets_print (FILE *out)
{
  g_autoptr(JmBenchTable) table = NULL;
  const char * const columns[] = { "budget", "measured", "limit", "", NULL };
  gboolean all_met = TRUE;
  guint i;

  if (budgets == NULL)
    return TRUE;
  table = jm_bench_table_new ("Budgets", columns);
  for (i = 0; i < budgets->len; i++)
    {
      Budget *b = &g_array_index (budgets, Budget, i);
      g_autofree char *value = g_strdup_printf ("%.1f %s", b->value, b->unit);
      g_autofree char *limit = g_strdup_printf ("≤ %.0f %s", b->budget, b->unit);
      gboolean met = b->value <= b->budget;

      all_met &= met;
      jm_bench_table_add_row (table, b->what, value, limit, met ? "met" : "MISSED", NULL);
    }
  jm_bench_table_print (table, out);
  return all_met;
}
