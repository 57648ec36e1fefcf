/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-document-values.c: what the elements of a document may hold (cells, references,
 * enums, colours) and _jm_document_set_property (), the one way to change a property. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jm-document-internal.h"

/* TRUE if the lane, were it of kind lane_kind, would accept every card it holds. */
static gboolean
lane_accepts_its_cards (JmDocument *self,
                        JmLane     *lane,
                        JmLaneKind  lane_kind)
{
  guint n_stages = g_list_model_get_n_items (G_LIST_MODEL (self->stages));

  for (guint s = 0; s < n_stages; s++)
    {
      g_autoptr(JmStage) stage = g_list_model_get_item (G_LIST_MODEL (self->stages), s);
      GPtrArray *cell = _jm_document_lookup_cell (self,
                                                  jm_element_get_id (JM_ELEMENT (stage)),
                                                  jm_element_get_id (JM_ELEMENT (lane)));

      for (guint i = 0; cell != NULL && i < cell->len; i++)
        if (!jm_lane_kind_accepts (lane_kind, jm_card_get_kind (g_ptr_array_index (cell, i))))
          return FALSE;
    }

  return TRUE;
}

gboolean
_jm_document_check_card_department (JmDocument  *self,
                                    const char  *department_id,
                                    GError     **error)
{
  if (department_id == NULL || department_id[0] == '\0' ||
      _jm_document_lookup_typed (self, department_id, JM_TYPE_DEPARTMENT) != NULL)
    return TRUE;

  g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
               _("No department with id “%s”"), department_id);
  return FALSE;
}

gboolean
_jm_document_check_card_roles (JmDocument          *self,
                               const char * const  *roles,
                               GError             **error)
{
  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    if (_jm_document_lookup_typed (self, roles[i], JM_TYPE_ROLE) == NULL)
      {
        g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                     _("No role with id “%s”"), roles[i]);
        return FALSE;
      }

  return TRUE;
}

gboolean
_jm_document_check_cell (JmDocument  *self,
                         const char  *stage_id,
                         const char  *lane_id,
                         JmCardKind   kind,
                         GError     **error)
{
  JmLane *lane;

  if (_jm_document_lookup_typed (self, stage_id, JM_TYPE_STAGE) == NULL)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                   _("No stage with id “%s”"), stage_id);
      return FALSE;
    }

  lane = _jm_document_lookup_typed (self, lane_id, JM_TYPE_LANE);
  if (lane == NULL)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                   _("No lane with id “%s”"), lane_id);
      return FALSE;
    }

  if (!jm_lane_kind_accepts (jm_lane_get_kind (lane), kind))
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                   _("Lane “%s” does not hold cards of kind “%s”"),
                   lane_id, jm_enum_to_nick (JM_TYPE_CARD_KIND, kind));
      return FALSE;
    }

  return TRUE;
}

gboolean
_jm_document_check_connection_end (JmDocument  *self,
                                   const char  *card_id,
                                   GError     **error)
{
  if (_jm_document_lookup_typed (self, card_id, JM_TYPE_CARD) != NULL)
    return TRUE;

  g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
               _("No card with id “%s”"), card_id);
  return FALSE;
}

static gboolean
check_enum (GType        type,
            int          value,
            const char  *property,
            GError     **error)
{
  if (jm_enum_to_nick (type, value) != NULL)
    return TRUE;

  g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
               _("The value %d is out of range for “%s”"), value, property);
  return FALSE;
}

static gboolean
check_color (const char  *color,
             GError     **error)
{
  if (_jm_color_is_valid (color))
    return TRUE;

  g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
               _("Invalid color “%s”: use #rrggbb"), color);
  return FALSE;
}

/* What GObject does not check for us when an element is built with its constructor: enum
 * values and colours. (Ranges of int properties are enforced by GObject itself.) Once in the
 * document, every value can be set back by an undo. */
gboolean
_jm_element_check_values (JmElement  *element,
                          GError    **error)
{
  if (JM_IS_CARD (element))
    {
      JmCard *card = JM_CARD (element);

      return check_enum (JM_TYPE_CARD_KIND, jm_card_get_kind (card), "kind", error) &&
             check_enum (JM_TYPE_CHANNEL, jm_card_get_channel (card), "channel", error) &&
             check_enum (JM_TYPE_STATUS, jm_card_get_status (card), "status", error) &&
             check_color (jm_card_get_color (card), error);
    }
  if (JM_IS_STAGE (element))
    return check_color (jm_stage_get_color (JM_STAGE (element)), error);
  if (JM_IS_LANE (element))
    return check_enum (JM_TYPE_LANE_KIND, jm_lane_get_kind (JM_LANE (element)), "kind", error);
  if (JM_IS_ROLE (element))
    return check_enum (JM_TYPE_ROLE_KIND, jm_role_get_kind (JM_ROLE (element)), "kind", error) &&
           check_color (jm_role_get_color (JM_ROLE (element)), error);
  if (JM_IS_DEPARTMENT (element))
    return check_color (jm_department_get_color (JM_DEPARTMENT (element)), error);
  if (JM_IS_CONNECTION (element))
    return check_enum (JM_TYPE_CONNECTION_KIND, jm_connection_get_kind (JM_CONNECTION (element)),
                       "kind", error);
  return TRUE;
}

static gboolean
convert_value (const GValue *src,
               GValue       *dest)
{
  GType src_type = G_VALUE_TYPE (src);
  GType dest_type = G_VALUE_TYPE (dest);

  if (g_value_type_compatible (src_type, dest_type))
    {
      g_value_copy (src, dest);
      return TRUE;
    }

  /* jm_set_int_command_new () is documented for enum properties too. */
  if (G_TYPE_IS_ENUM (dest_type) && src_type == G_TYPE_INT)
    {
      g_value_set_enum (dest, g_value_get_int (src));
      return TRUE;
    }

  if (dest_type == G_TYPE_BOOLEAN && src_type == G_TYPE_INT)
    {
      g_value_set_boolean (dest, g_value_get_int (src) != 0);
      return TRUE;
    }

  if (src_type == G_TYPE_STRING || dest_type == G_TYPE_STRING)
    return FALSE;   /* no implicit number ↔ text conversion */

  if (g_value_type_transformable (src_type, dest_type))
    return g_value_transform (src, dest);

  return FALSE;
}

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  GType type = pspec->value_type;

  if (type == G_TYPE_STRING)
    {
      const char *sa = g_value_get_string (a);
      const char *sb = g_value_get_string (b);

      return g_strcmp0 (sa != NULL ? sa : "", sb != NULL ? sb : "") == 0;
    }

  if (type == G_TYPE_STRV)
    {
      static const char * const empty[] = { NULL };
      const char * const *va = g_value_get_boxed (a);
      const char * const *vb = g_value_get_boxed (b);

      return g_strv_equal (va != NULL ? va : empty, vb != NULL ? vb : empty);
    }

  if (type == JM_TYPE_METRICS)
    return jm_metrics_equal (g_value_get_boxed (a), g_value_get_boxed (b));

  return g_param_values_cmp (pspec, a, b) == 0;
}

/* Rules that keep the document loadable: references exist, colours are well formed, lanes
 * hold the card kinds they accept. */
static gboolean
check_property_value (JmDocument    *self,
                      GObject       *target,
                      GParamSpec    *pspec,
                      const GValue  *value,
                      GError       **error)
{
  const char *name = pspec->name;

  if (pspec->value_type == G_TYPE_STRING && strcmp (name, "color") == 0 &&
      !check_color (g_value_get_string (value), error))
    return FALSE;

  if (JM_IS_CARD (target))
    {
      JmCard *card = JM_CARD (target);

      if (strcmp (name, "kind") == 0)
        {
          JmLane *lane = _jm_document_lookup_typed (self, jm_card_get_lane (card), JM_TYPE_LANE);
          JmCardKind kind = g_value_get_enum (value);

          if (lane != NULL && !jm_lane_kind_accepts (jm_lane_get_kind (lane), kind))
            {
              g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                           _("Lane “%s” does not hold cards of kind “%s”"),
                           jm_card_get_lane (card), jm_enum_to_nick (JM_TYPE_CARD_KIND, kind));
              return FALSE;
            }
        }
      else if (strcmp (name, "department") == 0)
        return _jm_document_check_card_department (self, g_value_get_string (value), error);
      else if (strcmp (name, "roles") == 0)
        return _jm_document_check_card_roles (self, g_value_get_boxed (value), error);
    }
  else if (JM_IS_LANE (target) && strcmp (name, "kind") == 0)
    {
      if (!lane_accepts_its_cards (self, JM_LANE (target), g_value_get_enum (value)))
        {
          g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                       _("Lane “%s” has cards of another kind"),
                       jm_element_get_id (JM_ELEMENT (target)));
          return FALSE;
        }
    }
  else if (JM_IS_CONNECTION (target) && (strcmp (name, "from") == 0 || strcmp (name, "to") == 0))
    return _jm_document_check_connection_end (self, g_value_get_string (value), error);

  return TRUE;
}

gboolean
_jm_document_set_property (JmDocument    *self,
                           JmElement     *element,
                           const char    *property,
                           const GValue  *value,
                           GError       **error)
{
  g_auto(GValue) new_value = G_VALUE_INIT;
  g_auto(GValue) old_value = G_VALUE_INIT;
  GObject *target;
  GParamSpec *pspec;
  gboolean reindex;

  g_return_val_if_fail (JM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (element == NULL || JM_IS_ELEMENT (element), FALSE);
  g_return_val_if_fail (property != NULL, FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (element != NULL && jm_element_get_document (element) != self)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
                   _("Element “%s” is not in this document"), jm_element_get_id (element));
      return FALSE;
    }

  target = element != NULL ? G_OBJECT (element) : G_OBJECT (self);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (target), property);

  if (pspec == NULL)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
                   "%s has no property “%s”", G_OBJECT_TYPE_NAME (target), property);
      return FALSE;
    }

  if ((pspec->flags & G_PARAM_WRITABLE) == 0 || (pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
                   "Property “%s” of %s cannot be set",
                   property, G_OBJECT_TYPE_NAME (target));
      return FALSE;
    }

  g_value_init (&new_value, pspec->value_type);
  if (!convert_value (value, &new_value))
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                   "Property “%s” holds a %s, not a %s",
                   property, g_type_name (pspec->value_type), G_VALUE_TYPE_NAME (value));
      return FALSE;
    }

  if (pspec->value_type == G_TYPE_STRING && g_value_get_string (&new_value) == NULL)
    g_value_set_static_string (&new_value, "");

  if (g_param_value_validate (pspec, &new_value))
    {
      g_auto(GValue) shown = G_VALUE_INIT;

      g_value_init (&shown, G_TYPE_STRING);
      if (!g_value_transform (value, &shown))
        g_value_set_static_string (&shown, "?");
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                   _("The value %s is out of range for “%s”"),
                   g_value_get_string (&shown), property);
      return FALSE;
    }

  if (!check_property_value (self, target, pspec, &new_value, error))
    return FALSE;

  g_value_init (&old_value, pspec->value_type);
  g_object_get_property (target, pspec->name, &old_value);
  if (values_equal (pspec, &old_value, &new_value))
    return TRUE;

  reindex = JM_IS_CONNECTION (target) &&
            (strcmp (pspec->name, "from") == 0 || strcmp (pspec->name, "to") == 0);
  if (reindex)
    _jm_document_index_remove (self, JM_CONNECTION (target));

  g_object_set_property (target, pspec->name, &new_value);

  if (reindex)
    _jm_document_index_add (self, JM_CONNECTION (target));

  _jm_document_emit_changed (self, JM_CHANGE_PROPERTY, element, pspec->name);

  return TRUE;
}
