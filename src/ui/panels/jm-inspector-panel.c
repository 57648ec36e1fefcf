/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-inspector-panel.c: every field of the canvas selection.
 *
 * One or several cards: the fields their kinds share (text, notes, link, colour, roles for all;
 * channel and online for touchpoints; score and feeling for emotions; impact, effort and status
 * for opportunities; department and owner for touchpoints, opportunities and responsibilities).
 * Several cards show a value where they agree; an edit applies to all of them in one step.
 * One stage: title, description, goals, colour, metrics. One lane: title, kind, visibility.
 * One connector: label and kind.
 *
 * The form is rebuilt when the selection changes; its editors follow the model themselves. */
#define G_LOG_DOMAIN "jm-panels"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-inspector-panel-private.h"


G_DEFINE_FINAL_TYPE (JmInspectorPanel, jm_inspector_panel, JM_TYPE_PANEL)

/* Fields of the card kinds: the core table's. */
enum {
  FIELD_TOUCHPOINT  = JM_CARD_FIELD_CHANNEL,     /* channel, online */
  FIELD_EMOTION     = JM_CARD_FIELD_EMOTION,     /* score, feeling */
  FIELD_OPPORTUNITY = JM_CARD_FIELD_RATING,      /* impact, effort, status */
  FIELD_OWNERSHIP   = JM_CARD_FIELD_OWNERSHIP,   /* department, owner */
};

/* ------------------------------------------------------------------------------------------ */
/* Building blocks */

GtkWidget *
jm_inspector_add_group (JmInspectorPanel *self,
           const char       *title,
           const char       *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->form, group);

  return group;
}

GtkWidget *
jm_inspector_add_entry_row (JmInspectorPanel *self,
               GtkWidget        *group,
               const char       *title,
               GPtrArray        *elements,
               const char       *property)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  jm_panel_bind_text (JM_PANEL (self), GTK_EDITABLE (row), elements, property);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return row;
}

/* A multi-line text in a frame, under its own heading. */
void
jm_inspector_add_text_view (JmInspectorPanel *self,
               GtkWidget        *group,
               GPtrArray        *elements,
               const char       *property,
               const char       *accessible_name)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  gtk_widget_add_css_class (frame, "view");
  gtk_frame_set_child (GTK_FRAME (frame), view);
  jm_panel_bind_text_view (JM_PANEL (self), GTK_TEXT_VIEW (view), elements, property);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
}

GtkWidget *
jm_inspector_add_spin_row (JmInspectorPanel *self,
              GtkWidget        *group,
              const char       *title,
              int               min,
              int               max,
              GPtrArray        *elements,
              const char       *property)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  jm_panel_bind_int (JM_PANEL (self), GTK_SPIN_BUTTON (spin), elements, property);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return row;
}

GtkWidget *
jm_inspector_add_switch_row (JmInspectorPanel *self,
                GtkWidget        *group,
                const char       *title,
                const char       *subtitle,
                GPtrArray        *elements,
                const char       *property)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  jm_panel_bind_bool (JM_PANEL (self), toggle, elements, property);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return row;
}

GtkWidget *
jm_inspector_add_enum_row (JmInspectorPanel *self,
              GtkWidget        *group,
              const char       *title,
              GType             enum_type,
              GPtrArray        *elements,
              const char       *property)
{
  GtkWidget *row = adw_combo_row_new ();
  GListModel *model = jm_panel_enum_model_new (enum_type);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), model);
  g_object_unref (model);
  jm_panel_bind_enum (JM_PANEL (self), G_OBJECT (row), elements, property);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return row;
}

void
jm_inspector_add_color_row (JmInspectorPanel *self,
               GtkWidget        *group,
               GPtrArray        *elements)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_color_button_new ();
  GtkWidget *reset = gtk_button_new_from_icon_name ("edit-clear-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Colour"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (reset, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reset, "flat");
  gtk_widget_set_tooltip_text (reset, _("Use the Theme’s Colour"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), reset);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  jm_panel_bind_color (JM_PANEL (self), GTK_COLOR_BUTTON (button), reset, elements, "color");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

GtkWidget *
jm_inspector_add_info_row (GtkWidget  *group,
              const char *title,
              const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return label;
}

/* ------------------------------------------------------------------------------------------ */
/* Cards */

static void
open_link_clicked_cb (GtkButton        *button,
                      JmInspectorPanel *self)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (button), "jm-entry");
  const char *uri = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (uri[0] != '\0')
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), uri, GDK_CURRENT_TIME);
}

static void
link_changed_cb (GtkEditable *entry,
                 GtkWidget   *button)
{
  const char *uri = gtk_editable_get_text (entry);

  gtk_widget_set_sensitive (button, g_str_has_prefix (uri, "http://") ||
                                    g_str_has_prefix (uri, "https://") ||
                                    g_str_has_prefix (uri, "mailto:") ||
                                    g_str_has_prefix (uri, "file://"));
}

static void
update_priority (JmInspectorPanel *self)
{
  JmCard *card;
  g_autofree char *text = NULL;

  if (self->priority_label == NULL || self->elements->len != 1)
    return;

  card = g_ptr_array_index (self->elements, 0);
  text = g_strdup_printf ("%d", jm_card_get_priority (card));
  gtk_label_set_label (GTK_LABEL (self->priority_label), text);
}

static void
role_toggled_cb (GtkCheckButton   *check,
                 JmInspectorPanel *self)
{
  const char *role_id = g_object_get_data (G_OBJECT (check), "jm-role-id");
  gboolean add = gtk_check_button_get_active (check);
  GPtrArray *commands;

  if (self->updating > 0)
    return;

  gtk_check_button_set_inconsistent (check, FALSE);
  commands = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->elements->len; i++)
    {
      JmCard *card = g_ptr_array_index (self->elements, i);
      const char * const *roles = jm_card_get_roles (card);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) new_roles = NULL;

      if (jm_card_has_role (card, role_id) == add)
        continue;

      for (guint r = 0; roles[r] != NULL; r++)
        if (add || g_strcmp0 (roles[r], role_id) != 0)
          g_strv_builder_add (builder, roles[r]);
      if (add)
        g_strv_builder_add (builder, role_id);
      new_roles = g_strv_builder_end (builder);
      g_ptr_array_add (commands, jm_set_strv_command_new (JM_ELEMENT (card), "roles",
                                                          (const char * const *) new_roles));
    }

  self->updating++;
  jm_panel_apply_all (JM_PANEL (self), commands);
  self->updating--;
}

static void
sync_roles (JmInspectorPanel *self,
            GtkWidget        *group)
{
  GtkWidget *check;
  GPtrArray *checks = g_object_get_data (G_OBJECT (group), "jm-role-checks");

  if (checks == NULL)
    return;

  self->updating++;
  for (guint c = 0; c < checks->len; c++)
    {
      const char *role_id;
      guint n = 0;

      check = g_ptr_array_index (checks, c);
      role_id = g_object_get_data (G_OBJECT (check), "jm-role-id");
      for (guint i = 0; i < self->elements->len; i++)
        if (jm_card_has_role (g_ptr_array_index (self->elements, i), role_id))
          n++;

      gtk_check_button_set_inconsistent (GTK_CHECK_BUTTON (check),
                                         n > 0 && n < self->elements->len);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), n == self->elements->len);
    }
  self->updating--;
}

static void
build_card_form (JmInspectorPanel *self,
                 GPtrArray        *cards)
{
  JmPanel *panel = JM_PANEL (self);
  JmDocument *document = jm_panel_get_document (panel);
  guint fields = ~0u;
  gboolean same_kind = TRUE;
  JmCard *first = g_ptr_array_index (cards, 0);
  GListModel *roles = jm_document_get_roles (document);
  g_autofree char *title = NULL;
  GtkWidget *group, *row, *button;

  for (guint i = 0; i < cards->len; i++)
    {
      JmCard *card = g_ptr_array_index (cards, i);

      fields &= jm_card_kind_get_fields (jm_card_get_kind (card));
      same_kind = same_kind && jm_card_get_kind (card) == jm_card_get_kind (first);
    }

  if (cards->len == 1)
    title = g_strdup (jm_card_kind_get_label (jm_card_get_kind (first)));
  else if (same_kind)
    /* Translators: several cards of one kind are selected: number, then the kind. */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Card: %s", "%u Cards: %s",
                                          cards->len),
                             cards->len, jm_card_kind_get_label (jm_card_get_kind (first)));
  else
    /* Translators: several cards of different kinds are selected. */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Card", "%u Cards", cards->len),
                             cards->len);

  group = jm_inspector_add_group (self, title,
                     cards->len > 1 ? _("Fields the selected cards share. An edit applies to "
                                        "all of them.") : NULL);

  if (cards->len == 1)
    {
      g_autofree char *stage = jm_panel_dup_stage_title (document, jm_card_get_stage (first));
      JmElement *lane = jm_document_lookup (document, jm_card_get_lane (first));
      g_autofree char *where = g_strdup_printf ("%s · %s", stage,
                                                lane != NULL ? jm_lane_get_title (JM_LANE (lane)) : "");

      jm_inspector_add_info_row (group, _("Place"), where);
    }

  jm_inspector_add_entry_row (self, group, _("_Text"), cards, "text");

  row = jm_inspector_add_entry_row (self, group, _("_Link"), cards, "link");
  button = gtk_button_new_from_icon_name ("adw-external-link-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Open Link"));
  g_object_set_data (G_OBJECT (button), "jm-entry", row);
  g_signal_connect (button, "clicked", G_CALLBACK (open_link_clicked_cb), self);
  g_signal_connect (row, "changed", G_CALLBACK (link_changed_cb), button);
  link_changed_cb (GTK_EDITABLE (row), button);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);

  jm_inspector_add_color_row (self, group, cards);

  group = jm_inspector_add_group (self, _("Notes"), NULL);
  jm_inspector_add_text_view (self, group, cards, "notes", _("Notes"));

  if (fields & FIELD_TOUCHPOINT)
    {
      group = jm_inspector_add_group (self, _("Channel"), NULL);
      jm_inspector_add_enum_row (self, group, _("C_hannel"), JM_TYPE_CHANNEL, cards, "channel");
      jm_inspector_add_switch_row (self, group, _("_Online"),
                      _("Off for offline moments: events, meetings, calls"), cards, "online");
    }

  if (fields & FIELD_EMOTION)
    {
      group = jm_inspector_add_group (self, _("Feeling"), NULL);
      jm_inspector_add_spin_row (self, group, _("_Score"), JM_SCORE_MIN, JM_SCORE_MAX, cards, "score");
      jm_inspector_add_entry_row (self, group, _("_Feeling"), cards, "feeling");
    }

  if (fields & FIELD_OPPORTUNITY)
    {
      group = jm_inspector_add_group (self, _("Priority"), NULL);
      jm_inspector_add_spin_row (self, group, _("_Impact"), JM_RATING_MIN, JM_RATING_MAX, cards, "impact");
      jm_inspector_add_spin_row (self, group, _("_Effort"), JM_RATING_MIN, JM_RATING_MAX, cards, "effort");
      if (cards->len == 1)
        {
          self->priority_label = jm_inspector_add_info_row (group, _("Priority"), NULL);
          gtk_widget_set_tooltip_text (self->priority_label, _("Impact × (6 − effort)"));
          update_priority (self);
        }
      jm_inspector_add_enum_row (self, group, _("St_atus"), JM_TYPE_STATUS, cards, "status");
    }

  if (fields & FIELD_OWNERSHIP)
    {
      GListModel *model = jm_panel_department_model_new (document);
      g_autoptr(GtkExpression) name = jm_panel_name_expression (JM_TYPE_DEPARTMENT);

      group = jm_inspector_add_group (self, _("Ownership"), NULL);
      row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Department"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
      adw_combo_row_set_expression (ADW_COMBO_ROW (row), name);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), model);
      g_object_unref (model);
      jm_panel_bind_department (panel, G_OBJECT (row), cards);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      jm_inspector_add_entry_row (self, group, _("O_wner"), cards, "owner");
    }

  group = jm_inspector_add_group (self, _("Roles"),
                     g_list_model_get_n_items (roles) == 0
                     ? _("The map has no roles yet: add the buying committee in the Roles panel.")
                     : NULL);
  {
    GPtrArray *checks = g_ptr_array_new ();

    for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
      {
        g_autoptr(JmRole) role = g_list_model_get_item (roles, i);
        GtkWidget *check = gtk_check_button_new ();

        row = adw_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), jm_role_get_name (role));
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     jm_panel_role_kind_label (jm_role_get_kind (role)));
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   jm_panel_swatch_new (jm_role_get_color (role)));
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
        g_object_set_data_full (G_OBJECT (check), "jm-role-id",
                                g_strdup (jm_element_get_id (JM_ELEMENT (role))), g_free);
        g_signal_connect (check, "toggled", G_CALLBACK (role_toggled_cb), self);
        g_ptr_array_add (checks, check);
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      }

    g_object_set_data_full (G_OBJECT (group), "jm-role-checks", checks,
                            (GDestroyNotify) g_ptr_array_unref);
    g_object_set_data (G_OBJECT (self), "jm-roles-group", group);
    sync_roles (self, group);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Lanes and connectors */

static void
build_lane_form (JmInspectorPanel *self)
{
  GtkWidget *group = jm_inspector_add_group (self, _("Lane"), NULL);

  jm_inspector_add_entry_row (self, group, _("_Title"), self->elements, "title");
  jm_inspector_add_enum_row (self, group, _("_Kind"), JM_TYPE_LANE_KIND, self->elements, "kind");
  jm_inspector_add_switch_row (self, group, _("_Visible"), _("Hidden lanes take no space on the map"),
                  self->elements, "visible");
}

static void
build_connection_form (JmInspectorPanel *self,
                       JmConnection     *connection)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  GtkWidget *group = jm_inspector_add_group (self, _("Connector"), NULL);
  JmElement *from = jm_document_lookup (document, jm_connection_get_from (connection));
  JmElement *to = jm_document_lookup (document, jm_connection_get_to (connection));
  g_autofree char *from_title = from != NULL ? jm_panel_dup_card_title (JM_CARD (from)) : NULL;
  g_autofree char *to_title = to != NULL ? jm_panel_dup_card_title (JM_CARD (to)) : NULL;

  jm_inspector_add_info_row (group, _("From"), from_title);
  jm_inspector_add_info_row (group, _("To"), to_title);
  jm_inspector_add_entry_row (self, group, _("_Label"), self->elements, "label");
  jm_inspector_add_enum_row (self, group, _("_Kind"), JM_TYPE_CONNECTION_KIND, self->elements, "kind");
}

/* ------------------------------------------------------------------------------------------ */

static char *
make_signature (JmInspectorPanel *self,
                GPtrArray        *elements)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  g_autoptr(GString) signature = g_string_new (NULL);
  GListModel *roles;

  if (document == NULL)
    return g_strdup ("");

  g_string_append_printf (signature, "%p:", document);
  for (guint i = 0; i < elements->len; i++)
    {
      JmElement *element = g_ptr_array_index (elements, i);

      g_string_append_printf (signature, "%s", jm_element_get_id (element));
      if (JM_IS_CARD (element))
        g_string_append_printf (signature, "/%d/%s/%s", jm_card_get_kind (JM_CARD (element)),
                                jm_card_get_stage (JM_CARD (element)),
                                jm_card_get_lane (JM_CARD (element)));
      g_string_append_c (signature, ',');
    }

  /* The roles' check boxes are built from the role list. */
  roles = jm_document_get_roles (document);
  for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
    {
      g_autoptr(JmRole) role = g_list_model_get_item (roles, i);

      g_string_append_printf (signature, "|%s:%s:%d:%s", jm_element_get_id (JM_ELEMENT (role)),
                              jm_role_get_name (role), jm_role_get_kind (role),
                              jm_role_get_color (role));
    }

  return g_string_free (g_steal_pointer (&signature), FALSE);
}

static void
rebuild (JmInspectorPanel *self,
         gboolean          force)
{
  JmPanel *panel = JM_PANEL (self);
  JmDocument *document = jm_panel_get_document (panel);
  g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) cards = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *signature = NULL;
  guint n_cards, n_other = 0;
  JmElement *single = NULL;

  if (document != NULL)
    {
      ids = jm_panel_dup_selection (panel);
      cards = jm_panel_dup_selected_cards (panel);
      n_cards = cards->len;

      for (guint i = 0; ids[i] != NULL; i++)
        {
          JmElement *element = jm_document_lookup (document, ids[i]);

          if (element != NULL && !JM_IS_CARD (element))
            {
              n_other++;
              single = element;
            }
        }

      if (n_cards > 0 && n_other == 0)
        for (guint i = 0; i < cards->len; i++)
          g_ptr_array_add (elements, g_object_ref (g_ptr_array_index (cards, i)));
      else if (n_cards == 0 && n_other == 1)
        g_ptr_array_add (elements, g_object_ref (single));
    }
  else
    n_cards = 0;

  signature = make_signature (self, elements);
  if (elements->len > 0 && !force && g_strcmp0 (signature, self->signature) == 0)
    return;

  g_free (self->signature);
  self->signature = g_steal_pointer (&signature);

  jm_panel_remove_all (GTK_WIDGET (self->form));
  self->metrics_list = NULL;
  self->priority_label = NULL;
  g_object_set_data (G_OBJECT (self), "jm-roles-group", NULL);
  g_ptr_array_set_size (self->elements, 0);

  if (elements->len == 0)
    {
      if (n_cards + n_other == 0)
        {
          adw_status_page_set_title (self->status_page, _("Nothing Selected"));
          adw_status_page_set_description (self->status_page,
                                           _("Select a card, a stage, a lane or a connector on "
                                             "the map to see and edit all its details."));
        }
      else
        {
          /* Translators: %u is the number of selected elements. */
          g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%u Element Selected",
                                                                 "%u Elements Selected",
                                                                 n_cards + n_other),
                                                    n_cards + n_other);

          adw_status_page_set_title (self->status_page, title);
          adw_status_page_set_description (self->status_page,
                                           _("Select cards only, or one stage, lane or "
                                             "connector, to edit their details."));
        }
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint i = 0; i < elements->len; i++)
    g_ptr_array_add (self->elements, g_object_ref (g_ptr_array_index (elements, i)));

  single = g_ptr_array_index (elements, 0);
  if (JM_IS_CARD (single))
    build_card_form (self, self->elements);
  else if (JM_IS_STAGE (single))
    jm_inspector_build_stage_form (self, JM_STAGE (single));
  else if (JM_IS_LANE (single))
    build_lane_form (self);
  else if (JM_IS_CONNECTION (single))
    build_connection_form (self, JM_CONNECTION (single));

  gtk_stack_set_visible_child_name (self->stack, "form");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                            0);
}

static void
jm_inspector_panel_reload (JmPanel *panel)
{
  rebuild (JM_INSPECTOR_PANEL (panel), FALSE);
}

static void
jm_inspector_panel_selection_changed (JmPanel *panel)
{
  rebuild (JM_INSPECTOR_PANEL (panel), FALSE);
}

static void
jm_inspector_panel_document_changed (JmPanel      *panel,
                                     JmChangeType  type,
                                     JmElement    *element,
                                     const char   *property)
{
  JmInspectorPanel *self = JM_INSPECTOR_PANEL (panel);

  if (type != JM_CHANGE_PROPERTY)
    {
      jm_panel_queue_reload (panel);
      return;
    }

  if (element == NULL)
    return;

  if (JM_IS_ROLE (element) || (JM_IS_CARD (element) && g_strcmp0 (property, "kind") == 0))
    jm_panel_queue_reload (panel);
  else if (JM_IS_CARD (element) && g_ptr_array_find (self->elements, element, NULL))
    {
      if (g_strcmp0 (property, "roles") == 0 && self->updating == 0)
        {
          GtkWidget *group = g_object_get_data (G_OBJECT (self), "jm-roles-group");

          if (group != NULL)
            sync_roles (self, group);
        }
      else if (g_strcmp0 (property, "impact") == 0 || g_strcmp0 (property, "effort") == 0)
        update_priority (self);
    }
}

static void
jm_inspector_panel_dispose (GObject *object)
{
  JmInspectorPanel *self = JM_INSPECTOR_PANEL (object);

  self->metrics_list = NULL;
  self->priority_label = NULL;
  jm_panel_dispose_template (JM_PANEL (object), JM_TYPE_INSPECTOR_PANEL);
  if (self->elements != NULL)
    g_ptr_array_set_size (self->elements, 0);

  G_OBJECT_CLASS (jm_inspector_panel_parent_class)->dispose (object);
}

static void
jm_inspector_panel_finalize (GObject *object)
{
  JmInspectorPanel *self = JM_INSPECTOR_PANEL (object);

  g_clear_pointer (&self->elements, g_ptr_array_unref);
  g_free (self->signature);

  G_OBJECT_CLASS (jm_inspector_panel_parent_class)->finalize (object);
}

static void
jm_inspector_panel_class_init (JmInspectorPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  JmPanelClass *panel_class = JM_PANEL_CLASS (klass);

  object_class->dispose = jm_inspector_panel_dispose;
  object_class->finalize = jm_inspector_panel_finalize;

  panel_class->reload = jm_inspector_panel_reload;
  panel_class->document_changed = jm_inspector_panel_document_changed;
  panel_class->selection_changed = jm_inspector_panel_selection_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/panels/jm-inspector-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, JmInspectorPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, JmInspectorPanel, status_page);
  gtk_widget_class_bind_template_child (widget_class, JmInspectorPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, JmInspectorPanel, form);
}

static void
jm_inspector_panel_init (JmInspectorPanel *self)
{
  self->elements = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}
