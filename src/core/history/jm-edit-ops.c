/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-edit-ops.c: edits made of several commands (move cards, paste, duplicate) or needing a
 * fresh id (add), each one undo step. A refused command cancels the operation's own group
 * level, so the document is left as it was. */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jm-edit-ops.h"
#include "model/jm-document-private.h"

static const char *
element_id (gpointer element)
{
  return jm_element_get_id (JM_ELEMENT (element));
}

/* Applies command inside the open group; on failure cancels that group level. */
static gboolean
apply_in_group (JmHistory  *history,
                JmCommand  *command,
                GError    **error)
{
  if (jm_history_apply (history, command, error))
    return TRUE;

  jm_history_cancel_group (history);
  return FALSE;
}

static gboolean
lane_takes (JmElement  *lane,
            JmCardKind  kind)
{
  return JM_IS_LANE (lane) && jm_lane_kind_accepts (jm_lane_get_kind (JM_LANE (lane)), kind);
}

/* Moving */

gboolean
jm_edit_move_cards (JmHistory          *history,
                    const char * const *ids,
                    const char         *stage_id,
                    const char         *lane_id,
                    int                 index,
                    GError            **error)
{
  JmDocument *doc;
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JmCard) prev = NULL;
  JmElement *stage, *lane;
  GPtrArray *cell;

  g_return_val_if_fail (JM_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  doc = jm_history_get_document (history);
  stage = stage_id != NULL ? jm_document_lookup (doc, stage_id) : NULL;
  lane = lane_id != NULL ? jm_document_lookup (doc, lane_id) : NULL;
  if (ids == NULL || ids[0] == NULL || !JM_IS_STAGE (stage) || !JM_IS_LANE (lane))
    return FALSE;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      JmElement *card = jm_document_lookup (doc, ids[i]);

      if (!JM_IS_CARD (card) || !lane_takes (lane, jm_card_get_kind (JM_CARD (card))))
        return FALSE;
      g_ptr_array_add (cards, g_object_ref (card));
    }

  /* The moved cards go, in order, after the last card before the insertion point that is not
   * itself moving. */
  cell = jm_document_get_cell (doc, stage_id, lane_id);
  if (cell != NULL)
    for (int i = MIN (index, (int) cell->len) - 1; i >= 0 && prev == NULL; i--)
      {
        JmCard *c = g_ptr_array_index (cell, i);

        if (!g_ptr_array_find (cards, c, NULL))
          prev = g_object_ref (c);
      }

  jm_history_begin_group (history, cards->len == 1 ? _("Move Card") : _("Move Cards"));

  for (guint k = 0; k < cards->len; k++)
    {
      JmCard *card = g_ptr_array_index (cards, k);
      int target = 0;
      guint pos_prev = 0, pos_card = 0;
      gboolean same_cell;

      cell = jm_document_get_cell (doc, stage_id, lane_id);
      same_cell = cell != NULL && g_ptr_array_find (cell, card, &pos_card);

      if (prev != NULL && cell != NULL && g_ptr_array_find (cell, prev, &pos_prev))
        target = same_cell && pos_card < pos_prev ? (int) pos_prev : (int) pos_prev + 1;

      /* A card dropped where it is makes no undo step. */
      if ((!same_cell || (int) pos_card != target) &&
          !apply_in_group (history,
                           jm_move_command_new (JM_ELEMENT (card), stage_id, lane_id, target),
                           error))
        return FALSE;
      g_set_object (&prev, card);
    }

  jm_history_end_group (history);
  return TRUE;
}

/* Copying */

/* A copy of card with a new id in the cell (stage_id, lane_id): every writable property and
 * the unknown JSON keys. */
static JmCard *
copy_card_to (JmCard     *card,
              const char *id,
              const char *stage_id,
              const char *lane_id)
{
  g_autoptr(JmElement) same_cell = jm_element_copy (JM_ELEMENT (card), id);
  g_autofree GParamSpec **pspecs = NULL;
  g_autofree const char **names = NULL;
  g_autofree GValue *values = NULL;
  guint n_pspecs = 0, n = 0;
  JmCard *copy;

  if (g_strcmp0 (stage_id, jm_card_get_stage (card)) == 0 &&
      g_strcmp0 (lane_id, jm_card_get_lane (card)) == 0)
    return JM_CARD (g_steal_pointer (&same_cell));

  /* The cell is construct-only: build the card anew from the copy's values. */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (same_cell), &n_pspecs);
  names = g_new0 (const char *, n_pspecs);
  values = g_new0 (GValue, n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];

      if ((pspec->flags & G_PARAM_READABLE) == 0 || (pspec->flags & G_PARAM_WRITABLE) == 0)
        continue;

      names[n] = pspec->name;
      g_value_init (&values[n], pspec->value_type);
      if (strcmp (pspec->name, "stage") == 0)
        g_value_set_string (&values[n], stage_id);
      else if (strcmp (pspec->name, "lane") == 0)
        g_value_set_string (&values[n], lane_id);
      else
        g_object_get_property (G_OBJECT (same_cell), pspec->name, &values[n]);
      n++;
    }

  copy = (JmCard *) g_object_new_with_properties (JM_TYPE_CARD, n, names, values);
  for (guint i = 0; i < n; i++)
    g_value_unset (&values[i]);

  /* The copy's keys are its own deep copy, now handed over. */
  _jm_element_set_extra (JM_ELEMENT (copy), _jm_element_get_extra (same_cell));

  return copy;
}

/* Drops the roles and the department of copy that the document does not have (a card of
 * another map). */
static void
drop_foreign_references (JmDocument *doc,
                         JmCard     *copy)
{
  const char * const *roles = jm_card_get_roles (copy);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint r = 0; roles != NULL && roles[r] != NULL; r++)
    if (jm_document_lookup (doc, roles[r]) != NULL)
      g_strv_builder_add (kept, roles[r]);
  strv = g_strv_builder_end (kept);
  g_object_set (copy, "roles", strv, NULL);

  if (!JM_IS_DEPARTMENT (jm_document_lookup (doc, jm_card_get_department (copy))))
    g_object_set (copy, "department", "", NULL);
}

/* Where a pasted card of kind goes when the target lane is lane (may be NULL): that lane if it
 * holds the kind, else the card's own lane (by id), else the first lane made for the kind,
 * else the first custom lane; hidden lanes never. */
static JmLane *
paste_lane (JmDocument *doc,
            JmCardKind  kind,
            JmElement  *lane,
            const char *own_lane_id)
{
  JmElement *own = jm_document_lookup (doc, own_lane_id);
  JmLane *custom = NULL;

  if (lane_takes (lane, kind) && jm_lane_get_visible (JM_LANE (lane)))
    return JM_LANE (lane);
  if (lane_takes (own, kind) && jm_lane_get_visible (JM_LANE (own)))
    return JM_LANE (own);

  for (guint l = 0; l < jm_document_get_n_lanes (doc); l++)
    {
      JmLane *candidate = jm_document_get_lane (doc, l);

      if (!jm_lane_get_visible (candidate))
        continue;
      if (jm_lane_get_kind (candidate) == JM_LANE_KIND_CUSTOM)
        {
          if (custom == NULL)
            custom = candidate;
        }
      else if (jm_lane_kind_accepts (jm_lane_get_kind (candidate), kind))
        return candidate;
    }

  return custom;
}

/* Where the duplicate of card goes in its cell: right after it, and after the copies already
 * made of earlier cards of the same cell. */
static int
duplicate_index (JmDocument *doc,
                 JmCard     *card,
                 GPtrArray  *new_ids)
{
  int at = jm_document_index_of (doc, JM_ELEMENT (card)) + 1;

  for (guint k = 0; k < new_ids->len; k++)
    {
      JmElement *made = jm_document_lookup (doc, g_ptr_array_index (new_ids, k));

      if (JM_IS_CARD (made) &&
          g_strcmp0 (jm_card_get_stage (JM_CARD (made)), jm_card_get_stage (card)) == 0 &&
          g_strcmp0 (jm_card_get_lane (JM_CARD (made)), jm_card_get_lane (card)) == 0)
        at = MAX (at, jm_document_index_of (doc, made) + 1);
    }

  return at;
}

/* Inserts copies of cards and of the connections between them with new ids, as one step.
 * stage_id NULL: each copy right after its original (duplicate). */
static GPtrArray *
insert_copies (JmHistory   *history,
               GPtrArray   *cards,
               GPtrArray   *connections,
               const char  *stage_id,
               const char  *lane_id,
               int          index,
               const char  *label,
               GError     **error)
{
  JmDocument *doc = jm_history_get_document (history);
  g_autoptr(GPtrArray) new_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) map = g_hash_table_new (g_str_hash, g_str_equal);
  JmElement *stage = stage_id != NULL ? jm_document_lookup (doc, stage_id) : NULL;
  JmElement *target_lane = lane_id != NULL ? jm_document_lookup (doc, lane_id) : NULL;

  jm_history_begin_group (history, label);

  for (guint i = 0; cards != NULL && i < cards->len; i++)
    {
      JmCard *card = g_ptr_array_index (cards, i);
      g_autofree char *id = jm_document_make_id (doc, "c");
      g_autoptr(JmCard) copy = NULL;
      int at = -1;

      if (stage_id == NULL)
        {
          if (jm_document_lookup (doc, element_id (card)) != JM_ELEMENT (card))
            continue;
          copy = JM_CARD (jm_element_copy (JM_ELEMENT (card), id));
          at = duplicate_index (doc, card, new_ids);
        }
      else
        {
          JmLane *lane = paste_lane (doc, jm_card_get_kind (card), target_lane,
                                     jm_card_get_lane (card));

          if (!JM_IS_STAGE (stage) || lane == NULL)
            continue;
          copy = copy_card_to (card, id, stage_id, element_id (lane));
          if (JM_ELEMENT (lane) == target_lane)
            at = index + (int) new_ids->len;
        }

      drop_foreign_references (doc, copy);
      if (!apply_in_group (history, jm_insert_command_new (JM_ELEMENT (copy), at), error))
        return NULL;

      g_ptr_array_add (new_ids, g_strdup (id));
      g_hash_table_insert (map, (gpointer) element_id (card),
                           g_ptr_array_index (new_ids, new_ids->len - 1));
    }

  for (guint i = 0; connections != NULL && i < connections->len; i++)
    {
      JmConnection *c = g_ptr_array_index (connections, i);
      const char *from = g_hash_table_lookup (map, jm_connection_get_from (c));
      const char *to = g_hash_table_lookup (map, jm_connection_get_to (c));
      g_autofree char *id = NULL;
      g_autoptr(JmConnection) copy = NULL;

      if (from == NULL || to == NULL)
        continue;
      id = jm_document_make_id (doc, "x");
      copy = jm_connection_new (id, from, to, jm_connection_get_kind (c));
      g_object_set (copy, "label", jm_connection_get_label (c), NULL);
      if (!apply_in_group (history, jm_insert_command_new (JM_ELEMENT (copy), -1), error))
        return NULL;
    }

  jm_history_end_group (history);

  return g_steal_pointer (&new_ids);
}

GPtrArray *
jm_edit_paste_cards (JmHistory   *history,
                     GPtrArray   *cards,
                     GPtrArray   *connections,
                     const char  *stage_id,
                     const char  *lane_id,
                     int          index,
                     const char  *label,
                     GError     **error)
{
  g_return_val_if_fail (JM_IS_HISTORY (history), NULL);
  g_return_val_if_fail (stage_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return insert_copies (history, cards, connections, stage_id, lane_id, MAX (index, 0),
                        label, error);
}

GPtrArray *
jm_edit_duplicate_cards (JmHistory  *history,
                         GPtrArray  *cards,
                         GError    **error)
{
  g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model;

  g_return_val_if_fail (JM_IS_HISTORY (history), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Connections between duplicated cards come along. */
  model = jm_document_get_connections (jm_history_get_document (history));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (connections, g_list_model_get_item (model, i));

  return insert_copies (history, cards, connections, NULL, NULL, -1, _("Duplicate"), error);
}

char *
jm_edit_duplicate_stage (JmHistory   *history,
                         const char  *stage_id,
                         GError     **error)
{
  JmDocument *doc;
  JmElement *stage;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autoptr(JmElement) copy = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (JM_IS_HISTORY (history), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = jm_history_get_document (history);
  stage = stage_id != NULL ? jm_document_lookup (doc, stage_id) : NULL;
  if (!JM_IS_STAGE (stage))
    return NULL;

  id = jm_document_make_id (doc, "s");
  copy = jm_element_copy (stage, id);
  /* Translators: the title of a duplicated stage; %s is the original's title. */
  title = g_strdup_printf (_("%s (Copy)"), jm_stage_get_title (JM_STAGE (stage)));
  g_object_set (copy, "title", title, NULL);

  for (guint l = 0; l < jm_document_get_n_lanes (doc); l++)
    {
      GPtrArray *cell = jm_document_get_cell (doc, stage_id,
                                              element_id (jm_document_get_lane (doc, l)));

      for (guint i = 0; cell != NULL && i < cell->len; i++)
        g_ptr_array_add (cards, g_object_ref (g_ptr_array_index (cell, i)));
    }

  jm_history_begin_group (history, _("Duplicate Stage"));
  if (!apply_in_group (history,
                       jm_insert_command_new (copy, jm_document_index_of (doc, stage) + 1),
                       error))
    return NULL;

  /* Each card into the same lane of the new stage. */
  for (guint i = 0; i < cards->len; i++)
    {
      JmCard *card = g_ptr_array_index (cards, i);
      g_autofree char *card_id = jm_document_make_id (doc, "c");
      g_autoptr(JmCard) card_copy = copy_card_to (card, card_id, id, jm_card_get_lane (card));

      if (!apply_in_group (history, jm_insert_command_new (JM_ELEMENT (card_copy), -1), error))
        return NULL;
    }
  jm_history_end_group (history);

  return g_steal_pointer (&id);
}

/* Adding */

/* Inserts element (transfer full) as one step; its id or NULL. */
static char *
insert_new (JmHistory  *history,
            gpointer    element,
            int         index,
            GError    **error)
{
  g_autoptr(JmElement) owned = element;

  if (!jm_history_apply (history, jm_insert_command_new (owned, index), error))
    return NULL;
  return g_strdup (element_id (owned));
}

char *
jm_edit_add_card (JmHistory   *history,
                  JmCardKind   kind,
                  int          channel,
                  const char  *stage_id,
                  const char  *lane_id,
                  int          index,
                  const char  *text,
                  GError     **error)
{
  JmDocument *doc;
  JmElement *lane;
  g_autofree char *id = NULL;
  JmCard *card;

  g_return_val_if_fail (JM_IS_HISTORY (history), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = jm_history_get_document (history);
  lane = lane_id != NULL ? jm_document_lookup (doc, lane_id) : NULL;
  if (JM_IS_LANE (lane) && !lane_takes (lane, kind))
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
                   _("Lane “%s” does not take this kind of card"), lane_id);
      return NULL;
    }

  id = jm_document_make_id (doc, "c");
  card = jm_card_new (id, kind, stage_id, lane_id, text != NULL ? text : "");
  if (channel >= 0)
    g_object_set (card, "channel", channel, NULL);
  return insert_new (history, card, index, error);
}

char *
jm_edit_add_stage (JmHistory   *history,
                   int          index,
                   const char  *title,
                   GError     **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (JM_IS_HISTORY (history), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  id = jm_document_make_id (jm_history_get_document (history), "s");
  return insert_new (history, jm_stage_new (id, title), index, error);
}

char *
jm_edit_add_lane (JmHistory   *history,
                  int          index,
                  JmLaneKind   kind,
                  const char  *title,
                  GError     **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (JM_IS_HISTORY (history), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  id = jm_document_make_id (jm_history_get_document (history), "l");
  return insert_new (history, jm_lane_new (id, kind, title), index, error);
}

char *
jm_edit_connect_cards (JmHistory   *history,
                       const char  *from_id,
                       const char  *to_id,
                       GError     **error)
{
  JmDocument *doc;
  JmElement *from, *to, *from_stage, *to_stage;
  GListModel *connections;
  JmConnectionKind kind = JM_CONNECTION_KIND_NEXT;
  g_autofree char *id = NULL;

  g_return_val_if_fail (JM_IS_HISTORY (history), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = jm_history_get_document (history);
  from = from_id != NULL ? jm_document_lookup (doc, from_id) : NULL;
  to = to_id != NULL ? jm_document_lookup (doc, to_id) : NULL;
  if (!JM_IS_CARD (from) || !JM_IS_CARD (to) || from == to)
    return NULL;

  connections = jm_document_get_connections (doc);
  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(JmConnection) c = g_list_model_get_item (connections, i);

      if (g_strcmp0 (jm_connection_get_from (c), from_id) == 0 &&
          g_strcmp0 (jm_connection_get_to (c), to_id) == 0)
        return NULL;
    }

  from_stage = jm_document_lookup (doc, jm_card_get_stage (JM_CARD (from)));
  to_stage = jm_document_lookup (doc, jm_card_get_stage (JM_CARD (to)));
  if (from_stage != NULL && to_stage != NULL &&
      jm_document_index_of (doc, to_stage) < jm_document_index_of (doc, from_stage))
    kind = JM_CONNECTION_KIND_STEP_BACK;

  id = jm_document_make_id (doc, "x");
  return insert_new (history, jm_connection_new (id, from_id, to_id, kind), -1, error);
}
