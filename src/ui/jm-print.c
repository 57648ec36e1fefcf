/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jm-print"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-print.h"
#include "jm-window-private.h"

/* What the last print dialog said, for the next one (main thread only). */
static GtkPrintSettings *last_settings;
static GtkPageSetup *last_page_setup;

typedef struct
{
  JmDocument      *copy;
  JmExportOptions  options;
  char            *role_id;
  char           **stage_ids;
  JmExportPages   *pages;     /* from begin-print */
} PrintData;

static void
print_data_free (gpointer user_data)
{
  PrintData *data = user_data;

  g_clear_object (&data->copy);
  g_clear_object (&data->pages);
  g_free (data->role_id);
  g_strfreev (data->stage_ids);
  g_free (data);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintData         *data)
{
  g_autoptr(GError) error = NULL;
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);

  /* The printable area in points (the operation's unit); the same cut as a paginated PDF. */
  g_clear_object (&data->pages);
  data->pages = jm_export_pages_new (data->copy, &data->options, width, height, &error);
  if (data->pages == NULL)
    {
      g_warning ("Cannot lay out the pages: %s", error->message);
      gtk_print_operation_cancel (operation);
      return;
    }

  gtk_print_operation_set_n_pages (operation, jm_export_pages_get_n_pages (data->pages));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintData         *data)
{
  if (data->pages == NULL || page_nr < 0 ||
      (guint) page_nr >= jm_export_pages_get_n_pages (data->pages))
    return;

  jm_export_pages_draw_page (data->pages, gtk_print_context_get_cairo_context (context),
                             (guint) page_nr);
}

GtkPrintOperation *
jm_print_operation_new (JmDocument            *document,
                        const JmExportOptions *options)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  const char *title;
  PrintData *data;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), NULL);

  data = g_new0 (PrintData, 1);
  /* A copy: the map may be edited while the dialog is open and pages are drawn. */
  bytes = jm_json_save_bytes (document);
  data->copy = jm_json_load_bytes (bytes, &error);
  if (data->copy == NULL)
    {
      g_warning ("Cannot copy the map for printing: %s", error->message);
      data->copy = g_object_ref (document);
    }
  if (options != NULL)
    data->options = *options;
  else
    jm_export_options_init (&data->options);
  data->options.format = JM_EXPORT_FORMAT_PDF;
  data->role_id = g_strdup (data->options.role_id);
  data->options.role_id = data->role_id;
  data->stage_ids = g_strdupv ((char **) data->options.stage_ids);
  data->options.stage_ids = (const char * const *) data->stage_ids;

  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "jm-print-data", data, print_data_free);

  title = jm_document_get_title (document);
  gtk_print_operation_set_job_name (operation, title[0] != '\0' ? title : _("Untitled Map"));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, FALSE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);

  if (last_page_setup != NULL)
    setup = gtk_page_setup_copy (last_page_setup);
  else
    {
      setup = gtk_page_setup_new ();
      gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
    }
  gtk_print_operation_set_default_page_setup (operation, setup);
  if (last_settings != NULL)
    gtk_print_operation_set_print_settings (operation, last_settings);

  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), data);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), data);

  return g_steal_pointer (&operation);
}

static void
remember (GtkPrintOperation *operation)
{
  GtkPageSetup *setup = gtk_print_operation_get_default_page_setup (operation);

  g_set_object (&last_settings, gtk_print_operation_get_print_settings (operation));
  if (setup != NULL)
    g_set_object (&last_page_setup, setup);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         gpointer                 user_data)
{
  GWeakRef *window_ref = user_data;
  g_autoptr(JmWindow) window = g_weak_ref_get (window_ref);
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    remember (operation);
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (window != NULL)
        {
          g_autofree char *message = NULL;

          /* Translators: %s says why printing failed */
          message = g_strdup_printf (_("Could not print the map: %s"),
                                     error != NULL ? error->message : _("unknown error"));
          jm_window_show_toast (window, message);
        }
    }

  g_weak_ref_clear (window_ref);
  g_free (window_ref);
  g_object_unref (operation);
}

void
jm_print_window_map (JmWindow *window)
{
  GtkPrintOperation *operation;
  g_autoptr(GError) error = NULL;
  JmDocument *document;
  JmExportOptions options;
  GWeakRef *window_ref;

  g_return_if_fail (JM_IS_WINDOW (window));

  document = jm_window_get_document (window);
  if (document == NULL)
    return;

  jm_export_options_init (&options);
  options.role_id = jm_canvas_get_role_lens (window->canvas);
  operation = jm_print_operation_new (document, &options);
  gtk_print_operation_set_allow_async (operation, TRUE);

  window_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (window_ref, window);
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), window_ref);

  /* Asynchronous: the dialog returns at once; "done" (always emitted, whatever the outcome)
   * reports failures and releases the operation. */
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_WINDOW (window), &error);
}
