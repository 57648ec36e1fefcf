/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jm-export-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jm-canvas-private.h"
#include "jm-export-dialog.h"
#include "jm-ui.h"
#include "jm-window-private.h"

/* Rows of the combo rows, in the order of the .ui. */
static const JmExportFormat formats[] = {
  JM_EXPORT_FORMAT_PNG, JM_EXPORT_FORMAT_PDF, JM_EXPORT_FORMAT_SVG,
};
static const JmExportArea areas[] = {
  JM_EXPORT_AREA_ALL, JM_EXPORT_AREA_GRID, JM_EXPORT_AREA_STAGES,
};
static const char * const area_names[] = { "map", "visible", "stages" };
static const int scales[] = { 1, 2, 4 };
static const JmExportPage pages[] = {
  JM_EXPORT_PAGE_POSTER, JM_EXPORT_PAGE_A4, JM_EXPORT_PAGE_A3, JM_EXPORT_PAGE_LETTER,
};
static const JmThemeKind themes[] = { JM_THEME_LIGHT, JM_THEME_CONTRAST };
static const char * const theme_names[] = { "light", "contrast" };

struct _JmExportDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkButton       *export_button;
  GtkSpinner      *spinner;
  AdwPreferencesPage *page;
  AdwComboRow     *format_row;
  AdwComboRow     *what_row;
  AdwPreferencesGroup *image_group;
  AdwComboRow     *scale_row;
  AdwComboRow     *background_row;
  AdwPreferencesGroup *pdf_group;
  AdwComboRow     *page_row;
  AdwComboRow     *theme_row;
  AdwActionRow    *lens_row;
  GtkSwitch       *lens_switch;
  AdwPreferencesGroup *problem_group;
  GtkLabel        *problem_label;

  /* Owned references */
  JmDocument      *document;
  GFile           *map_file;       /* where the map is saved, or NULL */
  GSettings       *settings;       /* NULL when the schema is not installed */
  char            *role_id;        /* the window's role lens when the dialog opened, or NULL */
  char           **stage_ids;      /* the selected stages then */
  GFile           *target;         /* the file being exported to */

  /* Borrowed references */
  JmWindow        *window;         /* weak */

  JmRect           grid;           /* the visible area then, in grid units */
  guint            busy : 1;
  guint            can_export : 1;
};

G_DEFINE_FINAL_TYPE (JmExportDialog, jm_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static guint
index_of_format (JmExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i] == format)
      return i;
  return 0;
}

void
jm_export_dialog_get_options (JmExportDialog  *self,
                              JmExportOptions *options)
{
  guint format, what, scale, page, theme;

  g_return_if_fail (JM_IS_EXPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  format = MIN (adw_combo_row_get_selected (self->format_row), G_N_ELEMENTS (formats) - 1);
  what = MIN (adw_combo_row_get_selected (self->what_row), G_N_ELEMENTS (areas) - 1);
  scale = MIN (adw_combo_row_get_selected (self->scale_row), G_N_ELEMENTS (scales) - 1);
  page = MIN (adw_combo_row_get_selected (self->page_row), G_N_ELEMENTS (pages) - 1);
  theme = MIN (adw_combo_row_get_selected (self->theme_row), G_N_ELEMENTS (themes) - 1);

  jm_export_options_init (options);
  options->format = formats[format];
  options->area = areas[what];
  options->grid = self->grid;
  options->stage_ids = (const char * const *) self->stage_ids;
  options->theme = themes[theme];
  if (self->role_id != NULL && gtk_switch_get_active (self->lens_switch))
    options->role_id = self->role_id;

  if (options->format == JM_EXPORT_FORMAT_PNG)
    {
      options->scale = scales[scale];
      options->transparent = adw_combo_row_get_selected (self->background_row) == 1;
    }
  if (options->format == JM_EXPORT_FORMAT_PDF)
    options->page = pages[page];
}

void
jm_export_dialog_set_options (JmExportDialog        *self,
                              const JmExportOptions *options)
{
  g_return_if_fail (JM_IS_EXPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  adw_combo_row_set_selected (self->format_row, index_of_format (options->format));
  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    if (areas[i] == options->area)
      adw_combo_row_set_selected (self->what_row, i);
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (scales[i] == (int) options->scale)
      adw_combo_row_set_selected (self->scale_row, i);
  adw_combo_row_set_selected (self->background_row, options->transparent ? 1 : 0);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (pages[i] == options->page)
      adw_combo_row_set_selected (self->page_row, i);
  adw_combo_row_set_selected (self->theme_row, options->theme == JM_THEME_CONTRAST ? 1 : 0);
}

gboolean
jm_export_dialog_get_busy (JmExportDialog *self)
{
  g_return_val_if_fail (JM_IS_EXPORT_DIALOG (self), FALSE);

  return self->busy;
}

static void
update_sensitivity (JmExportDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file",
                                 self->can_export && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !self->busy);
}

static void
set_busy (JmExportDialog *self,
          gboolean        busy)
{
  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_problem (JmExportDialog *self,
              const char     *problem)
{
  gtk_label_set_text (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_group), problem != NULL);
}

/* Shows and hides what applies to the format, and says when an export cannot work. */
static void
update (JmExportDialog *self)
{
  g_autofree char *problem = NULL;
  JmExportOptions options;

  jm_export_dialog_get_options (self, &options);

  gtk_widget_set_visible (GTK_WIDGET (self->image_group), options.format == JM_EXPORT_FORMAT_PNG);
  gtk_widget_set_visible (GTK_WIDGET (self->pdf_group), options.format == JM_EXPORT_FORMAT_PDF);

  if (options.area == JM_EXPORT_AREA_STAGES &&
      (self->stage_ids == NULL || self->stage_ids[0] == NULL))
    problem = g_strdup (_("No stage is selected. Select a stage, or a card in it, on the map "
                          "first."));
  else if (options.format == JM_EXPORT_FORMAT_PNG && self->document != NULL)
    {
      g_autofree char *size = NULL;
      int w, h;

      jm_export_get_png_size (self->document, &options, &w, &h);
      /* Translators: the size of the image to export */
      size = g_strdup_printf (_("%d × %d pixels"), w, h);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->scale_row), size);
      if (w > JM_EXPORT_MAX_PIXELS || h > JM_EXPORT_MAX_PNG_HEIGHT ||
          (double) w * h > JM_EXPORT_MAX_PNG_AREA)
        {
          double fit = jm_export_get_max_png_scale (self->document, &options);

          if (fit > 0)
            problem = g_strdup_printf (_("The image would be too large (%d × %d pixels). "
                                         "Choose a smaller scale (at most %.2f×) or export a "
                                         "PDF."),
                                       w, h, fit);
          else
            problem = g_strdup_printf (_("The image would be too large (%d × %d pixels). "
                                         "Export a PDF instead."), w, h);
        }
    }

  show_problem (self, problem);
  self->can_export = problem == NULL;
  update_sensitivity (self);
}

static void
option_changed_cb (JmExportDialog *self)
{
  update (self);
}

/* Settings */

static void
load_settings (JmExportDialog *self)
{
  g_autofree char *format = NULL;
  g_autofree char *background = NULL;
  g_autofree char *page = NULL;
  g_autofree char *theme = NULL;
  g_autofree char *what = NULL;
  JmExportPage page_value = JM_EXPORT_PAGE_POSTER;
  int scale;

  if (self->settings == NULL)
    return;

  format = g_settings_get_string (self->settings, "export-format");
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (format, jm_export_format_get_extension (formats[i])) == 0)
      adw_combo_row_set_selected (self->format_row, i);

  what = g_settings_get_string (self->settings, "export-what");
  for (guint i = 0; i < G_N_ELEMENTS (area_names); i++)
    if (g_strcmp0 (what, area_names[i]) == 0)
      adw_combo_row_set_selected (self->what_row, i);

  scale = g_settings_get_int (self->settings, "export-scale");
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (scales[i] == scale)
      adw_combo_row_set_selected (self->scale_row, i);

  background = g_settings_get_string (self->settings, "export-background");
  adw_combo_row_set_selected (self->background_row,
                              g_strcmp0 (background, "transparent") == 0 ? 1 : 0);

  page = g_settings_get_string (self->settings, "export-page");
  if (jm_export_page_from_string (page, &page_value))
    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      if (pages[i] == page_value)
        adw_combo_row_set_selected (self->page_row, i);

  theme = g_settings_get_string (self->settings, "export-theme");
  for (guint i = 0; i < G_N_ELEMENTS (theme_names); i++)
    if (g_strcmp0 (theme, theme_names[i]) == 0)
      adw_combo_row_set_selected (self->theme_row, i);

  gtk_switch_set_active (self->lens_switch,
                         g_settings_get_boolean (self->settings, "export-role-lens"));
}

static void
save_settings (JmExportDialog *self)
{
  guint what = MIN (adw_combo_row_get_selected (self->what_row), G_N_ELEMENTS (areas) - 1);
  guint theme = MIN (adw_combo_row_get_selected (self->theme_row), G_N_ELEMENTS (themes) - 1);
  JmExportOptions options;

  if (self->settings == NULL)
    return;

  jm_export_dialog_get_options (self, &options);
  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "export-format",
                         jm_export_format_get_extension (options.format));
  g_settings_set_string (self->settings, "export-what", area_names[what]);
  g_settings_set_string (self->settings, "export-theme", theme_names[theme]);
  if (options.format == JM_EXPORT_FORMAT_PNG)
    {
      g_settings_set_int (self->settings, "export-scale", (int) options.scale);
      g_settings_set_string (self->settings, "export-background",
                             options.transparent ? "transparent" : "white");
    }
  if (options.format == JM_EXPORT_FORMAT_PDF)
    g_settings_set_string (self->settings, "export-page", jm_export_page_to_string (options.page));
  if (self->role_id != NULL)
    g_settings_set_boolean (self->settings, "export-role-lens",
                            gtk_switch_get_active (self->lens_switch));
  g_settings_apply (self->settings);
}

/* Exporting */

static char *
dup_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return g_filename_display_basename (path);
  return g_file_get_parse_name (file);
}

static void
toast (JmExportDialog *self,
       const char     *message)
{
  if (self->window != NULL)
    jm_window_show_toast (self->window, message);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JmExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = dup_display_name (self->target);
  g_autofree char *message = NULL;

  if (!jm_export_file_finish (result, &error))
    {
      /* Translators: the first %s is a file name, the second why the export failed */
      message = g_strdup_printf (_("Could not export “%s”: %s"), name, error->message);
      toast (self, message);
      set_busy (self, FALSE);
      return;
    }

  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Exported “%s”"), name);
  toast (self, message);
  set_busy (self, FALSE);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
jm_export_dialog_export_to_file (JmExportDialog *self,
                                 GFile          *file)
{
  g_autofree char *path = NULL;
  JmExportOptions options;

  g_return_if_fail (JM_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!self->busy);

  path = g_file_get_path (file);
  if (path == NULL || self->document == NULL)
    {
      toast (self, _("Maps can only be exported to local files"));
      return;
    }

  save_settings (self);
  jm_export_dialog_get_options (self, &options);
  g_set_object (&self->target, file);
  set_busy (self, TRUE);
  jm_export_file_async (self->document, path, &options, NULL, export_done_cb,
                        g_object_ref (self));
}

static void
file_chooser_response_cb (JmExportDialog       *self,
                          int                   response,
                          GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);

  if (file != NULL)
    {
      JmExportOptions options;
      g_autofree char *basename = g_file_get_basename (file);

      /* The format chosen here wins: a name without its extension gets it. */
      jm_export_dialog_get_options (self, &options);
      if (jm_export_format_from_filename (basename) != options.format)
        {
          g_autofree char *name = g_strconcat (basename, ".",
                                               jm_export_format_get_extension (options.format),
                                               NULL);
          g_autoptr(GFile) parent = g_file_get_parent (file);
          GFile *renamed = g_file_get_child (parent, name);

          g_object_unref (file);
          file = renamed;
        }
      jm_export_dialog_export_to_file (self, file);
    }
}

/* "map.journey.json" → "map"; an untitled map → its title. */
static char *
dup_suggested_stem (JmExportDialog *self)
{
  g_autofree char *stem = NULL;

  if (self->map_file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (self->map_file);

      if (basename != NULL && g_str_has_suffix (basename, ".journey.json"))
        basename[strlen (basename) - strlen (".journey.json")] = '\0';
      else if (basename != NULL && g_str_has_suffix (basename, ".json"))
        basename[strlen (basename) - strlen (".json")] = '\0';
      stem = g_filename_display_name (basename ? basename : "");
    }
  else if (self->document != NULL && jm_document_get_title (self->document)[0] != '\0')
    stem = g_strdup (jm_document_get_title (self->document));

  if (stem == NULL || stem[0] == '\0' || stem[0] == '.')
    {
      g_free (stem);
      stem = g_strdup (_("Untitled Map"));
    }
  g_strdelimit (stem, "/\\:", '-');
  return g_steal_pointer (&stem);
}

static void
choose_file_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  JmExportDialog *self = JM_EXPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *stem = dup_suggested_stem (self);
  g_autofree char *name = NULL;
  g_autofree char *pattern = NULL;
  GtkFileChooserNative *native;
  JmExportOptions options;
  const char *extension;

  jm_export_dialog_get_options (self, &options);
  extension = jm_export_format_get_extension (options.format);

  native = gtk_file_chooser_native_new (_("Export Map"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  pattern = g_strconcat ("*.", extension, NULL);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_set_name (filter,
                            options.format == JM_EXPORT_FORMAT_PNG ? _("PNG images")
                            : options.format == JM_EXPORT_FORMAT_PDF ? _("PDF documents")
                            : _("SVG images"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  if (self->map_file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->map_file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }
  name = g_strdup_printf ("%s.%s", stem, extension);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  g_signal_connect_object (native, "response",
                           G_CALLBACK (file_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Construction */

/* The stages selected on the canvas, or holding a selected card, in map order. */
static char **
dup_selected_stages (JmCanvas   *canvas,
                     JmDocument *document)
{
  g_auto(GStrv) selection = jm_canvas_get_selection (canvas);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; selection != NULL && selection[i] != NULL; i++)
    {
      JmElement *element = jm_document_lookup (document, selection[i]);

      if (element != NULL && JM_IS_STAGE (element))
        g_hash_table_add (wanted, (gpointer) jm_element_get_id (element));
    }
  if (g_hash_table_size (wanted) == 0)
    for (guint i = 0; selection != NULL && selection[i] != NULL; i++)
      {
        JmElement *element = jm_document_lookup (document, selection[i]);

        if (element != NULL && JM_IS_CARD (element))
          g_hash_table_add (wanted, (gpointer) jm_card_get_stage (JM_CARD (element)));
      }

  for (guint i = 0; i < jm_document_get_n_stages (document); i++)
    {
      const char *id = jm_element_get_id (JM_ELEMENT (jm_document_get_stage (document, i)));

      if (g_hash_table_contains (wanted, id))
        g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

GtkWidget *
jm_export_dialog_new (JmWindow *window)
{
  JmExportDialog *self;
  JmCanvas *canvas;
  JmRect view;

  g_return_val_if_fail (JM_IS_WINDOW (window), NULL);

  self = g_object_new (JM_TYPE_EXPORT_DIALOG,
                       "transient-for", window,
                       NULL);
  g_set_weak_pointer (&self->window, window);
  g_set_object (&self->document, jm_window_get_document (window));
  g_set_object (&self->map_file, jm_window_get_file (window));

  canvas = window->canvas;
  if (self->document != NULL && jm_canvas_get_layout (canvas) != NULL)
    {
      jm_canvas_get_view (canvas, &view);
      jm_export_grid_rect_from_view (jm_canvas_get_layout (canvas), &view, &self->grid);
      self->stage_ids = dup_selected_stages (canvas, self->document);
    }
  self->role_id = g_strdup (jm_canvas_get_role_lens (canvas));

  if (self->role_id != NULL && self->document != NULL)
    {
      JmElement *role = jm_document_lookup (self->document, self->role_id);
      g_autofree char *subtitle = NULL;

      /* Translators: %s is a role of the buying committee, e.g. "CTO" */
      subtitle = g_strdup_printf (_("Dim the cards not tagged “%s”"),
                                  role != NULL && JM_IS_ROLE (role)
                                  ? jm_role_get_name (JM_ROLE (role)) : self->role_id);
      adw_action_row_set_subtitle (self->lens_row, subtitle);
      gtk_switch_set_active (self->lens_switch, TRUE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->lens_row), self->role_id != NULL);

  load_settings (self);
  update (self);

  return GTK_WIDGET (self);
}

static void
jm_export_dialog_dispose (GObject *object)
{
  JmExportDialog *self = JM_EXPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JM_TYPE_EXPORT_DIALOG);

  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->document);
  g_clear_object (&self->map_file);
  g_clear_object (&self->settings);
  g_clear_object (&self->target);

  G_OBJECT_CLASS (jm_export_dialog_parent_class)->dispose (object);
}

static void
jm_export_dialog_finalize (GObject *object)
{
  JmExportDialog *self = JM_EXPORT_DIALOG (object);

  g_free (self->role_id);
  g_strfreev (self->stage_ids);

  G_OBJECT_CLASS (jm_export_dialog_parent_class)->finalize (object);
}

static void
jm_export_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  JmExportDialog *self = JM_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_export_dialog_class_init (JmExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_export_dialog_dispose;
  object_class->finalize = jm_export_dialog_finalize;
  object_class->get_property = jm_export_dialog_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/jm-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JmExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, JmExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, JmExportDialog, page);
  gtk_widget_class_bind_template_child (widget_class, JmExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, JmExportDialog, what_row);
  gtk_widget_class_bind_template_child (widget_class, JmExportDialog, image_group);
  gtk_widget_class_bind_template_child (widget_class, JmExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, JmExportDialog, background_row);
  gtk_widget_class_bind_template_child (widget_class, JmExportDialog, pdf_group);
  gtk_widget_class_bind_template_child (widget_class, JmExportDialog, page_row);
  gtk_widget_class_bind_template_child (widget_class, JmExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, JmExportDialog, lens_row);
  gtk_widget_class_bind_template_child (widget_class, JmExportDialog, lens_switch);
  gtk_widget_class_bind_template_child (widget_class, JmExportDialog, problem_group);
  gtk_widget_class_bind_template_child (widget_class, JmExportDialog, problem_label);

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, choose_file_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jm_export_dialog_init (JmExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = jm_ui_settings_new ();
  self->can_export = TRUE;

  g_signal_connect_object (self->format_row, "notify::selected",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->what_row, "notify::selected",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scale_row, "notify::selected",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->theme_row, "notify::selected",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lens_switch, "notify::active",
                           G_CALLBACK (option_changed_cb), self, G_CONNECT_SWAPPED);
}
