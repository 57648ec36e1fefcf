/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers of the io tests (see jm-test-io.h). */

#include "config.h"

#include <string.h>

#include "jm-test-io.h"

char *
data_path (const char *sub,
           const char *name)
{
  return g_build_filename (TEST_DATA_DIR, sub, name, NULL);
}

GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

JmDocument *
load_good (const char *name)
{
  g_autofree char *path = data_path ("good", name);
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(GError) error = NULL;
  JmDocument *doc = jm_json_load_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

JmDocument *
load_string (const char  *text,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  return jm_json_load_bytes (bytes, error);
}

void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  if (!g_bytes_equal (a, b))
    {
      gsize la, lb, i;
      const char *da = g_bytes_get_data (a, &la);
      const char *db = g_bytes_get_data (b, &lb);

      for (i = 0; i < MIN (la, lb) && da[i] == db[i]; i++)
        ;
      g_test_message ("bytes differ at offset %" G_GSIZE_FORMAT " (lengths %" G_GSIZE_FORMAT
                      " and %" G_GSIZE_FORMAT "): …%.60s… vs …%.60s…", i, la, lb,
                      da + (i > 20 ? i - 20 : 0), db + (i > 20 ? i - 20 : 0));
      g_assert_not_reached ();
    }
}

/* ─── the bad corpus ─── */
JmCard *
card (JmDocument *doc,
      const char *id)
{
  JmElement *element = jm_document_lookup (doc, id);

  g_assert_true (JM_IS_CARD (element));
  return JM_CARD (element);
}
