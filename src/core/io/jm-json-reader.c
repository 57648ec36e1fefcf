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
#include "jm-json-format.h"
#include "jm-json-reader-private.h"

/* Documented limit on numbers in the file (metric values and targets). */
#define MAX_NUMBER 1e15
/* ─── Pass 2: the map ───────────────────────────────────────────────────────────────────── */
/* Properties to set on a new element in one go. */
#define MAX_PROPS 20
typedef struct
{
  const char *names[MAX_PROPS];
  GValue      values[MAX_PROPS];
  guint       n;
} PropSet;

/* Moves value into the set. */
static void
prop_take (PropSet    *ps,
           const char *name,
           GValue     *value)
{
  g_assert (ps->n < MAX_PROPS);
  ps->names[ps->n] = name;
  ps->values[ps->n++] = *value;
  memset (value, 0, sizeof *value);
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
insert_element (const JmJsonWhere *w,
                JmElement         *element,
                const char        *id,
                JsonObject        *extra)
{
  JmJsonLoader *loader = w->loader;

  if (extra != NULL)
    _jm_element_set_extra (element, extra);

  if (loader->document != NULL)
    {
      GError *local_error = NULL;

      if (!_jm_document_insert (loader->document, element, -1, &local_error))
        {
          jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, NULL, "%s", local_error->message);
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

/* Reads every field of the format that is a property and not read by hand, in the table's
 * order, and adds those that differ from their default to ps. kind: of a card, for the
 * kind's own fields (the others are checked, not kept). */
static gboolean
read_properties (const JmJsonWhere  *w,
                 JmJsonFormat       *format,
                 const JmJsonValue **f,
                 JmCardKind          kind,
                 PropSet            *ps)
{
  GParamSpec * const *pspecs = jm_json_format_pspecs (format);
  guint i;

  for (i = 0; i < format->n_fields; i++)
    {
      const JmJsonField *field = &format->fields[i];
      g_auto(GValue) value = G_VALUE_INIT;

      if ((field->flags & JM_JSON_FIELD_BY_HAND) != 0 || pspecs[i] == NULL)
        continue;
      if (f[i] == NULL)
        {
          if ((field->flags & JM_JSON_FIELD_REQUIRED) != 0)
            return jm_json_require (w, NULL, field->key);
          continue;
        }
      if (!jm_json_read_property_value (w, field, pspecs[i], f[i], &value))
        return FALSE;
      if (jm_json_field_applies (field, kind) && !jm_json_value_is_default (pspecs[i], &value))
        prop_take (ps, pspecs[i]->name, &value);
    }
  return TRUE;
}

/* Reads the properties of the format into element (see read_properties ()). */
static gboolean
set_properties (const JmJsonWhere  *w,
                gpointer            element,
                JmJsonFormat       *format,
                const JmJsonValue **f,
                JmCardKind          kind)
{
  PropSet ps = { { 0 } };
  guint i;

  if (read_properties (w, format, f, kind, &ps))
    {
      prop_apply (&ps, element);
      return TRUE;
    }
  for (i = 0; i < ps.n; i++)
    g_value_unset (&ps.values[i]);
  return FALSE;
}

/* The start of every element: an object whose members are sorted by the format's keys
 * (f, *extra), with a valid, new "id". */
static gboolean
read_members (const JmJsonWhere  *w,
              const JmJsonValue  *v,
              JmJsonFormat       *format,
              const JmJsonValue **f,
              JsonObject        **extra,
              const char        **id)
{
  if (!jm_json_check_object (w, v))
    return FALSE;
  jm_json_split_members (w->loader, v, format, f, extra);
  return jm_json_read_id (w, f[0], id);
}

/* Stages, lanes, departments and roles: an id and properties. */
static gboolean
read_plain (const JmJsonWhere *w,
            const JmJsonValue *v,
            JmJsonFormat      *format)
{
  const JmJsonValue *f[N_CARD_KEYS];
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GObject) element = NULL;
  const char *id = NULL;

  g_assert (format->n_fields <= G_N_ELEMENTS (f));
  if (!read_members (w, v, format, f, &extra, &id))
    return FALSE;
  element = g_object_new (format->get_type (), "id", id, NULL);
  if (!set_properties (w, element, format, f, JM_CARD_KIND_NOTE))
    return FALSE;
  return insert_element (w, g_steal_pointer ((JmElement **) &element), id, extra);
}

/* ── cards ── */

/* Fills roles (NULL-terminated array of arena strings) from the "roles" array. */
static gboolean
read_roles (const JmJsonWhere *w,
            const JmJsonValue *v,
            GPtrArray         *roles)
{
  JmJsonLoader *loader = w->loader;
  const JmJsonValue *item;
  guint i = 0, j;

  if (v->type != JM_JSON_ARRAY)
    return jm_json_fail_type (w, "roles", _("an array"), v);
  FOR_EACH_CHILD (loader, v, item)
    {
      char key[32];
      const char *id = NULL;

      g_snprintf (key, sizeof key, "roles[%u]", i++);
      if (!jm_json_read_string (w, key, item, &id))
        return FALSE;
      if (loader->document != NULL && jm_json_lookup_typed (loader, id, JM_TYPE_ROLE) == NULL)
        return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, key, _("no role with id “%s”"), id);
      for (j = 0; j < roles->len; j++)
        {
          if (strcmp (g_ptr_array_index (roles, j), id) == 0)
            return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, key,
                                 _("the role “%s” is listed twice"), id);
        }
      g_ptr_array_add (roles, (gpointer) id);
    }
  g_ptr_array_add (roles, NULL);
  return TRUE;
}

/* The cell and the kind of a card: references to a stage and a lane that holds the kind. */
static gboolean
read_card_place (const JmJsonWhere  *w,
                 const JmJsonValue **f,
                 const char        **stage_id,
                 const char        **lane_id,
                 int                *kind)
{
  JmJsonLoader *loader = w->loader;
  JmLane *lane = NULL;

  if (!jm_json_require (w, f[CARD_STAGE], "stage") ||
      !jm_json_read_string (w, "stage", f[CARD_STAGE], stage_id) ||
      !jm_json_require (w, f[CARD_LANE], "lane") ||
      !jm_json_read_string (w, "lane", f[CARD_LANE], lane_id))
    return FALSE;

  *kind = JM_CARD_KIND_NOTE;
  if (loader->document != NULL)
    {
      if (jm_json_lookup_typed (loader, *stage_id, JM_TYPE_STAGE) == NULL)
        return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, "stage", _("no stage with id “%s”"),
                             *stage_id);
      lane = jm_json_lookup_typed (loader, *lane_id, JM_TYPE_LANE);
      if (lane == NULL)
        return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, "lane", _("no lane with id “%s”"),
                             *lane_id);
      *kind = jm_lane_kind_default_card_kind (jm_lane_get_kind (lane));
    }

  if (f[CARD_KIND] != NULL)
    {
      if (!jm_json_read_enum (w, "kind", f[CARD_KIND], JM_TYPE_CARD_KIND, kind))
        return FALSE;
      if (lane != NULL && !jm_lane_kind_accepts (jm_lane_get_kind (lane), *kind))
        return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, "kind",
                             _("the lane “%s” holds “%s” cards only, not “%s”"), *lane_id,
                             jm_enum_to_nick (JM_TYPE_CARD_KIND,
                                              jm_lane_kind_default_card_kind (
                                                jm_lane_get_kind (lane))),
                             jm_enum_to_nick (JM_TYPE_CARD_KIND, *kind));
    }
  return TRUE;
}

static gboolean
read_card (const JmJsonWhere *w,
           const JmJsonValue *v)
{
  JmJsonLoader *loader = w->loader;
  const JmJsonValue *f[N_CARD_KEYS];
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(JmCard) card = NULL;
  const char *id = NULL, *stage_id = NULL, *lane_id = NULL, *department;
  int kind = JM_CARD_KIND_NOTE;

  if (!read_members (w, v, &jm_json_card_format, f, &extra, &id) ||
      !read_card_place (w, f, &stage_id, &lane_id, &kind))
    return FALSE;
  if (f[CARD_ROLES] != NULL)
    {
      roles = g_ptr_array_new ();
      if (!read_roles (w, f[CARD_ROLES], roles))
        return FALSE;
    }

  card = jm_card_new (id, kind, stage_id, lane_id, "");
  if (roles != NULL && roles->len > 1)
    g_object_set (card, "roles", roles->pdata, NULL);
  if (!set_properties (w, card, &jm_json_card_format, f, kind))
    return FALSE;

  department = jm_card_get_department (card);
  if (loader->document != NULL && *department != '\0' &&
      jm_json_lookup_typed (loader, department, JM_TYPE_DEPARTMENT) == NULL)
    return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, "department",
                         _("no department with id “%s”"), department);
  return insert_element (w, JM_ELEMENT (g_steal_pointer (&card)), id, extra);
}

/* ── connections ── */

static gboolean
read_connection (const JmJsonWhere *w,
                 const JmJsonValue *v)
{
  const JmJsonValue *f[N_CONNECTION_KEYS];
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(JmConnection) connection = NULL;
  const char *id = NULL, *from = NULL, *to = NULL;

  if (!read_members (w, v, &jm_json_connection_format, f, &extra, &id) ||
      !jm_json_require (w, f[CONNECTION_FROM], "from") ||
      !jm_json_read_string (w, "from", f[CONNECTION_FROM], &from) ||
      !jm_json_require (w, f[CONNECTION_TO], "to") ||
      !jm_json_read_string (w, "to", f[CONNECTION_TO], &to))
    return FALSE;
  connection = jm_connection_new (id, from, to, JM_CONNECTION_KIND_NEXT);
  if (!set_properties (w, connection, &jm_json_connection_format, f, JM_CARD_KIND_NOTE))
    return FALSE;

  /* In a fragment too: both ends must be among its cards. */
  if (jm_json_lookup_typed (w->loader, from, JM_TYPE_CARD) == NULL)
    return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, "from", _("no card with id “%s”"), from);
  if (jm_json_lookup_typed (w->loader, to, JM_TYPE_CARD) == NULL)
    return jm_json_fail (w, JM_DOCUMENT_ERROR_INVALID, "to", _("no card with id “%s”"), to);
  return insert_element (w, JM_ELEMENT (g_steal_pointer (&connection)), id, extra);
}

/* ── the top level ── */

/* The elements of one of the top-level arrays, each as its format says. */
static gboolean
read_elements (JmJsonLoader      *loader,
               const char        *key,
               const JmJsonValue *array,
               JmJsonFormat      *format)
{
  const JmJsonValue *item;
  guint i = 0;

  if (array == NULL)
    return TRUE;
  FOR_EACH_CHILD (loader, array, item)
    {
      JmJsonWhere w = { loader, key, i++, NULL };

      if (format == &jm_json_card_format ? !read_card (&w, item)
          : format == &jm_json_connection_format ? !read_connection (&w, item)
          : !read_plain (&w, item, format))
        return FALSE;
    }
  return TRUE;
}

/* format and version, shared by maps and clipboard fragments. */
static gboolean
check_header (JmJsonLoader      *loader,
              const JmJsonValue *format_value,
              const JmJsonValue *version_value,
              const char        *format_name)
{
  JmJsonWhere w = { loader, NULL, 0, NULL };
  const char *format = NULL;
  gint64 version = 0;

  if (format_value == NULL)
    return jm_json_fail (&w, JM_DOCUMENT_ERROR_INVALID, NULL,
                         _("This is not a Journey Maps file: the key “format” is missing"));
  if (!jm_json_read_string (&w, "format", format_value, &format))
    return FALSE;
  if (strcmp (format, format_name) != 0)
    {
      g_autofree char *got = jm_json_describe_value (loader, format_value);
      return jm_json_fail (&w, JM_DOCUMENT_ERROR_INVALID, "format",
                           _("expected “%s”, got %s: this is not a Journey Maps file"),
                           format_name, got);
    }
  if (version_value == NULL)
    return jm_json_fail (&w, JM_DOCUMENT_ERROR_INVALID, NULL,
                         _("the required key “version” is missing"));
  if (version_value->type == JM_JSON_DOUBLE && version_value->v.d == floor (version_value->v.d) &&
      version_value->v.d > JM_FORMAT_VERSION)
    {
      /* A whole number too large for an integer is still a newer version. */
      g_autofree char *got = jm_json_describe_value (loader, version_value);
      return jm_json_fail (&w, JM_DOCUMENT_ERROR_UNSUPPORTED_VERSION, "version",
                           _("made by a newer Journey Maps (format version %s); "
                             "this one reads version %d"),
                           got, JM_FORMAT_VERSION);
    }
  if (!jm_json_read_int (&w, "version", version_value, -(gint64) G_MAXINT32, G_MAXINT64, &version))
    return FALSE;
  if (version < 1)
    {
      g_autofree char *got = jm_json_format_int (version);
      return jm_json_fail (&w, JM_DOCUMENT_ERROR_INVALID, "version",
                           _("%s is not a valid format version (1 or more)"), got);
    }
  if (version > JM_FORMAT_VERSION)
    return jm_json_fail (&w, JM_DOCUMENT_ERROR_UNSUPPORTED_VERSION, "version",
                         _("made by a newer Journey Maps (format version %lld); "
                           "this one reads version %d"), (long long) version, JM_FORMAT_VERSION);
  return TRUE;
}

/* title, description, author, created, modified: properties of the document. */
static gboolean
set_metadata (JmJsonLoader       *loader,
              const JmJsonValue **f)
{
  GParamSpec * const *pspecs = jm_json_format_pspecs (&jm_json_top_format);
  JmJsonWhere w = { loader, NULL, 0, NULL };
  guint i;

  for (i = 0; i < N_TOP_KEYS; i++)
    {
      const JmJsonField *field = &jm_json_top_format.fields[i];
      g_auto(GValue) value = G_VALUE_INIT;
      GError *local_error = NULL;

      if (pspecs[i] == NULL)
        continue;
      if (f[i] != NULL)
        {
          if (!jm_json_read_property_value (&w, field, pspecs[i], f[i], &value))
            return FALSE;
        }
      else
        {
          g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
          g_param_value_set_default (pspecs[i], &value);
        }
      if (!_jm_document_set_property (loader->document, NULL, field->property, &value,
                                      &local_error))
        {
          jm_json_fail (&w, JM_DOCUMENT_ERROR_INVALID, field->key, "%s", local_error->message);
          g_error_free (local_error);
          return FALSE;
        }
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
  JmJsonLoader loader = { (const JmJsonValue *) tape->values->data, tape->strings->str, document,
                    ids, NULL, error };
  guint64 n_elements = 0;
  guint i;

  jm_json_split_members (&loader, loader.values, &jm_json_top_format, f, &extra);
  if (!check_header (&loader, f[TOP_FORMAT], f[TOP_VERSION], JM_FORMAT_NAME))
    return NULL;

  for (i = TOP_STAGES; i <= TOP_CONNECTIONS; i++)
    {
      if (!jm_json_get_array (&loader, f[i], jm_json_top_format.fields[i].key, &arrays[i]))
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

  if (!set_metadata (&loader, f))
    return NULL;

  if (!read_elements (&loader, "stages", arrays[TOP_STAGES], &jm_json_stage_format) ||
      !read_elements (&loader, "lanes", arrays[TOP_LANES], &jm_json_lane_format) ||
      !read_elements (&loader, "departments", arrays[TOP_DEPARTMENTS],
                      &jm_json_department_format) ||
      !read_elements (&loader, "roles", arrays[TOP_ROLES], &jm_json_role_format) ||
      !read_elements (&loader, "cards", arrays[TOP_CARDS], &jm_json_card_format) ||
      !read_elements (&loader, "connections", arrays[TOP_CONNECTIONS],
                      &jm_json_connection_format))
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
  JmJsonLoader loader = { (const JmJsonValue *) tape->values->data, tape->strings->str, NULL, ids,
                    owned, error };
  guint i;

  jm_json_split_members (&loader, loader.values, &jm_json_fragment_format, f, &extra);
  if (!check_header (&loader, f[FRAG_FORMAT], f[FRAG_VERSION], "journey-maps-cards") ||
      !jm_json_get_array (&loader, f[FRAG_CARDS], "cards", &card_array) ||
      !jm_json_get_array (&loader, f[FRAG_CONNECTIONS], "connections", &connection_array))
    return FALSE;
  if ((guint64) (card_array ? card_array->n : 0) +
      (connection_array ? connection_array->n : 0) > JM_LOAD_MAX_OBJECTS)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_TOO_LARGE,
                   _("The clipboard holds more than %d elements"), JM_LOAD_MAX_OBJECTS);
      return FALSE;
    }

  if (!read_elements (&loader, "cards", card_array, &jm_json_card_format) ||
      !read_elements (&loader, "connections", connection_array, &jm_json_connection_format))
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
