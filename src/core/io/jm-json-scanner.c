/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-json-scanner.c: the strict JSON scanner of the loader (see jm-json-scanner.h). */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jm-json.h"
#include "jm-json-scanner.h"

/* Safety net against files made of millions of tiny values: a valid map never needs more
 * than this many values per element (a card has about a dozen). */
#define MAX_VALUES ((guint64) JM_LOAD_MAX_OBJECTS * 16)
/* Objects with more members than this find duplicate keys with a hash table. */
#define SMALL_OBJECT 16

#define UTF8_BOM "\xEF\xBB\xBF"
#define NO_KEY   G_MAXUINT32

void
jm_json_tape_clear (JmJsonTape *tape)
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
scan_error (JmJsonTape  *tape,
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
scan_string (JmJsonTape    *tape,
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
scan_number (JmJsonTape    *tape,
             const guchar  *p,
             const guchar  *end,
             JmJsonValue   *v,
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
      v->type = JM_JSON_INT;
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
        v->type = JM_JSON_INT;
        v->v.i = g_ascii_strtoll (copy, NULL, 10);
        ok = errno != ERANGE;
      }
    else
      {
        v->type = JM_JSON_DOUBLE;
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
scan_word (JmJsonTape    *tape,
           const guchar  *p,
           const guchar  *end,
           JmJsonValue   *v,
           GError       **error)
{
  static const struct { const char *word; JmJsonValueType type; } words[] = {
    { "true", JM_JSON_TRUE }, { "false", JM_JSON_FALSE }, { "null", JM_JSON_NULL },
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
open_path (JmJsonTape *tape,
           const Open *stack,
           int         depth)
{
  const JmJsonValue *values = (const JmJsonValue *) tape->values->data;
  GString *out = g_string_new (NULL);
  int k;

  for (k = 1; k < depth; k++)
    {
      const JmJsonValue *child = &values[stack[k].index];
      const JmJsonValue *parent = &values[stack[k - 1].index];

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
check_keys (JmJsonTape  *tape,
            const Open  *stack,
            int          depth,
            GError     **error)
{
  const JmJsonValue *values = (const JmJsonValue *) tape->values->data;
  const char *arena = tape->strings->str;
  const JmJsonValue *object = &values[stack[depth - 1].index];
  const JmJsonValue *member;
  const JmJsonValue *repeated = NULL;

  if (object->n < 2)
    return TRUE;

  if (object->n <= SMALL_OBJECT)
    {
      const JmJsonValue *members[SMALL_OBJECT];
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
scan_text (JmJsonTape  *tape,
           GError     **error)
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
                JmJsonValue *container = &g_array_index (tape->values, JmJsonValue,
                                                         stack[depth - 1].index);

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
            JmJsonValue v = { 0 };

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
                v.type = *p == '{' ? JM_JSON_OBJECT : JM_JSON_ARRAY;
                p++;
                break;

              case '"':
                v.type = JM_JSON_STRING;
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
              g_array_index (tape->values, JmJsonValue, stack[depth - 1].index).n++;
            v.end = tape->values->len + 1;   /* containers: set when they close */
            g_array_append_val (tape->values, v);
            after_comma = FALSE;

            if (v.type == JM_JSON_OBJECT || v.type == JM_JSON_ARRAY)
              {
                stack[depth].index = tape->values->len - 1;
                stack[depth].kind = v.type == JM_JSON_OBJECT ? '{' : '[';
                depth++;
                state = v.type == JM_JSON_OBJECT ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
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

gboolean
jm_json_tape_read (const char  *data,
                   gsize        len,
                   JmJsonTape  *tape,
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
  tape->values = g_array_sized_new (FALSE, FALSE, sizeof (JmJsonValue),
                                    MIN (len / 16 + 16, 1 << 20));
  tape->strings = g_string_sized_new (MIN (len / 2 + 16, 64 << 20));
  if (!scan_text (tape, error))
    {
      jm_json_tape_clear (tape);
      return FALSE;
    }

  if (g_array_index (tape->values, JmJsonValue, 0).type != JM_JSON_OBJECT)
    {
      gboolean array = g_array_index (tape->values, JmJsonValue, 0).type == JM_JSON_ARRAY;

      jm_json_tape_clear (tape);
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                   _("This is not a Journey Maps file: the top level is %s, not a JSON object"),
                   array ? _("an array") : _("a single value"));
      return FALSE;
    }
  return TRUE;
}
