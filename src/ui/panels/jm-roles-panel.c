/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-roles-panel.c: the buying committee (name, kind, colour), tagging the selected cards
 * with roles, and the role lens (view state of the canvas, not an edit of the map: the canvas
 * dims what the role is not tagged on, and the window's exports take the canvas' lens). */
#define G_LOG_DOMAIN "jm-panels"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-roles-panel.h"

struct _JmRolesPanel
{
  JmPanel      parent_instance;

  /* Template widgets */
  GtkDropDown *lens_dropdown;
  GtkWidget   *add_button;
  GtkLabel    *tag_hint;
  GtkWidget   *empty_label;
  GtkListBox  *role_list;

  /* Owned */
  GPtrArray   *roles;           /* JmRole shown, in order */
  GPtrArray   *role_rows;       /* RoleRow*, borrowed (each row owns its RoleRow) */
  JmDocument  *model_document;  /* the document lens_dropdown lists */
  gulong       lens_handler;    /* on the canvas */
  JmCanvas    *lens_canvas;
  guint        updating;
};

G_DEFINE_FINAL_TYPE (JmRolesPanel, jm_roles_panel, JM_TYPE_PANEL)

typedef struct
{
  JmRolesPanel *self;
  JmRole       *role;        /* owned */
  GtkWidget    *count;
  GtkWidget    *tag;
} RoleRow;

static void
role_row_free (gpointer data)
{
  RoleRow *rr = data;

  g_clear_object (&rr->role);
  g_free (rr);
}

/* ------------------------------------------------------------------------------------------ */
/* Lens */

static void
sync_lens (JmRolesPanel *self)
{
  JmCanvas *canvas = jm_panel_get_canvas (JM_PANEL (self));
  const char *lens = canvas != NULL ? jm_canvas_get_role_lens (canvas) : NULL;
  GListModel *model = gtk_drop_down_get_model (self->lens_dropdown);
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  guint selected = 0;

  for (guint i = 1; lens != NULL && i < n; i++)
    {
      g_autoptr(JmElement) role = g_list_model_get_item (model, i);

      if (g_strcmp0 (jm_element_get_id (role), lens) == 0)
        selected = i;
    }

  self->updating++;
  if (gtk_drop_down_get_selected (self->lens_dropdown) != selected)
    gtk_drop_down_set_selected (self->lens_dropdown, selected);
  self->updating--;
}

static void
lens_selected_cb (JmRolesPanel *self)
{
  JmCanvas *canvas = jm_panel_get_canvas (JM_PANEL (self));
  GListModel *model = gtk_drop_down_get_model (self->lens_dropdown);
  guint selected = gtk_drop_down_get_selected (self->lens_dropdown);
  g_autoptr(JmElement) role = NULL;

  if (self->updating > 0 || canvas == NULL || model == NULL)
    return;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    role = g_list_model_get_item (model, selected);

  jm_canvas_set_role_lens (canvas, role != NULL ? jm_element_get_id (role) : NULL);
}

static void
canvas_lens_notify_cb (JmRolesPanel *self)
{
  sync_lens (self);
}

static void
lens_model_changed_cb (JmRolesPanel *self)
{
  sync_lens (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Tagging */

/* How many of the cards carry the role. */
static guint
count_tagged (GPtrArray  *cards,
              const char *role_id)
{
  guint n = 0;

  for (guint i = 0; i < cards->len; i++)
    if (jm_card_has_role (g_ptr_array_index (cards, i), role_id))
      n++;

  return n;
}

static void
refresh_tags (JmRolesPanel *self)
{
  g_autoptr(GPtrArray) cards = jm_panel_dup_selected_cards (JM_PANEL (self));

  self->updating++;
  for (guint i = 0; i < self->role_rows->len; i++)
    {
      RoleRow *rr = g_ptr_array_index (self->role_rows, i);
      guint n = count_tagged (cards, jm_element_get_id (JM_ELEMENT (rr->role)));

      gtk_widget_set_sensitive (rr->tag, cards->len > 0);
      gtk_check_button_set_inconsistent (GTK_CHECK_BUTTON (rr->tag), n > 0 && n < cards->len);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (rr->tag), cards->len > 0 && n == cards->len);
    }
  self->updating--;

  if (cards->len == 0)
    gtk_label_set_label (self->tag_hint,
                         _("Select cards on the map, then tick a role to tag them with it."));
  else
    {
      /* Translators: %u is a number of selected cards. */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Tick a role to tag the selected card.",
                                                            "Tick a role to tag the %u selected cards.",
                                                            cards->len),
                                               cards->len);

      gtk_label_set_label (self->tag_hint, text);
    }
}

static void
refresh_counts (JmRolesPanel *self)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  g_autoptr(GPtrArray) cards = document != NULL ? jm_document_dup_cards (document) : NULL;

  if (cards == NULL)
    return;

  for (guint i = 0; i < self->role_rows->len; i++)
    {
      RoleRow *rr = g_ptr_array_index (self->role_rows, i);
      guint n = count_tagged (cards, jm_element_get_id (JM_ELEMENT (rr->role)));
      /* Translators: how many cards are tagged with a role. */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card",
                                                            "%u cards", n), n);

      gtk_label_set_label (GTK_LABEL (rr->count), text);
    }
}

static void
tag_toggled_cb (GtkCheckButton *button,
                RoleRow        *rr)
{
  JmRolesPanel *self = rr->self;
  g_autoptr(GPtrArray) cards = NULL;
  const char *role_id;
  gboolean add;
  GPtrArray *commands;

  if (self->updating > 0)
    return;

  cards = jm_panel_dup_selected_cards (JM_PANEL (self));
  role_id = jm_element_get_id (JM_ELEMENT (rr->role));
  if (cards->len == 0)
    return;

  /* All tagged: untag them all; otherwise tag them all. */
  add = count_tagged (cards, role_id) < cards->len;
  commands = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < cards->len; i++)
    {
      JmCard *card = g_ptr_array_index (cards, i);
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

  jm_panel_apply_all (JM_PANEL (self), commands);
  refresh_tags (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Rows */

static void
delete_clicked_cb (GtkButton *button,
                   RoleRow   *rr)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (rr->self));
  const char *ids[] = { jm_element_get_id (JM_ELEMENT (rr->role)), NULL };

  /* Untags the cards in the same undo step. */
  if (document != NULL)
    jm_panel_apply (JM_PANEL (rr->self), jm_delete_command_new (document, ids, NULL));
}

static GtkWidget *
make_role_row (JmRolesPanel *self,
               JmRole       *role)
{
  JmPanel *panel = JM_PANEL (self);
  RoleRow *rr = g_new0 (RoleRow, 1);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name;
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *kind;
  g_autoptr(GListModel) kinds = jm_panel_enum_model_new (JM_TYPE_ROLE_KIND);

  rr->self = self;
  rr->role = g_object_ref (role);
  g_object_set_data_full (G_OBJECT (row), "jm-role-row", rr, role_row_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  name = jm_panel_append_name_editors (panel, GTK_BOX (line), role, _("Name or job title"),
                                       _("Role name"));

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Delete Role"));
  g_signal_connect (remove, "clicked", G_CALLBACK (delete_clicked_cb), rr);
  gtk_box_append (GTK_BOX (line), remove);
  gtk_box_append (GTK_BOX (box), line);

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  kind = gtk_drop_down_new (g_object_ref (kinds), NULL);
  gtk_widget_set_hexpand (kind, TRUE);
  gtk_widget_set_tooltip_text (kind, _("Part in the purchase"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (kind), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Part in the purchase"), -1);
  jm_panel_bind_enum (panel, G_OBJECT (kind), jm_panel_single (role), "kind");
  gtk_box_append (GTK_BOX (line), kind);

  rr->tag = gtk_check_button_new_with_mnemonic (_("_Tag selection"));
  gtk_widget_set_tooltip_text (rr->tag, _("Tag the selected cards with this role"));
  g_signal_connect (rr->tag, "toggled", G_CALLBACK (tag_toggled_cb), rr);
  gtk_box_append (GTK_BOX (line), rr->tag);
  gtk_box_append (GTK_BOX (box), line);

  rr->count = gtk_label_new (NULL);
  gtk_widget_add_css_class (rr->count, "dim-label");
  gtk_widget_add_css_class (rr->count, "caption");
  gtk_label_set_xalign (GTK_LABEL (rr->count), 0);
  gtk_box_append (GTK_BOX (box), rr->count);

  g_object_set_data (G_OBJECT (row), "jm-name-entry", name);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_ptr_array_add (self->role_rows, rr);

  return row;
}

/* ------------------------------------------------------------------------------------------ */

static void
jm_roles_panel_reload (JmPanel *panel)
{
  JmRolesPanel *self = JM_ROLES_PANEL (panel);
  JmDocument *document = jm_panel_get_document (panel);
  GListModel *roles = document != NULL ? jm_document_get_roles (document) : NULL;
  guint n = roles != NULL ? g_list_model_get_n_items (roles) : 0;
  JmCanvas *canvas = jm_panel_get_canvas (panel);

  if (self->model_document != document || gtk_drop_down_get_model (self->lens_dropdown) == NULL)
    {
      GListModel *model = jm_panel_role_model_new (document);

      g_set_object (&self->model_document, document);
      self->updating++;
      gtk_drop_down_set_model (self->lens_dropdown, model);
      self->updating--;
      g_signal_connect_object (model, "items-changed", G_CALLBACK (lens_model_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_object_unref (model);
    }

  if (!jm_panel_same_items (self->roles, roles))
    {
      g_ptr_array_set_size (self->role_rows, 0);
      g_ptr_array_set_size (self->roles, 0);
      jm_panel_remove_all (GTK_WIDGET (self->role_list));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(JmRole) role = g_list_model_get_item (roles, i);

          g_ptr_array_add (self->roles, g_object_ref (role));
          gtk_list_box_append (self->role_list, make_role_row (self, role));
        }
    }

  gtk_widget_set_sensitive (self->add_button, document != NULL);
  gtk_widget_set_visible (self->empty_label, document != NULL && n == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->role_list), n > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->lens_dropdown), n > 0);

  /* A lens on a role that is gone is switched off. */
  if (canvas != NULL && jm_canvas_get_role_lens (canvas) != NULL &&
      (document == NULL || jm_document_lookup (document, jm_canvas_get_role_lens (canvas)) == NULL))
    jm_canvas_set_role_lens (canvas, NULL);

  sync_lens (self);
  refresh_counts (self);
  refresh_tags (self);
}

static void
jm_roles_panel_document_changed (JmPanel      *panel,
                                 JmChangeType  type,
                                 JmElement    *element,
                                 const char   *property)
{
  JmRolesPanel *self = JM_ROLES_PANEL (panel);

  if (type != JM_CHANGE_PROPERTY)
    {
      jm_panel_queue_reload (panel);
      return;
    }

  if (element != NULL && JM_IS_CARD (element) && g_strcmp0 (property, "roles") == 0)
    {
      refresh_counts (self);
      refresh_tags (self);
    }
}

static void
jm_roles_panel_selection_changed (JmPanel *panel)
{
  JmRolesPanel *self = JM_ROLES_PANEL (panel);
  JmCanvas *canvas = jm_panel_get_canvas (panel);

  /* Follow the lens of the (possibly new) canvas. */
  if (self->lens_canvas != canvas)
    {
      if (self->lens_canvas != NULL)
        g_clear_signal_handler (&self->lens_handler, self->lens_canvas);
      g_set_object (&self->lens_canvas, canvas);
      if (canvas != NULL)
        self->lens_handler = g_signal_connect_object (canvas, "notify::role-lens",
                                                      G_CALLBACK (canvas_lens_notify_cb), self,
                                                      G_CONNECT_SWAPPED);
      sync_lens (self);
    }

  refresh_tags (self);
}

/* ------------------------------------------------------------------------------------------ */

static void
add_clicked_cb (JmRolesPanel *self)
{
  JmPanel *panel = JM_PANEL (self);
  JmDocument *document = jm_panel_get_document (panel);
  g_autofree char *id = NULL;
  g_autoptr(JmRole) role = NULL;
  guint n;

  if (document == NULL)
    return;

  n = g_list_model_get_n_items (jm_document_get_roles (document));
  id = jm_document_make_id (document, "r");
  role = jm_role_new (id, JM_ROLE_KIND_INFLUENCER, _("New Role"));
  g_object_set (role, "color", jm_panel_palette_color (n + 3), NULL);
  if (!jm_panel_apply (panel, jm_insert_command_new (JM_ELEMENT (role), -1)))
    return;

  jm_panel_focus_row_name (panel, self->role_list, n);
}

static void
jm_roles_panel_dispose (GObject *object)
{
  JmRolesPanel *self = JM_ROLES_PANEL (object);

  if (self->lens_canvas != NULL)
    g_clear_signal_handler (&self->lens_handler, self->lens_canvas);
  g_clear_object (&self->lens_canvas);
  if (self->role_rows != NULL)
    g_ptr_array_set_size (self->role_rows, 0);
  jm_panel_dispose_template (JM_PANEL (self), JM_TYPE_ROLES_PANEL);
  if (self->roles != NULL)
    g_ptr_array_set_size (self->roles, 0);
  g_clear_object (&self->model_document);

  G_OBJECT_CLASS (jm_roles_panel_parent_class)->dispose (object);
}

static void
jm_roles_panel_finalize (GObject *object)
{
  JmRolesPanel *self = JM_ROLES_PANEL (object);

  g_clear_pointer (&self->roles, g_ptr_array_unref);
  g_clear_pointer (&self->role_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (jm_roles_panel_parent_class)->finalize (object);
}

static void
jm_roles_panel_class_init (JmRolesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  JmPanelClass *panel_class = JM_PANEL_CLASS (klass);

  object_class->dispose = jm_roles_panel_dispose;
  object_class->finalize = jm_roles_panel_finalize;

  panel_class->reload = jm_roles_panel_reload;
  panel_class->document_changed = jm_roles_panel_document_changed;
  panel_class->selection_changed = jm_roles_panel_selection_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/panels/jm-roles-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, JmRolesPanel, lens_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JmRolesPanel, add_button);
  gtk_widget_class_bind_template_child (widget_class, JmRolesPanel, tag_hint);
  gtk_widget_class_bind_template_child (widget_class, JmRolesPanel, empty_label);
  gtk_widget_class_bind_template_child (widget_class, JmRolesPanel, role_list);
  gtk_widget_class_bind_template_callback (widget_class, lens_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
jm_roles_panel_init (JmRolesPanel *self)
{
  self->roles = g_ptr_array_new_with_free_func (g_object_unref);
  self->role_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  {
    g_autoptr(GtkExpression) name = jm_panel_name_expression (JM_TYPE_ROLE);

    gtk_drop_down_set_expression (self->lens_dropdown, name);
  }
}
