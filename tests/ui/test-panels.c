/* SPDX-License-Identifier: GPL-3.0-or-later */
/* UI tests of the side panels: each test shows the sample map in a window with the canvas and
 * the sidebar (as the main window does), drives the panels' own widgets, and checks the model
 * (by ids), the undo history, the canvas' selection, layout and drawing. */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <X11/keysym.h>

#include "jm-canvas-private.h"
#include "jm-test-util.h"
#include "model/jm-checks.h"
#include "panels/jm-checks-panel.h"
#include "panels/jm-panel.h"
#include "panels/jm-sidebar.h"

typedef struct
{
  GtkWidget  *window;
  JmCanvas   *canvas;
  JmSidebar  *sidebar;
  JmHistory  *history;
  JmDocument *document;
} Fixture;

/* ------------------------------------------------------------------------------------------ */
/* Helpers */

/* Runs what is pending now (idles, the panels' queued rebuilds). */
static void
settle (void)
{
  for (guint i = 0; i < 1000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *language = data != NULL ? data : "en";
  GtkWidget *box, *scroller;

  f->document = jm_test_new_sample (language);
  f->history = jm_history_new (f->document);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  f->sidebar = JM_SIDEBAR (jm_sidebar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->sidebar));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_hexpand (scroller, TRUE);
  gtk_widget_set_vexpand (scroller, TRUE);
  f->canvas = JM_CANVAS (jm_canvas_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f->canvas));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_window_set_child (GTK_WINDOW (f->window), box);

  jm_canvas_set_history (f->canvas, f->history);
  jm_sidebar_set_history (f->sidebar, f->history);
  jm_sidebar_set_canvas (f->sidebar, f->canvas);

  jm_test_present_and_wait (GTK_WINDOW (f->window), GTK_WIDGET (f->canvas), 0, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->sidebar), (gpointer *) &f->sidebar);
  gtk_window_destroy (GTK_WINDOW (f->window));
  jm_test_spin (20);
  g_assert_null (f->sidebar);
  g_clear_object (&f->history);
  g_assert_finalize_object (f->document);
}

static JmPanel *
get_panel (Fixture    *f,
           const char *name)
{
  GtkWidget *panel;

  jm_sidebar_set_visible_panel (f->sidebar, name);
  panel = jm_sidebar_get_panel (f->sidebar, name);
  g_assert_true (JM_IS_PANEL (panel));
  settle ();

  return JM_PANEL (panel);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, out);
}

/* Every widget of a type under root, depth first (in reading order). */
static GPtrArray *
find_all (gpointer root,
          GType    type)
{
  GPtrArray *out = g_ptr_array_new ();

  collect (GTK_WIDGET (root), type, out);
  return out;
}

static gpointer
find_nth (gpointer root,
          GType    type,
          guint    n)
{
  g_autoptr(GPtrArray) all = find_all (root, type);

  g_assert_cmpuint (n, <, all->len);
  return g_ptr_array_index (all, n);
}

/* The first label under root whose text is text (or starts with it when prefix). */
static GtkWidget *
find_label (gpointer    root,
            const char *text,
            gboolean    prefix)
{
  g_autoptr(GPtrArray) labels = find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      const char *label = gtk_label_get_label (g_ptr_array_index (labels, i));

      if (prefix ? g_str_has_prefix (label, text) : g_strcmp0 (label, text) == 0)
        return g_ptr_array_index (labels, i);
    }

  return NULL;
}

/* The first button under root with this tooltip. */
static GtkWidget *
find_button (gpointer    root,
             const char *tooltip)
{
  g_autoptr(GPtrArray) buttons = find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)), tooltip) == 0)
      return g_ptr_array_index (buttons, i);

  return NULL;
}

static JmCard *
card (Fixture    *f,
      const char *id)
{
  JmElement *element = jm_document_lookup (f->document, id);

  g_assert_nonnull (element);
  g_assert_true (JM_IS_CARD (element));
  return JM_CARD (element);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
selection_string (Fixture *f)
{
  g_auto(GStrv) ids = jm_canvas_get_selection (f->canvas);

  g_qsort_with_data (ids, g_strv_length (ids), sizeof (char *), compare_strings, NULL);
  return g_strjoinv (",", ids);
}

static void
select_ids (Fixture    *f,
            const char *comma_ids)
{
  g_auto(GStrv) ids = g_strsplit (comma_ids, ",", -1);

  jm_canvas_select_ids (f->canvas, (const char * const *) ids);
  settle ();
}

/* ------------------------------------------------------------------------------------------ */
/* Emotions */

/* The score spin of stage index s in the emotions panel (one spin per stage row). */
static GtkSpinButton *
emotion_spin (Fixture *f,
              guint    s)
{
  return find_nth (get_panel (f, "emotions"), GTK_TYPE_SPIN_BUTTON, s);
}

static void
test_emotion_score_moves_curve (Fixture       *f,
                                gconstpointer  data)
{
  JmLayout *layout = jm_canvas_get_layout (f->canvas);
  GtkSpinButton *spin_button = emotion_spin (f, 1);   /* Research: c20, +1 */
  JmPoint before, after;

  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin_button), ==, 1);
  jm_layout_update (layout, NULL);
  g_assert_true (jm_layout_get_card_point (layout, "c20", &before));

  /* Panel → model → layout: the curve point goes down. */
  gtk_spin_button_set_value (spin_button, -2);
  g_assert_cmpint (jm_card_get_score (card (f, "c20")), ==, -2);
  jm_layout_update (layout, NULL);
  g_assert_true (jm_layout_get_card_point (layout, "c20", &after));
  g_assert_cmpfloat (after.y, >, before.y + 1);
  g_assert_cmpfloat_with_epsilon (after.y, jm_layout_score_to_y (layout, 5, -2), 0.5);

  /* One undo step; the panel follows the model back. */
  g_assert_true (jm_history_undo (f->history));
  settle ();
  g_assert_cmpint (jm_card_get_score (card (f, "c20")), ==, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin_button), ==, 1);
  jm_layout_update (layout, NULL);
  g_assert_true (jm_layout_get_card_point (layout, "c20", &after));
  g_assert_cmpfloat_with_epsilon (after.y, before.y, 0.01);

  /* Model → panel: an edit elsewhere shows in the row. */
  g_assert_true (jm_history_apply (f->history,
                                   jm_set_int_command_new (JM_ELEMENT (card (f, "c20")), "score", 3),
                                   NULL));
  settle ();
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin_button), ==, 3);
}

static void
test_emotion_creates_card (Fixture       *f,
                           gconstpointer  data)
{
  const char *doomed[] = { "c20", NULL };
  GtkSpinButton *spin_button;
  GPtrArray *cell;
  guint n_cards;

  /* Research without an emotion card. */
  g_assert_true (jm_history_apply (f->history, jm_delete_command_new (f->document, doomed, NULL),
                                   NULL));
  settle ();
  n_cards = jm_document_get_n_cards (f->document);
  spin_button = emotion_spin (f, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin_button), ==, 0);

  gtk_spin_button_set_value (spin_button, -1);
  settle ();
  g_assert_cmpuint (jm_document_get_n_cards (f->document), ==, n_cards + 1);
  cell = jm_document_get_cell (f->document, "s2", "l6");
  g_assert_nonnull (cell);
  g_assert_cmpuint (cell->len, ==, 1);
  g_assert_cmpint (jm_card_get_kind (g_ptr_array_index (cell, 0)), ==, JM_CARD_KIND_EMOTION);
  g_assert_cmpint (jm_card_get_score (g_ptr_array_index (cell, 0)), ==, -1);

  /* The lowest moments list has it (−1 in Research, after Integrate's −2). */
  g_assert_nonnull (find_label (get_panel (f, "emotions"), "Research", FALSE));

  g_assert_true (jm_history_undo (f->history));
  settle ();
  g_assert_cmpuint (jm_document_get_n_cards (f->document), ==, n_cards);
  g_assert_null (jm_document_get_cell (f->document, "s2", "l6"));
}

static void
test_typing_is_one_undo_step (Fixture       *f,
                              gconstpointer  data)
{
  JmPanel *panel = get_panel (f, "emotions");
  /* Row 0: feeling entry, then note entry (GtkText inside GtkEntry are not GtkEntry). */
  GtkEditable *note = find_nth (panel, GTK_TYPE_ENTRY, 1);
  const char *typed[] = { "W", "Wo", "Wor", "Worn", "Worn out" };
  g_autofree char *label = NULL;

  g_assert_cmpstr (gtk_editable_get_text (note), ==, "Frustrated by constant firefighting");
  gtk_editable_set_text (note, "");
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    gtk_editable_set_text (note, typed[i]);
  settle ();
  g_assert_cmpstr (jm_card_get_text (card (f, "c9")), ==, "Worn out");

  label = jm_history_dup_undo_label (f->history);
  g_assert_cmpstr (label, ==, "Edit Text");
  g_assert_true (jm_history_undo (f->history));
  settle ();
  g_assert_cmpstr (jm_card_get_text (card (f, "c9")), ==, "Frustrated by constant firefighting");
  g_assert_cmpstr (gtk_editable_get_text (note), ==, "Frustrated by constant firefighting");
  g_assert_false (jm_history_get_can_undo (f->history));
}

static void
test_lowest_moment_selects_stage (Fixture       *f,
                                  gconstpointer  data)
{
  JmPanel *panel = get_panel (f, "emotions");
  GtkListBox *lowest = find_nth (panel, GTK_TYPE_LIST_BOX, 0);
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (lowest, 0);
  g_autofree char *selection = NULL;

  /* Integrate (−2) is the lowest. */
  g_assert_nonnull (first);
  g_assert_nonnull (find_label (first, "Integrate", FALSE));
  g_signal_emit_by_name (lowest, "row-activated", first);
  selection = selection_string (f);
  g_assert_cmpstr (selection, ==, "s6");

  /* The stage list follows: Integrate's row is the selected one. */
  {
    GtkListBox *stages = find_nth (panel, GTK_TYPE_LIST_BOX, 1);
    GtkListBoxRow *row = gtk_list_box_get_selected_row (stages);

    g_assert_nonnull (row);
    g_assert_cmpint (gtk_list_box_row_get_index (row), ==, 5);
    select_ids (f, "c20");
    g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (stages)), ==, 1);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Opportunities */

static GtkListBoxRow *
opportunity_row (JmPanel    *panel,
                 const char *text)
{
  GtkWidget *label = find_label (panel, text, FALSE);

  g_assert_nonnull (label);
  return GTK_LIST_BOX_ROW (gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW));
}

static void
test_moved_card_shows_new_stage (Fixture       *f,
                                 gconstpointer  data)
{
  JmPanel *panel = get_panel (f, "opportunities");
  const char *text = "Standard data agreement to cut redlines";   /* c53, in Sign */
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GtkListBoxRow *row;

  row = opportunity_row (panel, text);
  g_assert_nonnull (find_label (row, "Sign · ", TRUE));

  /* Drop it on the canvas into Validate's opportunities cell. */
  g_ptr_array_add (ids, (gpointer) "c53");
  g_assert_true (jm_canvas_move_cards (f->canvas, ids, 6, 6, 0));
  g_assert_cmpstr (jm_card_get_stage (card (f, "c53")), ==, "s7");
  settle ();

  row = opportunity_row (panel, text);
  g_assert_nonnull (find_label (row, "Validate · ", TRUE));
  g_assert_null (find_label (row, "Sign · ", TRUE));

  g_assert_true (jm_history_undo (f->history));
  settle ();
  row = opportunity_row (panel, text);
  g_assert_nonnull (find_label (row, "Sign · ", TRUE));
}

static void
test_opportunity_selection_sync (Fixture       *f,
                                 gconstpointer  data)
{
  JmPanel *panel = get_panel (f, "opportunities");
  GtkListBox *list;
  GtkListBoxRow *row;
  g_autofree char *selection = NULL;

  /* Sorted by priority: the comparison sheet (5 × 4 = 20) first. */
  row = opportunity_row (panel, "Procurement-ready comparison sheet");
  list = GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row)));
  g_assert_true (gtk_list_box_get_row_at_index (list, 0) == row);

  /* Activating a row selects its card on the canvas. */
  row = opportunity_row (panel, "Referral programme with conference passes");
  g_signal_emit_by_name (list, "row-activated", row);
  selection = selection_string (f);
  g_assert_cmpstr (selection, ==, "c87");

  /* Selecting a card on the canvas selects its row. */
  select_ids (f, "c66");
  row = gtk_list_box_get_selected_row (list);
  g_assert_nonnull (row);
  g_assert_nonnull (find_label (row, "A named onboarding manager for the first 30 days", FALSE));

  /* The selected row's editors edit the card: effort 2 → 4, priority 16 → 8, and the row
   * moves down the list (rebuilt, with its card still selected). */
  {
    GtkSpinButton *effort = find_nth (row, GTK_TYPE_SPIN_BUTTON, 1);
    const char *text = "A named onboarding manager for the first 30 days";

    g_assert_nonnull (find_label (row, "16", FALSE));
    g_assert_cmpint (gtk_list_box_row_get_index (row), ==, 3);
    gtk_spin_button_set_value (effort, 4);
    g_assert_cmpint (jm_card_get_effort (card (f, "c66")), ==, 4);
    g_assert_cmpint (jm_card_get_priority (card (f, "c66")), ==, 8);
    settle ();
    row = opportunity_row (panel, text);
    g_assert_nonnull (find_label (row, "8", FALSE));
    g_assert_cmpint (gtk_list_box_row_get_index (row), ==, 8);
    g_assert_true (gtk_list_box_get_selected_row (list) == row);
  }
}

static void
test_opportunity_filters (Fixture       *f,
                          gconstpointer  data)
{
  JmPanel *panel = get_panel (f, "opportunities");
  GtkDropDown *status = find_nth (panel, GTK_TYPE_DROP_DOWN, 1);

  g_assert_nonnull (find_label (panel, "10 opportunities", FALSE));
  gtk_drop_down_set_selected (status, 1 + JM_STATUS_DONE);
  settle ();
  g_assert_nonnull (find_label (panel, "2 of 10 opportunities", FALSE));
  g_assert_nonnull (find_label (panel, "SEO landing page for “OEE dashboard”", FALSE));
  g_assert_null (find_label (panel, "Procurement-ready comparison sheet", FALSE));
}

static void
test_add_opportunity (Fixture       *f,
                      gconstpointer  data)
{
  JmPanel *panel = get_panel (f, "opportunities");
  GtkWidget *add;
  GPtrArray *cell;
  g_auto(GStrv) selection = NULL;
  JmCard *added;

  add = find_button (panel, "Select a stage or a card on the map first");
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_get_sensitive (add));

  select_ids (f, "s2");
  g_assert_true (gtk_widget_get_sensitive (add));
  g_signal_emit_by_name (add, "clicked");
  settle ();

  cell = jm_document_get_cell (f->document, "s2", "l7");
  g_assert_cmpuint (cell->len, ==, 2);
  added = g_ptr_array_index (cell, 1);
  g_assert_cmpint (jm_card_get_kind (added), ==, JM_CARD_KIND_OPPORTUNITY);
  selection = jm_canvas_get_selection (f->canvas);
  g_assert_cmpuint (g_strv_length (selection), ==, 1);
  g_assert_cmpstr (selection[0], ==, jm_element_get_id (JM_ELEMENT (added)));

  g_assert_true (jm_history_undo (f->history));
  g_assert_cmpuint (jm_document_get_cell (f->document, "s2", "l7")->len, ==, 1);
}

/* ------------------------------------------------------------------------------------------ */
/* Roles */

static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* The mean of the pixels (all channels) of a rect of the canvas. */
static double
mean_in_card (Fixture    *f,
              GdkTexture *texture,
              const char *card_id)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc (width * height * 4);
  JmRect rect;
  graphene_rect_t area;
  double sum = 0;
  guint n = 0;

  gdk_texture_download (texture, pixels, width * 4);
  g_assert_true (jm_layout_get_card_rect (jm_canvas_get_layout (f->canvas), card_id, &rect));
  jm_canvas_doc_to_widget_rect (f->canvas, &rect, &area);
  /* The part of the card on screen. */
  g_assert_true (graphene_rect_intersection (&area, &GRAPHENE_RECT_INIT (0, 0, width, height),
                                             &area));
  g_assert_cmpfloat (area.size.width, >=, 40);
  g_assert_cmpfloat (area.size.height, >=, 40);

  for (int y = area.origin.y + 4; y < area.origin.y + area.size.height - 4; y++)
    for (int x = area.origin.x + 4; x < area.origin.x + area.size.width - 4; x++)
      {
        guchar *p = pixels + y * width * 4 + x * 4;

        sum += p[0] + p[1] + p[2];
        n++;
      }

  return sum / MAX (n, 1);
}

static void
test_role_lens (Fixture       *f,
                gconstpointer  data)
{
  JmPanel *panel = get_panel (f, "roles");
  GtkDropDown *lens = find_nth (panel, GTK_TYPE_DROP_DOWN, 0);
  g_autoptr(GdkTexture) plain = NULL;
  g_autoptr(GdkTexture) lensed = NULL;
  double untagged_before, untagged_after, tagged_before, tagged_after;

  g_assert_null (jm_canvas_get_role_lens (f->canvas));
  plain = render_widget (GTK_WIDGET (f->canvas));

  /* Roles: None, CTO, Operations manager, Procurement manager. */
  gtk_drop_down_set_selected (lens, 3);
  g_assert_cmpstr (jm_canvas_get_role_lens (f->canvas), ==, "r3");
  jm_test_spin (50);
  lensed = render_widget (GTK_WIDGET (f->canvas));

  /* c1 is tagged with r2 only: dimmed (its pixels change). c24 carries r3: drawn the same. */
  untagged_before = mean_in_card (f, plain, "c1");
  untagged_after = mean_in_card (f, lensed, "c1");
  tagged_before = mean_in_card (f, plain, "c24");
  tagged_after = mean_in_card (f, lensed, "c24");
  g_test_message ("untagged %.1f → %.1f, tagged %.1f → %.1f",
                  untagged_before, untagged_after, tagged_before, tagged_after);
  g_assert_cmpfloat (ABS (untagged_after - untagged_before), >, 2.0);
  g_assert_cmpfloat (ABS (tagged_after - tagged_before), <, 0.5);

  /* The lens is view state, not an edit. */
  g_assert_false (jm_history_get_can_undo (f->history));

  /* The panel follows the canvas, and "None" switches the lens off. */
  jm_canvas_set_role_lens (f->canvas, "r1");
  settle ();
  g_assert_cmpuint (gtk_drop_down_get_selected (lens), ==, 1);
  gtk_drop_down_set_selected (lens, 0);
  g_assert_null (jm_canvas_get_role_lens (f->canvas));
}

static void
test_tag_selection (Fixture       *f,
                    gconstpointer  data)
{
  JmPanel *panel = get_panel (f, "roles");
  GtkCheckButton *tag_r3;

  select_ids (f, "c1,c2");
  /* One check button per role row: CTO, Operations manager, Procurement manager. */
  tag_r3 = find_nth (panel, GTK_TYPE_CHECK_BUTTON, 2);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (tag_r3)));
  g_assert_false (gtk_check_button_get_active (tag_r3));
  /* c2 carries r1, c1 does not: mixed. */
  g_assert_true (gtk_check_button_get_inconsistent (find_nth (panel, GTK_TYPE_CHECK_BUTTON, 0)));

  gtk_check_button_set_active (tag_r3, TRUE);
  g_assert_true (jm_card_has_role (card (f, "c1"), "r3"));
  g_assert_true (jm_card_has_role (card (f, "c2"), "r3"));
  g_assert_true (jm_card_has_role (card (f, "c1"), "r2"));

  /* One undo step for both cards. */
  g_assert_true (jm_history_undo (f->history));
  settle ();
  g_assert_false (jm_card_has_role (card (f, "c1"), "r3"));
  g_assert_false (jm_card_has_role (card (f, "c2"), "r3"));
  g_assert_false (gtk_check_button_get_active (tag_r3));
}

/* ------------------------------------------------------------------------------------------ */
/* Responsibilities */

static void
test_delete_department_reassigns (Fixture       *f,
                                  gconstpointer  data)
{
  JmPanel *panel = get_panel (f, "responsibilities");
  g_autoptr(GPtrArray) buttons = find_all (panel, GTK_TYPE_BUTTON);
  g_autoptr(GPtrArray) deletes = g_ptr_array_new ();
  GtkWidget *delete_sales;
  AdwMessageDialog *dialog;
  GtkDropDown *target;

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)),
                   "Delete Department") == 0)
      g_ptr_array_add (deletes, g_ptr_array_index (buttons, i));
  /* Rows: Marketing, Sales, Customer Success, Product, Support. */
  g_assert_cmpuint (deletes->len, ==, 5);
  delete_sales = g_ptr_array_index (deletes, 1);
  g_assert_nonnull (delete_sales);
  g_assert_cmpstr (jm_card_get_department (card (f, "c23")), ==, "d2");

  g_signal_emit_by_name (delete_sales, "clicked");
  settle ();
  dialog = jm_test_find_message_dialog (NULL);
  g_assert_nonnull (dialog);

  /* Give Sales' cards to Customer Success: None, Marketing, Customer Success… */
  target = find_nth (dialog, GTK_TYPE_DROP_DOWN, 0);
  gtk_drop_down_set_selected (target, 2);
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();

  g_assert_null (jm_document_lookup (f->document, "d2"));
  g_assert_cmpstr (jm_card_get_department (card (f, "c23")), ==, "d3");
  g_assert_cmpstr (jm_card_get_department (card (f, "c34")), ==, "d3");
  g_assert_null (find_label (panel, "Delete Sales", FALSE));

  /* One undo step brings the department and its cards back. */
  g_assert_true (jm_history_undo (f->history));
  settle ();
  g_assert_nonnull (jm_document_lookup (f->document, "d2"));
  g_assert_cmpstr (jm_card_get_department (card (f, "c23")), ==, "d2");
  g_assert_cmpstr (jm_card_get_department (card (f, "c34")), ==, "d2");
}

static void
test_assign_selection (Fixture       *f,
                       gconstpointer  data)
{
  JmPanel *panel = get_panel (f, "responsibilities");
  GtkDropDown *department;
  GtkEditable *owner;
  GtkWidget *grid_cell;

  select_ids (f, "c3,c4");
  g_assert_nonnull (find_label (panel, "2 cards selected.", FALSE));

  /* The assign box: department dropdown (None, d1…d5), owner entry, Assign. */
  department = find_nth (panel, GTK_TYPE_DROP_DOWN, 0);
  gtk_drop_down_set_selected (department, 4);   /* Product */
  owner = find_nth (panel, GTK_TYPE_ENTRY, 5);   /* after the five department names */
  gtk_editable_set_text (owner, "Ana Lima");
  g_signal_emit_by_name (find_label (panel, "A_ssign", FALSE) != NULL
                         ? gtk_widget_get_ancestor (find_label (panel, "A_ssign", FALSE),
                                                    GTK_TYPE_BUTTON)
                         : NULL, "clicked");
  settle ();

  g_assert_cmpstr (jm_card_get_department (card (f, "c3")), ==, "d4");
  g_assert_cmpstr (jm_card_get_department (card (f, "c4")), ==, "d4");
  g_assert_cmpstr (jm_card_get_owner (card (f, "c3")), ==, "Ana Lima");

  /* The grid counts them: Discover × Product is a button "2" that selects both. */
  grid_cell = find_button (panel, "Product: 2 cards in Discover (2 touchpoints)");
  g_assert_nonnull (grid_cell);
  jm_canvas_clear_selection (f->canvas);
  g_signal_emit_by_name (grid_cell, "clicked");
  {
    g_autofree char *selection = selection_string (f);

    g_assert_cmpstr (selection, ==, "c3,c4");
  }

  /* One undo step for the whole assignment. */
  g_assert_true (jm_history_undo (f->history));
  g_assert_cmpstr (jm_card_get_department (card (f, "c3")), ==, "");
  g_assert_cmpstr (jm_card_get_owner (card (f, "c4")), ==, "");
}

/* ------------------------------------------------------------------------------------------ */
/* Inspector */

static void
test_inspector (Fixture       *f,
                gconstpointer  data)
{
  JmPanel *panel = get_panel (f, "inspector");
  GtkEditable *text;
  AdwComboRow *channel;

  /* One card: its text, edited in place. */
  select_ids (f, "c21");
  text = find_nth (panel, ADW_TYPE_ENTRY_ROW, 0);
  g_assert_cmpstr (gtk_editable_get_text (text), ==,
                   "Feasibility report pre-filled with the plant's own data");
  gtk_editable_set_text (text, "Feasibility report");
  g_assert_cmpstr (jm_card_get_text (card (f, "c21")), ==, "Feasibility report");
  g_assert_true (jm_history_undo (f->history));
  settle ();
  g_assert_cmpstr (gtk_editable_get_text (text), ==,
                   "Feasibility report pre-filled with the plant's own data");

  /* Two touchpoints: the channel they share, set for both in one step. */
  select_ids (f, "c3,c4");
  g_assert_nonnull (find_label (panel, "2 Cards: Touchpoint", FALSE));
  channel = find_nth (panel, ADW_TYPE_COMBO_ROW, 0);
  /* Social media and search differ: nothing selected. */
  g_assert_cmpuint (adw_combo_row_get_selected (channel), ==, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (channel, JM_CHANNEL_EMAIL);
  g_assert_cmpint (jm_card_get_channel (card (f, "c3")), ==, JM_CHANNEL_EMAIL);
  g_assert_cmpint (jm_card_get_channel (card (f, "c4")), ==, JM_CHANNEL_EMAIL);
  g_assert_true (jm_history_undo (f->history));
  g_assert_cmpint (jm_card_get_channel (card (f, "c3")), ==, JM_CHANNEL_SOCIAL);
  g_assert_cmpint (jm_card_get_channel (card (f, "c4")), ==, JM_CHANNEL_SEARCH);

  /* A stage: its title. */
  select_ids (f, "s3");
  text = find_nth (panel, ADW_TYPE_ENTRY_ROW, 0);
  g_assert_cmpstr (gtk_editable_get_text (text), ==, "Compare");

  /* Nothing selected. */
  jm_canvas_clear_selection (f->canvas);
  settle ();
  g_assert_nonnull (find_label (panel, "Nothing Selected", FALSE));
}

/* ------------------------------------------------------------------------------------------ */
/* Checks */

static void
test_checks_follow_the_map (Fixture       *f,
                            gconstpointer  data)
{
  JmPanel *panel = get_panel (f, "checks");
  const char *doomed[] = { "c26", "c27", "c28", NULL };   /* Compare's touchpoints */
  GtkListBox *list;
  g_autofree char *selection = NULL;

  g_assert_cmpuint (jm_sidebar_get_n_findings (f->sidebar), ==, 0);
  g_assert_nonnull (find_label (panel, "No Problems Found", FALSE));

  g_assert_true (jm_history_apply (f->history, jm_delete_command_new (f->document, doomed, NULL),
                                   NULL));
  settle ();
  g_assert_cmpuint (jm_checks_panel_get_n_findings (JM_CHECKS_PANEL (panel)), ==, 1);
  g_assert_cmpuint (jm_sidebar_get_n_findings (f->sidebar), ==, 1);

  /* The Checks tab shows the count. */
  {
    GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (panel));
    AdwViewStackPage *page;

    while (stack != NULL && !ADW_IS_VIEW_STACK (stack))
      stack = gtk_widget_get_parent (stack);
    g_assert_nonnull (stack);
    page = adw_view_stack_get_page (ADW_VIEW_STACK (stack), GTK_WIDGET (panel));
    g_assert_cmpuint (adw_view_stack_page_get_badge_number (page), ==, 1);
  }

  /* Activating the finding selects the stage. */
  g_assert_nonnull (find_label (panel, "“Compare” has no touchpoint", FALSE));
  list = find_nth (panel, GTK_TYPE_LIST_BOX, 0);
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
  selection = selection_string (f);
  g_assert_cmpstr (selection, ==, "s3");

  g_assert_true (jm_history_undo (f->history));
  settle ();
  g_assert_cmpuint (jm_sidebar_get_n_findings (f->sidebar), ==, 0);
}

static void
test_chinese_sample (Fixture       *f,
                     gconstpointer  data)
{
  JmPanel *panel = get_panel (f, "emotions");

  /* The Chinese sample's texts reach the panels, and its checks are clean too. */
  g_assert_nonnull (find_label (panel, "融合", FALSE));
  g_assert_nonnull (find_label (panel, "焦虑 — 压力很大：上线推迟两周", FALSE));
  g_assert_nonnull (find_label (get_panel (f, "opportunities"), "便于采购使用的对比表", FALSE));
  g_assert_cmpuint (jm_sidebar_get_n_findings (f->sidebar), ==, 0);
}

/* Everything from the keyboard: switching panels, activating rows, stepping a score. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  JmPanel *panel = get_panel (f, "emotions");
  GtkListBox *lowest = find_nth (panel, GTK_TYPE_LIST_BOX, 0);
  GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (lowest, 0));
  GtkSpinButton *score = find_nth (panel, GTK_TYPE_SPIN_BUTTON, 0);   /* Discover: −1 */
  g_autofree char *selection = NULL;

  if (jm_test_skip_unless_x11 ())
    return;

  /* Enter on a lowest moment selects its stage. */
  g_assert_true (gtk_widget_grab_focus (row));
  jm_test_send_key (row, 0, 0, XK_Return);
  selection = selection_string (f);
  g_assert_cmpstr (selection, ==, "s6");

  /* Up on a score spin raises the stage's emotion (one command). */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (score)));
  jm_test_send_key (GTK_WIDGET (score), 0, 0, XK_Up);
  g_assert_cmpint (jm_card_get_score (card (f, "c9")), ==, 0);
  g_assert_true (jm_history_get_can_undo (f->history));

  /* Alt+6 goes to the checks, Alt+2 to the opportunities, with the focus. */
  jm_test_send_key (GTK_WIDGET (score), XK_Alt_L, 0, XK_6);
  g_assert_cmpstr (jm_sidebar_get_visible_panel (f->sidebar), ==, "checks");
  jm_test_send_key (GTK_WIDGET (f->sidebar), XK_Alt_L, 0, XK_2);
  g_assert_cmpstr (jm_sidebar_get_visible_panel (f->sidebar), ==, "opportunities");
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, jm_sidebar_get_panel (f->sidebar,
                                                                        "opportunities")));
  }
}

static void
test_sidebar_panels (Fixture       *f,
                     gconstpointer  data)
{
  const char *names[] = { "emotions", "opportunities", "responsibilities", "roles", "inspector",
                          "checks" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      jm_sidebar_set_visible_panel (f->sidebar, names[i]);
      g_assert_cmpstr (jm_sidebar_get_visible_panel (f->sidebar), ==, names[i]);
    }
  /* Alt+1…6 (the sidebar's action) switch panels from the keyboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->sidebar), "sidebar.show-panel", "s",
                                             "roles"));
  g_assert_cmpstr (jm_sidebar_get_visible_panel (f->sidebar), ==, "roles");

  g_assert_true (jm_sidebar_get_history (f->sidebar) == f->history);
  g_assert_true (jm_sidebar_get_canvas (f->sidebar) == f->canvas);

  /* A new map (as File → Open does): every panel follows. */
  {
    g_autoptr(JmDocument) other = jm_document_new_from_template (JM_TEMPLATE_CLASSIC, "en", NULL);
    g_autoptr(JmHistory) history = jm_history_new (other);

    jm_canvas_set_history (f->canvas, history);
    jm_sidebar_set_history (f->sidebar, history);
    settle ();
    g_assert_nonnull (find_label (get_panel (f, "emotions"), "Awareness", FALSE));
    jm_canvas_set_history (f->canvas, f->history);
    jm_sidebar_set_history (f->sidebar, f->history);
    settle ();
  }
}

int
main (int   argc,
      char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it empties XDG_DATA_DIRS, and without the shared MIME
   * database gdk-pixbuf no longer recognises the SVG icons. Nothing here writes files. */
  if (!jm_test_init (&argc, &argv))
    return 77;

#define ADD(path, func, data) \
  g_test_add ("/ui/panels/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("emotion-score-moves-curve", test_emotion_score_moves_curve, NULL);
  ADD ("emotion-creates-card", test_emotion_creates_card, NULL);
  ADD ("typing-is-one-undo-step", test_typing_is_one_undo_step, NULL);
  ADD ("lowest-moment-selects-stage", test_lowest_moment_selects_stage, NULL);
  ADD ("moved-card-shows-new-stage", test_moved_card_shows_new_stage, NULL);
  ADD ("opportunity-selection-sync", test_opportunity_selection_sync, NULL);
  ADD ("opportunity-filters", test_opportunity_filters, NULL);
  ADD ("add-opportunity", test_add_opportunity, NULL);
  ADD ("role-lens", test_role_lens, NULL);
  ADD ("tag-selection", test_tag_selection, NULL);
  ADD ("delete-department-reassigns", test_delete_department_reassigns, NULL);
  ADD ("assign-selection", test_assign_selection, NULL);
  ADD ("inspector", test_inspector, NULL);
  ADD ("checks-follow-the-map", test_checks_follow_the_map, NULL);
  ADD ("chinese-sample", test_chinese_sample, "zh_CN");
  ADD ("keyboard", test_keyboard, NULL);
  ADD ("sidebar-panels", test_sidebar_panels, NULL);

  return g_test_run ();
}
