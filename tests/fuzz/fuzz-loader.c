/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-loader.c: the libFuzzer harness of the JSON loader (build-aux/fuzz), also built with
 * gcc and fuzz-replay.c as the ordinary test 'fuzz-replay', which replays every input of
 * tests/fuzz/corpus/ and tests/data/bad/, so every past finding stays a regression test.
 *
 * For each input:
 *  - jm_json_load_bytes () either gives a document or an error in JM_DOCUMENT_ERROR with a
 *    non-empty, valid UTF-8 message (the UI shows it);
 *  - a document that loads saves, loads again, and saves again to the very same bytes
 *    (what we write we can read, and saving is stable);
 *  - a document that loads exports: to SVG in memory, well-formed XML 1.0 (GMarkup parses it
 *    and it holds no character XML forbids), and the first A4 page of a PDF with the
 *    document's metadata (cairo refuses strings it takes for invalid UTF-8);
 *  - the same for the clipboard fragment: jm_json_load_cards () → jm_json_save_cards ().
 * Anything else aborts, and so do GLib criticals and warnings. */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "jm-export.h"
#include "jm-json.h"

int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

G_GNUC_NORETURN static void
die (const char *what,
     GBytes     *a,
     GBytes     *b)
{
  fprintf (stderr, "fuzz-loader: %s\n", what);
  if (a != NULL && b != NULL)
    {
      gsize la, lb, i;
      const char *da = g_bytes_get_data (a, &la);
      const char *db = g_bytes_get_data (b, &lb);

      for (i = 0; i < MIN (la, lb) && da[i] == db[i]; i++)
        ;
      fprintf (stderr, "first save: %" G_GSIZE_FORMAT " bytes, second: %" G_GSIZE_FORMAT
               " bytes, first difference at byte %" G_GSIZE_FORMAT "\n", la, lb, i);
      fprintf (stderr, "first:  …%.80s…\nsecond: …%.80s…\n",
               da + (i > 40 ? i - 40 : 0), db + (i > 40 ? i - 40 : 0));
    }
  abort ();
}

static void
check_error (const GError *error,
             const char   *what)
{
  if (error == NULL)
    die (what, NULL, NULL);
  if (error->domain != JM_DOCUMENT_ERROR || error->message == NULL ||
      error->message[0] == '\0' || !g_utf8_validate (error->message, -1, NULL))
    {
      fprintf (stderr, "fuzz-loader: bad error: %s (%s %d)\n",
               error->message ? error->message : "(null)", g_quark_to_string (error->domain),
               error->code);
      die (what, NULL, NULL);
    }
}

/* What XML 1.0 forbids in a document: C0 controls but tab, newline and carriage return, raw
 * or as character references, and U+FFFE / U+FFFF. */
static gboolean
xml_forbidden (const char *text,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = text[i];

      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        return TRUE;
      if (c == 0xEF && i + 2 < len && (guchar) text[i + 1] == 0xBF &&
          ((guchar) text[i + 2] == 0xBE || (guchar) text[i + 2] == 0xBF))
        return TRUE;
      if (c == '&' && i + 2 < len && text[i + 1] == '#')
        {
          gboolean hex = text[i + 2] == 'x';
          guint64 value = g_ascii_strtoull (text + i + (hex ? 3 : 2), NULL, hex ? 16 : 10);

          if ((value < 0x20 && value != 9 && value != 10 && value != 13) ||
              value == 0xFFFE || value == 0xFFFF)
            return TRUE;
        }
    }
  return FALSE;
}

static cairo_status_t
discard_cb (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

static void
fuzz_export (JmDocument *doc)
{
  static const GMarkupParser no_parser = { NULL, };
  g_autoptr(GMarkupParseContext) xml = NULL;
  g_autoptr(JmExportPages) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  JmExportOptions options;
  const char *data;
  double pw, ph;
  cairo_t *cr;
  gsize len;

  svg = jm_export_svg_to_bytes (doc, NULL, &error);
  if (svg == NULL)
    {
      fprintf (stderr, "fuzz-loader: %s\n", error->message);
      die ("a map that loads does not export to SVG", NULL, NULL);
    }
  data = g_bytes_get_data (svg, &len);
  xml = g_markup_parse_context_new (&no_parser, 0, NULL, NULL);
  if (!g_markup_parse_context_parse (xml, data, len, &error) ||
      !g_markup_parse_context_end_parse (xml, &error))
    {
      fprintf (stderr, "fuzz-loader: %s\n", error->message);
      die ("the SVG export is not well-formed XML", NULL, NULL);
    }
  if (xml_forbidden (data, len))
    die ("the SVG export holds a character XML forbids", NULL, NULL);

  jm_export_options_init (&options);
  options.page = JM_EXPORT_PAGE_A4;
  jm_export_page_get_size (options.page, &pw, &ph);
  pages = jm_export_pages_new (doc, &options, pw - 2 * JM_EXPORT_PAGE_MARGIN,
                               ph - 2 * JM_EXPORT_PAGE_MARGIN, &error);
  if (pages == NULL)
    {
      fprintf (stderr, "fuzz-loader: %s\n", error->message);
      die ("a map that loads cannot be cut into pages", NULL, NULL);
    }
  surface = cairo_pdf_surface_create_for_stream (discard_cb, NULL, pw, ph);
  jm_export_set_pdf_metadata (surface, doc);
  cr = cairo_create (surface);
  jm_export_pages_draw_page (pages, cr, 0);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      fprintf (stderr, "fuzz-loader: %s\n", cairo_status_to_string (status));
      die ("a map that loads does not export to PDF", NULL, NULL);
    }
}

static void
fuzz_map (GBytes *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDocument) doc = NULL;
  g_autoptr(JmDocument) again = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;

  doc = jm_json_load_bytes (input, &error);
  if (doc == NULL)
    {
      check_error (error, "jm_json_load_bytes () failed without an error");
      return;
    }
  if (error != NULL)
    die ("jm_json_load_bytes () gave a document and an error", NULL, NULL);

  first = jm_json_save_bytes (doc);
  again = jm_json_load_bytes (first, &error);
  if (again == NULL)
    {
      fprintf (stderr, "fuzz-loader: %s\n", error ? error->message : "(no error)");
      fprintf (stderr, "%.*s\n", (int) MIN (g_bytes_get_size (first), 4000),
               (const char *) g_bytes_get_data (first, NULL));
      die ("a saved map does not load again", NULL, NULL);
    }
  second = jm_json_save_bytes (again);
  if (!g_bytes_equal (first, second))
    die ("save → load → save is not byte-identical", first, second);

  fuzz_export (doc);
}

static void
fuzz_cards (GBytes *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GPtrArray) cards2 = NULL;
  g_autoptr(GPtrArray) connections2 = NULL;
  g_autoptr(JmDocument) blank = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;

  if (!jm_json_load_cards (input, &cards, &connections, &error))
    {
      check_error (error, "jm_json_load_cards () failed without an error");
      if (cards != NULL || connections != NULL)
        die ("jm_json_load_cards () failed but returned arrays", NULL, NULL);
      return;
    }
  if (cards == NULL || connections == NULL)
    die ("jm_json_load_cards () succeeded without arrays", NULL, NULL);

  /* Cards only: the connections of a fragment are written from a document's. */
  blank = jm_document_new_blank ();
  first = jm_json_save_cards (blank, cards);
  if (!jm_json_load_cards (first, &cards2, &connections2, &error))
    {
      fprintf (stderr, "fuzz-loader: %s\n", error ? error->message : "(no error)");
      die ("saved cards do not load again", NULL, NULL);
    }
  if (cards2->len != cards->len || connections2->len != 0)
    die ("saved cards load as something else", NULL, NULL);
  second = jm_json_save_cards (blank, cards2);
  if (!g_bytes_equal (first, second))
    die ("cards: save → load → save is not byte-identical", first, second);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical or warning is a bug: make it a crash the fuzzer reports. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_type_ensure (JM_TYPE_DOCUMENT);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) input = g_bytes_new_static (data, size);

  fuzz_map (input);
  fuzz_cards (input);
  return 0;
}
