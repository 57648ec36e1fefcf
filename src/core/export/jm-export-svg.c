/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-export-svg.c: SVG images with a searchable text layer. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include <cairo-svg.h>

#include "jm-export-private.h"

/* The text layer: invisible, selectable text where the renderer drew it (cairo's SVG holds
 * glyph outlines only), so the file can be searched and read by screen readers. */

typedef struct
{
  GString     *svg;
  JmExportJob *job;
} TextLayer;

static void
append_number (GString    *svg,
               const char *name,
               double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (svg, " %s=\"%s\"", name,
                          g_ascii_formatd (buf, sizeof buf, "%.1f", value));
}

/* XML-safe copy: no control characters (XML 1.0 forbids them, even as &#x1;), escaped. */
static char *
escape_text (const char *text)
{
  g_autofree char *printable = jm_render_printable_text (text, FALSE);

  return g_markup_escape_text (printable, -1);
}

/* One text the renderer drew, at its place in the output: its left edge and baseline, mapped
 * from the map to the output. The block being drawn is job->opts.view; a text is kept only
 * in the block its anchor lies in (a block's neighbours are drawn too, clipped away). */
static void
text_layer_cb (const JmRenderText *text,
               gpointer            user_data)
{
  TextLayer *layer = user_data;
  JmExportJob *job = layer->job;
  const JmRect *v = &job->opts.view;
  double x = text->box.x, y = text->baseline - 1;
  g_autofree char *escaped = NULL;
  double ox, oy;

  if (text->text == NULL || text->text[0] == '\0' ||
      x < v->x || x >= v->x + v->width || y < v->y || y >= v->y + v->height ||
      !jm_export_spans_map (job->all_x, x, &ox) || !jm_export_spans_map (job->all_y, y, &oy))
    return;

  escaped = escape_text (text->text);
  g_string_append (layer->svg, "<text");
  append_number (layer->svg, "x", ox);
  append_number (layer->svg, "y", oy + 1);
  append_number (layer->svg, "font-size", text->font_size);
  if (text->weight >= 600)
    g_string_append (layer->svg, " font-weight=\"bold\"");
  g_string_append_printf (layer->svg, ">%s</text>\n", escaped);
}

GBytes *
jm_export_svg_to_bytes (JmDocument            *document,
                        const JmExportOptions *options,
                        GError               **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  JmExportOptions defaults;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  const char *end = NULL;
  JmRect all = { 0, 0, 0, 0 };
  g_autofree char *title = NULL;
  TextLayer layer;
  gsize head;
  double gw, gh;
  JmExportJob job;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      jm_export_options_init (&defaults);
      options = &defaults;
    }

  if (!jm_export_job_init (&job, document, options, error))
    return NULL;
  jm_export_job_get_size (&job, &gw, &gh);
  gw = MAX (gw, 1);
  gh = MAX (gh, 1);

  /* The text layer is collected while the map is drawn: the renderer tells where each text
   * goes. */
  title = escape_text (jm_document_get_title (document));
  layer.svg = g_string_new (NULL);
  layer.job = &job;
  g_string_append (layer.svg, "<g id=\"journey-map-text\" fill-opacity=\"0\" "
                              "font-family=\"sans-serif\" aria-hidden=\"false\">\n");
  g_string_append_printf (layer.svg, "<title>%s</title>\n", title);
  job.opts.text_func = text_layer_cb;
  job.opts.text_data = &layer;

  bytes = g_byte_array_new ();
  surface = cairo_svg_surface_create_for_stream (jm_export_write_bytes_cb, bytes, gw, gh);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  all.width = gw;
  all.height = gh;
  jm_export_job_draw (&job, cr, job.all_x, job.all_y, &all, FALSE, FALSE);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  jm_export_job_clear (&job);
  g_string_append (layer.svg, "</g>\n");

  /* The text layer goes before the closing tag. */
  for (gsize i = bytes->len; status == CAIRO_STATUS_SUCCESS && i >= 6; i--)
    if (memcmp (bytes->data + i - 6, "</svg>", 6) == 0)
      {
        end = (const char *) bytes->data + i - 6;
        break;
      }
  if (status != CAIRO_STATUS_SUCCESS || end == NULL)
    {
      g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_FAILED,
                   _("Cannot draw the SVG image: %s"),
                   status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status)
                   : _("incomplete drawing"));
      g_string_free (layer.svg, TRUE);
      return NULL;
    }

  head = end - (const char *) bytes->data;
  g_string_prepend_len (layer.svg, (const char *) bytes->data, head);
  g_string_append_len (layer.svg, end, bytes->len - head);
  return g_string_free_to_bytes (layer.svg);
}

gboolean
jm_export_svg (JmDocument            *document,
               const char            *filename,
               const JmExportOptions *options,
               GError               **error)
{
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GError) local_error = NULL;
  JmExportOutput out;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  svg = jm_export_svg_to_bytes (document, options, &local_error);
  if (svg == NULL)
    {
      if (local_error->domain == JM_EXPORT_ERROR && local_error->code == JM_EXPORT_ERROR_FAILED)
        g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_FAILED,
                     _("Cannot write the SVG image “%s”: %s"), filename, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!jm_export_output_open (&out, filename, error))
    return FALSE;
  jm_export_output_write (&out, g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  return jm_export_output_commit (&out, error);
}
