/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-emotions-panel.c: one row per stage with its emotion (score, feeling, note) and the three
 * lowest moments of the map.
 *
 * A stage's emotion lives in its emotion cards (in emotions lanes). The row edits the stage's
 * first emotion card; a stage without one gets one in the first emotions lane at the first
 * edit. The canvas' curve follows at once, since both show the same cards. */
#define G_LOG_DOMAIN "jm-panels"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-emotions-panel.h"

#define N_LOWEST 3

struct _JmEmotionsPanel
{
  JmPanel     parent_instance;

  /* Template widgets */
  GtkLabel   *lowest_empty;
  GtkListBox *lowest_list;
  GtkWidget  *no_lane_box;
  GtkWidget  *no_stages_label;
  GtkListBox *stage_list;

  /* Rows of stage_list, in stage order (borrowed: each row owns its StageRow). */
  GPtrArray  *rows;
  char       *lowest_signature;
  guint       updating;
};

G_DEFINE_FINAL_TYPE (JmEmotionsPanel, jm_emotions_panel, JM_TYPE_PANEL)

typedef struct
{
  JmEmotionsPanel *self;       /* borrowed: the panel outlives its rows' use */
  JmStage         *stage;      /* owned */
  GtkWidget       *row;
  GtkWidget       *title;
  GtkWidget       *summary;
  GtkWidget       *spin;
  GtkWidget       *feeling;
  GtkWidget       *feeling_button;
  GtkWidget       *note;
} StageRow;

/* The quick choices of feeling words. */
static const char * const feelings[] = {
  N_("delighted"), N_("confident"), N_("curious"), N_("neutral"), N_("confused"),
  N_("anxious"), N_("frustrated"),
};

static void
stage_row_free (gpointer data)
{
  StageRow *sr = data;

  g_clear_object (&sr->stage);
  g_free (sr);
}

/* The first emotion card of a stage (in lane order) and how many it has. */
static JmCard *
find_emotion_card (JmDocument *document,
                   const char *stage_id,
                   guint      *n_cards)
{
  JmCard *first = NULL;
  guint n = 0;
  guint n_lanes = jm_document_get_n_lanes (document);

  for (guint l = 0; l < n_lanes; l++)
    {
      JmLane *lane = jm_document_get_lane (document, l);
      GPtrArray *cell;

      if (jm_lane_get_kind (lane) != JM_LANE_KIND_EMOTIONS)
        continue;

      cell = jm_document_get_cell (document, stage_id, jm_element_get_id (JM_ELEMENT (lane)));
      for (guint i = 0; cell != NULL && i < cell->len; i++)
        {
          JmCard *card = g_ptr_array_index (cell, i);

          if (jm_card_get_kind (card) != JM_CARD_KIND_EMOTION)
            continue;
          if (first == NULL)
            first = card;
          n++;
        }
    }

  if (n_cards != NULL)
    *n_cards = n;

  return first;
}

static char *
format_score (double score)
{
  if (score > 0)
    return g_strdup_printf ("+%g", score);
  if (score < 0)
    /* A real minus sign reads better than a hyphen. */
    return g_strdup_printf ("−%g", -score);
  return g_strdup ("0");
}

static void
set_entry_text (GtkWidget  *entry,
                const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
refresh_row (JmEmotionsPanel *self,
             StageRow        *sr)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  const char *stage_id = jm_element_get_id (JM_ELEMENT (sr->stage));
  g_autofree char *title = jm_panel_dup_stage_title (document, stage_id);
  gboolean has_lane = jm_panel_find_lane (JM_PANEL (self), JM_LANE_KIND_EMOTIONS) != NULL;
  guint n_cards = 0;
  JmCard *card = find_emotion_card (document, stage_id, &n_cards);
  double mean = 0;

  self->updating++;

  gtk_label_set_label (GTK_LABEL (sr->title), title);

  if (n_cards > 1 && jm_document_get_stage_score (document, stage_id, &mean))
    {
      g_autofree char *score = format_score (mean);
      /* Translators: the mean score of a stage with several emotion cards, and how many. */
      g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Mean %s of %u card",
                                                               "Mean %s of %u cards",
                                                               n_cards),
                                                  score, n_cards);

      gtk_label_set_label (GTK_LABEL (sr->summary), summary);
      gtk_widget_set_visible (sr->summary, TRUE);
    }
  else if (n_cards == 0 && has_lane)
    {
      gtk_label_set_label (GTK_LABEL (sr->summary), _("Not rated"));
      gtk_widget_set_visible (sr->summary, TRUE);
    }
  else
    gtk_widget_set_visible (sr->summary, FALSE);

  if (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (sr->spin)) !=
      (card != NULL ? jm_card_get_score (card) : 0))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (sr->spin),
                               card != NULL ? jm_card_get_score (card) : 0);
  set_entry_text (sr->feeling, card != NULL ? jm_card_get_feeling (card) : "");
  set_entry_text (sr->note, card != NULL ? jm_card_get_text (card) : "");

  gtk_widget_set_sensitive (sr->spin, has_lane);
  gtk_widget_set_sensitive (sr->feeling, has_lane);
  gtk_widget_set_sensitive (sr->feeling_button, has_lane);
  gtk_widget_set_sensitive (sr->note, has_lane);

  self->updating--;
}

/* Sets a property of the stage's first emotion card; creates the card (in the first emotions
 * lane) when the stage has none. */
static void
set_emotion (JmEmotionsPanel *self,
             StageRow        *sr,
             const char      *property,
             const GValue    *value)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  const char *stage_id;
  JmCard *card;
  JmLane *lane;

  if (document == NULL)
    return;

  stage_id = jm_element_get_id (JM_ELEMENT (sr->stage));
  card = find_emotion_card (document, stage_id, NULL);

  if (card != NULL)
    {
      g_auto(GValue) old = G_VALUE_INIT;

      g_value_init (&old, G_VALUE_TYPE (value));
      g_object_get_property (G_OBJECT (card), property, &old);
      if (g_param_values_cmp (g_object_class_find_property (G_OBJECT_GET_CLASS (card), property),
                              &old, value) == 0)
        return;

      self->updating++;
      jm_panel_apply (JM_PANEL (self), jm_set_command_new (JM_ELEMENT (card), property, value));
      self->updating--;
      return;
    }

  lane = jm_panel_find_lane (JM_PANEL (self), JM_LANE_KIND_EMOTIONS);
  if (lane != NULL)
    {
      g_autofree char *id = jm_document_make_id (document, "c");
      g_autoptr(JmCard) new_card = jm_card_new (id, JM_CARD_KIND_EMOTION, stage_id,
                                                jm_element_get_id (JM_ELEMENT (lane)), "");

      /* Not in a document yet: its fields are set before the insert command adds it. */
      g_object_set_property (G_OBJECT (new_card), property, value);
      self->updating++;
      jm_panel_apply (JM_PANEL (self), jm_insert_command_new (JM_ELEMENT (new_card), -1));
      self->updating--;
    }
}

static void
spin_value_changed_cb (GtkSpinButton *spin,
                       StageRow      *sr)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (sr->self->updating > 0)
    return;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, gtk_spin_button_get_value_as_int (spin));
  set_emotion (sr->self, sr, "score", &value);
}

static gboolean
spin_output_cb (GtkSpinButton *spin,
                gpointer       user_data)
{
  g_autofree char *text = format_score (gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static int
spin_input_cb (GtkSpinButton *spin,
               double        *new_value,
               gpointer       user_data)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin)));
  g_autoptr(GString) ascii = g_string_new (NULL);
  char *end = NULL;
  double v;

  /* Accept "−2" (minus sign) as well as "-2". */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_c (ascii, c == 0x2212 ? '-' : (c < 128 ? (char) c : ' '));
    }

  v = g_ascii_strtod (g_strstrip (ascii->str), &end);
  if (end == ascii->str)
    return GTK_INPUT_ERROR;

  *new_value = v;
  return TRUE;
}

static void
text_changed_cb (GtkEditable *editable,
                 StageRow    *sr)
{
  g_auto(GValue) value = G_VALUE_INIT;
  const char *property = editable == GTK_EDITABLE (sr->feeling) ? "feeling" : "text";

  if (sr->self->updating > 0)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, gtk_editable_get_text (editable));
  set_emotion (sr->self, sr, property, &value);
}

static void
text_focus_leave_cb (GtkEventControllerFocus *controller,
                     StageRow                *sr)
{
  JmHistory *history = jm_panel_get_history (JM_PANEL (sr->self));

  /* The next typing burst is a new undo step. */
  if (history != NULL)
    jm_history_break_merge (history);
}

static void
feeling_chosen_cb (GtkButton *button,
                   StageRow  *sr)
{
  const char *word = g_object_get_data (G_OBJECT (button), "jm-feeling");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  JmHistory *history = jm_panel_get_history (JM_PANEL (sr->self));

  if (history != NULL)
    jm_history_break_merge (history);
  gtk_editable_set_text (GTK_EDITABLE (sr->feeling), word);
  if (history != NULL)
    jm_history_break_merge (history);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_grab_focus (sr->feeling);
}

static GtkWidget *
make_feeling_popover (StageRow *sr)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  for (guint i = 0; i < G_N_ELEMENTS (feelings); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(feelings[i]));

      gtk_widget_add_css_class (button, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      g_object_set_data (G_OBJECT (button), "jm-feeling", (gpointer) _(feelings[i]));
      g_signal_connect (button, "clicked", G_CALLBACK (feeling_chosen_cb), sr);
      gtk_box_append (GTK_BOX (box), button);
    }

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  return popover;
}

static void
add_focus_leave (GtkWidget *widget,
                 StageRow  *sr)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (text_focus_leave_cb), sr);
  gtk_widget_add_controller (widget, focus);
}

static GtkWidget *
make_stage_row (JmEmotionsPanel *self,
                JmStage         *stage)
{
  StageRow *sr = g_new0 (StageRow, 1);
  GtkWidget *box, *top, *feeling_box;
  GtkAdjustment *adjustment;
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  g_autofree char *title = jm_panel_dup_stage_title (document,
                                                     jm_element_get_id (JM_ELEMENT (stage)));
  g_autofree char *label = NULL;

  sr->self = self;
  sr->stage = g_object_ref (stage);
  sr->row = gtk_list_box_row_new ();
  g_object_set_data_full (G_OBJECT (sr->row), "jm-stage-row", sr, stage_row_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  sr->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (sr->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (sr->title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (sr->title, TRUE);
  gtk_widget_add_css_class (sr->title, "heading");
  gtk_box_append (GTK_BOX (top), sr->title);

  sr->summary = gtk_label_new (NULL);
  gtk_widget_add_css_class (sr->summary, "dim-label");
  gtk_widget_add_css_class (sr->summary, "caption");
  gtk_box_append (GTK_BOX (top), sr->summary);

  adjustment = gtk_adjustment_new (0, JM_SCORE_MIN, JM_SCORE_MAX, 1, 1, 0);
  sr->spin = gtk_spin_button_new (adjustment, 1, 0);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (sr->spin), FALSE);
  gtk_widget_set_valign (sr->spin, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (sr->spin, _("Emotion score, from −3 (very negative) to +3 "
                                           "(very positive)"));
  /* Translators: accessible name of the score of a stage; %s is its title. */
  label = g_strdup_printf (_("Emotion score of %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sr->spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect (sr->spin, "output", G_CALLBACK (spin_output_cb), NULL);
  g_signal_connect (sr->spin, "input", G_CALLBACK (spin_input_cb), NULL);
  g_signal_connect (sr->spin, "value-changed", G_CALLBACK (spin_value_changed_cb), sr);
  gtk_box_append (GTK_BOX (top), sr->spin);
  gtk_box_append (GTK_BOX (box), top);

  feeling_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (feeling_box, "linked");
  sr->feeling = gtk_entry_new ();
  gtk_widget_set_hexpand (sr->feeling, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (sr->feeling), _("Feeling"));
  g_clear_pointer (&label, g_free);
  /* Translators: accessible name; %s is a stage's title. */
  label = g_strdup_printf (_("Feeling in %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sr->feeling),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* Ctrl+Z is the map's undo (the edits are commands), not the entry's own. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (sr->feeling), FALSE);
  g_signal_connect (sr->feeling, "changed", G_CALLBACK (text_changed_cb), sr);
  add_focus_leave (sr->feeling, sr);
  gtk_box_append (GTK_BOX (feeling_box), sr->feeling);

  sr->feeling_button = gtk_menu_button_new ();
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (sr->feeling_button), make_feeling_popover (sr));
  gtk_widget_set_tooltip_text (sr->feeling_button, _("Choose a Feeling"));
  gtk_box_append (GTK_BOX (feeling_box), sr->feeling_button);
  gtk_box_append (GTK_BOX (box), feeling_box);

  sr->note = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (sr->note), _("Note"));
  g_clear_pointer (&label, g_free);
  /* Translators: accessible name; %s is a stage's title. */
  label = g_strdup_printf (_("Emotion note on %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sr->note),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_editable_set_enable_undo (GTK_EDITABLE (sr->note), FALSE);
  g_signal_connect (sr->note, "changed", G_CALLBACK (text_changed_cb), sr);
  add_focus_leave (sr->note, sr);
  gtk_box_append (GTK_BOX (box), sr->note);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (sr->row), box);
  g_ptr_array_add (self->rows, sr);
  refresh_row (self, sr);

  return sr->row;
}

static StageRow *
find_row (JmEmotionsPanel *self,
          const char      *stage_id)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      StageRow *sr = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (jm_element_get_id (JM_ELEMENT (sr->stage)), stage_id) == 0)
        return sr;
    }

  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Lowest moments */

typedef struct
{
  JmCard *card;
  guint   order;
} Moment;

static int
compare_moments (gconstpointer a,
                 gconstpointer b)
{
  const Moment *ma = a;
  const Moment *mb = b;
  int sa = jm_card_get_score (ma->card);
  int sb = jm_card_get_score (mb->card);

  if (sa != sb)
    return sa < sb ? -1 : 1;
  return ma->order < mb->order ? -1 : (ma->order > mb->order ? 1 : 0);
}

static GtkWidget *
make_moment_row (JmEmotionsPanel *self,
                 JmCard          *card)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *score_label, *title, *detail;
  int score = jm_card_get_score (card);
  g_autofree char *score_text = format_score (score);
  g_autofree char *stage_title = jm_panel_dup_stage_title (document, jm_card_get_stage (card));
  const char *feeling = jm_card_get_feeling (card);
  const char *text = jm_card_get_text (card);
  g_autofree char *detail_text = NULL;

  if (feeling[0] != '\0' && text[0] != '\0')
    detail_text = g_strdup_printf ("%s — %s", feeling, text);
  else
    detail_text = g_strdup (feeling[0] != '\0' ? feeling : text);

  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  score_label = gtk_label_new (score_text);
  gtk_widget_add_css_class (score_label, "title-3");
  gtk_widget_add_css_class (score_label, "numeric");
  if (score < 0)
    gtk_widget_add_css_class (score_label, "error");
  else if (score > 0)
    gtk_widget_add_css_class (score_label, "success");
  gtk_widget_set_size_request (score_label, 32, -1);
  gtk_box_append (GTK_BOX (box), score_label);

  title = gtk_label_new (stage_title);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (texts), title);

  detail = gtk_label_new (detail_text);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_set_visible (detail, detail_text[0] != '\0');
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_widget_set_tooltip_text (row, _("Select this stage on the map"));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "jm-stage-id", g_strdup (jm_card_get_stage (card)),
                          g_free);

  return row;
}

static void
update_lowest (JmEmotionsPanel *self)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  g_autoptr(GArray) moments = g_array_new (FALSE, FALSE, sizeof (Moment));
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GString) signature = g_string_new (NULL);
  guint n;

  if (document != NULL)
    {
      cards = jm_document_dup_cards (document);
      for (guint i = 0; i < cards->len; i++)
        {
          JmCard *card = g_ptr_array_index (cards, i);
          JmElement *lane = jm_document_lookup (document, jm_card_get_lane (card));
          Moment m = { card, i };

          if (jm_card_get_kind (card) == JM_CARD_KIND_EMOTION &&
              lane != NULL && jm_lane_get_kind (JM_LANE (lane)) == JM_LANE_KIND_EMOTIONS)
            g_array_append_val (moments, m);
        }
      g_array_sort (moments, compare_moments);
    }

  n = MIN (moments->len, N_LOWEST);
  for (guint i = 0; i < n; i++)
    {
      JmCard *card = g_array_index (moments, Moment, i).card;
      g_autofree char *stage_title = jm_panel_dup_stage_title (document, jm_card_get_stage (card));

      g_string_append_printf (signature, "%s\x1f%d\x1f%s\x1f%s\x1f%s\x1e",
                              jm_card_get_stage (card), jm_card_get_score (card),
                              jm_card_get_feeling (card), jm_card_get_text (card), stage_title);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->lowest_empty), n == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->lowest_list), n > 0);

  if (g_strcmp0 (signature->str, self->lowest_signature) == 0)
    return;

  g_free (self->lowest_signature);
  self->lowest_signature = g_strdup (signature->str);

  jm_panel_remove_all (GTK_WIDGET (self->lowest_list));
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->lowest_list,
                         make_moment_row (self, g_array_index (moments, Moment, i).card));
}

/* ------------------------------------------------------------------------------------------ */

static void
lowest_row_activated_cb (JmEmotionsPanel *self,
                         GtkListBoxRow   *row)
{
  const char *stage_id = g_object_get_data (G_OBJECT (row), "jm-stage-id");

  if (stage_id != NULL)
    jm_panel_show_element (JM_PANEL (self), stage_id);
}

static void
stage_row_activated_cb (JmEmotionsPanel *self,
                        GtkListBoxRow   *row)
{
  StageRow *sr = g_object_get_data (G_OBJECT (row), "jm-stage-row");

  if (sr != NULL)
    jm_panel_show_element (JM_PANEL (self), jm_element_get_id (JM_ELEMENT (sr->stage)));
}

static void
add_lane_clicked_cb (JmEmotionsPanel *self)
{
  JmDocument *document = jm_panel_get_document (JM_PANEL (self));
  g_autofree char *id = NULL;
  g_autoptr(JmLane) lane = NULL;

  if (document == NULL)
    return;

  id = jm_document_make_id (document, "l");
  lane = jm_lane_new (id, JM_LANE_KIND_EMOTIONS, jm_lane_kind_get_label (JM_LANE_KIND_EMOTIONS));
  jm_panel_apply (JM_PANEL (self), jm_insert_command_new (JM_ELEMENT (lane), -1));
}

static gboolean
same_stages (JmEmotionsPanel *self,
             JmDocument      *document)
{
  guint n = document != NULL ? jm_document_get_n_stages (document) : 0;

  if (n != self->rows->len)
    return FALSE;

  for (guint i = 0; i < n; i++)
    if (((StageRow *) g_ptr_array_index (self->rows, i))->stage !=
        jm_document_get_stage (document, i))
      return FALSE;

  return TRUE;
}

static void
jm_emotions_panel_reload (JmPanel *panel)
{
  JmEmotionsPanel *self = JM_EMOTIONS_PANEL (panel);
  JmDocument *document = jm_panel_get_document (panel);
  guint n_stages = document != NULL ? jm_document_get_n_stages (document) : 0;
  gboolean has_lane = jm_panel_find_lane (panel, JM_LANE_KIND_EMOTIONS) != NULL;

  if (!same_stages (self, document))
    {
      g_ptr_array_set_size (self->rows, 0);
      jm_panel_remove_all (GTK_WIDGET (self->stage_list));
      for (guint i = 0; i < n_stages; i++)
        gtk_list_box_append (self->stage_list,
                             make_stage_row (self, jm_document_get_stage (document, i)));
    }
  else
    {
      for (guint i = 0; i < self->rows->len; i++)
        refresh_row (self, g_ptr_array_index (self->rows, i));
    }

  gtk_widget_set_visible (self->no_lane_box, document != NULL && !has_lane);
  gtk_widget_set_visible (self->no_stages_label, document != NULL && n_stages == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->stage_list), n_stages > 0);

  update_lowest (self);
}

static void
jm_emotions_panel_document_changed (JmPanel      *panel,
                                    JmChangeType  type,
                                    JmElement    *element,
                                    const char   *property)
{
  JmEmotionsPanel *self = JM_EMOTIONS_PANEL (panel);

  if (type != JM_CHANGE_PROPERTY)
    {
      jm_panel_queue_reload (panel);
      return;
    }

  if (element == NULL)
    return;

  if (JM_IS_CARD (element) && jm_card_get_kind (JM_CARD (element)) == JM_CARD_KIND_EMOTION)
    {
      StageRow *sr = find_row (self, jm_card_get_stage (JM_CARD (element)));

      if (sr != NULL)
        refresh_row (self, sr);
      update_lowest (self);
    }
  else if (JM_IS_STAGE (element) && g_strcmp0 (property, "title") == 0)
    {
      StageRow *sr = find_row (self, jm_element_get_id (element));

      if (sr != NULL)
        refresh_row (self, sr);
      update_lowest (self);
    }
  else if (JM_IS_LANE (element) && g_strcmp0 (property, "kind") == 0)
    jm_panel_queue_reload (panel);
}

/* The stage selected on the canvas (or the stage of the selected cards) is the selected row. */
static void
jm_emotions_panel_selection_changed (JmPanel *panel)
{
  JmEmotionsPanel *self = JM_EMOTIONS_PANEL (panel);
  JmStage *stage = jm_panel_get_selected_stage (panel);
  StageRow *sr;

  jm_panel_flush (panel);
  sr = stage != NULL ? find_row (self, jm_element_get_id (JM_ELEMENT (stage))) : NULL;
  if (sr != NULL)
    gtk_list_box_select_row (self->stage_list, GTK_LIST_BOX_ROW (sr->row));
  else
    gtk_list_box_unselect_all (self->stage_list);
}

static void
jm_emotions_panel_dispose (GObject *object)
{
  JmEmotionsPanel *self = JM_EMOTIONS_PANEL (object);

  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  jm_panel_dispose_template (JM_PANEL (object), JM_TYPE_EMOTIONS_PANEL);

  G_OBJECT_CLASS (jm_emotions_panel_parent_class)->dispose (object);
}

static void
jm_emotions_panel_finalize (GObject *object)
{
  JmEmotionsPanel *self = JM_EMOTIONS_PANEL (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->lowest_signature);

  G_OBJECT_CLASS (jm_emotions_panel_parent_class)->finalize (object);
}

static void
jm_emotions_panel_class_init (JmEmotionsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  JmPanelClass *panel_class = JM_PANEL_CLASS (klass);

  object_class->dispose = jm_emotions_panel_dispose;
  object_class->finalize = jm_emotions_panel_finalize;

  panel_class->reload = jm_emotions_panel_reload;
  panel_class->document_changed = jm_emotions_panel_document_changed;
  panel_class->selection_changed = jm_emotions_panel_selection_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/panels/jm-emotions-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, JmEmotionsPanel, lowest_empty);
  gtk_widget_class_bind_template_child (widget_class, JmEmotionsPanel, lowest_list);
  gtk_widget_class_bind_template_child (widget_class, JmEmotionsPanel, no_lane_box);
  gtk_widget_class_bind_template_child (widget_class, JmEmotionsPanel, no_stages_label);
  gtk_widget_class_bind_template_child (widget_class, JmEmotionsPanel, stage_list);
  gtk_widget_class_bind_template_callback (widget_class, lowest_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, stage_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_lane_clicked_cb);
}

static void
jm_emotions_panel_init (JmEmotionsPanel *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
