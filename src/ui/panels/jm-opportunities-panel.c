/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-opportunities-panel.c: every opportunity card of the map in one list, sorted and
 * filtered, edited in place (the selected row opens its editors), and the same cards in four
 * impact/effort quadrants for a workshop.
 *
 * The owning department shown and filtered on is the card's own "department", else the
 * department that owns its stage (jm_checks_get_owning_department(), marked "stage owner").
 * Quadrants: impact 3–5 is high, effort 3–5 is high.
 *
 * Rows follow property changes at once. A change that moves a row in the sort order (or out of
 * the filter) waits until the focus leaves the list, so the row being edited does not jump
 * away under the keyboard. */
#define G_LOG_DOMAIN "jm-panels"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-opportunities-panel.h"
#include "model/jm-checks.h"

/* Quadrants: impact 3–5 is high, effort 3–5 is high. */
#define HIGH_IMPACT 3
#define HIGH_EFFORT 3

enum {
  SORT_PRIORITY,
  SORT_STAGE,
};

enum {
  QUADRANT_QUICK_WINS,
  QUADRANT_BIG_BETS,
  QUADRANT_FILL_INS,
  QUADRANT_MONEY_PITS,
  N_QUADRANTS
};

struct _JmOpportunitiesPanel
{
  JmPanel      parent_instance;

  /* Template widgets */
  GtkWidget   *add_button;
  GtkDropDown *sort_dropdown;
  GtkToggleButton *list_button;
  GtkToggleButton *quadrant_button;
  GtkDropDown *status_dropdown;
  GtkDropDown *department_dropdown;
  GtkLabel    *count_label;
  GtkStack    *view_stack;
  GtkWidget   *empty_label;
  GtkListBox  *list;
  GtkGrid     *quadrant_grid;

  /* Owned */
  GPtrArray   *rows;                 /* OppRow*, borrowed (each row widget owns its OppRow) */
  GHashTable  *rows_by_id;           /* card id (borrowed) → OppRow* */
  GPtrArray   *department_ids;       /* filter choices: NULL = all, "" = none, ids */
  char        *department_signature;
  GtkListBox  *quadrant_lists[N_QUADRANTS];
  GtkWidget   *quadrant_empty[N_QUADRANTS];

  guint        updating;
  gboolean     order_dirty;
};

G_DEFINE_FINAL_TYPE (JmOpportunitiesPanel, jm_opportunities_panel, JM_TYPE_PANEL)

typedef struct
{
  JmOpportunitiesPanel *self;
  JmCard     *card;        /* owned */
  GtkWidget  *row;
  GtkWidget  *priority;
  GtkWidget  *title;
  GtkWidget  *meta;
  GtkWidget  *revealer;
  gboolean    has_editors;
} OppRow;

static void
opp_row_free (gpointer data)
{
  OppRow *or = data;

  g_clear_object (&or->card);
  g_free (or);
}

/* ------------------------------------------------------------------------------------------ */
/* Data */

static JmDepartment *
owning_department (JmDocument *document,
                   JmCard     *card,
                   gboolean   *inferred)
{
  return jm_checks_get_owning_department (document, card, inferred);
}

static gboolean
passes_filter (JmOpportunitiesPanel *self,
               JmDocument           *document,
               JmCard               *card)
{
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint dept = gtk_drop_down_get_selected (self->department_dropdown);

  /* Status choices: 0 = all, then the statuses in order. */
  if (status != GTK_INVALID_LIST_POSITION && status > 0 &&
      (guint) jm_card_get_status (card) != status - 1)
    return FALSE;

  if (dept != GTK_INVALID_LIST_POSITION && dept < self->department_ids->len &&
      g_ptr_array_index (self->department_ids, dept) != NULL)
    {
      const char *wanted = g_ptr_array_index (self->department_ids, dept);
      JmDepartment *owner = owning_department (document, card, NULL);
      const char *id = owner != NULL ? jm_element_get_id (JM_ELEMENT (owner)) : "";

      if (g_strcmp0 (wanted, id) != 0)
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  JmCard *card;
  guint   order;      /* canonical */
  int     priority;
} SortKey;

static int
compare_priority (gconstpointer a,
                  gconstpointer b)
{
  const SortKey *ka = a;
  const SortKey *kb = b;

  if (ka->priority != kb->priority)
    return ka->priority > kb->priority ? -1 : 1;
  return ka->order < kb->order ? -1 : (ka->order > kb->order ? 1 : 0);
}

static int
compare_order (gconstpointer a,
               gconstpointer b)
{
  const SortKey *ka = a;
  const SortKey *kb = b;

  return ka->order < kb->order ? -1 : (ka->order > kb->order ? 1 : 0);
}

/* The opportunities to show, in order: new array of borrowed cards. *n_total receives how many
 * the map has. */
static GPtrArray *
collect_cards (JmOpportunitiesPanel *self,
               gboolean              filtered,
               guint                *n_total)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (SortKey));
  GPtrArray *cards = g_ptr_array_new ();
  guint total = 0;

  if (document != NULL)
    {
      all = jm_document_dup_cards (document);
      for (guint i = 0; i < all->len; i++)
        {
          JmCard *card = g_ptr_array_index (all, i);
          SortKey key = { card, i, jm_card_get_priority (card) };

          if (jm_card_get_kind (card) != JM_CARD_KIND_OPPORTUNITY)
            continue;
          total++;
          if (filtered && !passes_filter (self, document, card))
            continue;
          g_array_append_val (keys, key);
        }

      g_array_sort (keys, gtk_drop_down_get_selected (self->sort_dropdown) == SORT_STAGE
                          ? compare_order : compare_priority);
    }

  for (guint i = 0; i < keys->len; i++)
    g_ptr_array_add (cards, g_array_index (keys, SortKey, i).card);

  if (n_total != NULL)
    *n_total = total;

  return cards;
}

static int
quadrant_of (JmCard *card)
{
  gboolean high_impact = jm_card_get_impact (card) >= HIGH_IMPACT;
  gboolean high_effort = jm_card_get_effort (card) >= HIGH_EFFORT;

  if (high_impact)
    return high_effort ? QUADRANT_BIG_BETS : QUADRANT_QUICK_WINS;
  return high_effort ? QUADRANT_MONEY_PITS : QUADRANT_FILL_INS;
}

/* ------------------------------------------------------------------------------------------ */
/* Rows */

static void
refresh_row (OppRow *or)
{
  JmOpportunitiesPanel *self = or->self;
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  JmCard *card = or->card;
  int priority = jm_card_get_priority (card);
  g_autofree char *priority_text = g_strdup_printf ("%d", priority);
  g_autofree char *title = jm_panel_dup_card_title (card);
  g_autofree char *stage = NULL;
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *tooltip = NULL;
  JmDepartment *department;
  gboolean inferred = FALSE;

  if (document == NULL || jm_element_get_document (JM_ELEMENT (card)) != document)
    return;

  stage = jm_panel_dup_stage_title (document, jm_card_get_stage (card));
  department = owning_department (document, card, &inferred);

  gtk_label_set_label (GTK_LABEL (or->priority), priority_text);
  if (priority >= 15)
    gtk_widget_add_css_class (or->priority, "high");
  else
    gtk_widget_remove_css_class (or->priority, "high");
  /* Translators: tooltip of an opportunity's priority: the value, impact and effort. */
  tooltip = g_strdup_printf (_("Priority %d: impact %d × (6 − effort %d)"),
                             priority, jm_card_get_impact (card), jm_card_get_effort (card));
  gtk_widget_set_tooltip_text (or->priority, tooltip);

  gtk_label_set_label (GTK_LABEL (or->title), title);

  g_string_append (meta, stage);
  g_string_append (meta, " · ");
  g_string_append (meta, jm_status_get_label (jm_card_get_status (card)));
  if (department != NULL)
    {
      g_string_append (meta, " · ");
      if (inferred)
        /* Translators: the department owning an opportunity through its stage. */
        g_string_append_printf (meta, _("%s (stage owner)"), jm_department_get_name (department));
      else
        g_string_append (meta, jm_department_get_name (department));
    }
  if (jm_card_get_owner (card)[0] != '\0')
    {
      g_string_append (meta, " · ");
      g_string_append (meta, jm_card_get_owner (card));
    }
  gtk_label_set_label (GTK_LABEL (or->meta), meta->str);
}

static GtkWidget *
labelled (const char *text,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);

  return box;
}

static void
ensure_editors (OppRow *or)
{
  JmOpportunitiesPanel *self = or->self;
  JmPanel *panel = JM_PANEL (self);
  JmDocument *document = jm_panel_get_document (panel);
  GtkWidget *box, *line, *entry, *impact, *effort, *status, *department;
  g_autoptr(GListModel) status_model = NULL;
  GListModel *department_model;

  if (or->has_editors || document == NULL)
    return;
  or->has_editors = TRUE;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 6);

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What can the company do?"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Opportunity text"), -1);
  jm_panel_bind_text (panel, GTK_EDITABLE (entry), jm_panel_single (or->card), "text");
  g_object_set_data (G_OBJECT (or->row), "jm-entry", entry);
  gtk_box_append (GTK_BOX (box), entry);

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  impact = gtk_spin_button_new_with_range (JM_RATING_MIN, JM_RATING_MAX, 1);
  jm_panel_bind_int (panel, GTK_SPIN_BUTTON (impact), jm_panel_single (or->card), "impact");
  gtk_box_append (GTK_BOX (line), labelled (_("_Impact"), impact));
  effort = gtk_spin_button_new_with_range (JM_RATING_MIN, JM_RATING_MAX, 1);
  jm_panel_bind_int (panel, GTK_SPIN_BUTTON (effort), jm_panel_single (or->card), "effort");
  gtk_box_append (GTK_BOX (line), labelled (_("_Effort"), effort));
  gtk_box_append (GTK_BOX (box), line);

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_set_homogeneous (GTK_BOX (line), TRUE);
  status_model = jm_panel_enum_model_new (JM_TYPE_STATUS);
  status = gtk_drop_down_new (g_object_ref (status_model), NULL);
  gtk_widget_set_tooltip_text (status, _("Status"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (status), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Status"), -1);
  jm_panel_bind_enum (panel, G_OBJECT (status), jm_panel_single (or->card), "status");
  gtk_box_append (GTK_BOX (line), status);

  department_model = jm_panel_department_model_new (document);
  department = gtk_drop_down_new (department_model,
                                  jm_panel_name_expression (JM_TYPE_DEPARTMENT));
  gtk_widget_set_tooltip_text (department, _("Owning department"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (department), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Owning department"), -1);
  jm_panel_bind_department (panel, G_OBJECT (department), jm_panel_single (or->card));
  gtk_box_append (GTK_BOX (line), department);
  gtk_box_append (GTK_BOX (box), line);

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Owner"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Owner"), -1);
  jm_panel_bind_text (panel, GTK_EDITABLE (entry), jm_panel_single (or->card), "owner");
  gtk_box_append (GTK_BOX (box), entry);

  gtk_revealer_set_child (GTK_REVEALER (or->revealer), box);
}

static GtkWidget *
make_row (JmOpportunitiesPanel *self,
          JmCard               *card)
{
  OppRow *or = g_new0 (OppRow, 1);
  GtkWidget *box, *top, *texts;

  or->self = self;
  or->card = g_object_ref (card);
  or->row = gtk_list_box_row_new ();
  g_object_set_data_full (G_OBJECT (or->row), "jm-opp-row", or, opp_row_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  or->priority = gtk_label_new (NULL);
  gtk_widget_set_valign (or->priority, GTK_ALIGN_START);
  gtk_widget_add_css_class (or->priority, "jm-priority");
  gtk_widget_add_css_class (or->priority, "numeric");
  gtk_box_append (GTK_BOX (top), or->priority);

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (texts, TRUE);
  or->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (or->title), 0);
  gtk_label_set_wrap (GTK_LABEL (or->title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (or->title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (or->title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (or->title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (texts), or->title);
  or->meta = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (or->meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (or->meta), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (or->meta, "dim-label");
  gtk_widget_add_css_class (or->meta, "caption");
  gtk_box_append (GTK_BOX (texts), or->meta);
  gtk_box_append (GTK_BOX (top), texts);
  gtk_box_append (GTK_BOX (box), top);

  or->revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (or->revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_box_append (GTK_BOX (box), or->revealer);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (or->row), box);
  refresh_row (or);

  g_ptr_array_add (self->rows, or);
  g_hash_table_insert (self->rows_by_id, (gpointer) jm_element_get_id (JM_ELEMENT (card)), or);

  return or->row;
}

static OppRow *
row_data (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "jm-opp-row") : NULL;
}

static gboolean scroll_to_widget_idle_cb (gpointer data);

/* Scrolls the list so the widget is visible, without moving the focus. A row not laid out yet
 * is scrolled to once it is. */
static void
scroll_to_widget (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *child;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page;

  if (scrolled == NULL || !gtk_widget_get_mapped (scrolled))
    return;

  child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (child == NULL)
    return;

  if (gtk_widget_get_width (widget) == 0 || gtk_widget_should_layout (widget))
    {
      if (g_object_get_data (G_OBJECT (widget), "jm-scroll-pending") == NULL)
        {
          g_object_set_data (G_OBJECT (widget), "jm-scroll-pending", GINT_TO_POINTER (1));
          g_timeout_add_full (G_PRIORITY_DEFAULT, 50, scroll_to_widget_idle_cb,
                              g_object_ref (widget), g_object_unref);
        }
      return;
    }

  if (!gtk_widget_compute_bounds (widget, child, &bounds))
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);

  if (bounds.origin.y < value)
    gtk_adjustment_set_value (adjustment, bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height - page);
}

static gboolean
scroll_to_widget_idle_cb (gpointer data)
{
  GtkWidget *widget = data;

  g_object_set_data (G_OBJECT (widget), "jm-scroll-pending", NULL);
  if (gtk_widget_get_parent (widget) != NULL && gtk_widget_get_width (widget) > 0)
    scroll_to_widget (widget);

  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------------------------------ */
/* Quadrants */

static void
quadrant_row_activated_cb (GtkListBox           *list,
                           GtkListBoxRow        *row,
                           JmOpportunitiesPanel *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "jm-card-id");

  if (id != NULL)
    jm_panel_show_element (JM_PANEL (self), id);
}

static void
build_quadrants (JmOpportunitiesPanel *self)
{
  static const struct {
    const char *title;
    const char *subtitle;
    const char *style;
  } quadrants[N_QUADRANTS] = {
    [QUADRANT_QUICK_WINS] = { N_("Quick Wins"), N_("High impact, low effort"), "quick-wins" },
    [QUADRANT_BIG_BETS] = { N_("Big Bets"), N_("High impact, high effort"), "big-bets" },
    [QUADRANT_FILL_INS] = { N_("Fill-Ins"), N_("Low impact, low effort"), "fill-ins" },
    [QUADRANT_MONEY_PITS] = { N_("Money Pits"), N_("Low impact, high effort"), "money-pits" },
  };

  for (guint q = 0; q < N_QUADRANTS; q++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *title = gtk_label_new (_(quadrants[q].title));
      GtkWidget *subtitle = gtk_label_new (_(quadrants[q].subtitle));
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *empty = gtk_label_new ("—");

      gtk_widget_add_css_class (box, "jm-quadrant");
      gtk_widget_add_css_class (box, quadrants[q].style);
      gtk_widget_add_css_class (box, "card");
      gtk_widget_set_valign (box, GTK_ALIGN_FILL);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_widget_add_css_class (title, "title-4");
      gtk_box_append (GTK_BOX (box), title);
      gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
      gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_widget_add_css_class (subtitle, "caption");
      gtk_box_append (GTK_BOX (box), subtitle);

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "jm-quadrant-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(quadrants[q].title), -1);
      g_signal_connect (list, "row-activated", G_CALLBACK (quadrant_row_activated_cb), self);
      gtk_box_append (GTK_BOX (box), list);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_box_append (GTK_BOX (box), empty);

      self->quadrant_lists[q] = GTK_LIST_BOX (list);
      self->quadrant_empty[q] = empty;
      gtk_grid_attach (self->quadrant_grid, box, q % 2, q / 2, 1, 1);
    }
}

static void
fill_quadrants (JmOpportunitiesPanel *self)
{
  g_autoptr(GPtrArray) cards = collect_cards (self, TRUE, NULL);
  guint counts[N_QUADRANTS] = { 0, };

  for (guint q = 0; q < N_QUADRANTS; q++)
    jm_panel_remove_all (GTK_WIDGET (self->quadrant_lists[q]));

  /* Always by priority here: the most valuable first in each quadrant. */
  {
    g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (SortKey));

    for (guint i = 0; i < cards->len; i++)
      {
        SortKey key = { g_ptr_array_index (cards, i), i,
                        jm_card_get_priority (g_ptr_array_index (cards, i)) };

        g_array_append_val (keys, key);
      }
    g_array_sort (keys, compare_priority);

    for (guint i = 0; i < keys->len; i++)
      {
        JmCard *card = g_array_index (keys, SortKey, i).card;
        int q = quadrant_of (card);
        g_autofree char *title = jm_panel_dup_card_title (card);
        g_autofree char *priority = g_strdup_printf ("%d", jm_card_get_priority (card));
        g_autofree char *tooltip = NULL;
        GtkWidget *row = gtk_list_box_row_new ();
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
        GtkWidget *badge = gtk_label_new (priority);
        GtkWidget *label = gtk_label_new (title);

        gtk_widget_add_css_class (badge, "jm-priority");
        gtk_widget_add_css_class (badge, "numeric");
        gtk_widget_set_valign (badge, GTK_ALIGN_START);
        gtk_box_append (GTK_BOX (box), badge);
        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_label_set_wrap (GTK_LABEL (label), TRUE);
        gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
        gtk_label_set_lines (GTK_LABEL (label), 3);
        gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
        gtk_widget_set_hexpand (label, TRUE);
        gtk_box_append (GTK_BOX (box), label);
        gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

        /* Translators: tooltip in the quadrants: impact and effort of an opportunity. */
        tooltip = g_strdup_printf (_("Impact %d, effort %d"),
                                   jm_card_get_impact (card), jm_card_get_effort (card));
        gtk_widget_set_tooltip_text (row, tooltip);
        g_object_set_data_full (G_OBJECT (row), "jm-card-id",
                                g_strdup (jm_element_get_id (JM_ELEMENT (card))), g_free);
        gtk_list_box_append (self->quadrant_lists[q], row);
        counts[q]++;
      }
  }

  for (guint q = 0; q < N_QUADRANTS; q++)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->quadrant_lists[q]), counts[q] > 0);
      gtk_widget_set_visible (self->quadrant_empty[q], counts[q] == 0);
    }
}

static gboolean
quadrants_visible (JmOpportunitiesPanel *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "quadrants") == 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Filters */

static void
update_status_filter (JmOpportunitiesPanel *self)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("All statuses"));
  for (guint s = JM_STATUS_IDEA; s <= JM_STATUS_DONE; s++)
    gtk_string_list_append (list, jm_status_get_label (s));

  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (list));
  g_object_unref (list);
}

static void
update_department_filter (JmOpportunitiesPanel *self)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  GListModel *departments = document != NULL ? jm_document_get_departments (document) : NULL;
  guint n = departments != NULL ? g_list_model_get_n_items (departments) : 0;
  g_autoptr(GString) signature = g_string_new (NULL);
  g_autofree char *selected_id = NULL;
  gboolean all_selected;
  guint selected;
  GtkStringList *list;
  guint new_selected = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JmDepartment) department = g_list_model_get_item (departments, i);

      g_string_append_printf (signature, "%s\x1f%s\x1e",
                              jm_element_get_id (JM_ELEMENT (department)),
                              jm_department_get_name (department));
    }

  if (g_strcmp0 (signature->str, self->department_signature) == 0)
    return;
  g_free (self->department_signature);
  self->department_signature = g_strdup (signature->str);

  /* Keep the chosen department across the rebuild. */
  selected = gtk_drop_down_get_selected (self->department_dropdown);
  all_selected = selected == GTK_INVALID_LIST_POSITION || selected >= self->department_ids->len ||
                 g_ptr_array_index (self->department_ids, selected) == NULL;
  if (!all_selected)
    selected_id = g_strdup (g_ptr_array_index (self->department_ids, selected));

  g_ptr_array_set_size (self->department_ids, 0);
  list = gtk_string_list_new (NULL);
  gtk_string_list_append (list, _("All departments"));
  g_ptr_array_add (self->department_ids, NULL);
  gtk_string_list_append (list, _("No department"));
  g_ptr_array_add (self->department_ids, g_strdup (""));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JmDepartment) department = g_list_model_get_item (departments, i);
      const char *id = jm_element_get_id (JM_ELEMENT (department));

      gtk_string_list_append (list, jm_department_get_name (department));
      g_ptr_array_add (self->department_ids, g_strdup (id));
      if (g_strcmp0 (id, selected_id) == 0)
        new_selected = i + 2;
    }
  if (g_strcmp0 (selected_id, "") == 0)
    new_selected = 1;

  self->updating++;
  gtk_drop_down_set_model (self->department_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->department_dropdown, new_selected);
  self->updating--;
  g_object_unref (list);
}

/* ------------------------------------------------------------------------------------------ */

static void
update_add_button (JmOpportunitiesPanel *self)
{
  JmPanel *panel = JM_PANEL (self);
  gboolean has_lane = jm_panel_find_lane (panel, JM_LANE_KIND_OPPORTUNITIES) != NULL;
  JmStage *stage = jm_panel_get_selected_stage (panel);

  gtk_widget_set_sensitive (self->add_button, has_lane && stage != NULL);
  if (!has_lane)
    gtk_widget_set_tooltip_text (self->add_button,
                                 _("The map has no Opportunities lane"));
  else if (stage == NULL)
    gtk_widget_set_tooltip_text (self->add_button,
                                 _("Select a stage or a card on the map first"));
  else
    {
      g_autofree char *title = jm_panel_dup_stage_title (jm_panel_get_document (panel),
                                                         jm_element_get_id (JM_ELEMENT (stage)));
      /* Translators: %s is a stage's title. */
      g_autofree char *tooltip = g_strdup_printf (_("Add an opportunity to “%s”"), title);

      gtk_widget_set_tooltip_text (self->add_button, tooltip);
    }
}

static OppRow *
selected_row (JmOpportunitiesPanel *self)
{
  return row_data (gtk_list_box_get_selected_row (self->list));
}

static void
select_card_row (JmOpportunitiesPanel *self,
                 const char           *card_id)
{
  OppRow *or = card_id != NULL ? g_hash_table_lookup (self->rows_by_id, card_id) : NULL;

  self->updating++;
  if (or != NULL)
    {
      gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (or->row));
      scroll_to_widget (or->row);
    }
  else
    gtk_list_box_unselect_all (self->list);
  self->updating--;
}

static gboolean
focus_in_list (JmOpportunitiesPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == GTK_WIDGET (self->list) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)));
}

static void
jm_opportunities_panel_reload (JmPanel *panel)
{
  JmOpportunitiesPanel *self = JM_OPPORTUNITIES_PANEL (panel);
  g_autoptr(GPtrArray) cards = NULL;
  OppRow *selected = selected_row (self);
  g_autofree char *selected_id = NULL;
  gboolean same;
  guint total = 0;
  g_autofree char *count = NULL;

  self->order_dirty = FALSE;
  update_department_filter (self);
  update_add_button (self);

  cards = collect_cards (self, TRUE, &total);

  if (selected != NULL)
    selected_id = g_strdup (jm_element_get_id (JM_ELEMENT (selected->card)));

  same = cards->len == self->rows->len;
  for (guint i = 0; same && i < cards->len; i++)
    same = ((OppRow *) g_ptr_array_index (self->rows, i))->card == g_ptr_array_index (cards, i);

  if (same)
    {
      for (guint i = 0; i < self->rows->len; i++)
        refresh_row (g_ptr_array_index (self->rows, i));
    }
  else
    {
      self->updating++;
      g_ptr_array_set_size (self->rows, 0);
      g_hash_table_remove_all (self->rows_by_id);
      jm_panel_remove_all (GTK_WIDGET (self->list));
      for (guint i = 0; i < cards->len; i++)
        gtk_list_box_append (self->list, make_row (self, g_ptr_array_index (cards, i)));
      self->updating--;

      if (selected_id != NULL)
        select_card_row (self, selected_id);
    }

  if (total == cards->len)
    /* Translators: how many opportunities the list shows. */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u opportunity", "%u opportunities",
                                          total), total);
  else
    /* Translators: how many opportunities the filters let through, of how many. */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u opportunity",
                                          "%u of %u opportunities", total),
                             cards->len, total);
  gtk_label_set_label (self->count_label, count);

  gtk_widget_set_visible (self->empty_label, total == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->list), cards->len > 0);

  if (quadrants_visible (self))
    fill_quadrants (self);
}

/* The order or filter may have changed: re-sort now, or when the focus leaves the list. */
static void
queue_reorder (JmOpportunitiesPanel *self)
{
  if (focus_in_list (self))
    self->order_dirty = TRUE;
  else
    jm_panel_queue_reload (JM_PANEL (self));
}

static void
jm_opportunities_panel_document_changed (JmPanel      *panel,
                                         JmChangeType  type,
                                         JmElement    *element,
                                         const char   *property)
{
  JmOpportunitiesPanel *self = JM_OPPORTUNITIES_PANEL (panel);

  if (type != JM_CHANGE_PROPERTY)
    {
      jm_panel_queue_reload (panel);
      return;
    }

  if (element == NULL)
    return;

  if (JM_IS_CARD (element))
    {
      JmCard *card = JM_CARD (element);

      if (g_strcmp0 (property, "kind") == 0)
        {
          jm_panel_queue_reload (panel);
          return;
        }

      if (jm_card_get_kind (card) == JM_CARD_KIND_OPPORTUNITY)
        {
          OppRow *or = g_hash_table_lookup (self->rows_by_id, jm_element_get_id (element));

          if (or != NULL)
            refresh_row (or);
          if (g_strcmp0 (property, "text") != 0 && g_strcmp0 (property, "notes") != 0)
            queue_reorder (self);
          else if (quadrants_visible (self))
            fill_quadrants (self);
        }
      else if (jm_card_get_kind (card) == JM_CARD_KIND_RESPONSIBILITY &&
               g_strcmp0 (property, "department") == 0)
        queue_reorder (self);   /* stage owners changed */
    }
  else if (JM_IS_STAGE (element) || JM_IS_DEPARTMENT (element))
    jm_panel_queue_reload (panel);
}

static void
jm_opportunities_panel_selection_changed (JmPanel *panel)
{
  JmOpportunitiesPanel *self = JM_OPPORTUNITIES_PANEL (panel);
  g_autoptr(GPtrArray) cards = jm_panel_dup_selected_cards (panel);
  OppRow *current = selected_row (self);

  update_add_button (self);

  if (cards->len == 1 &&
      jm_card_get_kind (g_ptr_array_index (cards, 0)) == JM_CARD_KIND_OPPORTUNITY)
    {
      JmCard *card = g_ptr_array_index (cards, 0);

      if (current == NULL || current->card != card)
        {
          jm_panel_flush (panel);
          select_card_row (self, jm_element_get_id (JM_ELEMENT (card)));
        }
    }
  else if (current != NULL)
    select_card_row (self, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks */

static void
row_selected_cb (JmOpportunitiesPanel *self,
                 GtkListBoxRow        *row)
{
  OppRow *selected = row_data (row);

  for (guint i = 0; i < self->rows->len; i++)
    {
      OppRow *or = g_ptr_array_index (self->rows, i);

      if (or == selected)
        ensure_editors (or);
      gtk_revealer_set_reveal_child (GTK_REVEALER (or->revealer), or == selected);
    }

  /* A row chosen in the list selects its card on the canvas (activation also scrolls). */
  if (self->updating == 0 && selected != NULL)
    {
      JmCanvas *canvas = jm_panel_get_canvas (JM_PANEL (self));
      const char *ids[] = { jm_element_get_id (JM_ELEMENT (selected->card)), NULL };

      if (canvas != NULL)
        {
          self->updating++;
          jm_canvas_select_ids (canvas, ids);
          self->updating--;
        }
    }
}

static void
row_activated_cb (JmOpportunitiesPanel *self,
                  GtkListBoxRow        *row)
{
  OppRow *or = row_data (row);

  if (or != NULL)
    jm_panel_show_element (JM_PANEL (self), jm_element_get_id (JM_ELEMENT (or->card)));
}

static void
list_focus_leave_cb (JmOpportunitiesPanel *self)
{
  if (self->order_dirty)
    jm_panel_queue_reload (JM_PANEL (self));
}

static void
filter_changed_cb (JmOpportunitiesPanel *self)
{
  if (self->updating > 0)
    return;
  jm_panel_queue_reload (JM_PANEL (self));
}

static void
view_toggled_cb (JmOpportunitiesPanel *self)
{
  gboolean quadrants = gtk_toggle_button_get_active (self->quadrant_button);

  gtk_stack_set_visible_child_name (self->view_stack, quadrants ? "quadrants" : "list");
  if (quadrants)
    fill_quadrants (self);
}

static void
add_clicked_cb (JmOpportunitiesPanel *self)
{
  JmPanel *panel = JM_PANEL (self);
  JmDocument *document = jm_panel_get_document (panel);
  JmStage *stage = jm_panel_get_selected_stage (panel);
  JmLane *lane = jm_panel_find_lane (panel, JM_LANE_KIND_OPPORTUNITIES);
  g_autofree char *id = NULL;
  g_autoptr(JmCard) card = NULL;
  OppRow *or;

  if (document == NULL || stage == NULL || lane == NULL)
    return;

  id = jm_document_make_id (document, "c");
  card = jm_card_new (id, JM_CARD_KIND_OPPORTUNITY, jm_element_get_id (JM_ELEMENT (stage)),
                      jm_element_get_id (JM_ELEMENT (lane)), "");
  if (!jm_panel_apply (panel, jm_insert_command_new (JM_ELEMENT (card), -1)))
    return;

  /* Show all, so the new card is in the list; then select it here and on the canvas. */
  self->updating++;
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->department_dropdown, 0);
  self->updating--;
  gtk_toggle_button_set_active (self->list_button, TRUE);
  jm_panel_queue_reload (panel);
  jm_panel_flush (panel);
  jm_panel_show_element (panel, id);
  select_card_row (self, id);

  or = g_hash_table_lookup (self->rows_by_id, id);
  if (or != NULL)
    {
      GtkWidget *entry;

      ensure_editors (or);
      gtk_revealer_set_reveal_child (GTK_REVEALER (or->revealer), TRUE);
      entry = g_object_get_data (G_OBJECT (or->row), "jm-entry");
      if (entry != NULL)
        gtk_widget_grab_focus (entry);
    }
}

/* ------------------------------------------------------------------------------------------ */

static void
jm_opportunities_panel_dispose (GObject *object)
{
  JmOpportunitiesPanel *self = JM_OPPORTUNITIES_PANEL (object);

  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  if (self->rows_by_id != NULL)
    g_hash_table_remove_all (self->rows_by_id);
  jm_panel_dispose_template (JM_PANEL (object), JM_TYPE_OPPORTUNITIES_PANEL);

  G_OBJECT_CLASS (jm_opportunities_panel_parent_class)->dispose (object);
}

static void
jm_opportunities_panel_finalize (GObject *object)
{
  JmOpportunitiesPanel *self = JM_OPPORTUNITIES_PANEL (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->rows_by_id, g_hash_table_unref);
  g_clear_pointer (&self->department_ids, g_ptr_array_unref);
  g_free (self->department_signature);

  G_OBJECT_CLASS (jm_opportunities_panel_parent_class)->finalize (object);
}

static void
jm_opportunities_panel_class_init (JmOpportunitiesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  JmPanelClass *panel_class = JM_PANEL_CLASS (klass);

  object_class->dispose = jm_opportunities_panel_dispose;
  object_class->finalize = jm_opportunities_panel_finalize;

  panel_class->reload = jm_opportunities_panel_reload;
  panel_class->document_changed = jm_opportunities_panel_document_changed;
  panel_class->selection_changed = jm_opportunities_panel_selection_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/panels/jm-opportunities-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, JmOpportunitiesPanel, add_button);
  gtk_widget_class_bind_template_child (widget_class, JmOpportunitiesPanel, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JmOpportunitiesPanel, list_button);
  gtk_widget_class_bind_template_child (widget_class, JmOpportunitiesPanel, quadrant_button);
  gtk_widget_class_bind_template_child (widget_class, JmOpportunitiesPanel, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JmOpportunitiesPanel, department_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JmOpportunitiesPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, JmOpportunitiesPanel, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JmOpportunitiesPanel, empty_label);
  gtk_widget_class_bind_template_child (widget_class, JmOpportunitiesPanel, list);
  gtk_widget_class_bind_template_child (widget_class, JmOpportunitiesPanel, quadrant_grid);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
jm_opportunities_panel_init (JmOpportunitiesPanel *self)
{
  GtkEventController *focus;

  self->rows = g_ptr_array_new ();
  self->rows_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->department_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->updating++;
  update_status_filter (self);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  update_department_filter (self);
  self->updating--;
  build_quadrants (self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (list_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list), focus);
}
