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

static void
member_boolean (Writer     *w,
                const char *key,
                gboolean    value)
{
  member (w, key);
  g_string_append (w->out, value ? "true" : "false");
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
member_number (Writer     *w,
               const char *key,
               double      v)
{
  member (w, key);
  if (!isfinite (v) || fabs (v) >= 1e15)
    g_string_append_c (w->out, '0');
  else if (v == floor (v))
    g_string_append_printf (w->out, "%" G_GINT64_FORMAT, (gint64) v);
  else
    append_double (w->out, v);
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
                      const char * const *known)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (known != NULL && g_strv_contains (known, name))
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
write_extra (Writer             *w,
             JsonObject         *extra,
             const char * const *known)
{
  if (extra != NULL)
    write_object_members (w, extra, known);
}

/* ── elements ── */

static const char * const stage_keys[] = {
  "id", "title", "description", "customer-goal", "business-goal", "color", "metrics", NULL
};
static const char * const lane_keys[] = { "id", "kind", "title", "visible", NULL };
static const char * const department_keys[] = { "id", "name", "color", NULL };
static const char * const role_keys[] = { "id", "name", "kind", "color", NULL };
static const char * const connection_keys[] = { "id", "from", "to", "label", "kind", NULL };
static const char * const card_keys[] = {
  "id", "stage", "lane", "kind", "text", "notes", "color", "link", "roles", "channel",
  "online", "score", "feeling", "impact", "effort", "status", "department", "owner", NULL
};
static const char * const top_keys[] = {
  "format", "version", "title", "description", "author", "created", "modified",
  "stages", "lanes", "departments", "roles", "cards", "connections", NULL
};

static void
write_stage (Writer  *w,
             JmStage *stage)
{
  const JmMetrics *metrics = jm_stage_get_metrics (stage);
  guint i, n = metrics != NULL ? jm_metrics_get_n (metrics) : 0;

  item (w);
  begin (w, '{');
  member_string (w, "id", jm_element_get_id (JM_ELEMENT (stage)));
  member_string (w, "title", jm_stage_get_title (stage));
  member_string (w, "description", jm_stage_get_description (stage));
  member_string (w, "customer-goal", jm_stage_get_customer_goal (stage));
  member_string (w, "business-goal", jm_stage_get_business_goal (stage));
  member_string (w, "color", jm_stage_get_color (stage));
  member (w, "metrics");
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
  write_extra (w, _jm_element_get_extra (JM_ELEMENT (stage)), stage_keys);
  end (w, '}');
}

static void
write_lane (Writer *w,
            JmLane *lane)
{
  item (w);
  begin (w, '{');
  member_string (w, "id", jm_element_get_id (JM_ELEMENT (lane)));
  member_string (w, "kind", nick (JM_TYPE_LANE_KIND, jm_lane_get_kind (lane)));
  member_string (w, "title", jm_lane_get_title (lane));
  member_boolean (w, "visible", jm_lane_get_visible (lane));
  write_extra (w, _jm_element_get_extra (JM_ELEMENT (lane)), lane_keys);
  end (w, '}');
}

static void
write_department (Writer       *w,
                  JmDepartment *department)
{
  item (w);
  begin (w, '{');
  member_string (w, "id", jm_element_get_id (JM_ELEMENT (department)));
  member_string (w, "name", jm_department_get_name (department));
  member_string (w, "color", jm_department_get_color (department));
  write_extra (w, _jm_element_get_extra (JM_ELEMENT (department)), department_keys);
  end (w, '}');
}

static void
write_role (Writer *w,
            JmRole *role)
{
  item (w);
  begin (w, '{');
  member_string (w, "id", jm_element_get_id (JM_ELEMENT (role)));
  member_string (w, "name", jm_role_get_name (role));
  member_string (w, "kind", nick (JM_TYPE_ROLE_KIND, jm_role_get_kind (role)));
  member_string (w, "color", jm_role_get_color (role));
  write_extra (w, _jm_element_get_extra (JM_ELEMENT (role)), role_keys);
  end (w, '}');
}

static inline gboolean
is_set (const char *s)
{
  return s != NULL && *s != '\0';
}

static void
write_card (Writer *w,
            JmCard *card)
{
  const char * const *roles = jm_card_get_roles (card);
  JmCardKind kind = jm_card_get_kind (card);

  item (w);
  begin (w, '{');
  member_string (w, "id", jm_element_get_id (JM_ELEMENT (card)));
  member_string (w, "stage", jm_card_get_stage (card));
  member_string (w, "lane", jm_card_get_lane (card));
  member_string (w, "kind", nick (JM_TYPE_CARD_KIND, kind));
  member_string (w, "text", jm_card_get_text (card));
  if (is_set (jm_card_get_notes (card)))
    member_string (w, "notes", jm_card_get_notes (card));
  if (is_set (jm_card_get_color (card)))
    member_string (w, "color", jm_card_get_color (card));
  if (is_set (jm_card_get_link (card)))
    member_string (w, "link", jm_card_get_link (card));
  if (roles != NULL && roles[0] != NULL)
    {
      member (w, "roles");
      begin (w, '[');
      for (; *roles != NULL; roles++)
        {
          item (w);
          append_string (w->out, *roles);
        }
      end (w, ']');
    }

  if (jm_card_kind_has_field (kind, JM_CARD_FIELD_CHANNEL))
    {
      member_string (w, "channel", nick (JM_TYPE_CHANNEL, jm_card_get_channel (card)));
      member_boolean (w, "online", jm_card_get_online (card));
    }
  if (jm_card_kind_has_field (kind, JM_CARD_FIELD_EMOTION))
    {
      member_int (w, "score", jm_card_get_score (card));
      member_string (w, "feeling", jm_card_get_feeling (card));
    }
  if (jm_card_kind_has_field (kind, JM_CARD_FIELD_RATING))
    {
      member_int (w, "impact", jm_card_get_impact (card));
      member_int (w, "effort", jm_card_get_effort (card));
      member_string (w, "status", nick (JM_TYPE_STATUS, jm_card_get_status (card)));
    }

  /* Any card may be owned (a touchpoint's or an opportunity's department and owner); a
   * responsibility card always says who owns it, even when nobody is named yet. */
  if (is_set (jm_card_get_department (card)))
    member_string (w, "department", jm_card_get_department (card));
  if (jm_card_kind_has_field (kind, JM_CARD_FIELD_OWNER_ALWAYS) || is_set (jm_card_get_owner (card)))
    member_string (w, "owner", jm_card_get_owner (card));
  write_extra (w, _jm_element_get_extra (JM_ELEMENT (card)), card_keys);
  end (w, '}');
}

static void
write_connection (Writer       *w,
                  JmConnection *connection)
{
  item (w);
  begin (w, '{');
  member_string (w, "id", jm_element_get_id (JM_ELEMENT (connection)));
  member_string (w, "from", jm_connection_get_from (connection));
  member_string (w, "to", jm_connection_get_to (connection));
  member_string (w, "label", jm_connection_get_label (connection));
  member_string (w, "kind", nick (JM_TYPE_CONNECTION_KIND, jm_connection_get_kind (connection)));
  write_extra (w, _jm_element_get_extra (JM_ELEMENT (connection)), connection_keys);
  end (w, '}');
}

typedef void (*WriteElementFunc) (Writer  *w,
                                  gpointer element);

static void
write_list (Writer           *w,
            const char       *key,
            GListModel       *list,
            WriteElementFunc  func)
{
  guint i, n = g_list_model_get_n_items (list);

  member (w, key);
  begin (w, '[');
  for (i = 0; i < n; i++)
    {
      g_autoptr(GObject) element = g_list_model_get_item (list, i);
      func (w, element);
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
  member_string (&w, "title", jm_document_get_title (document));
  member_string (&w, "description", jm_document_get_description (document));
  member_string (&w, "author", jm_document_get_author (document));
  member_string (&w, "created", jm_document_get_created (document));
  member_string (&w, "modified", jm_document_get_modified (document));
  write_list (&w, "stages", jm_document_get_stages (document), (WriteElementFunc) write_stage);
  write_list (&w, "lanes", jm_document_get_lanes (document), (WriteElementFunc) write_lane);
  write_list (&w, "departments", jm_document_get_departments (document),
              (WriteElementFunc) write_department);
  write_list (&w, "roles", jm_document_get_roles (document), (WriteElementFunc) write_role);

  member (&w, "cards");
  begin (&w, '[');
  for (i = 0; i < cards->len; i++)
    write_card (&w, g_ptr_array_index (cards, i));
  end (&w, ']');

  write_list (&w, "connections", jm_document_get_connections (document),
              (WriteElementFunc) write_connection);
  write_extra (&w, jm_document_get_extra (document), top_keys);
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
