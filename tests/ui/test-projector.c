/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Projector mode through the real window and real key presses (XTEST): F5 enters (fullscreen,
 * no header bar or side panel, high contrast, no text under 24 px), PageDown/Space/arrows/
 * Home/End move the spotlight, a card can be added and undone meanwhile, Escape restores the
 * window. Also Ctrl+P's pagination (a print operation exported to PDF) and the export dialog.
 *
 * With JM_SCREENSHOT_DIR set, screenshots of the projector go there (look at them at
 * 1024×768: Xvfb -screen 0 1024x768x24). */
#include "config.h"

#include <string.h>

#include <gdk/x11/gdkx.h>
#include <X11/keysym.h>

#include "jm-application.h"
#include "jm-export-dialog.h"
#include "jm-print.h"
#include "jm-test-util.h"
#include "jm-ui.h"
#include "jm-window-private.h"

static JmApplication *app;

/* Waits here allow 10 s. */
#define WAIT_MS 10000

/* Helpers */

/* The sample map in a 1024×768 window, unmodified. */
static JmWindow *
open_sample_window (void)
{
  JmWindow *window;

  g_application_activate (G_APPLICATION (app));
  g_assert_true (jm_test_wait_for_ms (jm_test_window_mapped, NULL, WAIT_MS));
  window = jm_test_get_only_window ();
  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 768);
  jm_test_sync ();
  return window;
}

/* Whether a window manager that can make windows fullscreen runs (Xvfb alone has none). */
static gboolean
can_fullscreen (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  return gdk_x11_screen_supports_net_wm_hint (gdk_x11_display_get_screen (display),
                                              g_intern_static_string ("_NET_WM_STATE_FULLSCREEN"));
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* A PNG of the window as drawn now (JM_SCREENSHOT_DIR only). */
static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("JM_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  graphene_rect_t bounds;
  int w, h;

  if (dir == NULL)
    return;

  jm_test_sync ();
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  graphene_rect_init (&bounds, 0, 0, w, h);
  texture = gsk_renderer_render_texture (renderer, node, &bounds);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s (%d × %d)", path, w, h);
}

static gboolean
is_active (gpointer data)
{
  return jm_projector_get_active (data);
}

static gboolean
is_inactive (gpointer data)
{
  return !jm_projector_get_active (data);
}

/* The smallest text the canvas draws, in screen pixels. */
static double
smallest_text_px (JmCanvas *canvas)
{
  const JmThemeSizes *s = jm_theme_get_sizes (jm_canvas_get_theme (canvas));
  double smallest = MIN (MIN (s->font_card, s->font_small),
                         MIN (MIN (s->font_stage_title, s->font_lane_title), s->font_map_title));

  return smallest * jm_canvas_get_zoom (canvas);
}

/* Tests */

static void
test_enter_navigate_leave (void)
{
  JmWindow *window;
  JmProjector *projector;
  JmCanvas *canvas;
  JmDocument *document;
  JmThemeKind theme_kind;
  double zoom, text_scale;
  guint n_stages;

  if (jm_test_skip_unless_x11 ())
    return;

  window = open_sample_window ();
  projector = window->projector;
  canvas = window->canvas;
  document = jm_window_get_document (window);
  n_stages = jm_document_get_n_stages (document);
  g_assert_cmpuint (n_stages, >=, 4);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->header_bar)));
  theme_kind = jm_canvas_get_theme_kind (canvas);
  zoom = jm_canvas_get_zoom (canvas);
  text_scale = jm_canvas_get_text_scale (canvas);
  screenshot (GTK_WIDGET (window), "projector-0-before.png");

  /* F5: projector mode. */
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_F5);
  g_assert_true (jm_test_wait_for_ms (is_active, projector, WAIT_MS));
  if (can_fullscreen (GTK_WIDGET (window)))
    g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (window)));
  else
    g_test_message ("no window manager: fullscreen was asked for but cannot take effect");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->header_bar)));
  g_assert_false (gtk_widget_get_visible (window->sidebar));
  g_assert_cmpint (jm_canvas_get_theme_kind (canvas), ==, JM_THEME_CONTRAST);
  g_assert_cmpfloat (smallest_text_px (canvas), >=, JM_PROJECTOR_MIN_TEXT_PX - 1e-9);
  g_assert_cmpint (jm_projector_get_stage (projector), ==, 0);
  g_assert_cmpint (jm_canvas_get_spotlight_stage (canvas), ==, 0);
  g_assert_true (g_str_has_prefix (jm_projector_get_status_text (projector), "Stage 1 of "));
  screenshot (GTK_WIDGET (window), "projector-1-stage-1.png");

  /* Presenter clicker (PageDown/PageUp), Space, arrows, Home/End. */
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_Page_Down);
  g_assert_cmpint (jm_projector_get_stage (projector), ==, 1);
  g_assert_cmpint (jm_canvas_get_spotlight_stage (canvas), ==, 1);
  g_assert_true (g_str_has_prefix (jm_projector_get_status_text (projector), "Stage 2 of "));
  screenshot (GTK_WIDGET (window), "projector-2-stage-2.png");
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_space);
  g_assert_cmpint (jm_projector_get_stage (projector), ==, 2);
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_Page_Up);
  g_assert_cmpint (jm_projector_get_stage (projector), ==, 1);
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_Right);
  g_assert_cmpint (jm_projector_get_stage (projector), ==, 2);
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_Left);
  g_assert_cmpint (jm_projector_get_stage (projector), ==, 1);
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_End);
  g_assert_cmpint (jm_projector_get_stage (projector), ==, (int) n_stages - 1);
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_Page_Down);
  g_assert_cmpint (jm_projector_get_stage (projector), ==, (int) n_stages - 1);
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_Home);
  g_assert_cmpint (jm_projector_get_stage (projector), ==, 0);
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_Page_Up);
  g_assert_cmpint (jm_projector_get_stage (projector), ==, 0);

  /* Zooming out cannot make the text smaller than 24 px. */
  jm_test_send_key (GTK_WIDGET (window), XK_Control_L, 0, XK_minus);
  g_assert_cmpfloat (smallest_text_px (canvas), >=, JM_PROJECTOR_MIN_TEXT_PX - 1e-9);

  /* T shows the session timer. */
  g_assert_false (jm_projector_get_timer_visible (projector));
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_t);
  g_assert_true (jm_projector_get_timer_visible (projector));
  screenshot (GTK_WIDGET (window), "projector-3-timer.png");

  /* Escape: back to the window as it was. */
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_Escape);
  g_assert_true (jm_test_wait_for_ms (is_inactive, projector, WAIT_MS));
  jm_test_sync ();
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (window)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->header_bar)));
  g_assert_true (gtk_widget_get_visible (window->sidebar));
  g_assert_cmpint (jm_canvas_get_theme_kind (canvas), ==, theme_kind);
  g_assert_cmpfloat (jm_canvas_get_zoom (canvas), ==, zoom);
  g_assert_cmpfloat (jm_canvas_get_text_scale (canvas), ==, text_scale);
  g_assert_cmpint (jm_canvas_get_spotlight_stage (canvas), ==, -1);
  g_assert_cmpint (jm_projector_get_stage (projector), ==, -1);
  g_assert_false (jm_window_get_modified (window));
  screenshot (GTK_WIDGET (window), "projector-4-after.png");

  /* The header bar button does the same. */
  gtk_widget_activate (GTK_WIDGET (window->projector_button));
  g_assert_true (jm_test_wait_for_ms (is_active, projector, WAIT_MS));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.projector", NULL);
  g_assert_true (jm_test_wait_for_ms (is_inactive, projector, WAIT_MS));

  jm_test_destroy_all_windows ();
}

static gboolean
is_editing (gpointer data)
{
  return jm_canvas_is_editing (data);
}

static gboolean
is_not_editing (gpointer data)
{
  return !jm_canvas_is_editing (data);
}

static void
test_edit_during_projection (void)
{
  JmWindow *window;
  JmProjector *projector;
  JmCanvas *canvas;
  JmDocument *document;
  JmHistory *history;
  guint n_cards;
  int stage;

  if (jm_test_skip_unless_x11 ())
    return;

  window = open_sample_window ();
  projector = window->projector;
  canvas = window->canvas;
  document = jm_window_get_document (window);
  history = jm_window_get_history (window);
  n_cards = jm_document_get_n_cards (document);

  jm_projector_set_active (projector, TRUE);
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_Page_Down);
  stage = jm_projector_get_stage (projector);
  g_assert_cmpint (stage, ==, 1);

  /* A note during the discussion: while the editor is open, keys are typing, not slides. */
  jm_canvas_select_ids (canvas, (const char * const []) {
                          jm_element_get_id (JM_ELEMENT (jm_document_get_stage (document, 1))),
                          NULL });
  g_assert_true (jm_canvas_add_card_of_kind (canvas, JM_CARD_KIND_BEHAVIOUR, -1));
  g_assert_true (jm_test_wait_for_ms (is_editing, canvas, WAIT_MS));
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_o);
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_k);
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_space);
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_Page_Down);
  g_assert_cmpint (jm_projector_get_stage (projector), ==, stage);
  screenshot (GTK_WIDGET (window), "projector-5-editing.png");
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_Return);
  g_assert_true (jm_test_wait_for_ms (is_not_editing, canvas, WAIT_MS));
  g_assert_cmpuint (jm_document_get_n_cards (document), ==, n_cards + 1);
  g_assert_true (jm_projector_get_active (projector));
  g_assert_cmpint (jm_projector_get_stage (projector), ==, stage);

  /* Undoable with Ctrl+Z, still in projector mode. */
  g_assert_true (jm_history_get_can_undo (history));
  jm_test_send_key (GTK_WIDGET (window), XK_Control_L, 0, XK_z);
  g_assert_cmpuint (jm_document_get_n_cards (document), ==, n_cards);
  g_assert_true (jm_projector_get_active (projector));

  /* Keys move the spotlight again once the editor is closed. */
  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_Page_Down);
  g_assert_cmpint (jm_projector_get_stage (projector), ==, stage + 1);

  jm_test_send_key (GTK_WIDGET (window), 0, 0, XK_Escape);
  g_assert_true (jm_test_wait_for_ms (is_inactive, projector, WAIT_MS));

  jm_test_destroy_all_windows ();
}

/* Ctrl+P's pages: the print operation, exported to PDF, has the pagination of the paginated
 * export (the same JmExportPages code). */
static void
test_print_pages (void)
{
  g_autoptr(JmDocument) document = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(JmExportPages) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = jm_test_make_temp_file ("printed.pdf");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *out = NULL;
  GtkPrintOperationResult result;
  int n_pages = 0;
  double w, h;

  document = jm_document_new_sample ("en", &error);
  g_assert_no_error (error);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  operation = jm_print_operation_new (document, NULL);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_object_get (operation, "n-pages", &n_pages, NULL);

  w = gtk_page_setup_get_page_width (setup, GTK_UNIT_POINTS);
  h = gtk_page_setup_get_page_height (setup, GTK_UNIT_POINTS);
  pages = jm_export_pages_new (document, NULL, w, h, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_pages, ==, (int) jm_export_pages_get_n_pages (pages));
  g_assert_cmpint (n_pages, >, 1);

  if (g_spawn_sync (NULL, (char *[]) { (char *) "pdftotext", (char *) "-f", (char *) "2",
                                       (char *) "-l", (char *) "2", path, (char *) "-", NULL },
                    NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                    NULL, NULL, NULL))
    {
      g_autofree char *number = g_strdup_printf ("Page 2 of %d", n_pages);

      g_assert_nonnull (strstr (out, number));
    }

  jm_test_remove_temp_file (file);
}

/* data: where a weak pointer to the dialog is kept. */
static gboolean
dialog_idle (gpointer data)
{
  JmExportDialog *dialog = *(JmExportDialog **) data;

  return dialog == NULL || !jm_export_dialog_get_busy (dialog);
}

/* The export dialog: remembers the choices; exports the selected stage with them. */
static void
test_export_dialog (void)
{
  JmWindow *window;
  JmCanvas *canvas;
  JmDocument *document;
  GtkWidget *dialog;
  JmExportOptions options;
  g_autoptr(GFile) file = jm_test_make_temp_file ("stage.png");
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = jm_ui_settings_new ();
  g_autofree char *format = NULL;
  const char *stage_id;

  window = open_sample_window ();
  canvas = window->canvas;
  document = jm_window_get_document (window);
  stage_id = jm_element_get_id (JM_ELEMENT (jm_document_get_stage (document, 2)));
  jm_canvas_select_ids (canvas, (const char * const []) { stage_id, NULL });

  dialog = jm_export_dialog_new (window);
  gtk_window_present (GTK_WINDOW (dialog));
  jm_export_options_init (&options);
  options.format = JM_EXPORT_FORMAT_PNG;
  options.area = JM_EXPORT_AREA_STAGES;
  options.scale = 2;
  jm_export_dialog_set_options (JM_EXPORT_DIALOG (dialog), &options);
  jm_export_dialog_get_options (JM_EXPORT_DIALOG (dialog), &options);
  g_assert_cmpint (options.format, ==, JM_EXPORT_FORMAT_PNG);
  g_assert_cmpint (options.area, ==, JM_EXPORT_AREA_STAGES);
  g_assert_cmpfloat (options.scale, ==, 2);
  g_assert_nonnull (options.stage_ids);
  g_assert_cmpstr (options.stage_ids[0], ==, stage_id);
  g_assert_null (options.stage_ids[1]);
  screenshot (dialog, "export-dialog.png");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  jm_export_dialog_export_to_file (JM_EXPORT_DIALOG (dialog), file);
  g_assert_true (jm_export_dialog_get_busy (JM_EXPORT_DIALOG (dialog)));
  g_assert_true (jm_test_wait_for_ms (dialog_idle, &dialog, WAIT_MS));
  jm_test_sync ();
  /* Done: the dialog closed itself. */
  g_assert_null (dialog);

  /* One stage at scale 2: (lane headers + one stage) × 2 wide. */
  {
    g_autoptr(JmTheme) theme = jm_theme_new (JM_THEME_LIGHT);
    g_autoptr(JmLayout) layout = jm_layout_new (document, theme);
    g_autoptr(GdkTexture) png = gdk_texture_new_from_filename (path, &error);
    JmRect stage;

    g_assert_no_error (error);
    g_assert_true (jm_layout_get_stage_rect (layout, 2, &stage));
    g_assert_cmpint (gdk_texture_get_width (png), ==,
                     (int) ceil ((jm_layout_get_lane_header_width (layout) + stage.width) * 2 -
                                 1e-6));
  }

  /* Remembered for next time. */
  if (settings != NULL)
    {
      format = g_settings_get_string (settings, "export-format");
      g_assert_cmpstr (format, ==, "png");
      g_assert_cmpint (g_settings_get_int (settings, "export-scale"), ==, 2);
    }

  jm_test_remove_temp_file (file);
  jm_test_destroy_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (!jm_test_init (&argc, &argv))
    return 77;

  app = jm_test_application_new ();

  g_test_add_func ("/ui/projector/enter-navigate-leave", test_enter_navigate_leave);
  g_test_add_func ("/ui/projector/edit-during-projection", test_edit_during_projection);
  g_test_add_func ("/ui/projector/print-pages", test_print_pages);
  g_test_add_func ("/ui/projector/export-dialog", test_export_dialog);

  ret = g_test_run ();

  jm_test_destroy_all_windows ();
  g_clear_object (&app);

  return ret;
}
