/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-responsibilities-panel.c: who owns each moment of the journey.
 *
 * - the departments: add, rename, recolour, delete (their cards go to another department or to
 *   none, in the same undo step);
 * - assigning the selected cards to a department and an owner;
 * - a stage × department grid: how many cards of each stage name each department (a number
 *   selects those cards);
 * - the touchpoints that name no department, with the department that owns their stage, if
 *   any (see jm-checks.h, "Ownership"). */
#define G_LOG_DOMAIN "jm-panels"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-responsibilities-panel.h"
#include "model/jm-checks.h"

/* Huge maps: the list of touchpoints without a department shows the first ones. */
#define MAX_UNOWNED_ROWS 100

struct _JmResponsibilitiesPanel
{
  JmPanel      parent_instance;

  /* Template widgets */
  GtkWidget   *add_button;
  GtkListBox  *department_list;
  GtkLabel    *selection_label;
  GtkWidget   *assign_box;
  GtkDropDown *assign_department;
  GtkEntry    *assign_owner;
  GtkWidget   *assign_button;
  GtkGrid     *owner_grid;
  GtkLabel    *unowned_title;
  GtkWidget   *unowned_empty;
  GtkListBox  *unowned_list;

  /* Owned */
  GPtrArray   *departments;     /* JmDepartment shown in department_list, in order */
  GHashTable  *count_labels;    /* department id → GtkLabel (borrowed) */
  JmDocument  *model_document;  /* the document assign_department lists */
};

G_DEFINE_FINAL_TYPE (JmResponsibilitiesPanel, jm_responsibilities_panel, JM_TYPE_PANEL)

/* ------------------------------------------------------------------------------------------ */
/* Deleting a department */

typedef struct
{
  JmResponsibilitiesPanel *self;
  char        *department_id;
  GtkDropDown *target;
  GPtrArray   *target_ids;      /* "" then department ids */
} DeleteData;

static void
delete_data_free (gpointer  data,
                  GClosure *closure)
{
  DeleteData *dd = data;

  g_object_unref (dd->self);
  g_free (dd->department_id);
  g_ptr_array_unref (dd->target_ids);
  g_free (dd);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DeleteData       *dd)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (dd->self));
  const char *ids[] = { dd->department_id, NULL };
  guint target;
  const char *reassign = NULL;

  if (g_strcmp0 (response, "delete") != 0 || document == NULL)
    return;

  target = gtk_drop_down_get_selected (dd->target);
  if (target != GTK_INVALID_LIST_POSITION && target < dd->target_ids->len)
    reassign = g_ptr_array_index (dd->target_ids, target);
  if (reassign != NULL && reassign[0] == '\0')
    reassign = NULL;

  jm_panel_apply (JM_PANEL (dd->self), jm_delete_command_new (document, ids, reassign));
}

static guint
count_department_cards (JmDocument *document,
                        const char *department_id)
{
  g_autoptr(GPtrArray) cards = jm_document_dup_cards (document);
  guint n = 0;

  for (guint i = 0; i < cards->len; i++)
    if (g_strcmp0 (jm_card_get_department (g_ptr_array_index (cards, i)), department_id) == 0)
      n++;

  return n;
}

static void
delete_clicked_cb (GtkButton               *button,
                   JmResponsibilitiesPanel *self)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  JmDepartment *department = g_object_get_data (G_OBJECT (button), "jm-department");
  GListModel *departments;
  GtkWidget *dialog, *box, *label;
  GtkStringList *choices;
  DeleteData *dd;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint n_cards;

  if (document == NULL || department == NULL)
    return;

  n_cards = count_department_cards (document, jm_element_get_id (JM_ELEMENT (department)));

  dd = g_new0 (DeleteData, 1);
  dd->self = g_object_ref (self);
  dd->department_id = g_strdup (jm_element_get_id (JM_ELEMENT (department)));
  dd->target_ids = g_ptr_array_new_with_free_func (g_free);

  choices = gtk_string_list_new (NULL);
  gtk_string_list_append (choices, _("No department"));
  g_ptr_array_add (dd->target_ids, g_strdup (""));
  departments = jm_document_get_departments (document);
  for (guint i = 0; i < g_list_model_get_n_items (departments); i++)
    {
      g_autoptr(JmDepartment) other = g_list_model_get_item (departments, i);

      if (other == department)
        continue;
      gtk_string_list_append (choices, jm_department_get_name (other));
      g_ptr_array_add (dd->target_ids, g_strdup (jm_element_get_id (JM_ELEMENT (other))));
    }

  /* Translators: %s is a department's name. */
  heading = g_strdup_printf (_("Delete “%s”?"), jm_department_get_name (department));
  if (n_cards > 0)
    /* Translators: %u is a number of cards. */
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u card names this department. Give it to:",
                                         "%u cards name this department. Give them to:",
                                         n_cards),
                            n_cards);
  else
    body = g_strdup (_("No card names this department."));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new_with_mnemonic (_("_Reassign to"));
  gtk_box_append (GTK_BOX (box), label);
  dd->target = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (choices), NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (dd->target), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (dd->target));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dd->target));
  gtk_widget_set_visible (box, n_cards > 0);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb), dd,
                         delete_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------------------------ */
/* Departments */

static GtkWidget *
make_department_row (JmResponsibilitiesPanel *self,
                     JmDepartment            *department)
{
  JmPanel *panel = JM_PANEL (self);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name;
  GtkWidget *count = gtk_label_new (NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *label = NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  name = jm_panel_append_name_editors (panel, GTK_BOX (box), department, _("Department name"),
                                       _("Department name"));

  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), count);
  g_hash_table_insert (self->count_labels,
                       g_strdup (jm_element_get_id (JM_ELEMENT (department))), count);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  /* Translators: %s is a department's name. */
  label = g_strdup_printf (_("Delete %s"), jm_department_get_name (department));
  gtk_widget_set_tooltip_text (remove, _("Delete Department"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  g_object_set_data_full (G_OBJECT (remove), "jm-department", g_object_ref (department),
                          g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (delete_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), remove);

  g_object_set_data (G_OBJECT (row), "jm-name-entry", name);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
rebuild_departments (JmResponsibilitiesPanel *self)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  GListModel *departments = document != NULL ? jm_document_get_departments (document) : NULL;
  guint n = departments != NULL ? g_list_model_get_n_items (departments) : 0;

  if (self->model_document != document)
    {
      GListModel *model = jm_panel_department_model_new (document);

      /* The assign dropdown lists the document's departments, live. */
      g_set_object (&self->model_document, document);
      gtk_drop_down_set_model (self->assign_department, model);
      g_object_unref (model);
    }

  if (jm_panel_same_items (self->departments, departments))
    return;

  g_ptr_array_set_size (self->departments, 0);
  g_hash_table_remove_all (self->count_labels);
  jm_panel_remove_all (GTK_WIDGET (self->department_list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JmDepartment) department = g_list_model_get_item (departments, i);

      g_ptr_array_add (self->departments, g_object_ref (department));
      gtk_list_box_append (self->department_list, make_department_row (self, department));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->department_list), n > 0);
}

/* ------------------------------------------------------------------------------------------ */
/* The grid */

static void
grid_cell_clicked_cb (GtkButton               *button,
                      JmResponsibilitiesPanel *self)
{
  GStrv ids = g_object_get_data (G_OBJECT (button), "jm-ids");

  jm_panel_show_elements (JM_PANEL (self), (const char * const *) ids);
}

static GtkWidget *
grid_label (const char *text,
            const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);

  return label;
}

static void
rebuild_grid (JmResponsibilitiesPanel *self)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  guint n_stages, n_departments;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GHashTable) stage_index = NULL;
  g_autoptr(GHashTable) department_index = NULL;
  GPtrArray **cells;

  jm_panel_remove_all (GTK_WIDGET (self->owner_grid));
  if (document == NULL)
    return;

  n_stages = jm_document_get_n_stages (document);
  n_departments = self->departments->len;
  if (n_stages == 0 || n_departments == 0)
    {
      GtkWidget *label = gtk_label_new (n_stages == 0 ? _("The map has no stages.")
                                                      : _("The map has no departments."));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->owner_grid, label, 0, 0, 1, 1);
      return;
    }

  stage_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint s = 0; s < n_stages; s++)
    g_hash_table_insert (stage_index,
                         (gpointer) jm_element_get_id (JM_ELEMENT (jm_document_get_stage (document, s))),
                         GUINT_TO_POINTER (s + 1));
  department_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint d = 0; d < n_departments; d++)
    g_hash_table_insert (department_index,
                         (gpointer) jm_element_get_id (g_ptr_array_index (self->departments, d)),
                         GUINT_TO_POINTER (d + 1));

  /* cells[s * n_departments + d]: card ids (borrowed) of stage s naming department d. */
  cells = g_new0 (GPtrArray *, n_stages * n_departments);
  cards = jm_document_dup_cards (document);
  for (guint i = 0; i < cards->len; i++)
    {
      JmCard *card = g_ptr_array_index (cards, i);
      guint s = GPOINTER_TO_UINT (g_hash_table_lookup (stage_index, jm_card_get_stage (card)));
      guint d = GPOINTER_TO_UINT (g_hash_table_lookup (department_index,
                                                       jm_card_get_department (card)));
      GPtrArray **cell;

      if (s == 0 || d == 0)
        continue;

      cell = &cells[(s - 1) * n_departments + (d - 1)];
      if (*cell == NULL)
        *cell = g_ptr_array_new ();
      g_ptr_array_add (*cell, card);
    }

  /* Header: one column per department. */
  for (guint d = 0; d < n_departments; d++)
    {
      JmDepartment *department = g_ptr_array_index (self->departments, d);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *label = grid_label (jm_department_get_name (department), "caption");

      gtk_widget_set_halign (box, GTK_ALIGN_FILL);
      gtk_box_append (GTK_BOX (box), jm_panel_swatch_new (jm_department_get_color (department)));
      gtk_label_set_max_width_chars (GTK_LABEL (label), 6);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_tooltip_text (box, jm_department_get_name (department));
      gtk_widget_set_hexpand (box, TRUE);
      gtk_grid_attach (self->owner_grid, box, d + 1, 0, 1, 1);
    }

  for (guint s = 0; s < n_stages; s++)
    {
      const char *stage_id = jm_element_get_id (JM_ELEMENT (jm_document_get_stage (document, s)));
      g_autofree char *title = jm_panel_dup_stage_title (document, stage_id);
      GtkWidget *label = grid_label (title, NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
      gtk_widget_set_tooltip_text (label, title);
      gtk_grid_attach (self->owner_grid, label, 0, s + 1, 1, 1);

      for (guint d = 0; d < n_departments; d++)
        {
          GPtrArray *cell = cells[s * n_departments + d];
          JmDepartment *department = g_ptr_array_index (self->departments, d);

          if (cell == NULL)
            {
              GtkWidget *dot = gtk_label_new ("·");

              gtk_widget_add_css_class (dot, "dim-label");
              gtk_grid_attach (self->owner_grid, dot, d + 1, s + 1, 1, 1);
            }
          else
            {
              g_autofree char *number = g_strdup_printf ("%u", cell->len);
              GtkWidget *button = gtk_button_new_with_label (number);
              g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
              guint n_touchpoints = 0;
              g_autofree char *tooltip = NULL;

              for (guint i = 0; i < cell->len; i++)
                {
                  JmCard *card = g_ptr_array_index (cell, i);

                  g_strv_builder_add (builder, jm_element_get_id (JM_ELEMENT (card)));
                  if (jm_card_get_kind (card) == JM_CARD_KIND_TOUCHPOINT)
                    n_touchpoints++;
                }
              g_object_set_data_full (G_OBJECT (button), "jm-ids", g_strv_builder_end (builder),
                                      (GDestroyNotify) g_strfreev);

              /* Translators: tooltip of the grid: department, number of cards (of which
               * touchpoints), stage. */
              tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "%s: %u card in %s (%u touchpoints)",
                                                      "%s: %u cards in %s (%u touchpoints)",
                                                      cell->len),
                                         jm_department_get_name (department), cell->len, title,
                                         n_touchpoints);
              gtk_widget_set_tooltip_text (button, tooltip);
              gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
              gtk_widget_add_css_class (button, "flat");
              gtk_widget_add_css_class (button, "numeric");
              gtk_widget_add_css_class (button, "jm-grid-cell");
              g_signal_connect (button, "clicked", G_CALLBACK (grid_cell_clicked_cb), self);
              gtk_grid_attach (self->owner_grid, button, d + 1, s + 1, 1, 1);
              g_ptr_array_unref (cell);
            }
        }
    }

  g_free (cells);
}

/* ------------------------------------------------------------------------------------------ */
/* Touchpoints without a department */

static void
unowned_activated_cb (JmResponsibilitiesPanel *self,
                      GtkListBoxRow           *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "jm-card-id");

  if (id != NULL)
    jm_panel_show_element (JM_PANEL (self), id);
}

static void
rebuild_unowned (JmResponsibilitiesPanel *self)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  g_autoptr(GPtrArray) cards = document != NULL ? jm_document_dup_cards (document) : NULL;
  guint n = 0;
  guint n_orphans = 0;
  g_autofree char *title = NULL;

  jm_panel_remove_all (GTK_WIDGET (self->unowned_list));

  for (guint i = 0; cards != NULL && i < cards->len; i++)
    {
      JmCard *card = g_ptr_array_index (cards, i);
      JmElement *own = jm_document_lookup (document, jm_card_get_department (card));
      JmDepartment *stage_owner;
      gboolean inferred = FALSE;
      g_autofree char *card_title = NULL;
      g_autofree char *stage_title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *box, *label, *sub, *icon;

      if (jm_card_get_kind (card) != JM_CARD_KIND_TOUCHPOINT ||
          (own != NULL && JM_IS_DEPARTMENT (own)))
        continue;

      n++;
      stage_owner = jm_checks_get_owning_department (document, card, &inferred);
      if (stage_owner == NULL)
        n_orphans++;
      if (n > MAX_UNOWNED_ROWS)
        continue;
      card_title = jm_panel_dup_card_title (card);
      stage_title = jm_panel_dup_stage_title (document, jm_card_get_stage (card));
      if (stage_owner != NULL)
        /* Translators: a touchpoint's stage, then the department owning that stage. */
        subtitle = g_strdup_printf (_("%s · stage owned by %s"), stage_title,
                                    jm_department_get_name (stage_owner));
      else
        {
          /* Translators: %s is a stage's title. */
          subtitle = g_strdup_printf (_("%s · nobody owns this stage"), stage_title);
        }

      row = gtk_list_box_row_new ();
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      gtk_widget_set_margin_start (box, 10);
      gtk_widget_set_margin_end (box, 10);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      icon = gtk_image_new_from_icon_name (stage_owner != NULL ? "dialog-information-symbolic"
                                                                : "dialog-warning-symbolic");
      if (stage_owner == NULL)
        gtk_widget_add_css_class (icon, "warning");
      else
        gtk_widget_add_css_class (icon, "dim-label");
      gtk_box_append (GTK_BOX (box), icon);

      label = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_widget_set_hexpand (label, TRUE);
      sub = gtk_label_new (card_title);
      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (label), sub);
      sub = gtk_label_new (subtitle);
      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_widget_add_css_class (sub, "caption");
      gtk_box_append (GTK_BOX (label), sub);
      gtk_box_append (GTK_BOX (box), label);

      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "jm-card-id",
                              g_strdup (jm_element_get_id (JM_ELEMENT (card))), g_free);
      gtk_list_box_append (self->unowned_list, row);
    }

  if (n > MAX_UNOWNED_ROWS)
    {
      /* Translators: the list of touchpoints without a department shows only the first ones. */
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more",
                                                            "and %u more", n - MAX_UNOWNED_ROWS),
                                               n - MAX_UNOWNED_ROWS);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (more);

      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->unowned_list, row);
    }

  if (n_orphans > 0)
    /* Translators: title of a list; %u is how many touchpoints, of which %u have no owner at
     * all. */
    title = g_strdup_printf (_("Touchpoints Without a Department (%u, %u unowned)"), n,
                             n_orphans);
  else
    /* Translators: title of a list; %u is how many touchpoints. */
    title = g_strdup_printf (_("Touchpoints Without a Department (%u)"), n);
  gtk_label_set_label (self->unowned_title, title);
  gtk_widget_set_visible (self->unowned_empty, n == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->unowned_list), n > 0);
}

/* ------------------------------------------------------------------------------------------ */

static void
update_counts (JmResponsibilitiesPanel *self)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  if (document == NULL)
    return;

  cards = jm_document_dup_cards (document);
  for (guint i = 0; i < cards->len; i++)
    {
      const char *id = jm_card_get_department (g_ptr_array_index (cards, i));

      if (id[0] != '\0')
        g_hash_table_insert (counts, (gpointer) id,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, id)) + 1));
    }

  g_hash_table_iter_init (&iter, self->count_labels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));
      g_autofree char *text = g_strdup_printf ("%u", n);
      /* Translators: how many cards name a department. */
      g_autofree char *tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card",
                                                               "%u cards", n), n);

      gtk_label_set_label (GTK_LABEL (value), text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (value), tooltip);
    }
}

static void
jm_responsibilities_panel_selection_changed (JmPanel *panel)
{
  JmResponsibilitiesPanel *self = JM_RESPONSIBILITIES_PANEL (panel);
  g_autoptr(GPtrArray) cards = jm_panel_dup_selected_cards (panel);
  g_autofree char *text = NULL;

  if (cards->len == 0)
    text = g_strdup (_("Select cards on the map to give them a department and an owner."));
  else
    /* Translators: %u is a number of selected cards. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card selected.",
                                         "%u cards selected.", cards->len),
                            cards->len);

  gtk_label_set_label (self->selection_label, text);
  gtk_widget_set_sensitive (self->assign_box, cards->len > 0);
}

static void
jm_responsibilities_panel_reload (JmPanel *panel)
{
  JmResponsibilitiesPanel *self = JM_RESPONSIBILITIES_PANEL (panel);
  JmDocument *document = jm_panel_get_document (panel);

  gtk_widget_set_sensitive (self->add_button, document != NULL);
  rebuild_departments (self);
  update_counts (self);
  rebuild_grid (self);
  rebuild_unowned (self);
  jm_responsibilities_panel_selection_changed (panel);
}

static void
jm_responsibilities_panel_document_changed (JmPanel      *panel,
                                            JmChangeType  type,
                                            JmElement    *element,
                                            const char   *property)
{
  if (type != JM_CHANGE_PROPERTY)
    {
      jm_panel_queue_reload (panel);
      return;
    }

  /* Names and colours in the grid, counts, owners. */
  if ((element != NULL && JM_IS_DEPARTMENT (element)) ||
      (element != NULL && JM_IS_STAGE (element) && g_strcmp0 (property, "title") == 0) ||
      (element != NULL && JM_IS_CARD (element) &&
       (g_strcmp0 (property, "department") == 0 || g_strcmp0 (property, "kind") == 0 ||
        (g_strcmp0 (property, "text") == 0 &&
         jm_card_get_kind (JM_CARD (element)) == JM_CARD_KIND_TOUCHPOINT))))
    jm_panel_queue_reload (panel);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks */

static void
add_clicked_cb (JmResponsibilitiesPanel *self)
{
  JmPanel *panel = JM_PANEL (self);
  JmDocument *document = jm_panel_get_document (panel);
  g_autofree char *id = NULL;
  g_autoptr(JmDepartment) department = NULL;
  guint n;

  if (document == NULL)
    return;

  n = g_list_model_get_n_items (jm_document_get_departments (document));
  id = jm_document_make_id (document, "d");
  department = jm_department_new (id, _("New Department"), jm_panel_palette_color (n));
  if (!jm_panel_apply (panel, jm_insert_command_new (JM_ELEMENT (department), -1)))
    return;

  /* Rename it at once. */
  jm_panel_focus_row_name (panel, self->department_list, n);
}

static void
assign_clicked_cb (JmResponsibilitiesPanel *self)
{
  JmPanel *panel = JM_PANEL (self);
  g_autoptr(GPtrArray) cards = jm_panel_dup_selected_cards (panel);
  g_autoptr(JmElement) item = NULL;
  GListModel *model = gtk_drop_down_get_model (self->assign_department);
  guint selected = gtk_drop_down_get_selected (self->assign_department);
  const char *department_id = "";
  const char *owner = gtk_editable_get_text (GTK_EDITABLE (self->assign_owner));
  GPtrArray *commands;

  if (cards->len == 0)
    return;

  if (model != NULL && selected != GTK_INVALID_LIST_POSITION && selected > 0)
    {
      item = g_list_model_get_item (model, selected);
      if (item != NULL)
        department_id = jm_element_get_id (item);
    }

  commands = g_ptr_array_new_with_free_func (g_object_unref);
  /* The department's command comes first: it names the undo step. */
  for (guint i = 0; i < cards->len; i++)
    {
      JmCard *card = g_ptr_array_index (cards, i);

      if (g_strcmp0 (jm_card_get_department (card), department_id) != 0)
        g_ptr_array_add (commands, jm_set_string_command_new (JM_ELEMENT (card), "department",
                                                              department_id));
    }
  /* An empty owner leaves the owners as they are. */
  for (guint i = 0; owner[0] != '\0' && i < cards->len; i++)
    {
      JmCard *card = g_ptr_array_index (cards, i);

      if (g_strcmp0 (jm_card_get_owner (card), owner) != 0)
        g_ptr_array_add (commands, jm_set_string_command_new (JM_ELEMENT (card), "owner", owner));
    }

  if (commands->len > 0 && jm_panel_get_history (panel) != NULL)
    {
      jm_history_break_merge (jm_panel_get_history (panel));
      jm_panel_apply_all (panel, commands);
      jm_history_break_merge (jm_panel_get_history (panel));
    }
  else
    g_ptr_array_unref (commands);
}

/* ------------------------------------------------------------------------------------------ */

static void
jm_responsibilities_panel_dispose (GObject *object)
{
  JmResponsibilitiesPanel *self = JM_RESPONSIBILITIES_PANEL (object);

  if (self->count_labels != NULL)
    g_hash_table_remove_all (self->count_labels);
  jm_panel_dispose_template (JM_PANEL (self), JM_TYPE_RESPONSIBILITIES_PANEL);
  if (self->departments != NULL)
    g_ptr_array_set_size (self->departments, 0);
  g_clear_object (&self->model_document);

  G_OBJECT_CLASS (jm_responsibilities_panel_parent_class)->dispose (object);
}

static void
jm_responsibilities_panel_finalize (GObject *object)
{
  JmResponsibilitiesPanel *self = JM_RESPONSIBILITIES_PANEL (object);

  g_clear_pointer (&self->departments, g_ptr_array_unref);
  g_clear_pointer (&self->count_labels, g_hash_table_unref);

  G_OBJECT_CLASS (jm_responsibilities_panel_parent_class)->finalize (object);
}

static void
jm_responsibilities_panel_class_init (JmResponsibilitiesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  JmPanelClass *panel_class = JM_PANEL_CLASS (klass);

  object_class->dispose = jm_responsibilities_panel_dispose;
  object_class->finalize = jm_responsibilities_panel_finalize;

  panel_class->reload = jm_responsibilities_panel_reload;
  panel_class->document_changed = jm_responsibilities_panel_document_changed;
  panel_class->selection_changed = jm_responsibilities_panel_selection_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/panels/jm-responsibilities-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, JmResponsibilitiesPanel, add_button);
  gtk_widget_class_bind_template_child (widget_class, JmResponsibilitiesPanel, department_list);
  gtk_widget_class_bind_template_child (widget_class, JmResponsibilitiesPanel, selection_label);
  gtk_widget_class_bind_template_child (widget_class, JmResponsibilitiesPanel, assign_box);
  gtk_widget_class_bind_template_child (widget_class, JmResponsibilitiesPanel, assign_department);
  gtk_widget_class_bind_template_child (widget_class, JmResponsibilitiesPanel, assign_owner);
  gtk_widget_class_bind_template_child (widget_class, JmResponsibilitiesPanel, assign_button);
  gtk_widget_class_bind_template_child (widget_class, JmResponsibilitiesPanel, owner_grid);
  gtk_widget_class_bind_template_child (widget_class, JmResponsibilitiesPanel, unowned_title);
  gtk_widget_class_bind_template_child (widget_class, JmResponsibilitiesPanel, unowned_empty);
  gtk_widget_class_bind_template_child (widget_class, JmResponsibilitiesPanel, unowned_list);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, assign_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, unowned_activated_cb);
}

static void
jm_responsibilities_panel_init (JmResponsibilitiesPanel *self)
{
  self->departments = g_ptr_array_new_with_free_func (g_object_unref);
  self->count_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  {
    g_autoptr(GtkExpression) name = jm_panel_name_expression (JM_TYPE_DEPARTMENT);

    gtk_drop_down_set_expression (self->assign_department, name);
  }
}
