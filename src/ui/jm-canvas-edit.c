/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmCanvas editing: the inline editor (card text, stage and lane titles, new cards), the
 * clipboard, the context menus and the canvas.* actions. Every change is a command on the
 * history; a new card is inserted with its text, so creating it is one undo step. */
#define G_LOG_DOMAIN "jm-canvas"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jm-canvas-private.h"
#include "history/jm-edit-ops.h"
#include "jm-card-palette.h"

/* User colours offered for cards and stages ("" = the theme's). */
static const struct {
  const char *color;
  const char *name;
} swatches[] = {
  { "",        N_("Default") },
  { "#e01b24", N_("Red") },
  { "#ff7800", N_("Orange") },
  { "#f6d32d", N_("Yellow") },
  { "#33d17a", N_("Green") },
  { "#3584e4", N_("Blue") },
  { "#9141ac", N_("Purple") },
  { "#986a44", N_("Brown") },
};

static JmElement *
lookup (JmCanvas   *self,
        const char *id)
{
  if (self->document == NULL || id == NULL)
    return NULL;
  return jm_document_lookup (self->document, id);
}

static const char *
element_id (gpointer element)
{
  return jm_element_get_id (JM_ELEMENT (element));
}

/* Inline editor */

gboolean
jm_canvas_is_editing (JmCanvas *self)
{
  g_return_val_if_fail (JM_IS_CANVAS (self), FALSE);
  return self->edit_kind != JM_EDIT_NONE;
}

static char *
editor_dup_text (JmCanvas *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor));
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (text);
}

static void
editor_set_text (JmCanvas   *self,
                 const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor));
  GtkTextIter start, end;

  /* The original text is not an undo step of the editor's own undo. */
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_select_range (buffer, &end, &start);
}

static void
close_editor (JmCanvas *self)
{
  gboolean had_focus = gtk_widget_has_focus (self->editor);

  self->edit_kind = JM_EDIT_NONE;
  g_clear_pointer (&self->edit_id, g_free);
  g_clear_pointer (&self->edit_stage_id, g_free);
  g_clear_pointer (&self->edit_lane_id, g_free);
  jm_canvas_set_drop_feedback (self, -1, -1, -1);

  gtk_widget_set_visible (self->editor, FALSE);
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
jm_canvas_cancel_editing (JmCanvas *self)
{
  if (self->edit_kind == JM_EDIT_NONE)
    return;
  close_editor (self);
}

void
jm_canvas_commit_editing (JmCanvas *self)
{
  g_autofree char *text = NULL;
  JmEditKind kind = self->edit_kind;

  if (kind == JM_EDIT_NONE || self->editing_commit)
    return;

  self->editing_commit = TRUE;
  text = editor_dup_text (self);

  if (kind == JM_EDIT_NEW_CARD)
    {
      JmElement *stage = lookup (self, self->edit_stage_id);
      JmElement *lane = lookup (self, self->edit_lane_id);
      gboolean keep_empty = self->edit_keep_empty;
      int index = self->edit_index;

      close_editor (self);
      if (JM_IS_STAGE (stage) && JM_IS_LANE (lane) && (text[0] != '\0' || keep_empty))
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *id = jm_edit_add_card (self->history, self->new_kind,
                                                  self->new_channel, element_id (stage),
                                                  element_id (lane), index, text, &error);

          if (error != NULL)
            g_debug ("Edit refused: %s", error->message);
          if (id != NULL)
            {
              jm_history_break_merge (self->history);
              jm_canvas_select_only (self, id);
              jm_canvas_scroll_to_element (self, id);
            }
        }
    }
  else
    {
      JmElement *element = lookup (self, self->edit_id);
      const char *property = kind == JM_EDIT_CARD ? "text" : "title";

      close_editor (self);
      if (element != NULL && (kind == JM_EDIT_CARD || text[0] != '\0'))
        {
          g_autofree char *old = NULL;

          g_object_get (element, property, &old, NULL);
          if (g_strcmp0 (old, text) != 0)
            {
              jm_canvas_apply (self, jm_set_string_command_new (element, property, text));
              jm_history_break_merge (self->history);
            }
        }
    }

  self->editing_commit = FALSE;
}

static void
open_editor (JmCanvas   *self,
             const char *text)
{
  gtk_widget_set_visible (self->editor, TRUE);
  editor_set_text (self, text);
  jm_canvas_update_editor_style (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_grab_focus (self->editor);
}

void
jm_canvas_start_editing (JmCanvas   *self,
                         const char *id)
{
  JmElement *element;
  const char *text;

  jm_canvas_commit_editing (self);
  element = lookup (self, id);

  if (JM_IS_CARD (element))
    {
      self->edit_kind = JM_EDIT_CARD;
      text = jm_card_get_text (JM_CARD (element));
    }
  else if (JM_IS_STAGE (element))
    {
      self->edit_kind = JM_EDIT_STAGE;
      text = jm_stage_get_title (JM_STAGE (element));
    }
  else if (JM_IS_LANE (element))
    {
      if (!jm_lane_get_visible (JM_LANE (element)))
        return;
      self->edit_kind = JM_EDIT_LANE;
      text = jm_lane_get_title (JM_LANE (element));
    }
  else
    return;

  self->edit_id = g_strdup (id);
  jm_canvas_scroll_to_element (self, id);
  open_editor (self, text);
}

void
jm_canvas_start_new_card (JmCanvas   *self,
                          JmCardKind  kind,
                          int         channel,
                          int         stage,
                          int         lane,
                          int         index,
                          gboolean    keep_empty)
{
  JmStage *st;
  JmLane *ln;
  JmRect rect;

  jm_canvas_commit_editing (self);

  if (self->layout == NULL)
    return;
  st = jm_layout_get_stage (self->layout, stage);
  ln = jm_layout_get_lane (self->layout, lane);
  if (st == NULL || ln == NULL || !jm_lane_get_visible (ln) ||
      !jm_lane_kind_accepts (jm_lane_get_kind (ln), kind))
    return;

  self->edit_kind = JM_EDIT_NEW_CARD;
  self->edit_stage_id = g_strdup (element_id (st));
  self->edit_lane_id = g_strdup (element_id (ln));
  self->edit_index = MAX (index, 0);
  self->edit_keep_empty = keep_empty;
  self->new_kind = kind;
  self->new_channel = kind == JM_CARD_KIND_TOUCHPOINT ? channel : -1;

  jm_canvas_clear_selection (self);
  jm_canvas_set_focus_cell (self, stage, lane, FALSE);
  jm_canvas_set_drop_feedback (self, stage, lane, self->edit_index);
  if (jm_layout_get_cell_rect (self->layout, stage, lane, &rect))
    jm_canvas_scroll_to_rect (self, &rect);

  open_editor (self, "");
}

/* The editor's place in document units. */
static gboolean
editor_rect (JmCanvas *self,
             JmRect   *rect)
{
  const JmThemeSizes *sizes = jm_theme_get_sizes (self->theme);
  JmElement *element;
  JmRect view;
  int index;

  jm_canvas_get_view (self, &view);

  switch (self->edit_kind)
    {
    case JM_EDIT_CARD:
      return jm_layout_get_card_rect (self->layout, self->edit_id, rect);

    case JM_EDIT_STAGE:
      element = lookup (self, self->edit_id);
      index = element != NULL ? jm_document_index_of (self->document, element) : -1;
      if (index < 0 || !jm_layout_get_stage_header_rect (self->layout, index, rect))
        return FALSE;
      /* The header row is pinned to the top of the view. */
      rect->y += MAX (view.y, 0) + sizes->stage_band;
      rect->height = MIN (rect->height - sizes->stage_band, sizes->card_height);
      return TRUE;

    case JM_EDIT_LANE:
      element = lookup (self, self->edit_id);
      index = element != NULL ? jm_document_index_of (self->document, element) : -1;
      if (index < 0 || !jm_layout_get_lane_header_rect (self->layout, index, rect))
        return FALSE;
      rect->x += MAX (view.x, 0);
      rect->height = MIN (rect->height, sizes->card_height);
      return TRUE;

    case JM_EDIT_NEW_CARD:
      {
        JmElement *stage = lookup (self, self->edit_stage_id);
        JmElement *lane = lookup (self, self->edit_lane_id);
        int s = stage != NULL ? jm_document_index_of (self->document, stage) : -1;
        int l = lane != NULL ? jm_document_index_of (self->document, lane) : -1;
        JmRect cell;

        if (s < 0 || l < 0 || !jm_layout_get_cell_rect (self->layout, s, l, &cell))
          return FALSE;

        rect->x = cell.x + sizes->cell_padding;
        rect->width = cell.width - 2 * sizes->cell_padding;
        rect->height = sizes->card_height;
        if (jm_lane_get_kind (JM_LANE (lane)) == JM_LANE_KIND_EMOTIONS)
          rect->y = cell.y + (cell.height - sizes->card_height) / 2;
        else
          rect->y = cell.y + sizes->cell_padding +
                    self->edit_index * (sizes->card_height + sizes->card_gap);
        return TRUE;
      }

    case JM_EDIT_NONE:
    default:
      return FALSE;
    }
}

void
jm_canvas_update_editor_style (JmCanvas *self)
{
  const JmThemeSizes *sizes;
  g_autoptr(GString) css = NULL;
  g_auto(GStrv) families = NULL;
  double font;

  if (self->editor == NULL || self->theme == NULL || self->edit_kind == JM_EDIT_NONE)
    return;

  sizes = jm_theme_get_sizes (self->theme);
  font = self->edit_kind == JM_EDIT_STAGE ? sizes->font_stage_title :
         self->edit_kind == JM_EDIT_LANE ? sizes->font_lane_title : sizes->font_card;
  font = CLAMP (font * self->zoom, 11, 96);

  css = g_string_new ("textview.jm-inline-editor { font-family: ");
  families = g_strsplit (jm_theme_get_font_family (self->theme), ",", -1);
  for (guint i = 0; families[i] != NULL; i++)
    g_string_append_printf (css, "%s\"%s\"", i > 0 ? ", " : "", g_strstrip (families[i]));
  g_string_append_printf (css, "; font-size: %.1fpx; }", font);

  gtk_css_provider_load_from_data (self->editor_css, css->str, css->len);
}

void
jm_canvas_allocate_children (JmCanvas *self,
                             int       width,
                             int       height)
{
  JmRect rect;
  graphene_rect_t area;

  if (gtk_widget_get_visible (self->rubber_band))
    {
      jm_canvas_doc_to_widget_rect (self, &self->band, &area);
      GtkAllocation band = {
        floor (area.origin.x), floor (area.origin.y),
        MAX (ceil (area.size.width), 1), MAX (ceil (area.size.height), 1)
      };

      gtk_widget_size_allocate (self->rubber_band, &band, -1);
    }

  if (gtk_widget_get_visible (self->editor))
    {
      int w, h, min_h = 0, nat_h = 0;

      if (self->layout == NULL || !editor_rect (self, &rect))
        {
          rect.x = rect.y = 0;
          rect.width = 200;
          rect.height = 60;
        }
      jm_canvas_doc_to_widget_rect (self, &rect, &area);

      w = MAX ((int) ceil (area.size.width), 160);
      gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, w, &min_h, &nat_h, NULL, NULL);
      h = MAX ((int) ceil (area.size.height), nat_h);
      gtk_widget_size_allocate (self->editor,
                                &(GtkAllocation) { floor (area.origin.x), floor (area.origin.y),
                                                   w, h },
                                -1);
    }

  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
  if (self->label_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->label_popover));
}

static gboolean
editor_key_pressed_cb (JmCanvas              *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK);

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      /* Shift+Enter is a new line; an input method composing text keeps its Enter. */
      if (mods & GDK_SHIFT_MASK)
        return FALSE;
      jm_canvas_commit_editing (self);
      return TRUE;

    case GDK_KEY_Escape:
      jm_canvas_cancel_editing (self);
      return TRUE;

    case GDK_KEY_Tab:
    case GDK_KEY_ISO_Left_Tab:
      jm_canvas_commit_editing (self);
      return TRUE;

    default:
      return FALSE;
    }
}

static void
editor_focus_leave_cb (JmCanvas                *self,
                       GtkEventControllerFocus *controller)
{
  /* Clicking elsewhere keeps what was typed. */
  if (self->edit_kind != JM_EDIT_NONE && !self->editing_commit &&
      gtk_widget_get_visible (self->editor))
    jm_canvas_commit_editing (self);
}

/* Moving, connecting, adding: the core's edit operations (history/jm-edit-ops.c), one undo
 * step each; the canvas only turns its layout indexes into ids and selects the result. */

static const char *
stage_id_at (JmCanvas *self,
             int       stage)
{
  JmStage *st = stage >= 0 ? jm_layout_get_stage (self->layout, stage) : NULL;

  return st != NULL ? element_id (st) : NULL;
}

static const char *
lane_id_at (JmCanvas *self,
            int       lane)
{
  JmLane *ln = lane >= 0 ? jm_layout_get_lane (self->layout, lane) : NULL;

  return ln != NULL ? element_id (ln) : NULL;
}

/* An operation's refusal is not the user's concern here (the gesture showed it could not
 * drop); it is logged as jm_canvas_apply () does. */
static void
log_refused (GError *error)
{
  if (error != NULL)
    g_debug ("Edit refused: %s", error->message);
}

gboolean
jm_canvas_move_cards (JmCanvas  *self,
                      GPtrArray *ids,
                      int        stage,
                      int        lane,
                      int        index)
{
  g_autoptr(GPtrArray) strv = NULL;
  g_autoptr(GError) error = NULL;
  gboolean moved;

  if (self->layout == NULL || self->history == NULL || ids == NULL || ids->len == 0)
    return FALSE;

  /* Borrowed strings, NULL-terminated. */
  strv = g_ptr_array_sized_new (ids->len + 1);
  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (strv, g_ptr_array_index (ids, i));
  g_ptr_array_add (strv, NULL);
  moved = jm_edit_move_cards (self->history, (const char * const *) strv->pdata,
                              stage_id_at (self, stage), lane_id_at (self, lane), index, &error);
  log_refused (error);
  return moved;
}

gboolean
jm_canvas_connect_cards (JmCanvas   *self,
                         const char *from_id,
                         const char *to_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (self->history == NULL)
    return FALSE;

  id = jm_edit_connect_cards (self->history, from_id, to_id, &error);
  log_refused (error);
  if (id == NULL)
    return FALSE;

  jm_canvas_select_only (self, id);
  return TRUE;
}

/* After adding a stage or lane: select it and start renaming it. */
static void
added_header (JmCanvas *self,
              char     *id,
              GError   *error)
{
  g_autofree char *owned = id;

  log_refused (error);
  if (owned == NULL)
    return;

  jm_history_break_merge (self->history);
  jm_canvas_select_only (self, owned);
  jm_layout_update (self->layout, NULL);
  jm_canvas_start_editing (self, owned);
}

void
jm_canvas_add_stage (JmCanvas *self,
                     int       index)
{
  g_autoptr(GError) error = NULL;
  char *id;

  if (self->document == NULL || self->history == NULL)
    return;

  jm_canvas_commit_editing (self);
  id = jm_edit_add_stage (self->history, index, _("New Stage"), &error);
  added_header (self, id, error);
}

void
jm_canvas_add_lane (JmCanvas *self,
                    int       index)
{
  g_autoptr(GError) error = NULL;
  char *id;

  if (self->document == NULL || self->history == NULL)
    return;

  jm_canvas_commit_editing (self);
  id = jm_edit_add_lane (self->history, index, JM_LANE_KIND_CUSTOM, _("New Lane"), &error);
  added_header (self, id, error);
}

/* Pastes copies of cards (and the connections between them) into (stage, lane) at index;
 * returns the new ids (never NULL). */
static GPtrArray *
paste_copies (JmCanvas   *self,
              GPtrArray  *cards,
              GPtrArray  *connections,
              int         stage,
              int         lane,
              int         index)
{
  g_autoptr(GError) error = NULL;
  const char *stage_id = stage_id_at (self, stage);
  GPtrArray *ids = NULL;

  if (stage_id != NULL && self->history != NULL)
    ids = jm_edit_paste_cards (self->history, cards, connections, stage_id,
                               lane_id_at (self, lane), index, _("Paste"), &error);
  log_refused (error);
  return ids != NULL ? ids : g_ptr_array_new_with_free_func (g_free);
}

static void
select_new (JmCanvas  *self,
            GPtrArray *ids)
{
  if (ids->len == 0)
    return;

  g_ptr_array_add (ids, NULL);
  jm_canvas_select_ids (self, (const char * const *) ids->pdata);
  g_ptr_array_remove_index (ids, ids->len - 1);
  g_free (self->anchor_id);
  self->anchor_id = g_strdup (g_ptr_array_index (ids, ids->len - 1));
  jm_canvas_scroll_to_element (self, self->anchor_id);
}

/* Clipboard */

static GdkContentProvider *
cards_content (JmCanvas  *self,
               GPtrArray *cards)
{
  g_autoptr(GBytes) json = jm_json_save_cards (self->document, cards);
  g_autoptr(GString) text = g_string_new (NULL);
  GdkContentProvider *providers[2];
  GValue value = G_VALUE_INIT;

  for (guint i = 0; i < cards->len; i++)
    {
      g_autofree char *line = g_strdup (jm_card_get_text (g_ptr_array_index (cards, i)));

      /* One card per line. */
      g_strdelimit (line, "\r\n", ' ');
      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text->str);
  providers[0] = gdk_content_provider_new_for_bytes (JM_CANVAS_CARDS_MIME_TYPE, json);
  providers[1] = gdk_content_provider_new_for_value (&value);
  g_value_unset (&value);

  return gdk_content_provider_new_union (providers, 2);
}

static gboolean
copy_selection (JmCanvas *self)
{
  g_autoptr(GPtrArray) cards = jm_canvas_dup_selected_cards (self);
  g_autoptr(GdkContentProvider) content = NULL;

  if (cards->len == 0)
    return FALSE;

  content = cards_content (self, cards);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), content);
  return TRUE;
}

typedef struct
{
  JmCanvas *canvas;
  int       stage;
  int       lane;
  int       index;
} PasteData;

static void
paste_data_free (PasteData *data)
{
  g_clear_object (&data->canvas);
  g_free (data);
}

static void
paste_cards_bytes (JmCanvas  *self,
                   GBytes    *bytes,
                   PasteData *data)
{
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  if (!jm_json_load_cards (bytes, &cards, &connections, &error))
    {
      g_debug ("Cannot paste cards: %s", error->message);
      return;
    }

  ids = paste_copies (self, cards, connections, data->stage, data->lane, data->index);
  select_new (self, ids);
}

static void
paste_text (JmCanvas   *self,
            const char *text,
            PasteData  *data)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = NULL;
  JmLane *lane;
  JmCardKind kind;

  if (text == NULL || data->lane < 0)
    return;

  lane = jm_layout_get_lane (self->layout, data->lane);
  if (lane == NULL)
    return;
  kind = jm_lane_kind_default_card_kind (jm_lane_get_kind (lane));

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && cards->len < 500; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] != '\0')
        g_ptr_array_add (cards, jm_card_new ("paste", kind, "", "", line));
    }

  ids = paste_copies (self, cards, NULL, data->stage, data->lane, data->index);
  select_new (self, ids);
}

static void
paste_text_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PasteData *data = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  if (data->canvas->document != NULL)
    paste_text (data->canvas, text, data);
  paste_data_free (data);
}

static void
paste_splice_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PasteData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error) >= 0 &&
      data->canvas->document != NULL)
    {
      g_autoptr(GBytes) bytes =
        g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source));

      paste_cards_bytes (data->canvas, bytes, data);
    }
  else if (error != NULL)
    g_debug ("Cannot paste cards: %s", error->message);

  paste_data_free (data);
}

static void
paste_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PasteData *data = user_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) memory = NULL;
  g_autoptr(GError) error = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  if (stream == NULL)
    {
      g_debug ("Cannot paste cards: %s", error->message);
      paste_data_free (data);
      return;
    }

  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, paste_splice_cb, data);
}

static void
paste (JmCanvas *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  PasteData *data;
  int stage, lane, index;

  if (self->layout == NULL || jm_layout_get_n_stages (self->layout) == 0)
    return;

  jm_canvas_get_current_cell (self, &stage, &lane, &index);
  data = g_new0 (PasteData, 1);
  data->canvas = g_object_ref (self);
  data->stage = MAX (stage, 0);
  data->lane = lane;
  data->index = index;

  if (gdk_content_formats_contain_mime_type (formats, JM_CANVAS_CARDS_MIME_TYPE))
    {
      static const char *mime_types[] = { JM_CANVAS_CARDS_MIME_TYPE, NULL };

      gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, NULL,
                                paste_read_cb, data);
    }
  else if (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING) ||
           gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8") ||
           gdk_content_formats_contain_mime_type (formats, "text/plain"))
    gdk_clipboard_read_text_async (clipboard, NULL, paste_text_cb, data);
  else
    paste_data_free (data);
}

/* Context menus */

static void
swatch_clicked_cb (GtkWidget *button,
                   JmCanvas  *self)
{
  if (self->context_menu != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->context_menu));
}

static GtkWidget *
swatch_row (JmCanvas   *self,
            const char *action)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  for (guint i = 0; i < G_N_ELEMENTS (swatches); i++)
    {
      GtkWidget *button = gtk_button_new ();
      g_autofree char *css_class = g_strdup_printf ("jm-swatch-%u", i);

      gtk_widget_add_css_class (button, "jm-swatch");
      gtk_widget_add_css_class (button, css_class);
      gtk_widget_set_tooltip_text (button, _(swatches[i].name));
      if (i == 0)
        gtk_button_set_icon_name (GTK_BUTTON (button), "edit-clear-symbolic");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", swatches[i].color);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(swatches[i].name),
                                      -1);
      g_signal_connect (button, "clicked", G_CALLBACK (swatch_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }

  return box;
}

static void
ensure_swatch_css (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
      g_autoptr(GString) css = g_string_new (
        "button.jm-swatch { min-width: 22px; min-height: 22px; padding: 0; border-radius: 11px;"
        " box-shadow: inset 0 0 0 1px alpha(currentColor, 0.25); }\n"
        "textview.jm-inline-editor { border-radius: 6px; padding: 4px 6px;"
        " box-shadow: 0 0 0 2px @accent_bg_color, 0 2px 6px alpha(black, 0.3); }\n");

      for (guint i = 1; i < G_N_ELEMENTS (swatches); i++)
        g_string_append_printf (css, "button.jm-swatch-%u { background: %s; }\n",
                                i, swatches[i].color);
      gtk_css_provider_load_from_data (provider, css->str, css->len);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&done, 1);
    }
}

static GMenuItem *
item_with_target (const char *label,
                  const char *action,
                  const char *target)
{
  GMenuItem *item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target (item, action, "s", target);
  return item;
}

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action)
{
  g_menu_append (menu, label, action);
}

static void
append_swatches (GMenu      *menu,
                 const char *label)
{
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenuItem) item = g_menu_item_new (NULL, NULL);

  g_menu_item_set_attribute (item, "custom", "s", "swatches");
  g_menu_append_item (section, item);
  g_menu_append_section (menu, label, G_MENU_MODEL (section));
}

static GMenu *
card_menu (JmCanvas *self,
           JmCard   *card)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) more = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();
  JmElement *lane = lookup (self, jm_card_get_lane (card));

  append_item (edit, _("_Edit Text"), "canvas.edit");
  append_item (edit, _("_Duplicate"), "canvas.duplicate");
  append_item (edit, _("_Copy"), "canvas.copy");
  append_item (edit, _("Cu_t"), "canvas.cut");
  append_item (edit, _("Co_nnect To…"), "canvas.connect");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

  append_swatches (menu, _("Colour"));

  if (JM_IS_LANE (lane) && jm_lane_get_kind (JM_LANE (lane)) == JM_LANE_KIND_CUSTOM)
    {
      g_autoptr(GMenu) kinds = g_menu_new ();

      for (int k = 0; k < JM_N_CARD_KINDS; k++)
        {
          g_autoptr(GMenuItem) item =
            item_with_target (jm_card_kind_get_label (k), "canvas.card-kind",
                              jm_enum_to_nick (JM_TYPE_CARD_KIND, k));

          g_menu_append_item (kinds, item);
        }
      g_menu_append_submenu (more, _("Change _Kind"), G_MENU_MODEL (kinds));
      g_menu_append_section (menu, NULL, G_MENU_MODEL (more));
    }

  append_item (danger, _("_Delete"), "canvas.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));

  return menu;
}

static GMenu *
stage_menu (JmCanvas *self)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();

  append_item (edit, _("_Rename"), "canvas.stage-rename");
  append_item (edit, _("Insert Stage _Before"), "canvas.stage-insert-before");
  append_item (edit, _("Insert Stage _After"), "canvas.stage-insert-after");
  append_item (edit, _("_Duplicate Stage"), "canvas.stage-duplicate");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  append_swatches (menu, _("Colour"));
  append_item (danger, _("De_lete Stage"), "canvas.stage-delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));

  return menu;
}

static gboolean
lane_can_hold (JmCanvas   *self,
               JmLane     *lane,
               JmLaneKind  kind)
{
  for (guint s = 0; s < jm_layout_get_n_stages (self->layout); s++)
    {
      GPtrArray *cell = jm_document_get_cell (self->document,
                                              element_id (jm_layout_get_stage (self->layout, s)),
                                              element_id (lane));

      for (guint i = 0; cell != NULL && i < cell->len; i++)
        if (!jm_lane_kind_accepts (kind, jm_card_get_kind (g_ptr_array_index (cell, i))))
          return FALSE;
    }

  return TRUE;
}

static gboolean
has_hidden_lanes (JmCanvas *self)
{
  for (guint l = 0; l < jm_layout_get_n_lanes (self->layout); l++)
    if (!jm_lane_get_visible (jm_layout_get_lane (self->layout, l)))
      return TRUE;
  return FALSE;
}

static GMenu *
lane_menu (JmCanvas *self,
           JmLane   *lane)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) kinds = g_menu_new ();
  g_autoptr(GMenu) view = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();
  GEnumClass *klass = g_type_class_ref (JM_TYPE_LANE_KIND);

  append_item (edit, _("_Rename"), "canvas.lane-rename");
  append_item (edit, _("Insert Lane _Before"), "canvas.lane-insert-before");
  append_item (edit, _("Insert Lane _After"), "canvas.lane-insert-after");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

  for (guint k = 0; k < klass->n_values; k++)
    {
      JmLaneKind kind = klass->values[k].value;
      g_autoptr(GMenuItem) item = NULL;

      if (kind == jm_lane_get_kind (lane) || !lane_can_hold (self, lane, kind))
        continue;
      item = item_with_target (jm_lane_kind_get_label (kind), "canvas.lane-kind",
                               klass->values[k].value_nick);
      g_menu_append_item (kinds, item);
    }
  g_type_class_unref (klass);
  if (g_menu_model_get_n_items (G_MENU_MODEL (kinds)) > 0)
    g_menu_append_submenu (view, _("Change _Kind"), G_MENU_MODEL (kinds));
  append_item (view, _("_Hide Lane"), "canvas.lane-hide");
  if (has_hidden_lanes (self))
    append_item (view, _("_Show Hidden Lanes"), "canvas.show-lanes");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (view));

  append_item (danger, _("De_lete Lane"), "canvas.lane-delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));

  return menu;
}

static GMenu *
connection_menu (JmCanvas     *self,
                 JmConnection *connection)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) kinds = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();
  g_autoptr(GMenuItem) next = item_with_target (_("_Next Step"), "canvas.connection-kind", "next");
  g_autoptr(GMenuItem) back = item_with_target (_("Step _Back"), "canvas.connection-kind",
                                                "step-back");

  append_item (edit, _("Edit _Label…"), "canvas.connection-label");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_item (kinds, next);
  g_menu_append_item (kinds, back);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (kinds));
  append_item (danger, _("_Delete Connection"), "canvas.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));

  return menu;
}

static GMenu *
cell_menu (JmCanvas *self,
           int       lane)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) add = g_menu_new ();
  JmLane *ln = jm_layout_get_lane (self->layout, lane);
  JmCardKind kind = jm_lane_kind_default_card_kind (jm_lane_get_kind (ln));
  g_autofree char *label = g_strdup_printf (_("_Add %s"), jm_card_kind_get_label (kind));

  append_item (add, label, "canvas.add-card");
  append_item (add, _("_Paste"), "canvas.paste");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (add));

  return menu;
}

static GMenu *
map_menu (JmCanvas *self)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) add = g_menu_new ();
  g_autoptr(GMenu) view = g_menu_new ();

  append_item (add, _("Add _Stage"), "canvas.add-stage");
  append_item (add, _("Add _Lane"), "canvas.add-lane");
  append_item (add, _("_Paste"), "canvas.paste");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (add));
  append_item (view, _("Select _All"), "canvas.select-all");
  if (has_hidden_lanes (self))
    append_item (view, _("_Show Hidden Lanes"), "canvas.show-lanes");
  append_item (view, _("_Fit Map"), "canvas.zoom-fit");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (view));

  return menu;
}

void
jm_canvas_popup_menu_at (JmCanvas *self,
                         double    x,
                         double    y)
{
  g_autoptr(GMenu) menu = NULL;
  const char *swatch_action = NULL;
  JmElement *element = NULL;
  JmHit hit;

  if (self->layout == NULL)
    return;

  jm_canvas_commit_editing (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));

  hit = jm_canvas_hit_test (self, x, y);
  if (hit.element_id != NULL)
    element = lookup (self, hit.element_id);

  g_free (self->menu_target);
  self->menu_target = g_strdup (hit.element_id);

  switch ((int) hit.kind)
    {
    case JM_HIT_CARD:
    case JM_HIT_CARD_HANDLE:
    case JM_HIT_CURVE_POINT:
      if (!jm_canvas_is_selected (self, hit.element_id))
        jm_canvas_select_only (self, hit.element_id);
      jm_canvas_set_focus_cell (self, hit.stage, hit.lane, FALSE);
      menu = card_menu (self, JM_CARD (element));
      swatch_action = "canvas.card-color";
      break;

    case JM_HIT_STAGE_HEADER:
      jm_canvas_select_only (self, hit.element_id);
      menu = stage_menu (self);
      swatch_action = "canvas.stage-color";
      break;

    case JM_HIT_LANE_HEADER:
      jm_canvas_select_only (self, hit.element_id);
      menu = lane_menu (self, JM_LANE (element));
      break;

    case JM_HIT_CONNECTION:
      jm_canvas_select_only (self, hit.element_id);
      menu = connection_menu (self, JM_CONNECTION (element));
      break;

    case JM_HIT_CELL:
      jm_canvas_clear_selection (self);
      jm_canvas_set_focus_cell (self, hit.stage, hit.lane, TRUE);
      g_clear_pointer (&self->anchor_id, g_free);
      menu = cell_menu (self, hit.lane);
      break;

    default:
      menu = map_menu (self);
      break;
    }

  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_popover_set_position (GTK_POPOVER (self->context_menu), GTK_POS_BOTTOM);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
    }

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), G_MENU_MODEL (menu));
  if (swatch_action != NULL)
    gtk_popover_menu_add_child (GTK_POPOVER_MENU (self->context_menu),
                                swatch_row (self, swatch_action), "swatches");
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* Connection label */

static void
label_entry_activate_cb (JmCanvas *self,
                         GtkEntry *entry)
{
  JmElement *connection = lookup (self, self->menu_target);

  if (JM_IS_CONNECTION (connection))
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

      if (g_strcmp0 (text, jm_connection_get_label (JM_CONNECTION (connection))) != 0)
        {
          jm_canvas_apply (self, jm_set_string_command_new (connection, "label", text));
          jm_history_break_merge (self->history);
        }
    }

  gtk_popover_popdown (GTK_POPOVER (self->label_popover));
}

static void
label_popover_closed_cb (JmCanvas *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

void
jm_canvas_edit_connection_label (JmCanvas   *self,
                                 const char *connection_id)
{
  JmElement *connection = lookup (self, connection_id);
  const JmConnector *c;
  JmPoint mid;
  JmRect r;
  graphene_rect_t area;

  if (!JM_IS_CONNECTION (connection) || self->layout == NULL)
    return;
  c = jm_layout_lookup_connector (self->layout, connection_id);
  if (c == NULL)
    return;

  jm_canvas_commit_editing (self);
  g_free (self->menu_target);
  self->menu_target = g_strdup (connection_id);

  if (self->label_popover == NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *title = gtk_label_new (_("Connection Label"));

      gtk_widget_add_css_class (title, "heading");
      gtk_widget_set_halign (title, GTK_ALIGN_START);
      self->label_entry = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (self->label_entry), _("e.g. asks for a demo"));
      gtk_editable_set_width_chars (GTK_EDITABLE (self->label_entry), 24);
      g_signal_connect_swapped (self->label_entry, "activate",
                                G_CALLBACK (label_entry_activate_cb), self);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), self->label_entry);

      self->label_popover = gtk_popover_new ();
      gtk_popover_set_child (GTK_POPOVER (self->label_popover), box);
      gtk_widget_set_parent (self->label_popover, GTK_WIDGET (self));
      g_signal_connect_swapped (self->label_popover, "closed",
                                G_CALLBACK (label_popover_closed_cb), self);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->label_entry),
                         jm_connection_get_label (JM_CONNECTION (connection)));
  mid = jm_bezier_point (&c->p0, &c->c1, &c->c2, &c->p3, 0.5);
  r = (JmRect) { mid.x, mid.y, 0, 0 };
  jm_canvas_doc_to_widget_rect (self, &r, &area);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->label_popover),
                               &(GdkRectangle) { (int) area.origin.x, (int) area.origin.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->label_popover));
  gtk_widget_grab_focus (self->label_entry);
}

/* Actions */

/* The element a menu action is about: the menu's target if it is of type, else the single
 * selected element of type. */
static JmElement *
target_of_type (JmCanvas *self,
                GType     type)
{
  JmElement *element = lookup (self, self->menu_target);
  GHashTableIter iter;
  gpointer key;

  if (element != NULL && G_TYPE_CHECK_INSTANCE_TYPE (element, type))
    return element;

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      element = lookup (self, key);
      if (element != NULL && G_TYPE_CHECK_INSTANCE_TYPE (element, type))
        return element;
    }

  return NULL;
}

static void
zoom_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);

  if (g_str_equal (action_name, "canvas.zoom-in"))
    jm_canvas_set_zoom (self, self->zoom * 1.25);
  else if (g_str_equal (action_name, "canvas.zoom-out"))
    jm_canvas_set_zoom (self, self->zoom / 1.25);
  else if (g_str_equal (action_name, "canvas.zoom-reset"))
    jm_canvas_set_zoom (self, 1.0);
  else
    jm_canvas_zoom_fit (self);
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  g_auto(GStrv) ids = NULL;
  JmCommand *command;

  if (self->document == NULL)
    return;

  jm_canvas_cancel_drag (self);
  ids = jm_canvas_get_selection (self);
  if (ids[0] == NULL)
    return;

  command = jm_delete_command_new (self->document, (const char * const *) ids, NULL);
  if (jm_canvas_apply (self, command))
    jm_canvas_clear_selection (self);
}

static void
copy_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);

  if (!copy_selection (self))
    return;

  if (g_str_equal (action_name, "canvas.cut"))
    {
      g_autoptr(GPtrArray) cards = jm_canvas_dup_selected_cards (self);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) ids = NULL;

      for (guint i = 0; i < cards->len; i++)
        g_strv_builder_add (builder, element_id (g_ptr_array_index (cards, i)));
      ids = g_strv_builder_end (builder);
      if (jm_canvas_apply (self, jm_delete_command_new (self->document,
                                                        (const char * const *) ids, NULL)))
        jm_canvas_clear_selection (self);
    }
}

static void
paste_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  paste (JM_CANVAS (widget));
}

static void
duplicate_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  g_autoptr(GPtrArray) cards = jm_canvas_dup_selected_cards (self);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  if (cards->len == 0 || self->history == NULL)
    return;

  ids = jm_edit_duplicate_cards (self->history, cards, &error);
  log_refused (error);
  if (ids != NULL)
    select_new (self, ids);
}

static void
select_all_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  guint s, l, i;

  if (self->document == NULL)
    return;

  cards = jm_document_dup_cards (self->document);
  for (guint k = 0; k < cards->len; k++)
    {
      const char *id = element_id (g_ptr_array_index (cards, k));

      if (jm_layout_get_card_position (self->layout, id, &s, &l, &i) &&
          jm_lane_get_visible (jm_layout_get_lane (self->layout, l)))
        g_ptr_array_add (ids, (gpointer) id);
    }
  g_ptr_array_add (ids, NULL);
  jm_canvas_select_ids (self, (const char * const *) ids->pdata);
}

static void
add_card_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  int stage, lane, index;
  JmLane *ln;

  if (self->layout == NULL || jm_layout_get_n_stages (self->layout) == 0)
    return;

  jm_canvas_commit_editing (self);
  jm_canvas_get_current_cell (self, &stage, &lane, &index);
  if (stage < 0)
    stage = 0;
  if (lane < 0)
    for (guint l = 0; l < jm_layout_get_n_lanes (self->layout) && lane < 0; l++)
      if (jm_lane_get_visible (jm_layout_get_lane (self->layout, l)))
        lane = l;
  if (lane < 0)
    return;

  ln = jm_layout_get_lane (self->layout, lane);
  if (index < 0)
    {
      GPtrArray *cell = jm_canvas_get_cell (self, stage, lane);

      index = cell != NULL ? (int) cell->len : 0;
    }

  jm_canvas_start_new_card (self, jm_lane_kind_default_card_kind (jm_lane_get_kind (ln)), -1,
                            stage, lane, index, FALSE);
}

static void
edit_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  JmElement *element = NULL;

  if (self->document == NULL)
    return;

  if (self->anchor_id != NULL && jm_canvas_is_selected (self, self->anchor_id))
    element = lookup (self, self->anchor_id);
  if (element == NULL && g_hash_table_size (self->selection) == 1)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->selection);
      if (g_hash_table_iter_next (&iter, &key, NULL))
        element = lookup (self, key);
    }

  if (JM_IS_CONNECTION (element))
    jm_canvas_edit_connection_label (self, element_id (element));
  else if (element != NULL)
    jm_canvas_start_editing (self, element_id (element));
  else if (self->focus_stage >= 0 && self->focus_lane >= 0 && self->focus_visible_cell)
    gtk_widget_activate_action (widget, "canvas.add-card", NULL);
}

static void
connect_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  JmElement *card = target_of_type (self, JM_TYPE_CARD);

  if (card == NULL)
    return;

  jm_canvas_cancel_drag (self);
  self->drag_mode = JM_DRAG_CONNECT;
  self->click_connect = TRUE;
  self->connect_from = g_strdup (element_id (card));
  gtk_widget_set_cursor_from_name (widget, "crosshair");
}

static void
set_on_cards (JmCanvas   *self,
              const char *property,
              GVariant   *param,
              const char *label)
{
  g_autoptr(GPtrArray) cards = jm_canvas_dup_selected_cards (self);
  const char *value = g_variant_get_string (param, NULL);

  if (cards->len == 0)
    return;

  jm_history_begin_group (self->history, label);
  for (guint i = 0; i < cards->len; i++)
    {
      JmCard *card = g_ptr_array_index (cards, i);

      if (g_str_equal (property, "kind"))
        {
          int kind;
          JmElement *lane = lookup (self, jm_card_get_lane (card));

          if (!jm_enum_from_nick (JM_TYPE_CARD_KIND, value, &kind) || !JM_IS_LANE (lane) ||
              !jm_lane_kind_accepts (jm_lane_get_kind (JM_LANE (lane)), kind))
            continue;
          jm_canvas_apply (self, jm_set_int_command_new (JM_ELEMENT (card), "kind", kind));
        }
      else
        jm_canvas_apply (self, jm_set_string_command_new (JM_ELEMENT (card), property, value));
    }
  jm_history_end_group (self->history);
  jm_history_break_merge (self->history);
}

static void
card_color_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  set_on_cards (JM_CANVAS (widget), "color", param, _("Change Colour"));
}

static void
card_kind_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  set_on_cards (JM_CANVAS (widget), "kind", param, _("Change Kind"));
}

static void
stage_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  JmElement *stage = target_of_type (self, JM_TYPE_STAGE);
  int index;

  if (stage == NULL)
    return;
  index = jm_document_index_of (self->document, stage);

  if (g_str_equal (action_name, "canvas.stage-rename"))
    jm_canvas_start_editing (self, element_id (stage));
  else if (g_str_equal (action_name, "canvas.stage-insert-before"))
    jm_canvas_add_stage (self, index);
  else if (g_str_equal (action_name, "canvas.stage-insert-after"))
    jm_canvas_add_stage (self, index + 1);
  else if (g_str_equal (action_name, "canvas.stage-delete"))
    {
      const char *ids[] = { element_id (stage), NULL };

      jm_canvas_apply (self, jm_delete_command_new (self->document, ids, NULL));
    }
  else if (g_str_equal (action_name, "canvas.stage-color"))
    {
      jm_canvas_apply (self, jm_set_string_command_new (stage, "color",
                                                        g_variant_get_string (param, NULL)));
      jm_history_break_merge (self->history);
    }
  else if (g_str_equal (action_name, "canvas.stage-duplicate"))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = jm_edit_duplicate_stage (self->history, element_id (stage), &error);

      log_refused (error);
      if (id != NULL)
        jm_canvas_select_only (self, id);
    }
}

static void
lane_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  JmElement *lane = target_of_type (self, JM_TYPE_LANE);
  int index;

  if (g_str_equal (action_name, "canvas.show-lanes"))
    {
      jm_history_begin_group (self->history, _("Show Lanes"));
      for (guint l = 0; self->layout != NULL && l < jm_layout_get_n_lanes (self->layout); l++)
        {
          JmLane *ln = jm_layout_get_lane (self->layout, l);

          if (!jm_lane_get_visible (ln))
            jm_canvas_apply (self, jm_set_bool_command_new (JM_ELEMENT (ln), "visible", TRUE));
        }
      jm_history_end_group (self->history);
      return;
    }

  if (lane == NULL)
    return;
  index = jm_document_index_of (self->document, lane);

  if (g_str_equal (action_name, "canvas.lane-rename"))
    jm_canvas_start_editing (self, element_id (lane));
  else if (g_str_equal (action_name, "canvas.lane-insert-before"))
    jm_canvas_add_lane (self, index);
  else if (g_str_equal (action_name, "canvas.lane-insert-after"))
    jm_canvas_add_lane (self, index + 1);
  else if (g_str_equal (action_name, "canvas.lane-hide"))
    {
      jm_canvas_apply (self, jm_set_bool_command_new (lane, "visible", FALSE));
      jm_canvas_clear_selection (self);
    }
  else if (g_str_equal (action_name, "canvas.lane-delete"))
    {
      const char *ids[] = { element_id (lane), NULL };

      jm_canvas_apply (self, jm_delete_command_new (self->document, ids, NULL));
    }
  else if (g_str_equal (action_name, "canvas.lane-kind"))
    {
      int kind;

      if (jm_enum_from_nick (JM_TYPE_LANE_KIND, g_variant_get_string (param, NULL), &kind))
        jm_canvas_apply (self, jm_set_int_command_new (lane, "kind", kind));
    }
}

static void
connection_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  JmCanvas *self = JM_CANVAS (widget);
  JmElement *connection = target_of_type (self, JM_TYPE_CONNECTION);

  if (connection == NULL)
    return;

  if (g_str_equal (action_name, "canvas.connection-label"))
    jm_canvas_edit_connection_label (self, element_id (connection));
  else if (g_str_equal (action_name, "canvas.connection-kind"))
    {
      int kind;

      if (jm_enum_from_nick (JM_TYPE_CONNECTION_KIND, g_variant_get_string (param, NULL), &kind))
        jm_canvas_apply (self, jm_set_int_command_new (connection, "kind", kind));
    }
}

static void
add_header_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  if (g_str_equal (action_name, "canvas.add-stage"))
    jm_canvas_add_stage (JM_CANVAS (widget), -1);
  else
    jm_canvas_add_lane (JM_CANVAS (widget), -1);
}

/* Keys bound to actions fire only while the canvas itself has the focus, never while its
 * editor or one of its popovers does. */
static gboolean
binding_cb (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  if (!gtk_widget_has_focus (widget) || JM_CANVAS (widget)->edit_kind != JM_EDIT_NONE)
    return FALSE;

  return gtk_widget_activate_action (widget, g_variant_get_string (args, NULL), NULL);
}

static void
add_binding (GtkWidgetClass  *widget_class,
             guint            keyval,
             GdkModifierType  mods,
             const char      *action)
{
  gtk_widget_class_add_binding (widget_class, keyval, mods, binding_cb, "s", action);
}

void
jm_canvas_edit_class_init (JmCanvasClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-reset", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.copy", NULL, copy_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.cut", NULL, copy_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.paste", NULL, paste_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.duplicate", NULL, duplicate_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, select_all_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.add-card", NULL, add_card_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.rename", NULL, edit_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.edit", NULL, edit_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.connect", NULL, connect_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.card-color", "s", card_color_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.card-kind", "s", card_kind_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.add-stage", NULL, add_header_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.add-lane", NULL, add_header_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.stage-rename", NULL, stage_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.stage-insert-before", NULL,
                                   stage_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.stage-insert-after", NULL,
                                   stage_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.stage-duplicate", NULL, stage_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.stage-delete", NULL, stage_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.stage-color", "s", stage_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.lane-rename", NULL, lane_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.lane-insert-before", NULL, lane_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.lane-insert-after", NULL, lane_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.lane-hide", NULL, lane_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.lane-delete", NULL, lane_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.lane-kind", "s", lane_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.show-lanes", NULL, lane_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.connection-label", NULL,
                                   connection_action_cb);
  gtk_widget_class_install_action (widget_class, "canvas.connection-kind", "s",
                                   connection_action_cb);

  add_binding (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in");
  add_binding (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.zoom-in");
  add_binding (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in");
  add_binding (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in");
  add_binding (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out");
  add_binding (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out");
  add_binding (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-fit");
  add_binding (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "canvas.zoom-fit");
  add_binding (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "canvas.zoom-reset");
  add_binding (widget_class, GDK_KEY_Delete, 0, "canvas.delete");
  add_binding (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete");
  add_binding (widget_class, GDK_KEY_BackSpace, 0, "canvas.delete");
  add_binding (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "canvas.copy");
  add_binding (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "canvas.cut");
  add_binding (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste");
  add_binding (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "canvas.duplicate");
  add_binding (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all");
  add_binding (widget_class, GDK_KEY_Insert, 0, "canvas.add-card");
  add_binding (widget_class, GDK_KEY_KP_Insert, 0, "canvas.add-card");
  add_binding (widget_class, GDK_KEY_F2, 0, "canvas.rename");
}

void
jm_canvas_edit_init (JmCanvas *self)
{
  GtkEventController *controller;

  ensure_swatch_css ();

  self->editor = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->editor), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->editor), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->editor), 4);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->editor), 4);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->editor), 4);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->editor), 4);
  gtk_widget_add_css_class (self->editor, "jm-inline-editor");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Card text"),
                                  -1);
  self->editor_css = gtk_css_provider_new ();
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_add_provider (gtk_widget_get_style_context (self->editor),
                                  GTK_STYLE_PROVIDER (self->editor_css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_widget_set_visible (self->editor, FALSE);
  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));

  /* Enter and Escape before the text view sees them. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (editor_key_pressed_cb), self);
  gtk_widget_add_controller (self->editor, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (editor_focus_leave_cb), self);
  gtk_widget_add_controller (self->editor, controller);

  self->rubber_band = g_object_new (GTK_TYPE_BOX, "css-name", "rubberband", NULL);
  gtk_widget_set_can_target (self->rubber_band, FALSE);
  gtk_widget_set_visible (self->rubber_band, FALSE);
  gtk_widget_set_parent (self->rubber_band, GTK_WIDGET (self));
}

void
jm_canvas_edit_dispose (JmCanvas *self)
{
  self->edit_kind = JM_EDIT_NONE;
  g_clear_pointer (&self->editor, gtk_widget_unparent);
  g_clear_pointer (&self->rubber_band, gtk_widget_unparent);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_pointer (&self->label_popover, gtk_widget_unparent);
  self->label_entry = NULL;
  g_clear_object (&self->editor_css);
}
