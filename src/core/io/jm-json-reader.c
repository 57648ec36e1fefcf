/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-json-reader.c: the one loader of the Journey Maps file format, version 1.
 *
 * Two passes; neither can leave a partial document behind:
 *
 *  1. jm_json_tape_read () (jm-json-scanner.c): a strict, non-recursive JSON reader (RFC 8259,
 *     nothing more). It checks the UTF-8, the grammar, the nesting depth, string lengths,
 *     number ranges and duplicate keys, and fills a "tape": one flat array of values
 *     (containers know where their subtree ends) plus one arena of decoded strings.
 *  2. A walk of the tape checks every rule of the format (types, ranges, enums, ids,
 *     references) and builds a blank document. Any error drops the whole document.
 *
 * Why not json_parser_load_from_data (): json-glib 1.6 is lenient (it takes comments,
 * 'single quotes', trailing data and leading zeros, cuts strings at \u0000, wraps integers
 * that overflow, silently keeps the last of two equal keys) and recursive; and on a
 * 10,000-card map its parse plus freeing its tree alone takes 70–150 ms, the whole load
 * budget. The tape costs a few milliseconds. json-glib still holds the unknown keys the model
 * keeps (JsonObject), built from the tape.
 *
 * Every message names where the problem is: "line 3, column 14: …" for broken JSON,
 * "cards[12].stage: …" for a broken map. */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jm-json.h"
#include "jm-document-private.h"
#include "jm-json-scanner.h"

/* Documented limit on numbers in the file (metric values and targets). */
#define MAX_NUMBER 1e15

/* ─── Pass 2: the map ───────────────────────────────────────────────────────────────────── */

typedef struct
{
  const JmJsonValue *values;     /* the tape */
  const char        *strings;    /* its arena */
  JmDocument        *document;   /* NULL while reading a clipboard fragment */
  GHashTable        *ids;        /* id (in the arena) → JmElement* (borrowed) */
  GPtrArray         *owned;      /* fragment only: the new elements */
  GError           **error;
} Loader;

#define STR(loader, value)  ((loader)->strings + (value)->v.str)
#define KEY(loader, value)  ((loader)->strings + (value)->key)
#define NEXT(loader, value) ((loader)->values + (value)->end)
/* Iterates over the members of an object or the elements of an array. */
#define FOR_EACH_CHILD(loader, container, child) \
  for (child = (container) + 1; child < NEXT (loader, container); child = NEXT (loader, child))

/* Where an element is: "cards[12]"; sub is an optional middle part ("metrics[1]"). */
typedef struct
{
  Loader     *loader;
  const char *array;   /* NULL at the top level */
  guint       index;
  const char *sub;
} Where;

static char *
where_path (const Where *w,
            const char  *key)
{
  GString *out = g_string_new (w->array);

  g_string_append_printf (out, "[%u]", w->index);
  if (w->sub != NULL)
    g_string_append_printf (out, ".%s", w->sub);
  if (key != NULL)
    g_string_append_printf (out, ".%s", key);
  return g_string_free (out, FALSE);
}

G_GNUC_PRINTF (4, 5)
static gboolean
fail (const Where *w,
      int          code,
      const char  *key,
      const char  *format,
      ...)
{
  g_autofree char *what = NULL;
  g_autofree char *path = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  path = w->array != NULL ? where_path (w, key) : g_strdup (key);
  if (path != NULL)
    /* Translators: where in the file (e.g. cards[12].stage), then what is wrong. */
    g_set_error (w->loader->error, JM_DOCUMENT_ERROR, code, _("%s: %s"), path, what);
  else
    g_set_error_literal (w->loader->error, JM_DOCUMENT_ERROR, code, what);
  return FALSE;
}

/* A double as short as it reads back: "3.5", "2e+22". */
static void
format_double (char   *buf,
               gsize   size,
               double  v)
{
  int precision;

  for (precision = 15; precision <= 17; precision++)
    {
      char fmt[8];

      g_snprintf (fmt, sizeof fmt, "%%.%dg", precision);
      g_ascii_formatd (buf, size, fmt, v);
      if (g_ascii_strtod (buf, NULL) == v)
        return;
    }
}

/* What a value is, for "expected X, got Y". */
static char *
describe_value (Loader            *loader,
                const JmJsonValue *v)
{
  switch ((JmJsonValueType) v->type)
    {
    case JM_JSON_OBJECT:
      return g_strdup (_("an object"));
    case JM_JSON_ARRAY:
      return g_strdup (_("an array"));
    case JM_JSON_NULL:
      return g_strdup ("null");
    case JM_JSON_TRUE:
      return g_strdup ("true");
    case JM_JSON_FALSE:
      return g_strdup ("false");
    case JM_JSON_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, v->v.i);
    case JM_JSON_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        format_double (buf, sizeof buf, v->v.d);
        return g_strdup (buf);
      }
    case JM_JSON_STRING:
    default:
      {
        const char *s = STR (loader, v);
        if (g_utf8_strlen (s, 41) > 40)
          {
            g_autofree char *start = g_utf8_substring (s, 0, 40);
            return g_strdup_printf (_("the string “%s…”"), start);
          }
        return g_strdup_printf (_("the string “%s”"), s);
      }
    }
}

static gboolean
fail_type (const Where       *w,
           const char        *key,
           const char        *expected,
           const JmJsonValue *v)
{
  g_autofree char *got = describe_value (w->loader, v);

  /* Translators: e.g. "expected a string, got 12" */
  return fail (w, JM_DOCUMENT_ERROR_INVALID, key, _("expected %s, got %s"), expected, got);
}

static gboolean
read_string (const Where        *w,
             const char         *key,
             const JmJsonValue  *v,
             const char        **out)
{
  if (v->type != JM_JSON_STRING)
    return fail_type (w, key, _("a string"), v);
  *out = STR (w->loader, v);
  return TRUE;
}

static gboolean
read_boolean (const Where       *w,
              const char        *key,
              const JmJsonValue *v,
              gboolean          *out)
{
  if (v->type != JM_JSON_TRUE && v->type != JM_JSON_FALSE)
    return fail_type (w, key, _("true or false"), v);
  *out = v->type == JM_JSON_TRUE;
  return TRUE;
}

/* "−3" with a real minus sign, for ranges in messages. */
static char *
format_int (gint64 v)
{
  if (v < 0)
    return g_strdup_printf ("−%" G_GUINT64_FORMAT, (guint64) 0 - (guint64) v);
  return g_strdup_printf ("%" G_GINT64_FORMAT, v);
}

static gboolean
fail_range (const Where *w,
            const char  *key,
            const char  *got,
            gint64       min,
            gint64       max)
{
  g_autofree char *lo = format_int (min);
  g_autofree char *hi = format_int (max);

  return fail (w, JM_DOCUMENT_ERROR_INVALID, key, _("%s is out of range %s…%s"), got, lo, hi);
}

/* An integral number (3 or 3.0, not 3.5) in min…max. */
static gboolean
read_int (const Where       *w,
          const char        *key,
          const JmJsonValue *v,
          gint64             min,
          gint64             max,
          gint64            *out)
{
  gint64 i;

  if (v->type == JM_JSON_INT)
    {
      i = v->v.i;
    }
  else if (v->type == JM_JSON_DOUBLE && v->v.d == floor (v->v.d))
    {
      /* Range first: converting an out-of-range double to an integer is undefined. */
      if (v->v.d < (double) min || v->v.d > (double) max)
        {
          g_autofree char *got = describe_value (w->loader, v);
          return fail_range (w, key, got, min, max);
        }
      i = (gint64) v->v.d;
    }
  else
    {
      return fail_type (w, key, _("a whole number"), v);
    }

  if (i < min || i > max)
    {
      g_autofree char *got = format_int (i);
      return fail_range (w, key, got, min, max);
    }
  *out = i;
  return TRUE;
}

static gboolean
read_number (const Where       *w,
             const char        *key,
             const JmJsonValue *v,
             double            *out)
{
  double d;

  if (v->type == JM_JSON_INT)
    d = (double) v->v.i;
  else if (v->type == JM_JSON_DOUBLE)
    d = v->v.d;
  else
    return fail_type (w, key, _("a number"), v);

  if (!isfinite (d) || fabs (d) >= MAX_NUMBER)
    {
      g_autofree char *got = describe_value (w->loader, v);
      return fail (w, JM_DOCUMENT_ERROR_INVALID, key,
                   _("%s is out of range (numbers must be between −10¹⁵ and 10¹⁵)"), got);
    }
  *out = d;
  return TRUE;
}

static gboolean
read_color (const Where        *w,
            const char         *key,
            const JmJsonValue  *v,
            const char        **out)
{
  const char *s = NULL;
  int i;

  if (!read_string (w, key, v, &s))
    return FALSE;
  if (*s != '\0')
    {
      gboolean ok = s[0] == '#' && strlen (s) == 7;

      for (i = 1; ok && i < 7; i++)
        ok = g_ascii_isxdigit (s[i]);
      if (!ok)
        {
          g_autofree char *got = describe_value (w->loader, v);
          return fail (w, JM_DOCUMENT_ERROR_INVALID, key,
                       _("expected a color as \"#rrggbb\" or \"\", got %s"), got);
        }
    }
  *out = s;
  return TRUE;
}

static char *
enum_nicks (GType type)
{
  GEnumClass *klass = g_type_class_ref (type);
  GString *out = g_string_new (NULL);
  guint i;

  for (i = 0; i < klass->n_values; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, klass->values[i].value_nick);
    }
  g_type_class_unref (klass);
  return g_string_free (out, FALSE);
}

static gboolean
read_enum (const Where       *w,
           const char        *key,
           const JmJsonValue *v,
           GType              type,
           int               *out)
{
  GEnumClass *klass;
  GEnumValue *ev;
  const char *s = NULL;

  if (!read_string (w, key, v, &s))
    return FALSE;
  /* Enum classes of static types are never freed: keep the reference. */
  klass = g_type_class_peek (type);
  if (klass == NULL)
    klass = g_type_class_ref (type);
  ev = g_enum_get_value_by_nick (klass, s);
  if (ev == NULL)
    {
      g_autofree char *got = describe_value (w->loader, v);
      g_autofree char *nicks = enum_nicks (type);
      return fail (w, JM_DOCUMENT_ERROR_INVALID, key, _("%s is not one of: %s"), got, nicks);
    }
  *out = ev->value;
  return TRUE;
}

static gboolean
valid_id (const char *id)
{
  gsize n = 0;

  for (; *id != '\0'; id++, n++)
    {
      if (!g_ascii_isalnum (*id) && *id != '_' && *id != '-')
        return FALSE;
    }
  return n >= 1 && n <= 64;
}

static const char *
element_kind_name (JmElement *element)
{
  if (JM_IS_STAGE (element))
    return _("a stage");
  if (JM_IS_LANE (element))
    return _("a lane");
  if (JM_IS_CARD (element))
    return _("a card");
  if (JM_IS_ROLE (element))
    return _("a role");
  if (JM_IS_DEPARTMENT (element))
    return _("a department");
  return _("a connection");
}

/* Reads and checks the required "id". The string lives in the arena, which outlives the
 * load's hash table. */
static gboolean
read_id (const Where        *w,
         const JmJsonValue  *v,
         const char        **out)
{
  const char *id = NULL;
  JmElement *other;

  if (v == NULL)
    return fail (w, JM_DOCUMENT_ERROR_INVALID, NULL, _("the required key “id” is missing"));
  if (!read_string (w, "id", v, &id))
    return FALSE;
  if (!valid_id (id))
    {
      g_autofree char *got = describe_value (w->loader, v);
      return fail (w, JM_DOCUMENT_ERROR_INVALID, "id",
                   _("%s is not a valid id (1 to 64 letters, digits, “-” or “_”)"), got);
    }
  other = g_hash_table_lookup (w->loader->ids, id);
  if (other != NULL)
    return fail (w, JM_DOCUMENT_ERROR_INVALID, "id", _("“%s” is already the id of %s"),
                 id, element_kind_name (other));
  *out = id;
  return TRUE;
}

static gboolean
require (const Where       *w,
         const JmJsonValue *v,
         const char        *key)
{
  if (v == NULL)
    return fail (w, JM_DOCUMENT_ERROR_INVALID, NULL, _("the required key “%s” is missing"), key);
  return TRUE;
}

/* The element the id refers to, if it is of the given type. */
static gpointer
lookup_typed (Loader     *loader,
              const char *id,
              GType       type)
{
  JmElement *element = g_hash_table_lookup (loader->ids, id);

  if (element != NULL && G_TYPE_CHECK_INSTANCE_TYPE (element, type))
    return element;
  return NULL;
}

/* A json-glib copy of a value, for the unknown keys the model keeps. */
static JsonNode *
value_to_node (Loader            *loader,
               const JmJsonValue *v)
{
  JsonNode *node;

  switch ((JmJsonValueType) v->type)
    {
    case JM_JSON_OBJECT:
      {
        JsonObject *object = json_object_new ();
        const JmJsonValue *child;

        FOR_EACH_CHILD (loader, v, child)
          json_object_set_member (object, KEY (loader, child), value_to_node (loader, child));
        node = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
        return node;
      }
    case JM_JSON_ARRAY:
      {
        JsonArray *array = json_array_sized_new (v->n);
        const JmJsonValue *child;

        FOR_EACH_CHILD (loader, v, child)
          json_array_add_element (array, value_to_node (loader, child));
        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return node;
      }
    case JM_JSON_STRING:
      return json_node_init_string (json_node_alloc (), STR (loader, v));
    case JM_JSON_INT:
      return json_node_init_int (json_node_alloc (), v->v.i);
    case JM_JSON_DOUBLE:
      return json_node_init_double (json_node_alloc (), v->v.d);
    case JM_JSON_TRUE:
    case JM_JSON_FALSE:
      return json_node_init_boolean (json_node_alloc (), v->type == JM_JSON_TRUE);
    case JM_JSON_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

/* Sorts an object's members into the known keys (fields, by index in keys) and a copy of
 * the unknown ones, in their order (*extra, NULL when there are none). */
static void
split_members (Loader             *loader,
               const JmJsonValue        *object,
               const char * const *keys,
               guint               n_keys,
               const JmJsonValue       **fields,
               JsonObject        **extra)
{
  const JmJsonValue *member;

  memset (fields, 0, n_keys * sizeof (const JmJsonValue *));
  *extra = NULL;
  FOR_EACH_CHILD (loader, object, member)
    {
      const char *name = KEY (loader, member);
      guint i;

      for (i = 0; i < n_keys; i++)
        {
          if (name[0] == keys[i][0] && strcmp (name, keys[i]) == 0)
            break;
        }
      if (i < n_keys)
        {
          fields[i] = member;
        }
      else
        {
          if (*extra == NULL)
            *extra = json_object_new ();
          json_object_set_member (*extra, name, value_to_node (loader, member));
        }
    }
}

/* Properties to set on a new element in one go. */
#define MAX_PROPS 20
typedef struct
{
  const char *names[MAX_PROPS];
  GValue      values[MAX_PROPS];
  guint       n;
} PropSet;

static GValue *
prop_add (PropSet    *ps,
          const char *name,
          GType       type)
{
  g_assert (ps->n < MAX_PROPS);
  ps->names[ps->n] = name;
  g_value_init (&ps->values[ps->n], type);
  return &ps->values[ps->n++];
}

static void
prop_add_string (PropSet    *ps,
                 const char *name,
                 const char *value)
{
  /* The string lives in the arena until after prop_apply (), which copies it. */
  if (value != NULL && *value != '\0')
    g_value_set_static_string (prop_add (ps, name, G_TYPE_STRING), value);
}

static void
prop_apply (PropSet  *ps,
            gpointer  object)
{
  guint i;

  if (ps->n > 0)
    g_object_setv (object, ps->n, ps->names, ps->values);
  for (i = 0; i < ps->n; i++)
    g_value_unset (&ps->values[i]);
  ps->n = 0;
}

/* Takes the element. */
static gboolean
insert_element (const Where *w,
                JmElement   *element,
                const char  *id,
                JsonObject  *extra)
{
  Loader *loader = w->loader;

  if (extra != NULL)
    _jm_element_set_extra (element, extra);

  if (loader->document != NULL)
    {
      GError *local_error = NULL;

      if (!_jm_document_insert (loader->document, element, -1, &local_error))
        {
          fail (w, JM_DOCUMENT_ERROR_INVALID, NULL, "%s", local_error->message);
          g_error_free (local_error);
          g_object_unref (element);
          return FALSE;
        }
      g_hash_table_insert (loader->ids, (gpointer) id, element);
      g_object_unref (element);   /* the document holds it */
    }
  else
    {
      g_hash_table_insert (loader->ids, (gpointer) id, element);
      g_ptr_array_add (loader->owned, element);
    }
  return TRUE;
}

/* The array under a top-level key; a missing array is empty (NULL). */
static gboolean
get_array (Loader             *loader,
           const JmJsonValue  *v,
           const char         *key,
           const JmJsonValue **out)
{
  *out = NULL;
  if (v == NULL)
    return TRUE;
  if (v->type != JM_JSON_ARRAY)
    {
      Where w = { loader, NULL, 0, NULL };
      return fail_type (&w, key, _("an array"), v);
    }
  *out = v;
  return TRUE;
}

static gboolean
check_object (const Where       *w,
              const JmJsonValue *v)
{
  if (v->type != JM_JSON_OBJECT)
    {
      g_autofree char *got = describe_value (w->loader, v);
      return fail (w, JM_DOCUMENT_ERROR_INVALID, NULL, _("expected an object, got %s"), got);
    }
  return TRUE;
}

/* ── stages ── */

enum {
  STAGE_ID, STAGE_TITLE, STAGE_DESCRIPTION, STAGE_CUSTOMER_GOAL, STAGE_BUSINESS_GOAL,
  STAGE_COLOR, STAGE_METRICS, N_STAGE_KEYS
};
static const char * const stage_keys[] = {
  "id", "title", "description", "customer-goal", "business-goal", "color", "metrics",
};

enum { METRIC_NAME, METRIC_VALUE, METRIC_UNIT, METRIC_TARGET, N_METRIC_KEYS };
static const char * const metric_keys[] = { "name", "value", "unit", "target" };

static gboolean
read_metrics (const Where       *w,
              const JmJsonValue *v,
              JmMetrics         *metrics)
{
  Loader *loader = w->loader;
  const JmJsonValue *item;
  guint i = 0;

  if (v->type != JM_JSON_ARRAY)
    return fail_type (w, "metrics", _("an array"), v);
  FOR_EACH_CHILD (loader, v, item)
    {
      const JmJsonValue *f[N_METRIC_KEYS];
      g_autoptr(JsonObject) extra = NULL;
      char sub[32];
      Where mw = *w;
      const char *name = "", *unit = "";
      double value = 0, target = 0;

      g_snprintf (sub, sizeof sub, "metrics[%u]", i++);
      mw.sub = sub;
      if (item->type != JM_JSON_OBJECT)
        {
          g_autofree char *got = describe_value (loader, item);
          return fail (w, JM_DOCUMENT_ERROR_INVALID, sub, _("expected an object, got %s"), got);
        }
      /* A metric has no room for unknown keys: they are dropped. */
      split_members (loader, item, metric_keys, N_METRIC_KEYS, f, &extra);
      if ((f[METRIC_NAME] && !read_string (&mw, "name", f[METRIC_NAME], &name)) ||
          (f[METRIC_VALUE] && !read_number (&mw, "value", f[METRIC_VALUE], &value)) ||
          (f[METRIC_UNIT] && !read_string (&mw, "unit", f[METRIC_UNIT], &unit)) ||
          (f[METRIC_TARGET] && !read_number (&mw, "target", f[METRIC_TARGET], &target)))
        return FALSE;
      jm_metrics_append (metrics, name, value, unit, f[METRIC_TARGET] != NULL, target);
    }
  return TRUE;
}

static gboolean
read_stage (const Where       *w,
            const JmJsonValue *v)
{
  const JmJsonValue *f[N_STAGE_KEYS];
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(JmMetrics) metrics = NULL;
  const char *id = NULL, *title = "", *description = "", *customer_goal = "", *business_goal = "";
  const char *color = "";
  PropSet ps = { { 0 } };
  JmStage *stage;

  if (!check_object (w, v))
    return FALSE;
  split_members (w->loader, v, stage_keys, N_STAGE_KEYS, f, &extra);
  if (!read_id (w, f[STAGE_ID], &id) ||
      (f[STAGE_TITLE] && !read_string (w, "title", f[STAGE_TITLE], &title)) ||
      (f[STAGE_DESCRIPTION] &&
       !read_string (w, "description", f[STAGE_DESCRIPTION], &description)) ||
      (f[STAGE_CUSTOMER_GOAL] &&
       !read_string (w, "customer-goal", f[STAGE_CUSTOMER_GOAL], &customer_goal)) ||
      (f[STAGE_BUSINESS_GOAL] &&
       !read_string (w, "business-goal", f[STAGE_BUSINESS_GOAL], &business_goal)) ||
      (f[STAGE_COLOR] && !read_color (w, "color", f[STAGE_COLOR], &color)))
    return FALSE;
  if (f[STAGE_METRICS] != NULL)
    {
      metrics = jm_metrics_new ();
      if (!read_metrics (w, f[STAGE_METRICS], metrics))
        return FALSE;
    }

  stage = jm_stage_new (id, title);
  prop_add_string (&ps, "description", description);
  prop_add_string (&ps, "customer-goal", customer_goal);
  prop_add_string (&ps, "business-goal", business_goal);
  prop_add_string (&ps, "color", color);
  if (metrics != NULL && jm_metrics_get_n (metrics) > 0)
    g_value_set_boxed (prop_add (&ps, "metrics", JM_TYPE_METRICS), metrics);
  prop_apply (&ps, stage);
  return insert_element (w, JM_ELEMENT (stage), id, extra);
}

/* ── lanes ── */

enum { LANE_ID, LANE_KIND, LANE_TITLE, LANE_VISIBLE, N_LANE_KEYS };
static const char * const lane_keys[] = { "id", "kind", "title", "visible" };

static gboolean
read_lane (const Where       *w,
           const JmJsonValue *v)
{
  const JmJsonValue *f[N_LANE_KEYS];
  g_autoptr(JsonObject) extra = NULL;
  const char *id = NULL, *title = "";
  int kind;
  gboolean visible = TRUE;
  PropSet ps = { { 0 } };
  JmLane *lane;

  if (!check_object (w, v))
    return FALSE;
  split_members (w->loader, v, lane_keys, N_LANE_KEYS, f, &extra);
  if (!read_id (w, f[LANE_ID], &id) ||
      !require (w, f[LANE_KIND], "kind") ||
      !read_enum (w, "kind", f[LANE_KIND], JM_TYPE_LANE_KIND, &kind) ||
      (f[LANE_TITLE] && !read_string (w, "title", f[LANE_TITLE], &title)) ||
      (f[LANE_VISIBLE] && !read_boolean (w, "visible", f[LANE_VISIBLE], &visible)))
    return FALSE;

  lane = jm_lane_new (id, kind, title);
  if (!visible)
    g_value_set_boolean (prop_add (&ps, "visible", G_TYPE_BOOLEAN), FALSE);
  prop_apply (&ps, lane);
  return insert_element (w, JM_ELEMENT (lane), id, extra);
}

/* ── departments ── */

enum { DEPARTMENT_ID, DEPARTMENT_NAME, DEPARTMENT_COLOR, N_DEPARTMENT_KEYS };
static const char * const department_keys[] = { "id", "name", "color" };

static gboolean
read_department (const Where       *w,
                 const JmJsonValue *v)
{
  const JmJsonValue *f[N_DEPARTMENT_KEYS];
  g_autoptr(JsonObject) extra = NULL;
  const char *id = NULL, *name = "", *color = "";

  if (!check_object (w, v))
    return FALSE;
  split_members (w->loader, v, department_keys, N_DEPARTMENT_KEYS, f, &extra);
  if (!read_id (w, f[DEPARTMENT_ID], &id) ||
      (f[DEPARTMENT_NAME] && !read_string (w, "name", f[DEPARTMENT_NAME], &name)) ||
      (f[DEPARTMENT_COLOR] && !read_color (w, "color", f[DEPARTMENT_COLOR], &color)))
    return FALSE;

  return insert_element (w, JM_ELEMENT (jm_department_new (id, name, color)), id, extra);
}

/* ── roles ── */

enum { ROLE_ID, ROLE_NAME, ROLE_KIND, ROLE_COLOR, N_ROLE_KEYS };
static const char * const role_keys[] = { "id", "name", "kind", "color" };

static gboolean
read_role (const Where       *w,
           const JmJsonValue *v)
{
  const JmJsonValue *f[N_ROLE_KEYS];
  g_autoptr(JsonObject) extra = NULL;
  const char *id = NULL, *name = "", *color = "";
  int kind = JM_ROLE_KIND_DECISION_MAKER;
  PropSet ps = { { 0 } };
  JmRole *role;

  if (!check_object (w, v))
    return FALSE;
  split_members (w->loader, v, role_keys, N_ROLE_KEYS, f, &extra);
  if (!read_id (w, f[ROLE_ID], &id) ||
      (f[ROLE_NAME] && !read_string (w, "name", f[ROLE_NAME], &name)) ||
      (f[ROLE_KIND] && !read_enum (w, "kind", f[ROLE_KIND], JM_TYPE_ROLE_KIND, &kind)) ||
      (f[ROLE_COLOR] && !read_color (w, "color", f[ROLE_COLOR], &color)))
    return FALSE;

  role = jm_role_new (id, kind, name);
  prop_add_string (&ps, "color", color);
  prop_apply (&ps, role);
  return insert_element (w, JM_ELEMENT (role), id, extra);
}

/* ── cards ── */

enum {
  CARD_ID, CARD_STAGE, CARD_LANE, CARD_KIND, CARD_TEXT, CARD_NOTES, CARD_COLOR, CARD_LINK,
  CARD_ROLES, CARD_CHANNEL, CARD_ONLINE, CARD_SCORE, CARD_FEELING, CARD_IMPACT, CARD_EFFORT,
  CARD_STATUS, CARD_DEPARTMENT, CARD_OWNER, N_CARD_KEYS
};
static const char * const card_keys[] = {
  "id", "stage", "lane", "kind", "text", "notes", "color", "link", "roles", "channel",
  "online", "score", "feeling", "impact", "effort", "status", "department", "owner",
};

/* Fills roles (NULL-terminated array of arena strings) from the "roles" array. */
static gboolean
read_roles (const Where       *w,
            const JmJsonValue *v,
            GPtrArray         *roles)
{
  Loader *loader = w->loader;
  const JmJsonValue *item;
  guint i = 0, j;

  if (v->type != JM_JSON_ARRAY)
    return fail_type (w, "roles", _("an array"), v);
  FOR_EACH_CHILD (loader, v, item)
    {
      char key[32];
      const char *id = NULL;

      g_snprintf (key, sizeof key, "roles[%u]", i++);
      if (!read_string (w, key, item, &id))
        return FALSE;
      if (loader->document != NULL && lookup_typed (loader, id, JM_TYPE_ROLE) == NULL)
        return fail (w, JM_DOCUMENT_ERROR_INVALID, key, _("no role with id “%s”"), id);
      for (j = 0; j < roles->len; j++)
        {
          if (strcmp (g_ptr_array_index (roles, j), id) == 0)
            return fail (w, JM_DOCUMENT_ERROR_INVALID, key,
                         _("the role “%s” is listed twice"), id);
        }
      g_ptr_array_add (roles, (gpointer) id);
    }
  g_ptr_array_add (roles, NULL);
  return TRUE;
}

static gboolean
read_card (const Where       *w,
           const JmJsonValue *v)
{
  Loader *loader = w->loader;
  const JmJsonValue *f[N_CARD_KEYS];
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  const char *id = NULL, *stage_id = NULL, *lane_id = NULL;
  const char *text = "", *notes = "", *color = "", *link = "";
  const char *feeling = "", *department = "", *owner = "";
  int kind = JM_CARD_KIND_NOTE, channel = JM_CHANNEL_OTHER, status = JM_STATUS_IDEA;
  gboolean online = TRUE;
  gint64 score = 0, impact = 3, effort = 3;
  JmLane *lane = NULL;
  PropSet ps = { { 0 } };
  JmCard *card;

  if (!check_object (w, v))
    return FALSE;
  split_members (loader, v, card_keys, N_CARD_KEYS, f, &extra);
  if (!read_id (w, f[CARD_ID], &id) ||
      !require (w, f[CARD_STAGE], "stage") ||
      !read_string (w, "stage", f[CARD_STAGE], &stage_id) ||
      !require (w, f[CARD_LANE], "lane") ||
      !read_string (w, "lane", f[CARD_LANE], &lane_id))
    return FALSE;

  if (loader->document != NULL)
    {
      if (lookup_typed (loader, stage_id, JM_TYPE_STAGE) == NULL)
        return fail (w, JM_DOCUMENT_ERROR_INVALID, "stage", _("no stage with id “%s”"), stage_id);
      lane = lookup_typed (loader, lane_id, JM_TYPE_LANE);
      if (lane == NULL)
        return fail (w, JM_DOCUMENT_ERROR_INVALID, "lane", _("no lane with id “%s”"), lane_id);
      kind = jm_lane_kind_default_card_kind (jm_lane_get_kind (lane));
    }

  if (f[CARD_KIND] != NULL)
    {
      if (!read_enum (w, "kind", f[CARD_KIND], JM_TYPE_CARD_KIND, &kind))
        return FALSE;
      if (lane != NULL && !jm_lane_kind_accepts (jm_lane_get_kind (lane), kind))
        return fail (w, JM_DOCUMENT_ERROR_INVALID, "kind",
                     _("the lane “%s” holds “%s” cards only, not “%s”"), lane_id,
                     jm_enum_to_nick (JM_TYPE_CARD_KIND,
                                      jm_lane_kind_default_card_kind (jm_lane_get_kind (lane))),
                     jm_enum_to_nick (JM_TYPE_CARD_KIND, kind));
    }

  if (f[CARD_ROLES] != NULL)
    {
      roles = g_ptr_array_new ();
      if (!read_roles (w, f[CARD_ROLES], roles))
        return FALSE;
    }
  if ((f[CARD_TEXT] && !read_string (w, "text", f[CARD_TEXT], &text)) ||
      (f[CARD_NOTES] && !read_string (w, "notes", f[CARD_NOTES], &notes)) ||
      (f[CARD_COLOR] && !read_color (w, "color", f[CARD_COLOR], &color)) ||
      (f[CARD_LINK] && !read_string (w, "link", f[CARD_LINK], &link)) ||
      (f[CARD_CHANNEL] && !read_enum (w, "channel", f[CARD_CHANNEL], JM_TYPE_CHANNEL, &channel)) ||
      (f[CARD_ONLINE] && !read_boolean (w, "online", f[CARD_ONLINE], &online)) ||
      (f[CARD_SCORE] &&
       !read_int (w, "score", f[CARD_SCORE], JM_SCORE_MIN, JM_SCORE_MAX, &score)) ||
      (f[CARD_FEELING] && !read_string (w, "feeling", f[CARD_FEELING], &feeling)) ||
      (f[CARD_IMPACT] &&
       !read_int (w, "impact", f[CARD_IMPACT], JM_RATING_MIN, JM_RATING_MAX, &impact)) ||
      (f[CARD_EFFORT] &&
       !read_int (w, "effort", f[CARD_EFFORT], JM_RATING_MIN, JM_RATING_MAX, &effort)) ||
      (f[CARD_STATUS] && !read_enum (w, "status", f[CARD_STATUS], JM_TYPE_STATUS, &status)) ||
      (f[CARD_DEPARTMENT] &&
       !read_string (w, "department", f[CARD_DEPARTMENT], &department)) ||
      (f[CARD_OWNER] && !read_string (w, "owner", f[CARD_OWNER], &owner)))
    return FALSE;

  if (loader->document != NULL && *department != '\0' &&
      lookup_typed (loader, department, JM_TYPE_DEPARTMENT) == NULL)
    return fail (w, JM_DOCUMENT_ERROR_INVALID, "department",
                 _("no department with id “%s”"), department);

  card = jm_card_new (id, kind, stage_id, lane_id, text);
  prop_add_string (&ps, "notes", notes);
  prop_add_string (&ps, "color", color);
  prop_add_string (&ps, "link", link);
  if (roles != NULL && roles->len > 1)
    g_value_set_boxed (prop_add (&ps, "roles", G_TYPE_STRV), roles->pdata);
  if (channel != JM_CHANNEL_OTHER)
    g_value_set_enum (prop_add (&ps, "channel", JM_TYPE_CHANNEL), channel);
  if (!online)
    g_value_set_boolean (prop_add (&ps, "online", G_TYPE_BOOLEAN), FALSE);
  if (score != 0)
    g_value_set_int (prop_add (&ps, "score", G_TYPE_INT), (int) score);
  prop_add_string (&ps, "feeling", feeling);
  if (impact != 3)
    g_value_set_int (prop_add (&ps, "impact", G_TYPE_INT), (int) impact);
  if (effort != 3)
    g_value_set_int (prop_add (&ps, "effort", G_TYPE_INT), (int) effort);
  if (status != JM_STATUS_IDEA)
    g_value_set_enum (prop_add (&ps, "status", JM_TYPE_STATUS), status);
  prop_add_string (&ps, "department", department);
  prop_add_string (&ps, "owner", owner);
  prop_apply (&ps, card);
  return insert_element (w, JM_ELEMENT (card), id, extra);
}

/* ── connections ── */

enum { CONNECTION_ID, CONNECTION_FROM, CONNECTION_TO, CONNECTION_LABEL, CONNECTION_KIND,
       N_CONNECTION_KEYS };
static const char * const connection_keys[] = { "id", "from", "to", "label", "kind" };

static gboolean
read_connection (const Where       *w,
                 const JmJsonValue *v)
{
  const JmJsonValue *f[N_CONNECTION_KEYS];
  g_autoptr(JsonObject) extra = NULL;
  const char *id = NULL, *from = NULL, *to = NULL, *label = "";
  int kind = JM_CONNECTION_KIND_NEXT;
  PropSet ps = { { 0 } };
  JmConnection *connection;

  if (!check_object (w, v))
    return FALSE;
  split_members (w->loader, v, connection_keys, N_CONNECTION_KEYS, f, &extra);
  if (!read_id (w, f[CONNECTION_ID], &id) ||
      !require (w, f[CONNECTION_FROM], "from") ||
      !read_string (w, "from", f[CONNECTION_FROM], &from) ||
      !require (w, f[CONNECTION_TO], "to") ||
      !read_string (w, "to", f[CONNECTION_TO], &to) ||
      (f[CONNECTION_LABEL] && !read_string (w, "label", f[CONNECTION_LABEL], &label)) ||
      (f[CONNECTION_KIND] &&
       !read_enum (w, "kind", f[CONNECTION_KIND], JM_TYPE_CONNECTION_KIND, &kind)))
    return FALSE;

  /* In a fragment too: both ends must be among its cards. */
  if (lookup_typed (w->loader, from, JM_TYPE_CARD) == NULL)
    return fail (w, JM_DOCUMENT_ERROR_INVALID, "from", _("no card with id “%s”"), from);
  if (lookup_typed (w->loader, to, JM_TYPE_CARD) == NULL)
    return fail (w, JM_DOCUMENT_ERROR_INVALID, "to", _("no card with id “%s”"), to);

  connection = jm_connection_new (id, from, to, kind);
  prop_add_string (&ps, "label", label);
  prop_apply (&ps, connection);
  return insert_element (w, JM_ELEMENT (connection), id, extra);
}

/* ── the top level ── */

enum {
  TOP_FORMAT, TOP_VERSION, TOP_TITLE, TOP_DESCRIPTION, TOP_AUTHOR, TOP_CREATED, TOP_MODIFIED,
  TOP_STAGES, TOP_LANES, TOP_DEPARTMENTS, TOP_ROLES, TOP_CARDS, TOP_CONNECTIONS, N_TOP_KEYS
};
static const char * const top_keys[] = {
  "format", "version", "title", "description", "author", "created", "modified",
  "stages", "lanes", "departments", "roles", "cards", "connections",
};

typedef gboolean (*ReadElementFunc) (const Where *w,
                                     const JmJsonValue *v);

static gboolean
read_elements (Loader            *loader,
               const char        *key,
               const JmJsonValue *array,
               ReadElementFunc    func)
{
  const JmJsonValue *item;
  guint i = 0;

  if (array == NULL)
    return TRUE;
  FOR_EACH_CHILD (loader, array, item)
    {
      Where w = { loader, key, i++, NULL };

      if (!func (&w, item))
        return FALSE;
    }
  return TRUE;
}

/* format and version, shared by maps and clipboard fragments. */
static gboolean
check_header (Loader            *loader,
              const JmJsonValue *format_value,
              const JmJsonValue *version_value,
              const char        *format_name)
{
  Where w = { loader, NULL, 0, NULL };
  const char *format = NULL;
  gint64 version = 0;

  if (format_value == NULL)
    return fail (&w, JM_DOCUMENT_ERROR_INVALID, NULL,
                 _("This is not a Journey Maps file: the key “format” is missing"));
  if (!read_string (&w, "format", format_value, &format))
    return FALSE;
  if (strcmp (format, format_name) != 0)
    {
      g_autofree char *got = describe_value (loader, format_value);
      return fail (&w, JM_DOCUMENT_ERROR_INVALID, "format",
                   _("expected “%s”, got %s: this is not a Journey Maps file"),
                   format_name, got);
    }
  if (version_value == NULL)
    return fail (&w, JM_DOCUMENT_ERROR_INVALID, NULL, _("the required key “version” is missing"));
  if (version_value->type == JM_JSON_DOUBLE && version_value->v.d == floor (version_value->v.d) &&
      version_value->v.d > JM_FORMAT_VERSION)
    {
      /* A whole number too large for an integer is still a newer version. */
      g_autofree char *got = describe_value (loader, version_value);
      return fail (&w, JM_DOCUMENT_ERROR_UNSUPPORTED_VERSION, "version",
                   _("made by a newer Journey Maps (format version %s); this one reads version %d"),
                   got, JM_FORMAT_VERSION);
    }
  if (!read_int (&w, "version", version_value, -(gint64) G_MAXINT32, G_MAXINT64, &version))
    return FALSE;
  if (version < 1)
    {
      g_autofree char *got = format_int (version);
      return fail (&w, JM_DOCUMENT_ERROR_INVALID, "version",
                   _("%s is not a valid format version (1 or more)"), got);
    }
  if (version > JM_FORMAT_VERSION)
    return fail (&w, JM_DOCUMENT_ERROR_UNSUPPORTED_VERSION, "version",
                 _("made by a newer Journey Maps (format version %lld); "
                   "this one reads version %d"), (long long) version, JM_FORMAT_VERSION);
  return TRUE;
}

static gboolean
set_metadata (Loader            *loader,
              const char        *key,
              const JmJsonValue *v)
{
  Where w = { loader, NULL, 0, NULL };
  g_auto(GValue) value = G_VALUE_INIT;
  const char *s = "";
  GError *local_error = NULL;

  if (v != NULL && !read_string (&w, key, v, &s))
    return FALSE;
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_static_string (&value, s);
  if (!_jm_document_set_property (loader->document, NULL, key, &value, &local_error))
    {
      fail (&w, JM_DOCUMENT_ERROR_INVALID, key, "%s", local_error->message);
      g_error_free (local_error);
      return FALSE;
    }
  return TRUE;
}

static JmDocument *
load_document (JmJsonTape  *tape,
               GError     **error)
{
  g_autoptr(JmDocument) document = jm_document_new_blank ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) extra = NULL;
  const JmJsonValue *f[N_TOP_KEYS];
  const JmJsonValue *arrays[N_TOP_KEYS] = { NULL };
  Loader loader = { (const JmJsonValue *) tape->values->data, tape->strings->str, document,
                    ids, NULL, error };
  guint64 n_elements = 0;
  guint i;

  split_members (&loader, loader.values, top_keys, N_TOP_KEYS, f, &extra);
  if (!check_header (&loader, f[TOP_FORMAT], f[TOP_VERSION], JM_FORMAT_NAME))
    return NULL;

  for (i = TOP_STAGES; i <= TOP_CONNECTIONS; i++)
    {
      if (!get_array (&loader, f[i], top_keys[i], &arrays[i]))
        return NULL;
      if (arrays[i] != NULL)
        n_elements += arrays[i]->n;
    }
  if (n_elements > JM_LOAD_MAX_OBJECTS)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_TOO_LARGE,
                   _("The map has %llu elements; the limit is %d"),
                   (unsigned long long) n_elements, JM_LOAD_MAX_OBJECTS);
      return NULL;
    }

  for (i = TOP_TITLE; i <= TOP_MODIFIED; i++)
    {
      if (!set_metadata (&loader, top_keys[i], f[i]))
        return NULL;
    }

  if (!read_elements (&loader, "stages", arrays[TOP_STAGES], read_stage) ||
      !read_elements (&loader, "lanes", arrays[TOP_LANES], read_lane) ||
      !read_elements (&loader, "departments", arrays[TOP_DEPARTMENTS], read_department) ||
      !read_elements (&loader, "roles", arrays[TOP_ROLES], read_role) ||
      !read_elements (&loader, "cards", arrays[TOP_CARDS], read_card) ||
      !read_elements (&loader, "connections", arrays[TOP_CONNECTIONS], read_connection))
    return NULL;

  if (extra != NULL)
    _jm_document_set_extra (document, extra);
  return g_steal_pointer (&document);
}

JmDocument *
jm_json_load_bytes (GBytes  *bytes,
                    GError **error)
{
  JmDocument *document;
  const char *data;
  gsize len;
  JmJsonTape tape;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (!jm_json_tape_read (data, len, &tape, error))
    return NULL;
  document = load_document (&tape, error);
  jm_json_tape_clear (&tape);
  return document;
}

JmDocument *
jm_json_load_file (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Refuse a huge file before reading a byte of it. */
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("“%s” is a folder"), name);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_SPECIAL)
    {
      /* A device or a pipe: its size says nothing and reading may never end. */
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file"), name);
      return NULL;
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
      g_file_info_get_size (info) > JM_LOAD_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (JM_LOAD_MAX_FILE_SIZE);
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_TOO_LARGE,
                   _("The file is too large (%s; the limit is %s)"), size, limit);
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, error))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  return jm_json_load_bytes (bytes, error);
}

/* ─── The clipboard fragment ────────────────────────────────────────────────────────────── */

enum { FRAG_FORMAT, FRAG_VERSION, FRAG_CARDS, FRAG_CONNECTIONS, N_FRAG_KEYS };
static const char * const frag_keys[] = { "format", "version", "cards", "connections" };

static gboolean
load_fragment (JmJsonTape  *tape,
               GPtrArray  **cards,
               GPtrArray  **connections,
               GError     **error)
{
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) out_cards = NULL;
  g_autoptr(GPtrArray) out_connections = NULL;
  const JmJsonValue *f[N_FRAG_KEYS];
  const JmJsonValue *card_array = NULL, *connection_array = NULL;
  Loader loader = { (const JmJsonValue *) tape->values->data, tape->strings->str, NULL, ids,
                    owned, error };
  guint i;

  split_members (&loader, loader.values, frag_keys, N_FRAG_KEYS, f, &extra);
  if (!check_header (&loader, f[FRAG_FORMAT], f[FRAG_VERSION], "journey-maps-cards") ||
      !get_array (&loader, f[FRAG_CARDS], "cards", &card_array) ||
      !get_array (&loader, f[FRAG_CONNECTIONS], "connections", &connection_array))
    return FALSE;
  if ((guint64) (card_array ? card_array->n : 0) +
      (connection_array ? connection_array->n : 0) > JM_LOAD_MAX_OBJECTS)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_TOO_LARGE,
                   _("The clipboard holds more than %d elements"), JM_LOAD_MAX_OBJECTS);
      return FALSE;
    }

  if (!read_elements (&loader, "cards", card_array, read_card) ||
      !read_elements (&loader, "connections", connection_array, read_connection))
    return FALSE;

  out_cards = g_ptr_array_new_with_free_func (g_object_unref);
  out_connections = g_ptr_array_new_with_free_func (g_object_unref);
  for (i = 0; i < owned->len; i++)
    {
      gpointer element = g_object_ref (g_ptr_array_index (owned, i));

      g_ptr_array_add (JM_IS_CARD (element) ? out_cards : out_connections, element);
    }
  *cards = g_steal_pointer (&out_cards);
  *connections = g_steal_pointer (&out_connections);
  return TRUE;
}

gboolean
jm_json_load_cards (GBytes     *bytes,
                    GPtrArray **cards,
                    GPtrArray **connections,
                    GError    **error)
{
  const char *data;
  gsize len;
  JmJsonTape tape;
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (cards != NULL && connections != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *cards = NULL;
  *connections = NULL;

  data = g_bytes_get_data (bytes, &len);
  if (!jm_json_tape_read (data, len, &tape, error))
    return FALSE;
  ok = load_fragment (&tape, cards, connections, error);
  jm_json_tape_clear (&tape);
  return ok;
}
