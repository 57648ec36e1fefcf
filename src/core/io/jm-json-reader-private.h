/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-json-reader-private.h: the walk of the tape shared by the loader's files
 * (jm-json-reader.c: elements and the top level; jm-json-reader-values.c: single values).
 * Every reader returns FALSE after setting the loader's error, located as in
 * "cards[12].stage: no stage with id “s9”". Private to src/core/io. */
#pragma once

#include <json-glib/json-glib.h>

#include "jm-json-format.h"
#include "jm-json-scanner.h"
#include "model/jm-document.h"

G_BEGIN_DECLS

typedef struct
{
  const JmJsonValue *values;     /* the tape */
  const char        *strings;    /* its arena */
  JmDocument        *document;   /* NULL while reading a clipboard fragment */
  GHashTable        *ids;        /* id (in the arena) → JmElement* (borrowed) */
  GPtrArray         *owned;      /* fragment only: the new elements */
  GError           **error;
} JmJsonLoader;

#define STR(loader, value)  ((loader)->strings + (value)->v.str)
#define KEY(loader, value)  ((loader)->strings + (value)->key)
#define NEXT(loader, value) ((loader)->values + (value)->end)
/* Iterates over the members of an object or the elements of an array. */
#define FOR_EACH_CHILD(loader, container, child) \
  for (child = (container) + 1; child < NEXT (loader, container); child = NEXT (loader, child))

/* Where an element is: "cards[12]"; sub is an optional middle part ("metrics[1]"). */
typedef struct
{
  JmJsonLoader *loader;
  const char   *array;   /* NULL at the top level */
  guint         index;
  const char   *sub;
} JmJsonWhere;

G_GNUC_PRINTF (4, 5)
gboolean  jm_json_fail                (const JmJsonWhere   *w,
                                       int                  code,
                                       const char          *key,
                                       const char          *format,
                                       ...);
/* "expected <expected>, got <what v is>" */
gboolean  jm_json_fail_type           (const JmJsonWhere   *w,
                                       const char          *key,
                                       const char          *expected,
                                       const JmJsonValue   *v);
/* What a value is, for messages: "an object", "12", "the string “x”". */
char     *jm_json_describe_value      (JmJsonLoader        *loader,
                                       const JmJsonValue   *v);
/* "−3" with a real minus sign. */
char     *jm_json_format_int          (gint64               v);
gboolean  jm_json_require             (const JmJsonWhere   *w,
                                       const JmJsonValue   *v,
                                       const char          *key);
gboolean  jm_json_read_string         (const JmJsonWhere   *w,
                                       const char          *key,
                                       const JmJsonValue   *v,
                                       const char         **out);
gboolean  jm_json_read_boolean        (const JmJsonWhere   *w,
                                       const char          *key,
                                       const JmJsonValue   *v,
                                       gboolean            *out);
/* An integral number (3 or 3.0, not 3.5) in min…max. */
gboolean  jm_json_read_int            (const JmJsonWhere   *w,
                                       const char          *key,
                                       const JmJsonValue   *v,
                                       gint64               min,
                                       gint64               max,
                                       gint64              *out);
/* A finite number below 10¹⁵. */
gboolean  jm_json_read_number         (const JmJsonWhere   *w,
                                       const char          *key,
                                       const JmJsonValue   *v,
                                       double              *out);
/* "#rrggbb" or "". */
gboolean  jm_json_read_color          (const JmJsonWhere   *w,
                                       const char          *key,
                                       const JmJsonValue   *v,
                                       const char         **out);
/* The nick of a value of the enum type. */
gboolean  jm_json_read_enum           (const JmJsonWhere   *w,
                                       const char          *key,
                                       const JmJsonValue   *v,
                                       GType                type,
                                       int                 *out);
/* The required "id": valid and not yet used. The string lives in the arena. */
gboolean  jm_json_read_id             (const JmJsonWhere   *w,
                                       const JmJsonValue   *v,
                                       const char         **out);
/* v as the value of the field's property: type and range from the pspec; value is
 * initialised here (unset it on failure too). */
gboolean  jm_json_read_property_value (const JmJsonWhere   *w,
                                       const JmJsonField   *field,
                                       GParamSpec          *pspec,
                                       const JmJsonValue   *v,
                                       GValue              *value);
/* The element the id refers to, if it is of the given type. */
gpointer  jm_json_lookup_typed        (JmJsonLoader        *loader,
                                       const char          *id,
                                       GType                type);
/* Sorts an object's members into the format's keys (fields, by index in its table) and a
 * copy of the unknown ones, in their order (*extra, NULL when there are none). */
void      jm_json_split_members       (JmJsonLoader        *loader,
                                       const JmJsonValue   *object,
                                       const JmJsonFormat  *format,
                                       const JmJsonValue  **fields,
                                       JsonObject         **extra);
/* The array under a top-level key; a missing array is empty (NULL). */
gboolean  jm_json_get_array           (JmJsonLoader        *loader,
                                       const JmJsonValue   *v,
                                       const char          *key,
                                       const JmJsonValue  **out);
gboolean  jm_json_check_object        (const JmJsonWhere   *w,
                                       const JmJsonValue   *v);

G_END_DECLS
