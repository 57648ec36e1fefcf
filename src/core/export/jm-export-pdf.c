/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-export-pdf.c: PDF documents, one poster page or paginated. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include <cairo-pdf.h>

#include "jm-export-private.h"

/* Metadata strings go through cairo's strict UTF-8 check: printable copies only. */
static void
set_metadata (cairo_surface_t      *surface,
              cairo_pdf_metadata_t  metadata,
              const char           *value)
{
  g_autofree char *printable = jm_render_printable_text (value, FALSE);

  cairo_pdf_surface_set_metadata (surface, metadata, printable);
}

void
jm_export_set_pdf_metadata (cairo_surface_t *surface,
                            JmDocument      *document)
{
  g_return_if_fail (surface != NULL);
  g_return_if_fail (JM_IS_DOCUMENT (document));

  set_metadata (surface, CAIRO_PDF_METADATA_TITLE, jm_document_get_title (document));
  set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, jm_document_get_author (document));
  set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, jm_document_get_description (document));
  set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Journey Maps " PACKAGE_VERSION);
  if (jm_document_get_created (document)[0] != '\0')
    set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, jm_document_get_created (document));
  if (jm_document_get_modified (document)[0] != '\0')
    set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, jm_document_get_modified (document));
}
/* PDF */

void
jm_export_page_get_size (JmExportPage page,
                         double      *width,
                         double      *height)
{
  double w = 0, h = 0;

  switch (page)
    {
    case JM_EXPORT_PAGE_A4:
      w = 841.89, h = 595.28;
      break;
    case JM_EXPORT_PAGE_A3:
      w = 1190.55, h = 841.89;
      break;
    case JM_EXPORT_PAGE_LETTER:
      w = 792, h = 612;
      break;
    case JM_EXPORT_PAGE_POSTER:
    default:
      break;
    }

  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

static cairo_status_t
pdf_poster (JmExportJob      *job,
            cairo_surface_t **surface_out,
            JmExportOutput   *out,
            JmDocument       *document)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double gw, gh, k;
  JmRect all = { 0, 0, 0, 0 };
  cairo_status_t status;

  jm_export_job_get_size (job, &gw, &gh);
  gw = MAX (gw, 1);
  gh = MAX (gh, 1);

  /* 96 document units per inch; a poster beyond 200 inches is scaled to fit. */
  k = POINTS_PER_UNIT;
  if (MAX (gw, gh) * k > PDF_MAX_POINTS)
    k = PDF_MAX_POINTS / MAX (gw, gh);

  surface = cairo_pdf_surface_create_for_stream (jm_export_write_file_cb, out, gw * k, gh * k);
  jm_export_set_pdf_metadata (surface, document);
  cr = cairo_create (surface);
  cairo_scale (cr, k, k);
  all.width = gw;
  all.height = gh;
  jm_export_job_draw (job, cr, job->all_x, job->all_y, &all, FALSE, FALSE);
  status = cairo_status (cr);
  cairo_destroy (cr);

  *surface_out = surface;
  return status;
}

gboolean
jm_export_pdf (JmDocument            *document,
               const char            *filename,
               const JmExportOptions *options,
               GError               **error)
{
  g_autoptr(JmExportPages) pages = NULL;
  cairo_surface_t *surface = NULL;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  JmExportOptions defaults;
  JmExportOutput out;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      jm_export_options_init (&defaults);
      options = &defaults;
    }

  if (options->page == JM_EXPORT_PAGE_POSTER)
    {
      JmExportJob job;

      if (!jm_export_job_init (&job, document, options, error))
        return FALSE;
      if (!jm_export_output_open (&out, filename, error))
        {
          jm_export_job_clear (&job);
          return FALSE;
        }
      status = pdf_poster (&job, &surface, &out, document);
      cairo_surface_finish (surface);
      jm_export_job_clear (&job);
    }
  else
    {
      double pw, ph;
      cairo_t *cr;

      jm_export_page_get_size (options->page, &pw, &ph);
      if (pw <= 0)
        {
          g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_UNSUPPORTED,
                       _("Unknown page size"));
          return FALSE;
        }

      pages = jm_export_pages_new (document, options, pw - 2 * JM_EXPORT_PAGE_MARGIN,
                                   ph - 2 * JM_EXPORT_PAGE_MARGIN, error);
      if (pages == NULL || !jm_export_output_open (&out, filename, error))
        return FALSE;

      surface = cairo_pdf_surface_create_for_stream (jm_export_write_file_cb, &out, pw, ph);
      jm_export_set_pdf_metadata (surface, document);
      cr = cairo_create (surface);
      for (guint i = 0; i < jm_export_pages_get_n_pages (pages); i++)
        {
          cairo_save (cr);
          cairo_translate (cr, JM_EXPORT_PAGE_MARGIN, JM_EXPORT_PAGE_MARGIN);
          jm_export_pages_draw_page (pages, cr, i);
          cairo_restore (cr);
          cairo_show_page (cr);
          if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
            break;
        }
      status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
    }

  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (out.error != NULL)
        g_propagate_error (error, g_steal_pointer (&out.error));
      else
        g_set_error (error, JM_EXPORT_ERROR, JM_EXPORT_ERROR_FAILED,
                     _("Cannot write the PDF document “%s”: %s"), filename,
                     cairo_status_to_string (status));
      jm_export_output_abort (&out);
      return FALSE;
    }

  return jm_export_output_commit (&out, error);
}
