/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-json-reader-values.c: pass 2 of the loader, value by value: reads one value of the tape
 * as a string, boolean, number, colour, enum nick, id or property of an element, and says
 * where and what is wrong when it is not (see jm-json-reader-private.h). */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jm-json.h"
#include "jm-document-private.h"
#include "jm-json-reader-private.h"

/* Documented limit on numbers in the file (metric values and targets). */
#define MAX_NUMBER 1e15

static char *
where_path (const JmJsonWhere *w,
            const char        *key)
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
gboolean
jm_json_fail (const JmJsonWhere *w,
              int                code,
              const char        *key,
              const char        *format,
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
char *
jm_json_describe_value (JmJsonLoader      *loader,
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

gboolean
jm_json_fail_type (const JmJsonWhere *w,
                   const char        *key,
                   const char        *expected,
                   const JmJsonValue *v)
{
  g_autofree char *got = jm_json_describe_value (w->loader, v);

  /* Translators: e.g. "expected a string, got 12" */
  return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, key, _("expected %s, got %s"), expected, got);
}

gboolean
jm_json_read_string (const JmJsonWhere  *w,
                     const char         *key,
                     const JmJsonValue  *v,
                     const char        **out)
{
  if (v->type != JM_JSON_STRING)
    return jm_json_fail_type (w, key, _("a string"), v);
  *out = STR (w->loader, v);
  return TRUE;
}

gboolean
jm_json_read_boolean (const JmJsonWhere *w,
                      const char        *key,
                      const JmJsonValue *v,
                      gboolean          *out)
{
  if (v->type != JM_JSON_TRUE && v->type != JM_JSON_FALSE)
    return jm_json_fail_type (w, key, _("true or false"), v);
  *out = v->type == JM_JSON_TRUE;
  return TRUE;
}

/* "−3" with a real minus sign, for ranges in messages. */
char *
jm_json_format_int (gint64 v)
{
  if (v < 0)
    return g_strdup_printf ("−%" G_GUINT64_FORMAT, (guint64) 0 - (guint64) v);
  return g_strdup_printf ("%" G_GINT64_FORMAT, v);
}

static gboolean
fail_range (const JmJsonWhere *w,
            const char        *key,
            const char        *got,
            gint64             min,
            gint64             max)
{
  g_autofree char *lo = jm_json_format_int (min);
  g_autofree char *hi = jm_json_format_int (max);

  return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, key, _("%s is out of range %s…%s"),
                       got, lo, hi);
}

/* An integral number (3 or 3.0, not 3.5) in min…max. */
gboolean
jm_json_read_int (const JmJsonWhere *w,
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
          g_autofree char *got = jm_json_describe_value (w->loader, v);
          return fail_range (w, key, got, min, max);
        }
      i = (gint64) v->v.d;
    }
  else
    {
      return jm_json_fail_type (w, key, _("a whole number"), v);
    }

  if (i < min || i > max)
    {
      g_autofree char *got = jm_json_format_int (i);
      return fail_range (w, key, got, min, max);
    }
  *out = i;
  return TRUE;
}

gboolean
jm_json_read_number (const JmJsonWhere *w,
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
    return jm_json_fail_type (w, key, _("a number"), v);

  if (!isfinite (d) || fabs (d) >= MAX_NUMBER)
    {
      g_autofree char *got = jm_json_describe_value (w->loader, v);
      return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, key,
                           _("%s is out of range (numbers must be between −10¹⁵ and 10¹⁵)"), got);
    }
  *out = d;
  return TRUE;
}

gboolean
jm_json_read_color (const JmJsonWhere  *w,
                    const char         *key,
                    const JmJsonValue  *v,
                    const char        **out)
{
  const char *s = NULL;
  int i;

  if (!jm_json_read_string (w, key, v, &s))
    return FALSE;
  if (*s != '\0')
    {
      gboolean ok = s[0] == '#' && strlen (s) == 7;

      for (i = 1; ok && i < 7; i++)
        ok = g_ascii_isxdigit (s[i]);
      if (!ok)
        {
          g_autofree char *got = jm_json_describe_value (w->loader, v);
          return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, key,
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

gboolean
jm_json_read_enum (const JmJsonWhere *w,
                   const char        *key,
                   const JmJsonValue *v,
                   GType              type,
                   int               *out)
{
  GEnumClass *klass;
  GEnumValue *ev;
  const char *s = NULL;

  if (!jm_json_read_string (w, key, v, &s))
    return FALSE;
  /* Enum classes of static types are never freed: keep the reference. */
  klass = g_type_class_peek (type);
  if (klass == NULL)
    klass = g_type_class_ref (type);
  ev = g_enum_get_value_by_nick (klass, s);
  if (ev == NULL)
    {
      g_autofree char *got = jm_json_describe_value (w->loader, v);
      g_autofree char *nicks = enum_nicks (type);
      return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, key, _("%s is not one of: %s"),
                           got, nicks);
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
gboolean
jm_json_read_id (const JmJsonWhere  *w,
                 const JmJsonValue  *v,
                 const char        **out)
{
  const char *id = NULL;
  JmElement *other;

  if (v == NULL)
    return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, NULL, _("the required key “id” is missing"));
  if (!jm_json_read_string (w, "id", v, &id))
    return FALSE;
  if (!valid_id (id))
    {
      g_autofree char *got = jm_json_describe_value (w->loader, v);
      return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, "id",
                           _("%s is not a valid id (1 to 64 letters, digits, “-” or “_”)"), got);
    }
  other = g_hash_table_lookup (w->loader->ids, id);
  if (other != NULL)
    return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, "id", _("“%s” is already the id of %s"),
                         id, element_kind_name (other));
  *out = id;
  return TRUE;
}

gboolean
jm_json_require (const JmJsonWhere *w,
                 const JmJsonValue *v,
                 const char        *key)
{
  if (v == NULL)
    return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, NULL,
                         _("the required key “%s” is missing"), key);
  return TRUE;
}

/* The element the id refers to, if it is of the given type. */
gpointer
jm_json_lookup_typed (JmJsonLoader *loader,
                      const char   *id,
                      GType         type)
{
  JmElement *element = g_hash_table_lookup (loader->ids, id);

  if (element != NULL && G_TYPE_CHECK_INSTANCE_TYPE (element, type))
    return element;
  return NULL;
}

/* A json-glib copy of a value, for the unknown keys the model keeps. */
static JsonNode *
value_to_node (JmJsonLoader      *loader,
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

/* Sorts an object's members into the format's keys (fields, by index in its table) and a
 * copy of the unknown ones, in their order (*extra, NULL when there are none). */
void
jm_json_split_members (JmJsonLoader        *loader,
                       const JmJsonValue   *object,
                       const JmJsonFormat  *format,
                       const JmJsonValue  **fields,
                       JsonObject         **extra)
{
  const JmJsonValue *member;

  memset (fields, 0, format->n_fields * sizeof (const JmJsonValue *));
  *extra = NULL;
  FOR_EACH_CHILD (loader, object, member)
    {
      const char *name = KEY (loader, member);
      guint i;

      for (i = 0; i < format->n_fields; i++)
        {
          const char *key = format->fields[i].key;

          if (name[0] == key[0] && strcmp (name, key) == 0)
            break;
        }
      if (i < format->n_fields)
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

/* The array under a top-level key; a missing array is empty (NULL). */
gboolean
jm_json_get_array (JmJsonLoader       *loader,
                   const JmJsonValue  *v,
                   const char         *key,
                   const JmJsonValue **out)
{
  *out = NULL;
  if (v == NULL)
    return TRUE;
  if (v->type != JM_JSON_ARRAY)
    {
      JmJsonWhere w = { loader, NULL, 0, NULL };
      return jm_json_fail_type (&w, key, _("an array"), v);
    }
  *out = v;
  return TRUE;
}

gboolean
jm_json_check_object (const JmJsonWhere *w,
                      const JmJsonValue *v)
{
  if (v->type != JM_JSON_OBJECT)
    {
      g_autofree char *got = jm_json_describe_value (w->loader, v);
      return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, NULL, _("expected an object, got %s"),
                           got);
    }
  return TRUE;
}

/* ── metrics ── */

static gboolean
read_metrics (const JmJsonWhere *w,
              const JmJsonValue *v,
              JmMetrics         *metrics)
{
  JmJsonLoader *loader = w->loader;
  const JmJsonValue *item;
  guint i = 0;

  if (v->type != JM_JSON_ARRAY)
    return jm_json_fail_type (w, "metrics", _("an array"), v);
  FOR_EACH_CHILD (loader, v, item)
    {
      const JmJsonValue *f[N_METRIC_KEYS];
      g_autoptr(JsonObject) extra = NULL;
      char sub[32];
      JmJsonWhere mw = *w;
      const char *name = "", *unit = "";
      double value = 0, target = 0;

      g_snprintf (sub, sizeof sub, "metrics[%u]", i++);
      mw.sub = sub;
      if (item->type != JM_JSON_OBJECT)
        {
          g_autofree char *got = jm_json_describe_value (loader, item);
          return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, sub,
                               _("expected an object, got %s"), got);
        }
      /* A metric has no room for unknown keys: they are dropped. */
      jm_json_split_members (loader, item, &jm_json_metric_format, f, &extra);
      if ((f[METRIC_NAME] && !jm_json_read_string (&mw, "name", f[METRIC_NAME], &name)) ||
          (f[METRIC_VALUE] && !jm_json_read_number (&mw, "value", f[METRIC_VALUE], &value)) ||
          (f[METRIC_UNIT] && !jm_json_read_string (&mw, "unit", f[METRIC_UNIT], &unit)) ||
          (f[METRIC_TARGET] && !jm_json_read_number (&mw, "target", f[METRIC_TARGET], &target)))
        return FALSE;
      jm_metrics_append (metrics, name, value, unit, f[METRIC_TARGET] != NULL, target);
    }
  return TRUE;
}

/* ── properties, by their GParamSpec ── */

/* Reads v as the value of the field's property: its type and range come from the pspec. */
gboolean
jm_json_read_property_value (const JmJsonWhere *w,
                             const JmJsonField *field,
                             GParamSpec        *pspec,
                             const JmJsonValue *v,
                             GValue            *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  const char *key = field->key;

  g_value_init (value, type);
  if (type == G_TYPE_STRING)
    {
      const char *s = NULL;

      if ((field->flags & JM_JSON_FIELD_COLOR) != 0 ? !jm_json_read_color (w, key, v, &s)
                                                     : !jm_json_read_string (w, key, v, &s))
        return FALSE;
      /* The string lives in the arena until after prop_apply (), which copies it. */
      g_value_set_static_string (value, s);
    }
  else if (type == G_TYPE_BOOLEAN)
    {
      gboolean b = FALSE;

      if (!jm_json_read_boolean (w, key, v, &b))
        return FALSE;
      g_value_set_boolean (value, b);
    }
  else if (type == G_TYPE_INT)
    {
      GParamSpecInt *ispec = G_PARAM_SPEC_INT (pspec);
      gint64 i = 0;

      if (!jm_json_read_int (w, key, v, ispec->minimum, ispec->maximum, &i))
        return FALSE;
      g_value_set_int (value, (int) i);
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      int e = 0;

      if (!jm_json_read_enum (w, key, v, type, &e))
        return FALSE;
      g_value_set_enum (value, e);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      GParamSpecDouble *dspec = G_PARAM_SPEC_DOUBLE (pspec);
      double d = 0;

      if (!jm_json_read_number (w, key, v, &d))
        return FALSE;
      if (d < dspec->minimum || d > dspec->maximum)
        {
          char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];
          g_autofree char *got = jm_json_describe_value (w->loader, v);

          format_double (lo, sizeof lo, dspec->minimum);
          format_double (hi, sizeof hi, dspec->maximum);
          return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, key, _("%s is out of range %s…%s"),
                               got, lo, hi);
        }
      g_value_set_double (value, d);
    }
  else if (type == JM_TYPE_METRICS)
    {
      g_autoptr(JmMetrics) metrics = jm_metrics_new ();

      if (!read_metrics (w, v, metrics))
        return FALSE;
      g_value_take_boxed (value, g_steal_pointer (&metrics));
    }
  else
    {
      g_assert_not_reached ();
    }
  return TRUE;
}
