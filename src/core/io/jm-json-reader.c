/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-json-reader.c: the one loader of the Journey Maps file format, version 1.
 *
 * Two passes; neither can leave a partial document behind:
 *
 *  1. scan_text(): a strict, non-recursive JSON reader (RFC 8259, nothing more). It checks the
 *     UTF-8, the grammar, the nesting depth, string lengths, number ranges and duplicate keys,
 *     and fills a "tape": one flat array of values (containers know where their subtree ends)
 *     plus one arena of decoded, NUL-terminated strings.
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

/* Documented limit on numbers in the file (metric values and targets). */
#define MAX_NUMBER 1e15
/* Safety net against files made of millions of tiny values: a valid map never needs more
 * than this many values per element (a card has about a dozen). */
#define MAX_VALUES ((guint64) JM_LOAD_MAX_OBJECTS * 16)
/* Objects with more members than this find duplicate keys with a hash table. */
#define SMALL_OBJECT 16

#define UTF8_BOM "\xEF\xBB\xBF"
#define NO_KEY   G_MAXUINT32

/* ─── The tape ──────────────────────────────────────────────────────────────────────────── */

typedef enum {
  V_NULL,
  V_FALSE,
  V_TRUE,
  V_INT,
  V_DOUBLE,
  V_STRING,
  V_ARRAY,
  V_OBJECT,
} ValueType;

typedef struct
{
  guint8  type;      /* ValueType */
  guint32 end;       /* index just past this value's subtree: the next sibling */
  guint32 n;         /* containers: number of members or elements */
  guint32 offset;    /* in the text, for messages */
  guint32 key;       /* member of an object: its name in the arena; NO_KEY otherwise */
  union {
    gint64  i;
    double  d;
    guint32 str;     /* in the arena */
  } v;
} Value;

typedef struct
{
  const char *text;
  gsize       len;
  GArray     *values;    /* of Value; values[0] is the top level */
  GString    *strings;   /* the arena: decoded strings, each NUL-terminated */
} Tape;

static void
tape_clear (Tape *tape)
{
  g_clear_pointer (&tape->values, g_array_unref);
  if (tape->strings != NULL)
    g_string_free (tape->strings, TRUE);
  tape->strings = NULL;
}

/* ─── Pass 1: the strict scan ───────────────────────────────────────────────────────────── */

static void
text_position (const char *text,
               gsize       offset,
               guint      *line,
               guint      *column)
{
  gsize line_start = 0;
  gsize i;
  guint l = 1;
  guint c = 1;

  for (i = 0; i < offset; i++)
    {
      if (text[i] == '\n')
        {
          l++;
          line_start = i + 1;
        }
    }
  /* Columns count characters, not bytes. */
  for (i = line_start; i < offset; i++)
    {
      if ((text[i] & 0xC0) != 0x80)
        c++;
    }
  *line = l;
  *column = c;
}

G_GNUC_PRINTF (5, 6)
static void
scan_error (Tape        *tape,
            const void  *at,
            int          code,
            GError     **error,
            const char  *format,
            ...)
{
  g_autofree char *what = NULL;
  va_list args;
  guint line, column;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  text_position (tape->text, (const char *) at - tape->text, &line, &column);
  /* Translators: the position of an error in a file, then what is wrong. */
  g_set_error (error, JM_DOCUMENT_ERROR, code, _("line %u, column %u: %s"), line, column, what);
}

/* "“x”" for a printable character, "U+0007" otherwise. The text is valid UTF-8. */
static char *
describe_char (const void *p)
{
  gunichar c = g_utf8_get_char (p);
  char buf[8] = { 0 };

  if (g_unichar_isgraph (c))
    {
      g_unichar_to_utf8 (c, buf);
      return g_strdup_printf ("“%s”", buf);
    }
  return g_strdup_printf ("U+%04X", c);
}

static gboolean
read_hex4 (const guchar *p,
           const guchar *end,
           guint        *value)
{
  guint v = 0;
  int i;

  if (end - p < 4)
    return FALSE;
  for (i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);
      if (d < 0)
        return FALSE;
      v = (v << 4) | (guint) d;
    }
  *value = v;
  return TRUE;
}

/* p is at the opening quote. Appends the decoded string and a NUL to the arena and sets
 * *offset to where it starts. Returns the byte after the closing quote, or NULL on error. */
static const guchar *
scan_string (Tape          *tape,
             const guchar  *p,
             const guchar  *end,
             guint32       *offset,
             GError       **error)
{
  GString *arena = tape->strings;
  const guchar *open = p;
  const guchar *run;
  gsize start = arena->len;

  *offset = (guint32) start;
  run = ++p;
  for (;;)
    {
      guchar c;

      if (G_UNLIKELY ((arena->len - start) + (gsize) (p - run) > JM_LOAD_MAX_STRING))
        {
          scan_error (tape, open, JM_DOCUMENT_ERROR_TOO_LARGE, error,
                      _("a string is longer than the limit of %d bytes"), JM_LOAD_MAX_STRING);
          return NULL;
        }
      if (p >= end)
        {
          scan_error (tape, open, JM_DOCUMENT_ERROR_INVALID, error,
                      _("this string has no closing quote"));
          return NULL;
        }

      c = *p;
      if (c >= 0x20 && c != '"' && c != '\\')
        {
          p++;
          continue;
        }
      g_string_append_len (arena, (const char *) run, p - run);

      if (c == '"')
        break;
      if (c < 0x20)
        {
          scan_error (tape, p, JM_DOCUMENT_ERROR_INVALID, error,
                      _("control character U+%04X inside a string must be written as an escape"),
                      c);
          return NULL;
        }

      /* A backslash. */
      if (p + 1 >= end)
        {
          scan_error (tape, open, JM_DOCUMENT_ERROR_INVALID, error,
                      _("this string has no closing quote"));
          return NULL;
        }
      switch (p[1])
        {
        case '"':  g_string_append_c (arena, '"'); p += 2; break;
        case '\\': g_string_append_c (arena, '\\'); p += 2; break;
        case '/':  g_string_append_c (arena, '/'); p += 2; break;
        case 'b':  g_string_append_c (arena, '\b'); p += 2; break;
        case 'f':  g_string_append_c (arena, '\f'); p += 2; break;
        case 'n':  g_string_append_c (arena, '\n'); p += 2; break;
        case 'r':  g_string_append_c (arena, '\r'); p += 2; break;
        case 't':  g_string_append_c (arena, '\t'); p += 2; break;
        case 'u':
          {
            guint cp, low;

            if (!read_hex4 (p + 2, end, &cp))
              {
                scan_error (tape, p, JM_DOCUMENT_ERROR_INVALID, error,
                            _("“\\u” must be followed by four hexadecimal digits"));
                return NULL;
              }
            if (cp == 0)
              {
                scan_error (tape, p, JM_DOCUMENT_ERROR_INVALID, error,
                            _("a string holds the NUL character (\\u0000), which is not allowed"));
                return NULL;
              }
            if (cp >= 0xD800 && cp <= 0xDBFF && end - p >= 12 && p[6] == '\\' && p[7] == 'u' &&
                read_hex4 (p + 8, end, &low) && low >= 0xDC00 && low <= 0xDFFF)
              {
                g_string_append_unichar (arena, 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00));
                p += 12;
                break;
              }
            if (cp >= 0xD800 && cp <= 0xDFFF)
              {
                scan_error (tape, p, JM_DOCUMENT_ERROR_INVALID, error,
                            _("“\\u%04X” is half of a surrogate pair without its other half"), cp);
                return NULL;
              }
            g_string_append_unichar (arena, cp);
            p += 6;
          }
          break;

        default:
          {
            g_autofree char *what = describe_char (p + 1);
            scan_error (tape, p, JM_DOCUMENT_ERROR_INVALID, error,
                        _("invalid escape sequence: backslash followed by %s"), what);
            return NULL;
          }
        }
      run = p;
    }
  g_string_append_c (arena, '\0');
  return p + 1;
}

static inline gboolean
is_delimiter (const guchar *p,
              const guchar *end)
{
  return p == end || *p == ',' || *p == ']' || *p == '}' ||
         *p == ' ' || *p == '\n' || *p == '\r' || *p == '\t';
}

static inline gboolean
is_word_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '+' || c == '-';
}

/* What the user wrote, for a message: the run of word characters at p (at most 40). */
static char *
word_at (const guchar *p,
         const guchar *end)
{
  const guchar *q = p;

  while (q < end && q - p < 40 && is_word_char (*q))
    q++;
  if (q == p)
    return describe_char (p);
  return g_strdup_printf ("“%.*s”", (int) (q - p), p);
}

/* Fills v with the number at p; returns the byte after it, or NULL on error. */
static const guchar *
scan_number (Tape          *tape,
             const guchar  *p,
             const guchar  *end,
             Value         *v,
             GError       **error)
{
  const guchar *q = p;
  gboolean integral = TRUE;
  gboolean negative = FALSE;
  gsize n_digits = 0;
  guint64 magnitude = 0;

  if (*q == '-')
    {
      negative = TRUE;
      q++;
    }
  if (q == end || !g_ascii_isdigit (*q))
    goto invalid;
  if (*q == '0')
    {
      q++;
      n_digits = 1;
    }
  else
    {
      while (q < end && g_ascii_isdigit (*q))
        {
          if (n_digits < 18)
            magnitude = magnitude * 10 + (guint64) (*q - '0');
          q++;
          n_digits++;
        }
    }
  if (q < end && *q == '.')
    {
      integral = FALSE;
      q++;
      if (q == end || !g_ascii_isdigit (*q))
        goto invalid;
      while (q < end && g_ascii_isdigit (*q))
        q++;
    }
  if (q < end && (*q == 'e' || *q == 'E'))
    {
      integral = FALSE;
      q++;
      if (q < end && (*q == '+' || *q == '-'))
        q++;
      if (q == end || !g_ascii_isdigit (*q))
        goto invalid;
      while (q < end && g_ascii_isdigit (*q))
        q++;
    }
  if (!is_delimiter (q, end))
    goto invalid;

  if (integral && n_digits <= 18)
    {
      v->type = V_INT;
      v->v.i = negative ? -(gint64) magnitude : (gint64) magnitude;
      return q;
    }

  {
    char small[64];
    g_autofree char *big = NULL;
    char *copy = small;
    gboolean ok;

    if ((gsize) (q - p) < sizeof small)
      {
        memcpy (small, p, q - p);
        small[q - p] = '\0';
      }
    else
      {
        copy = big = g_strndup ((const char *) p, q - p);
      }

    errno = 0;
    if (integral)
      {
        v->type = V_INT;
        v->v.i = g_ascii_strtoll (copy, NULL, 10);
        ok = errno != ERANGE;
      }
    else
      {
        v->type = V_DOUBLE;
        v->v.d = g_ascii_strtod (copy, NULL);
        ok = isfinite (v->v.d);
      }
    if (!ok)
      {
        g_autofree char *what = word_at (p, end);
        scan_error (tape, p, JM_DOCUMENT_ERROR_INVALID, error,
                    _("the number %s is too large"), what);
        return NULL;
      }
  }
  return q;

invalid:
  {
    g_autofree char *what = word_at (p, end);
    scan_error (tape, p, JM_DOCUMENT_ERROR_INVALID, error, _("%s is not a valid number"), what);
    return NULL;
  }
}

static const guchar *
scan_word (Tape          *tape,
           const guchar  *p,
           const guchar  *end,
           Value         *v,
           GError       **error)
{
  static const struct { const char *word; ValueType type; } words[] = {
    { "true", V_TRUE }, { "false", V_FALSE }, { "null", V_NULL },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i].word);

      if ((gsize) (end - p) >= n && memcmp (p, words[i].word, n) == 0 &&
          is_delimiter (p + n, end))
        {
          v->type = words[i].type;
          return p + n;
        }
    }

  {
    g_autofree char *what = word_at (p, end);
    scan_error (tape, p, JM_DOCUMENT_ERROR_INVALID, error,
                _("%s is not a JSON value (text must be in double quotes)"), what);
  }
  return NULL;
}

typedef struct
{
  guint32 index;   /* of the container in the tape */
  char    kind;    /* '{' or '[' */
} Open;

/* The path of the container open at depth (1 = the top level): "stages[0].metrics". */
static char *
open_path (Tape       *tape,
           const Open *stack,
           int         depth)
{
  const Value *values = (const Value *) tape->values->data;
  GString *out = g_string_new (NULL);
  int k;

  for (k = 1; k < depth; k++)
    {
      const Value *child = &values[stack[k].index];
      const Value *parent = &values[stack[k - 1].index];

      if (stack[k - 1].kind == '{')
        g_string_append_printf (out, "%s%s", out->len ? "." : "", tape->strings->str + child->key);
      else
        g_string_append_printf (out, "[%u]", parent->n - 1);
    }
  return g_string_free (out, FALSE);
}

/* The object just closed at depth: no name may appear twice (json-glib would keep the last
 * silently; we refuse). */
static gboolean
check_keys (Tape        *tape,
            const Open  *stack,
            int          depth,
            GError     **error)
{
  const Value *values = (const Value *) tape->values->data;
  const char *arena = tape->strings->str;
  const Value *object = &values[stack[depth - 1].index];
  const Value *member;
  const Value *repeated = NULL;

  if (object->n < 2)
    return TRUE;

  if (object->n <= SMALL_OBJECT)
    {
      const Value *members[SMALL_OBJECT];
      guint n = 0, i;

      for (member = object + 1; member < values + object->end && repeated == NULL;
           member = values + member->end)
        {
          for (i = 0; i < n; i++)
            {
              if (strcmp (arena + members[i]->key, arena + member->key) == 0)
                {
                  repeated = member;
                  break;
                }
            }
          members[n++] = member;
        }
    }
  else
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (member = object + 1; member < values + object->end; member = values + member->end)
        {
          if (!g_hash_table_add (seen, (gpointer) (arena + member->key)))
            {
              repeated = member;
              break;
            }
        }
    }

  if (repeated != NULL)
    {
      g_autofree char *path = open_path (tape, stack, depth);
      guint line, column;

      text_position (tape->text, repeated->offset, &line, &column);
      if (*path == '\0')
        g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                     _("duplicate key “%s” at the top level (line %u)"),
                     arena + repeated->key, line);
      else
        g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                     _("%s: duplicate key “%s” (line %u)"), path, arena + repeated->key, line);
      return FALSE;
    }
  return TRUE;
}

enum {
  EXPECT_VALUE,
  EXPECT_VALUE_OR_CLOSE,   /* just after '[' */
  EXPECT_KEY,
  EXPECT_KEY_OR_CLOSE,     /* just after '{' */
  EXPECT_COLON,
  EXPECT_COMMA_OR_CLOSE,
  EXPECT_NOTHING,
};

static gboolean
scan_text (Tape    *tape,
           GError **error)
{
  const guchar *start = (const guchar *) tape->text;
  const guchar *end = start + tape->len;
  const guchar *p = start;
  Open stack[JM_LOAD_MAX_DEPTH];
  int depth = 0;
  int state = EXPECT_VALUE;
  gboolean after_comma = FALSE;
  guint32 key = NO_KEY;
  guint32 key_offset = 0;

  for (;;)
    {
      while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++;

      if (p == end)
        {
          if (state == EXPECT_NOTHING)
            return TRUE;
          if (tape->values->len == 0)
            {
              g_set_error_literal (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                                   _("The file is empty"));
              return FALSE;
            }
          scan_error (tape, p, JM_DOCUMENT_ERROR_INVALID, error,
                      _("unexpected end of the file: the JSON data is incomplete"));
          return FALSE;
        }

      switch (state)
        {
        case EXPECT_NOTHING:
          {
            g_autofree char *what = describe_char (p);
            scan_error (tape, p, JM_DOCUMENT_ERROR_INVALID, error,
                        _("unexpected %s after the end of the JSON data"), what);
            return FALSE;
          }

        case EXPECT_COLON:
          if (*p != ':')
            {
              g_autofree char *what = describe_char (p);
              scan_error (tape, p, JM_DOCUMENT_ERROR_INVALID, error,
                          _("expected “:” after the key, found %s"), what);
              return FALSE;
            }
          p++;
          state = EXPECT_VALUE;
          break;

        case EXPECT_COMMA_OR_CLOSE:
        case EXPECT_KEY_OR_CLOSE:
        case EXPECT_VALUE_OR_CLOSE:
          {
            char close = stack[depth - 1].kind == '{' ? '}' : ']';

            if (*p == close)
              {
                Value *container = &g_array_index (tape->values, Value, stack[depth - 1].index);

                container->end = tape->values->len;
                if (close == '}' && !check_keys (tape, stack, depth, error))
                  return FALSE;
                p++;
                depth--;
                state = depth == 0 ? EXPECT_NOTHING : EXPECT_COMMA_OR_CLOSE;
                break;
              }
            if (state == EXPECT_KEY_OR_CLOSE)
              {
                state = EXPECT_KEY;
                continue;
              }
            if (state == EXPECT_VALUE_OR_CLOSE)
              {
                state = EXPECT_VALUE;
                continue;
              }
            if (*p == ',')
              {
                p++;
                after_comma = TRUE;
                state = close == '}' ? EXPECT_KEY : EXPECT_VALUE;
                break;
              }
            {
              g_autofree char *what = describe_char (p);
              scan_error (tape, p, JM_DOCUMENT_ERROR_INVALID, error,
                          close == '}' ? _("expected “,” or “}”, found %s")
                                       : _("expected “,” or “]”, found %s"), what);
              return FALSE;
            }
          }

        case EXPECT_KEY:
          if (*p != '"')
            {
              g_autofree char *what = describe_char (p);
              if (after_comma && *p == '}')
                scan_error (tape, p, JM_DOCUMENT_ERROR_INVALID, error,
                            _("a comma cannot come right before “}”"));
              else
                scan_error (tape, p, JM_DOCUMENT_ERROR_INVALID, error,
                            _("expected a key in double quotes, found %s"), what);
              return FALSE;
            }
          key_offset = (guint32) (p - start);
          p = scan_string (tape, p, end, &key, error);
          if (p == NULL)
            return FALSE;
          after_comma = FALSE;
          state = EXPECT_COLON;
          break;

        case EXPECT_VALUE:
          {
            Value v = { 0 };

            if (after_comma && (*p == ']' || *p == '}'))
              {
                g_autofree char *what = describe_char (p);
                scan_error (tape, p, JM_DOCUMENT_ERROR_INVALID, error,
                            _("a comma cannot come right before %s"), what);
                return FALSE;
              }
            if (tape->values->len >= MAX_VALUES)
              {
                scan_error (tape, p, JM_DOCUMENT_ERROR_TOO_LARGE, error,
                            _("the file holds more than %llu values"),
                            (unsigned long long) MAX_VALUES);
                return FALSE;
              }

            /* Members point at their key, so a message about them names its line. */
            v.offset = key != NO_KEY ? key_offset : (guint32) (p - start);
            v.key = key;
            key = NO_KEY;
            switch (*p)
              {
              case '{':
              case '[':
                if (depth == JM_LOAD_MAX_DEPTH)
                  {
                    scan_error (tape, p, JM_DOCUMENT_ERROR_TOO_LARGE, error,
                                _("the data is nested more than %d levels deep"),
                                JM_LOAD_MAX_DEPTH);
                    return FALSE;
                  }
                v.type = *p == '{' ? V_OBJECT : V_ARRAY;
                p++;
                break;

              case '"':
                v.type = V_STRING;
                p = scan_string (tape, p, end, &v.v.str, error);
                break;

              case '-': case '0': case '1': case '2': case '3': case '4':
              case '5': case '6': case '7': case '8': case '9':
                p = scan_number (tape, p, end, &v, error);
                break;

              default:
                if (g_ascii_isalpha (*p))
                  {
                    p = scan_word (tape, p, end, &v, error);
                  }
                else
                  {
                    g_autofree char *what = describe_char (p);
                    scan_error (tape, p, JM_DOCUMENT_ERROR_INVALID, error,
                                _("expected a value, found %s"), what);
                    p = NULL;
                  }
                break;
              }
            if (p == NULL)
              return FALSE;

            if (depth > 0)
              g_array_index (tape->values, Value, stack[depth - 1].index).n++;
            v.end = tape->values->len + 1;   /* containers: set when they close */
            g_array_append_val (tape->values, v);
            after_comma = FALSE;

            if (v.type == V_OBJECT || v.type == V_ARRAY)
              {
                stack[depth].index = tape->values->len - 1;
                stack[depth].kind = v.type == V_OBJECT ? '{' : '[';
                depth++;
                state = v.type == V_OBJECT ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
              }
            else
              {
                state = depth == 0 ? EXPECT_NOTHING : EXPECT_COMMA_OR_CLOSE;
              }
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/* Checks the text and fills the tape. On success values[0] is an object. */
static gboolean
read_tape (const char  *data,
           gsize        len,
           Tape        *tape,
           GError     **error)
{
  const char *bad = NULL;

  memset (tape, 0, sizeof *tape);
  if (len == 0)
    {
      g_set_error_literal (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                           _("The file is empty"));
      return FALSE;
    }
  if (len > JM_LOAD_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (JM_LOAD_MAX_FILE_SIZE);
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_TOO_LARGE,
                   _("The file is too large (%s; the limit is %s)"), size, limit);
      return FALSE;
    }
  if (len >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  if (!g_utf8_validate_len (data, len, &bad))
    {
      guint line, column;

      text_position (data, bad - data, &line, &column);
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                   _("The file is not valid UTF-8 text: line %u, column %u has the invalid byte "
                     "0x%02X (byte offset %llu)"),
                   line, column, (guchar) *bad, (unsigned long long) (bad - data));
      return FALSE;
    }

  tape->text = data;
  tape->len = len;
  /* About one value per 16 bytes and half the text in strings, for typical maps. */
  tape->values = g_array_sized_new (FALSE, FALSE, sizeof (Value), MIN (len / 16 + 16, 1 << 20));
  tape->strings = g_string_sized_new (MIN (len / 2 + 16, 64 << 20));
  if (!scan_text (tape, error))
    {
      tape_clear (tape);
      return FALSE;
    }

  if (g_array_index (tape->values, Value, 0).type != V_OBJECT)
    {
      gboolean array = g_array_index (tape->values, Value, 0).type == V_ARRAY;

      tape_clear (tape);
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                   _("This is not a Journey Maps file: the top level is %s, not a JSON object"),
                   array ? _("an array") : _("a single value"));
      return FALSE;
    }
  return TRUE;
}

/* ─── Pass 2: the map ───────────────────────────────────────────────────────────────────── */

typedef struct
{
  const Value *values;     /* the tape */
  const char  *strings;    /* its arena */
  JmDocument  *document;   /* NULL while reading a clipboard fragment */
  GHashTable  *ids;        /* id (in the arena) → JmElement* (borrowed) */
  GPtrArray   *owned;      /* fragment only: the new elements */
  GError     **error;
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
describe_value (Loader      *loader,
                const Value *v)
{
  switch ((ValueType) v->type)
    {
    case V_OBJECT:
      return g_strdup (_("an object"));
    case V_ARRAY:
      return g_strdup (_("an array"));
    case V_NULL:
      return g_strdup ("null");
    case V_TRUE:
      return g_strdup ("true");
    case V_FALSE:
      return g_strdup ("false");
    case V_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, v->v.i);
    case V_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        format_double (buf, sizeof buf, v->v.d);
        return g_strdup (buf);
      }
    case V_STRING:
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
fail_type (const Where *w,
           const char  *key,
           const char  *expected,
           const Value *v)
{
  g_autofree char *got = describe_value (w->loader, v);

  /* Translators: e.g. "expected a string, got 12" */
  return fail (w, JM_DOCUMENT_ERROR_INVALID, key, _("expected %s, got %s"), expected, got);
}

static gboolean
read_string (const Where  *w,
             const char   *key,
             const Value  *v,
             const char  **out)
{
  if (v->type != V_STRING)
    return fail_type (w, key, _("a string"), v);
  *out = STR (w->loader, v);
  return TRUE;
}

static gboolean
read_boolean (const Where *w,
              const char  *key,
              const Value *v,
              gboolean    *out)
{
  if (v->type != V_TRUE && v->type != V_FALSE)
    return fail_type (w, key, _("true or false"), v);
  *out = v->type == V_TRUE;
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
read_int (const Where *w,
          const char  *key,
          const Value *v,
          gint64       min,
          gint64       max,
          gint64      *out)
{
  gint64 i;

  if (v->type == V_INT)
    {
      i = v->v.i;
    }
  else if (v->type == V_DOUBLE && v->v.d == floor (v->v.d))
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
read_number (const Where *w,
             const char  *key,
             const Value *v,
             double      *out)
{
  double d;

  if (v->type == V_INT)
    d = (double) v->v.i;
  else if (v->type == V_DOUBLE)
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
read_color (const Where  *w,
            const char   *key,
            const Value  *v,
            const char  **out)
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
read_enum (const Where *w,
           const char  *key,
           const Value *v,
           GType        type,
           int         *out)
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
read_id (const Where  *w,
         const Value  *v,
         const char  **out)
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
require (const Where *w,
         const Value *v,
         const char  *key)
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
value_to_node (Loader      *loader,
               const Value *v)
{
  JsonNode *node;

  switch ((ValueType) v->type)
    {
    case V_OBJECT:
      {
        JsonObject *object = json_object_new ();
        const Value *child;

        FOR_EACH_CHILD (loader, v, child)
          json_object_set_member (object, KEY (loader, child), value_to_node (loader, child));
        node = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
        return node;
      }
    case V_ARRAY:
      {
        JsonArray *array = json_array_sized_new (v->n);
        const Value *child;

        FOR_EACH_CHILD (loader, v, child)
          json_array_add_element (array, value_to_node (loader, child));
        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return node;
      }
    case V_STRING:
      return json_node_init_string (json_node_alloc (), STR (loader, v));
    case V_INT:
      return json_node_init_int (json_node_alloc (), v->v.i);
    case V_DOUBLE:
      return json_node_init_double (json_node_alloc (), v->v.d);
    case V_TRUE:
    case V_FALSE:
      return json_node_init_boolean (json_node_alloc (), v->type == V_TRUE);
    case V_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

/* Sorts an object's members into the known keys (fields, by index in keys) and a copy of
 * the unknown ones, in their order (*extra, NULL when there are none). */
static void
split_members (Loader             *loader,
               const Value        *object,
               const char * const *keys,
               guint               n_keys,
               const Value       **fields,
               JsonObject        **extra)
{
  const Value *member;

  memset (fields, 0, n_keys * sizeof (const Value *));
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
get_array (Loader       *loader,
           const Value  *v,
           const char   *key,
           const Value **out)
{
  *out = NULL;
  if (v == NULL)
    return TRUE;
  if (v->type != V_ARRAY)
    {
      Where w = { loader, NULL, 0, NULL };
      return fail_type (&w, key, _("an array"), v);
    }
  *out = v;
  return TRUE;
}

static gboolean
check_object (const Where *w,
              const Value *v)
{
  if (v->type != V_OBJECT)
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
read_metrics (const Where *w,
              const Value *v,
              JmMetrics   *metrics)
{
  Loader *loader = w->loader;
  const Value *item;
  guint i = 0;

  if (v->type != V_ARRAY)
    return fail_type (w, "metrics", _("an array"), v);
  FOR_EACH_CHILD (loader, v, item)
    {
      const Value *f[N_METRIC_KEYS];
      g_autoptr(JsonObject) extra = NULL;
      char sub[32];
      Where mw = *w;
      const char *name = "", *unit = "";
      double value = 0, target = 0;

      g_snprintf (sub, sizeof sub, "metrics[%u]", i++);
      mw.sub = sub;
      if (item->type != V_OBJECT)
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
read_stage (const Where *w,
            const Value *v)
{
  const Value *f[N_STAGE_KEYS];
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
read_lane (const Where *w,
           const Value *v)
{
  const Value *f[N_LANE_KEYS];
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
read_department (const Where *w,
                 const Value *v)
{
  const Value *f[N_DEPARTMENT_KEYS];
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
read_role (const Where *w,
           const Value *v)
{
  const Value *f[N_ROLE_KEYS];
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
read_roles (const Where *w,
            const Value *v,
            GPtrArray   *roles)
{
  Loader *loader = w->loader;
  const Value *item;
  guint i = 0, j;

  if (v->type != V_ARRAY)
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
read_card (const Where *w,
           const Value *v)
{
  Loader *loader = w->loader;
  const Value *f[N_CARD_KEYS];
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
read_connection (const Where *w,
                 const Value *v)
{
  const Value *f[N_CONNECTION_KEYS];
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
                                     const Value *v);

static gboolean
read_elements (Loader          *loader,
               const char      *key,
               const Value     *array,
               ReadElementFunc  func)
{
  const Value *item;
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
check_header (Loader      *loader,
              const Value *format_value,
              const Value *version_value,
              const char  *format_name)
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
  if (version_value->type == V_DOUBLE && version_value->v.d == floor (version_value->v.d) &&
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
set_metadata (Loader      *loader,
              const char  *key,
              const Value *v)
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
load_document (Tape    *tape,
               GError **error)
{
  g_autoptr(JmDocument) document = jm_document_new_blank ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) extra = NULL;
  const Value *f[N_TOP_KEYS];
  const Value *arrays[N_TOP_KEYS] = { NULL };
  Loader loader = { (const Value *) tape->values->data, tape->strings->str, document, ids,
                    NULL, error };
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
  Tape tape;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (!read_tape (data, len, &tape, error))
    return NULL;
  document = load_document (&tape, error);
  tape_clear (&tape);
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
load_fragment (Tape        *tape,
               GPtrArray  **cards,
               GPtrArray  **connections,
               GError     **error)
{
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) out_cards = NULL;
  g_autoptr(GPtrArray) out_connections = NULL;
  const Value *f[N_FRAG_KEYS];
  const Value *card_array = NULL, *connection_array = NULL;
  Loader loader = { (const Value *) tape->values->data, tape->strings->str, NULL, ids, owned,
                    error };
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
jm_json_load_cards (GBytes      *bytes,
                    GPtrArray  **cards,
                    GPtrArray  **connections,
                    GError     **error)
{
  const char *data;
  gsize len;
  Tape tape;
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (cards != NULL && connections != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *cards = NULL;
  *connections = NULL;

  data = g_bytes_get_data (bytes, &len);
  if (!read_tape (data, len, &tape, error))
    return FALSE;
  ok = load_fragment (&tape, cards, connections, error);
  tape_clear (&tape);
  return ok;
}
