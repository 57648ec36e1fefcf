/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-json-scanner.h: pass 1 of the loader, a strict, non-recursive JSON scanner (RFC 8259,
 * nothing more). It checks the UTF-8, the grammar, the nesting depth, string lengths, number
 * ranges and duplicate keys, and fills a "tape": one flat array of values (containers know
 * where their subtree ends) plus one arena of decoded, NUL-terminated strings.
 *
 * Why not json-glib: version 1.6 accepts duplicate keys (keeping the last), comments,
 * 'single quotes', trailing data and leading zeros, cuts strings at \u0000, wraps integers
 * that overflow, and is recursive. Private to src/core/io. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  JM_JSON_NULL,
  JM_JSON_FALSE,
  JM_JSON_TRUE,
  JM_JSON_INT,
  JM_JSON_DOUBLE,
  JM_JSON_STRING,
  JM_JSON_ARRAY,
  JM_JSON_OBJECT,
} JmJsonValueType;

typedef struct
{
  guint8  type;      /* JmJsonValueType */
  guint32 end;       /* index just past this value's subtree: the next sibling */
  guint32 n;         /* containers: number of members or elements */
  guint32 offset;    /* in the text, for messages */
  guint32 key;       /* member of an object: its name in the arena; G_MAXUINT32 otherwise */
  union {
    gint64  i;
    double  d;
    guint32 str;     /* in the arena */
  } v;
} JmJsonValue;

typedef struct
{
  const char *text;
  gsize       len;
  GArray     *values;    /* of JmJsonValue; values[0] is the top level */
  GString    *strings;   /* the arena: decoded strings, each NUL-terminated */
} JmJsonTape;

/* Checks the text and fills the tape. On success values[0] is an object; on failure the
 * tape is empty and error (JM_DOCUMENT_ERROR) says what is wrong and where, e.g.
 * "line 3, column 14: unexpected character ','". */
gboolean jm_json_tape_read  (const char  *data,
                             gsize        len,
                             JmJsonTape  *tape,
                             GError     **error);
void     jm_json_tape_clear (JmJsonTape  *tape);

G_END_DECLS
