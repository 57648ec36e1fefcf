/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-document-edit.c: inserting, removing and moving the elements of a document (the
 * mutators of jm-document-private.h; commands and the loader call them). */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jm-document-internal.h"

static gboolean
any_card (JmDocument *self,
          gboolean  (*predicate) (JmCard *card, const char *id),
          const char *id)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *cell = value;

      for (guint i = 0; i < cell->len; i++)
        if (predicate (g_ptr_array_index (cell, i), id))
          return TRUE;
    }

  return FALSE;
}

static gboolean
card_has_role (JmCard     *card,
               const char *role_id)
{
  return jm_card_has_role (card, role_id);
}

static gboolean
card_has_department (JmCard     *card,
                     const char *department_id)
{
  return strcmp (jm_card_get_department (card), department_id) == 0;
}

gboolean
_jm_document_insert (JmDocument  *self,
                     JmElement   *element,
                     int          index,
                     GError     **error)
{
  const char *id;

  g_return_val_if_fail (JM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (JM_IS_ELEMENT (element), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = jm_element_get_id (element);

  if (jm_element_get_document (element) != NULL)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
                   _("Element “%s” is already in a document"), id);
      return FALSE;
    }

  if (!_jm_id_is_valid (id))
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                   _("Invalid id “%s”: use 1 to 64 letters, digits, “-” or “_”"), id);
      return FALSE;
    }

  if (g_hash_table_contains (self->elements, id))
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                   _("The id “%s” is already used"), id);
      return FALSE;
    }

  if (!_jm_element_check_values (element, error))
    return FALSE;

  if (JM_IS_CARD (element))
    {
      JmCard *card = JM_CARD (element);
      const char *stage_id = jm_card_get_stage (card);
      const char *lane_id = jm_card_get_lane (card);
      GPtrArray *cell;

      if (!_jm_document_check_cell (self, stage_id, lane_id, jm_card_get_kind (card), error) ||
          !_jm_document_check_card_department (self, jm_card_get_department (card), error) ||
          !_jm_document_check_card_roles (self, jm_card_get_roles (card), error))
        return FALSE;

      cell = _jm_document_lookup_cell (self, stage_id, lane_id);
      if (cell == NULL)
        {
          cell = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (self->cells, _jm_cell_key (stage_id, lane_id), cell);
        }

      if (index < 0 || (guint) index > cell->len)
        index = cell->len;
      g_ptr_array_insert (cell, index, g_object_ref (card));
      self->n_cards++;
    }
  else
    {
      GListStore *store = _jm_document_store_for (self, element);
      guint n;

      if (store == NULL)
        {
          g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                       "Cannot insert a %s", G_OBJECT_TYPE_NAME (element));
          return FALSE;
        }

      if (JM_IS_CONNECTION (element))
        {
          JmConnection *connection = JM_CONNECTION (element);

          if (!_jm_document_check_connection_end (self, jm_connection_get_from (connection),
                                                  error) ||
              !_jm_document_check_connection_end (self, jm_connection_get_to (connection), error))
            return FALSE;

          _jm_document_index_add (self, connection);
        }

      n = g_list_model_get_n_items (G_LIST_MODEL (store));
      if (index < 0 || (guint) index > n)
        index = n;
      g_list_store_insert (store, index, element);
    }

  g_hash_table_insert (self->elements, (gpointer) id, element);
  _jm_element_set_document (element, self);

  _jm_document_emit_changed (self, JM_CHANGE_INSERTED, element, NULL);

  return TRUE;
}

int
_jm_document_remove (JmDocument  *self,
                     JmElement   *element,
                     GError     **error)
{
  g_autoptr(JmElement) hold = NULL;
  const char *id;
  guint position = 0;

  g_return_val_if_fail (JM_IS_DOCUMENT (self), -1);
  g_return_val_if_fail (JM_IS_ELEMENT (element), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  id = jm_element_get_id (element);

  if (jm_element_get_document (element) != self)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
                   _("Element “%s” is not in this document"), id);
      return -1;
    }

  if (JM_IS_STAGE (element) || JM_IS_LANE (element))
    {
      gboolean is_stage = JM_IS_STAGE (element);
      GListStore *others = is_stage ? self->lanes : self->stages;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (others));

      for (guint i = 0; i < n; i++)
        {
          JmElement *other = _jm_get_borrowed_item (others, i);
          const char *other_id = jm_element_get_id (other);

          if (_jm_document_lookup_cell (self, is_stage ? id : other_id,
                                        is_stage ? other_id : id) != NULL)
            {
              g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                           is_stage ? _("Stage “%s” still has cards")
                                    : _("Lane “%s” still has cards"),
                           id);
              return -1;
            }
        }
    }
  else if (JM_IS_CARD (element))
    {
      if (g_hash_table_contains (self->card_connections, id))
        {
          g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                       _("Card “%s” still has connections"), id);
          return -1;
        }
    }
  else if (JM_IS_ROLE (element))
    {
      if (any_card (self, card_has_role, id))
        {
          g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                       _("Role “%s” is still used by cards"), id);
          return -1;
        }
    }
  else if (JM_IS_DEPARTMENT (element))
    {
      if (any_card (self, card_has_department, id))
        {
          g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                       _("Department “%s” is still used by cards"), id);
          return -1;
        }
    }

  hold = g_object_ref (element);

  if (JM_IS_CARD (element))
    {
      JmCard *card = JM_CARD (element);
      GPtrArray *cell = _jm_document_lookup_cell (self, jm_card_get_stage (card),
                                                  jm_card_get_lane (card));

      if (cell == NULL || !g_ptr_array_find (cell, card, &position))
        g_assert_not_reached ();

      g_ptr_array_remove_index (cell, position);
      if (cell->len == 0)
        {
          g_autofree char *key = _jm_cell_key (jm_card_get_stage (card), jm_card_get_lane (card));

          g_hash_table_remove (self->cells, key);
        }
      self->n_cards--;
    }
  else
    {
      GListStore *store = _jm_document_store_for (self, element);

      if (!g_list_store_find (store, element, &position))
        g_assert_not_reached ();

      if (JM_IS_CONNECTION (element))
        _jm_document_index_remove (self, JM_CONNECTION (element));

      g_list_store_remove (store, position);
    }

  g_hash_table_remove (self->elements, id);

  _jm_document_emit_changed (self, JM_CHANGE_REMOVED, element, NULL);

  _jm_element_set_document (element, NULL);

  return (int) position;
}

gboolean
_jm_document_move (JmDocument  *self,
                   JmElement   *element,
                   const char  *stage_id,
                   const char  *lane_id,
                   int          index,
                   GError     **error)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (JM_IS_ELEMENT (element), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (jm_element_get_document (element) != self)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
                   _("Element “%s” is not in this document"), jm_element_get_id (element));
      return FALSE;
    }

  if (JM_IS_CARD (element))
    {
      JmCard *card = JM_CARD (element);
      const char *old_stage = jm_card_get_stage (card);
      const char *old_lane = jm_card_get_lane (card);
      GPtrArray *old_cell = _jm_document_lookup_cell (self, old_stage, old_lane);
      GPtrArray *new_cell;
      guint old_position = 0;
      gboolean same_cell;

      if (stage_id == NULL)
        stage_id = old_stage;
      if (lane_id == NULL)
        lane_id = old_lane;

      if (!_jm_document_check_cell (self, stage_id, lane_id, jm_card_get_kind (card), error))
        return FALSE;

      if (old_cell == NULL || !g_ptr_array_find (old_cell, card, &old_position))
        g_assert_not_reached ();

      same_cell = strcmp (stage_id, old_stage) == 0 && strcmp (lane_id, old_lane) == 0;

      if (same_cell)
        {
          if (index < 0 || (guint) index >= old_cell->len)
            index = old_cell->len - 1;
          if ((guint) index == old_position)
            return TRUE;

          g_ptr_array_steal_index (old_cell, old_position);
          g_ptr_array_insert (old_cell, index, card);
        }
      else
        {
          g_autofree char *new_stage = g_strdup (stage_id);
          g_autofree char *new_lane = g_strdup (lane_id);

          g_ptr_array_steal_index (old_cell, old_position);
          if (old_cell->len == 0)
            {
              g_autofree char *key = _jm_cell_key (old_stage, old_lane);

              g_hash_table_remove (self->cells, key);
            }

          new_cell = _jm_document_lookup_cell (self, new_stage, new_lane);
          if (new_cell == NULL)
            {
              new_cell = g_ptr_array_new_with_free_func (g_object_unref);
              g_hash_table_insert (self->cells, _jm_cell_key (new_stage, new_lane), new_cell);
            }

          if (index < 0 || (guint) index > new_cell->len)
            index = new_cell->len;
          g_ptr_array_insert (new_cell, index, card);

          _jm_card_set_cell (card, new_stage, new_lane);
        }
    }
  else
    {
      GListStore *store = _jm_document_store_for (self, element);
      g_autoptr(JmElement) hold = NULL;
      guint position;
      guint n;

      if (stage_id != NULL || lane_id != NULL)
        {
          g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
                       _("Only cards move between cells"));
          return FALSE;
        }

      if (!g_list_store_find (store, element, &position))
        g_assert_not_reached ();

      n = g_list_model_get_n_items (G_LIST_MODEL (store));
      if (index < 0 || (guint) index >= n)
        index = n - 1;
      if ((guint) index == position)
        return TRUE;

      hold = g_object_ref (element);
      g_list_store_remove (store, position);
      g_list_store_insert (store, index, element);
    }

  _jm_document_emit_changed (self, JM_CHANGE_MOVED, element, NULL);

  return TRUE;
}
