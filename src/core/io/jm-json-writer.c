/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-json-writer.c: the one writer of the Journey Maps file format, version 1.
 *
 * The text is written directly into a GString: two-space indent, one member or element per
 * line, keys in the fixed order of the format, unknown keys after the known ones, a final
 * newline. It is faster than JsonBuilder + JsonGenerator and sidesteps json-glib 1.6 writing
 * some doubles as invalid JSON ("1e+17.0", "inf.0"). The same document always gives the same
 * bytes. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jm-atomic-file.h"
#include "jm-json.h"
#include "jm-document-private.h"
#include "jm-json-format.h"

#define MAX_NESTING 128

typedef struct
{
  GString  *out;
  guint     level;
  gboolean  empty[MAX_NESTING];   /* nothing written yet in the container at that level */
} Writer;

static void
write_indent (Writer *w)
{
  static const char spaces[] = "                                                                ";
  guint n = w->level * 2;

  g_string_append_c (w->out, '\n');
  while (n > 0)
    {
      guint k = MIN (n, sizeof spaces - 1);
      g_string_append_len (w->out, spaces, k);
      n -= k;
    }
}

static void
begin (Writer *w,
       char    open)
{
  g_string_append_c (w->out, open);
  w->level++;
  g_assert (w->level < MAX_NESTING);
  w->empty[w->level] = TRUE;
}

static void
end (Writer *w,
     char    close)
{
  gboolean was_empty = w->empty[w->level];

  w->level--;
  if (!was_empty)
    write_indent (w);
  g_string_append_c (w->out, close);
}

/* Starts the next element of an array. */
static void
item (Writer *w)
{
  if (!w->empty[w->level])
    g_string_append_c (w->out, ',');
  w->empty[w->level] = FALSE;
  write_indent (w);
}

static void
append_string (GString    *out,
               const char *s)
{
  g_autofree char *valid = NULL;
  const char *run, *p;

  if (s == NULL)
    s = "";
  /* Never write a file that cannot be read back. */
  if (!g_utf8_validate (s, -1, NULL))
    s = valid = g_utf8_make_valid (s, -1);

  g_string_append_c (out, '"');
  for (run = p = s; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:   g_string_append_printf (out, "\\u%04x", c); break;
        }
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

/* Starts the member key of an object. Keys of the format are plain ASCII. */
static void
member (Writer     *w,
        const char *key)
{
  item (w);
  append_string (w->out, key);
  g_string_append (w->out, ": ");
}

static void
member_string (Writer     *w,
               const char *key,
               const char *value)
{
  member (w, key);
  append_string (w->out, value);
}

static void
member_int (Writer     *w,
            const char *key,
            gint64      value)
{
  member (w, key);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

/* The shortest text that reads back as the same double: "0.1", "1e-07". */
static void
append_double (GString *out,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  int precision;

  for (precision = 15; precision <= 17; precision++)
    {
      char fmt[8];

      g_snprintf (fmt, sizeof fmt, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, fmt, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  g_string_append (out, buf);
}

/* A metric number: integral values as integers ("12"), others as short doubles. The loader
 * keeps them finite and below 1e15; anything else cannot come from a file and is written 0. */
static void
append_number (GString *out,
               double   v)
{
  if (!isfinite (v) || fabs (v) >= 1e15)
    g_string_append_c (out, '0');
  else if (v == floor (v))
    g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) v);
  else
    append_double (out, v);
}

static void
member_number (Writer     *w,
               const char *key,
               double      v)
{
  member (w, key);
  append_number (w->out, v);
}

static const char *
nick (GType type,
      int   value)
{
  GEnumClass *klass = g_type_class_peek (type);
  GEnumValue *ev;

  /* Enum classes of static types are never freed: keep the reference. */
  if (klass == NULL)
    klass = g_type_class_ref (type);
  ev = g_enum_get_value (klass, value);
  return ev != NULL ? ev->value_nick : "";
}

/* ── unknown keys ── */

static void write_node (Writer   *w,
                        JsonNode *node);

static void
write_object_members (Writer             *w,
                      JsonObject         *object,
                      const JmJsonFormat *known)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (known != NULL && jm_json_format_has_key (known, name))
        continue;   /* the model's value wins: never write a key twice */
      member (w, name);
      write_node (w, node);
    }
}

static void
write_node (Writer   *w,
            JsonNode *node)
{
  if (w->level + 2 >= MAX_NESTING)
    {
      g_string_append (w->out, "null");
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      begin (w, '{');
      write_object_members (w, json_node_get_object (node), NULL);
      end (w, '}');
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint i, n = json_array_get_length (array);

        begin (w, '[');
        for (i = 0; i < n; i++)
          {
            item (w);
            write_node (w, json_array_get_element (array, i));
          }
        end (w, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (w->out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          {
            double v = json_node_get_double (node);
            gsize start = w->out->len;

            if (!isfinite (v))
              {
                g_string_append (w->out, "null");
                break;
              }
            append_double (w->out, v);
            /* Keep it a floating-point number for other tools: 3.0, not 3. */
            if (strpbrk (w->out->str + start, ".eE") == NULL)
              g_string_append (w->out, ".0");
          }
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (w->out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          append_string (w->out, json_node_get_string (node));
          break;
        default:
          g_string_append (w->out, "null");
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (w->out, "null");
      break;
    }
}

static void
write_metrics (Writer          *w,
               const JmMetrics *metrics)
{
  guint i, n = metrics != NULL ? jm_metrics_get_n (metrics) : 0;

  begin (w, '[');
  for (i = 0; i < n; i++)
    {
      const JmMetric *metric = jm_metrics_get (metrics, i);

      item (w);
      begin (w, '{');
      member_string (w, "name", metric->name);
      member_number (w, "value", metric->value);
      member_string (w, "unit", metric->unit);
      if (metric->has_target)
        member_number (w, "target", metric->target);
      end (w, '}');
    }
  end (w, ']');
}

/* A property's value as JSON, by its type. */
static void
write_value (Writer       *w,
             const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    {
      append_string (w->out, g_value_get_string (value));
    }
  else if (type == G_TYPE_BOOLEAN)
    {
      g_string_append (w->out, g_value_get_boolean (value) ? "true" : "false");
    }
  else if (type == G_TYPE_INT)
    {
      g_string_append_printf (w->out, "%d", g_value_get_int (value));
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      append_string (w->out, nick (type, g_value_get_enum (value)));
    }
  else if (type == G_TYPE_DOUBLE)
    {
      append_number (w->out, g_value_get_double (value));
    }
  else if (type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (value);

      begin (w, '[');
      for (; strv != NULL && *strv != NULL; strv++)
        {
          item (w);
          append_string (w->out, *strv);
        }
      end (w, ']');
    }
  else if (type == JM_TYPE_METRICS)
    {
      write_metrics (w, g_value_get_boxed (value));
    }
  else
    {
      g_assert_not_reached ();
    }
}

/* The format's fields that are properties of object, in the table's order. kind: of a card,
 * for the kind's own fields. */
static void
write_properties (Writer       *w,
                  gpointer      object,
                  JmJsonFormat *format,
                  JmCardKind    kind)
{
  GParamSpec * const *pspecs = jm_json_format_pspecs (format);
  guint i;

  for (i = 0; i < format->n_fields; i++)
    {
      const JmJsonField *field = &format->fields[i];
      g_auto(GValue) value = G_VALUE_INIT;

      if (pspecs[i] == NULL || !jm_json_field_applies (field, kind))
        continue;
      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_object_get_property (object, pspecs[i]->name, &value);
      if ((field->flags & JM_JSON_FIELD_OPTIONAL) != 0 &&
          jm_json_value_is_default (pspecs[i], &value) &&
          !(field->kind_field != 0 && jm_card_kind_has_field (kind, field->kind_field)))
        continue;
      member (w, field->key);
      write_value (w, &value);
    }
}

/* Unknown keys after the known ones; the model's value wins: never a key twice. */
static void
write_extra (Writer             *w,
             JsonObject         *extra,
             const JmJsonFormat *format)
{
  if (extra != NULL)
    write_object_members (w, extra, format);
}

/* ── elements ── */

static void
write_element (Writer       *w,
               JmElement    *element,
               JmJsonFormat *format)
{
  JmCardKind kind = JM_IS_CARD (element) ? jm_card_get_kind (JM_CARD (element))
                                          : JM_CARD_KIND_NOTE;

  item (w);
  begin (w, '{');
  write_properties (w, element, format, kind);
  write_extra (w, _jm_element_get_extra (element), format);
  end (w, '}');
}

static void
write_card (Writer *w,
            JmCard *card)
{
  write_element (w, JM_ELEMENT (card), &jm_json_card_format);
}

static void
write_connection (Writer       *w,
                  JmConnection *connection)
{
  write_element (w, JM_ELEMENT (connection), &jm_json_connection_format);
}

static void
write_list (Writer       *w,
            const char   *key,
            GListModel   *list,
            JmJsonFormat *format)
{
  guint i, n = g_list_model_get_n_items (list);

  member (w, key);
  begin (w, '[');
  for (i = 0; i < n; i++)
    {
      g_autoptr(JmElement) element = g_list_model_get_item (list, i);
      write_element (w, element, format);
    }
  end (w, ']');
}

static GString *
writer_init (Writer *w,
             gsize   reserve)
{
  memset (w, 0, sizeof *w);
  w->out = g_string_sized_new (reserve);
  begin (w, '{');
  return w->out;
}

static GBytes *
writer_finish (Writer *w)
{
  end (w, '}');
  g_string_append_c (w->out, '\n');
  return g_string_free_to_bytes (w->out);
}

GBytes *
jm_json_save_bytes (JmDocument *document)
{
  g_autoptr(GPtrArray) cards = NULL;
  Writer w;
  guint i;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), NULL);

  cards = jm_document_dup_cards (document);
  writer_init (&w, 4096 + 320 * (gsize) cards->len);

  member_string (&w, "format", JM_FORMAT_NAME);
  member_int (&w, "version", JM_FORMAT_VERSION);
  write_properties (&w, document, &jm_json_top_format, JM_CARD_KIND_NOTE);
  write_list (&w, "stages", jm_document_get_stages (document), &jm_json_stage_format);
  write_list (&w, "lanes", jm_document_get_lanes (document), &jm_json_lane_format);
  write_list (&w, "departments", jm_document_get_departments (document),
              &jm_json_department_format);
  write_list (&w, "roles", jm_document_get_roles (document), &jm_json_role_format);

  member (&w, "cards");
  begin (&w, '[');
  for (i = 0; i < cards->len; i++)
    write_card (&w, g_ptr_array_index (cards, i));
  end (&w, ']');

  write_list (&w, "connections", jm_document_get_connections (document),
              &jm_json_connection_format);
  write_extra (&w, jm_document_get_extra (document), &jm_json_top_format);
  return writer_finish (&w);
}

GBytes *
jm_json_save_cards (JmDocument *document,
                    GPtrArray  *cards)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *connections;
  Writer w;
  guint i, n;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (cards != NULL, NULL);

  writer_init (&w, 1024 + 320 * (gsize) cards->len);
  member_string (&w, "format", "journey-maps-cards");
  member_int (&w, "version", JM_FORMAT_VERSION);

  member (&w, "cards");
  begin (&w, '[');
  for (i = 0; i < cards->len; i++)
    {
      JmCard *card = g_ptr_array_index (cards, i);

      g_return_val_if_fail (JM_IS_CARD (card), NULL);
      g_hash_table_add (ids, (gpointer) jm_element_get_id (JM_ELEMENT (card)));
      write_card (&w, card);
    }
  end (&w, ']');

  /* Only the connections between the copied cards, in document order. */
  member (&w, "connections");
  begin (&w, '[');
  connections = jm_document_get_connections (document);
  n = g_list_model_get_n_items (connections);
  for (i = 0; i < n; i++)
    {
      g_autoptr(JmConnection) connection = g_list_model_get_item (connections, i);

      if (g_hash_table_contains (ids, jm_connection_get_from (connection)) &&
          g_hash_table_contains (ids, jm_connection_get_to (connection)))
        write_connection (&w, connection);
    }
  end (&w, ']');
  return writer_finish (&w);
}

/* ─── Atomic save ───────────────────────────────────────────────────────────────────────── */

gboolean
jm_json_save_file (JmDocument    *document,
                   GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  const char *data;
  gsize len;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = jm_json_save_bytes (document);
  data = g_bytes_get_data (bytes, &len);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      /* Not a local file (e.g. a remote GVfs location): GIO does its own safe replace. */
      return g_file_replace_contents (file, data, len, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                      cancellable, error);
    }
  return jm_atomic_file_set_contents (path, data, len, cancellable, error);
}
