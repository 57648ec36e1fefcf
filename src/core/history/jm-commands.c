/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-commands.c: the concrete commands (set, insert, remove, move, group) and the delete
 * convenience. Every command names its element by id and looks it up when applied. */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jm-command.h"
#include "model/jm-document-private.h"

static JmElement *
lookup_element (JmDocument  *document,
                const char  *id,
                GError     **error)
{
  JmElement *element = jm_document_lookup (document, id);

  if (element == NULL)
    g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
                 _("No element with id “%s”"), id);

  return element;
}

/* Reverting a successfully applied command cannot fail unless the history was bypassed. */
static void
warn_revert_failed (JmCommand *command,
                    GError    *error)
{
  g_critical ("Cannot revert %s: %s", G_OBJECT_TYPE_NAME (command),
              error != NULL ? error->message : "element missing");
}

/* ------------------------------------------------------------------------------------------ */
/* Set */

#define JM_TYPE_SET_COMMAND (jm_set_command_get_type ())
G_DECLARE_FINAL_TYPE (JmSetCommand, jm_set_command, JM, SET_COMMAND, JmCommand)

struct _JmSetCommand
{
  JmCommand   parent_instance;

  char       *element_id;   /* NULL: the document */
  const char *property;     /* interned */
  GValue      new_value;
  GValue      old_value;    /* set by apply */
  gboolean    is_string;    /* the property holds a string: merges */
};

G_DEFINE_FINAL_TYPE (JmSetCommand, jm_set_command, JM_TYPE_COMMAND)

static gboolean
jm_set_command_apply (JmCommand   *command,
                      JmDocument  *document,
                      GError     **error)
{
  JmSetCommand *self = JM_SET_COMMAND (command);
  JmElement *element = NULL;
  GObject *target;
  GParamSpec *pspec;
  g_auto(GValue) old_value = G_VALUE_INIT;

  if (self->element_id != NULL &&
      (element = lookup_element (document, self->element_id, error)) == NULL)
    return FALSE;

  target = element != NULL ? G_OBJECT (element) : G_OBJECT (document);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (target), self->property);
  if (pspec == NULL || (pspec->flags & G_PARAM_READABLE) == 0)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
                   "%s has no property “%s”", G_OBJECT_TYPE_NAME (target), self->property);
      return FALSE;
    }

  g_value_init (&old_value, pspec->value_type);
  g_object_get_property (target, pspec->name, &old_value);

  if (!_jm_document_set_property (document, element, self->property, &self->new_value, error))
    return FALSE;

  if (G_IS_VALUE (&self->old_value))
    g_value_unset (&self->old_value);
  g_value_init (&self->old_value, pspec->value_type);
  g_value_copy (&old_value, &self->old_value);
  self->is_string = pspec->value_type == G_TYPE_STRING;

  return TRUE;
}

static void
jm_set_command_revert (JmCommand  *command,
                       JmDocument *document)
{
  JmSetCommand *self = JM_SET_COMMAND (command);
  g_autoptr(GError) error = NULL;
  JmElement *element = NULL;

  g_return_if_fail (G_IS_VALUE (&self->old_value));

  if (self->element_id != NULL &&
      (element = lookup_element (document, self->element_id, &error)) == NULL)
    {
      warn_revert_failed (command, error);
      return;
    }

  if (!_jm_document_set_property (document, element, self->property, &self->old_value, &error))
    warn_revert_failed (command, error);
}

static gboolean
jm_set_command_merge (JmCommand *command,
                      JmCommand *next_command)
{
  JmSetCommand *self = JM_SET_COMMAND (command);
  JmSetCommand *next;

  if (!JM_IS_SET_COMMAND (next_command))
    return FALSE;

  next = JM_SET_COMMAND (next_command);
  if (!self->is_string || !next->is_string ||
      self->property != next->property ||
      g_strcmp0 (self->element_id, next->element_id) != 0)
    return FALSE;

  /* Keep our old value (before the first edit) and take the newest value. */
  g_value_unset (&self->new_value);
  g_value_init (&self->new_value, G_VALUE_TYPE (&next->new_value));
  g_value_copy (&next->new_value, &self->new_value);

  return TRUE;
}

static char *
jm_set_command_dup_label (JmCommand *command)
{
  static const struct {
    const char *property;
    const char *label;
  } labels[] = {
    { "text",          N_("Edit Text") },
    { "notes",         N_("Edit Text") },
    { "feeling",       N_("Edit Text") },
    { "owner",         N_("Edit Text") },
    { "label",         N_("Edit Text") },
    { "link",          N_("Edit Text") },
    { "description",   N_("Edit Text") },
    { "customer-goal", N_("Edit Text") },
    { "business-goal", N_("Edit Text") },
    { "author",        N_("Edit Text") },
    { "title",         N_("Rename") },
    { "name",          N_("Rename") },
    { "color",         N_("Change Color") },
    { "score",         N_("Change Emotion") },
    { "roles",         N_("Change Roles") },
    { "department",    N_("Change Department") },
    { "metrics",       N_("Edit Metrics") },
    { "visible",       N_("Show or Hide Lane") },
    { "impact",        N_("Change Priority") },
    { "effort",        N_("Change Priority") },
    { "status",        N_("Change Status") },
    { "channel",       N_("Change Channel") },
    { "online",        N_("Change Channel") },
    { "kind",          N_("Change Kind") },
  };
  JmSetCommand *self = JM_SET_COMMAND (command);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (strcmp (self->property, labels[i].property) == 0)
      return g_strdup (_(labels[i].label));

  return g_strdup (_("Change Property"));
}

static void
jm_set_command_finalize (GObject *object)
{
  JmSetCommand *self = JM_SET_COMMAND (object);

  g_clear_pointer (&self->element_id, g_free);
  if (G_IS_VALUE (&self->new_value))
    g_value_unset (&self->new_value);
  if (G_IS_VALUE (&self->old_value))
    g_value_unset (&self->old_value);

  G_OBJECT_CLASS (jm_set_command_parent_class)->finalize (object);
}

static void
jm_set_command_class_init (JmSetCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JmCommandClass *command_class = JM_COMMAND_CLASS (klass);

  object_class->finalize = jm_set_command_finalize;

  command_class->apply = jm_set_command_apply;
  command_class->revert = jm_set_command_revert;
  command_class->merge = jm_set_command_merge;
  command_class->dup_label = jm_set_command_dup_label;
}

static void
jm_set_command_init (JmSetCommand *self)
{
}

JmCommand *
jm_set_command_new (JmElement    *element,
                    const char   *property,
                    const GValue *value)
{
  JmSetCommand *self;

  g_return_val_if_fail (element == NULL || JM_IS_ELEMENT (element), NULL);
  g_return_val_if_fail (property != NULL, NULL);
  g_return_val_if_fail (G_IS_VALUE (value), NULL);

  self = g_object_new (JM_TYPE_SET_COMMAND, NULL);
  self->element_id = element != NULL ? g_strdup (jm_element_get_id (element)) : NULL;
  self->property = g_intern_string (property);
  g_value_init (&self->new_value, G_VALUE_TYPE (value));
  g_value_copy (value, &self->new_value);

  return JM_COMMAND (self);
}

JmCommand *
jm_set_string_command_new (JmElement  *element,
                           const char *property,
                           const char *value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value != NULL ? value : "");
  return jm_set_command_new (element, property, &v);
}

JmCommand *
jm_set_int_command_new (JmElement  *element,
                        const char *property,
                        int         value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  /* Converted to the property's enum type when applied. */
  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, value);
  return jm_set_command_new (element, property, &v);
}

JmCommand *
jm_set_bool_command_new (JmElement  *element,
                         const char *property,
                         gboolean    value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_BOOLEAN);
  g_value_set_boolean (&v, value);
  return jm_set_command_new (element, property, &v);
}

JmCommand *
jm_set_strv_command_new (JmElement          *element,
                         const char         *property,
                         const char * const *value)
{
  static const char * const empty[] = { NULL };
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRV);
  g_value_set_boxed (&v, value != NULL ? value : empty);
  return jm_set_command_new (element, property, &v);
}

/* ------------------------------------------------------------------------------------------ */
/* Labels by element type */

static char *
label_for_type (GType       type,
                const char *stage,
                const char *lane,
                const char *card,
                const char *role,
                const char *department,
                const char *connection,
                const char *other)
{
  const char *label = other;

  if (g_type_is_a (type, JM_TYPE_STAGE))
    label = stage;
  else if (g_type_is_a (type, JM_TYPE_LANE))
    label = lane;
  else if (g_type_is_a (type, JM_TYPE_CARD))
    label = card;
  else if (g_type_is_a (type, JM_TYPE_ROLE))
    label = role;
  else if (g_type_is_a (type, JM_TYPE_DEPARTMENT))
    label = department;
  else if (g_type_is_a (type, JM_TYPE_CONNECTION))
    label = connection;

  return g_strdup (label);
}

/* ------------------------------------------------------------------------------------------ */
/* Insert */

#define JM_TYPE_INSERT_COMMAND (jm_insert_command_get_type ())
G_DECLARE_FINAL_TYPE (JmInsertCommand, jm_insert_command, JM, INSERT_COMMAND, JmCommand)

struct _JmInsertCommand
{
  JmCommand  parent_instance;

  JmElement *element;   /* owned; in the document while applied */
  int        index;
};

G_DEFINE_FINAL_TYPE (JmInsertCommand, jm_insert_command, JM_TYPE_COMMAND)

static gboolean
jm_insert_command_apply (JmCommand   *command,
                         JmDocument  *document,
                         GError     **error)
{
  JmInsertCommand *self = JM_INSERT_COMMAND (command);

  return _jm_document_insert (document, self->element, self->index, error);
}

static void
jm_insert_command_revert (JmCommand  *command,
                          JmDocument *document)
{
  JmInsertCommand *self = JM_INSERT_COMMAND (command);
  g_autoptr(GError) error = NULL;
  JmElement *element;

  element = lookup_element (document, jm_element_get_id (self->element), &error);
  if (element == NULL)
    {
      warn_revert_failed (command, error);
      return;
    }

  /* Keep whatever object carries the id now, so a redo inserts exactly it again. */
  g_set_object (&self->element, element);

  if (_jm_document_remove (document, element, &error) < 0)
    warn_revert_failed (command, error);
}

static char *
jm_insert_command_dup_label (JmCommand *command)
{
  JmInsertCommand *self = JM_INSERT_COMMAND (command);

  return label_for_type (G_OBJECT_TYPE (self->element),
                         _("Add Stage"), _("Add Lane"), _("Add Card"), _("Add Role"),
                         _("Add Department"), _("Connect Cards"), _("Add"));
}

static void
jm_insert_command_dispose (GObject *object)
{
  JmInsertCommand *self = JM_INSERT_COMMAND (object);

  g_clear_object (&self->element);

  G_OBJECT_CLASS (jm_insert_command_parent_class)->dispose (object);
}

static void
jm_insert_command_class_init (JmInsertCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JmCommandClass *command_class = JM_COMMAND_CLASS (klass);

  object_class->dispose = jm_insert_command_dispose;

  command_class->apply = jm_insert_command_apply;
  command_class->revert = jm_insert_command_revert;
  command_class->dup_label = jm_insert_command_dup_label;
}

static void
jm_insert_command_init (JmInsertCommand *self)
{
}

JmCommand *
jm_insert_command_new (JmElement *element,
                       int        index)
{
  JmInsertCommand *self;

  g_return_val_if_fail (JM_IS_ELEMENT (element), NULL);
  g_return_val_if_fail (jm_element_get_document (element) == NULL, NULL);

  self = g_object_new (JM_TYPE_INSERT_COMMAND, NULL);
  self->element = g_object_ref (element);
  self->index = index;

  return JM_COMMAND (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Remove */

#define JM_TYPE_REMOVE_COMMAND (jm_remove_command_get_type ())
G_DECLARE_FINAL_TYPE (JmRemoveCommand, jm_remove_command, JM, REMOVE_COMMAND, JmCommand)

struct _JmRemoveCommand
{
  JmCommand  parent_instance;

  char      *id;
  GType      element_type;
  JmElement *element;   /* owned; the removed element while applied */
  int        index;     /* former index (for a card: in its cell, which the card still names) */
};

G_DEFINE_FINAL_TYPE (JmRemoveCommand, jm_remove_command, JM_TYPE_COMMAND)

static gboolean
jm_remove_command_apply (JmCommand   *command,
                         JmDocument  *document,
                         GError     **error)
{
  JmRemoveCommand *self = JM_REMOVE_COMMAND (command);
  JmElement *element;
  int index;

  if ((element = lookup_element (document, self->id, error)) == NULL)
    return FALSE;

  g_object_ref (element);
  index = _jm_document_remove (document, element, error);
  if (index < 0)
    {
      g_object_unref (element);
      return FALSE;
    }

  g_clear_object (&self->element);
  self->element = element;
  self->index = index;

  return TRUE;
}

static void
jm_remove_command_revert (JmCommand  *command,
                          JmDocument *document)
{
  JmRemoveCommand *self = JM_REMOVE_COMMAND (command);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->element != NULL);

  if (!_jm_document_insert (document, self->element, self->index, &error))
    warn_revert_failed (command, error);
}

static char *
jm_remove_command_dup_label (JmCommand *command)
{
  JmRemoveCommand *self = JM_REMOVE_COMMAND (command);

  return label_for_type (self->element_type,
                         _("Delete Stage"), _("Delete Lane"), _("Delete Card"),
                         _("Delete Role"), _("Delete Department"), _("Delete Connection"),
                         _("Delete"));
}

static void
jm_remove_command_dispose (GObject *object)
{
  JmRemoveCommand *self = JM_REMOVE_COMMAND (object);

  g_clear_object (&self->element);

  G_OBJECT_CLASS (jm_remove_command_parent_class)->dispose (object);
}

static void
jm_remove_command_finalize (GObject *object)
{
  JmRemoveCommand *self = JM_REMOVE_COMMAND (object);

  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (jm_remove_command_parent_class)->finalize (object);
}

static void
jm_remove_command_class_init (JmRemoveCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JmCommandClass *command_class = JM_COMMAND_CLASS (klass);

  object_class->dispose = jm_remove_command_dispose;
  object_class->finalize = jm_remove_command_finalize;

  command_class->apply = jm_remove_command_apply;
  command_class->revert = jm_remove_command_revert;
  command_class->dup_label = jm_remove_command_dup_label;
}

static void
jm_remove_command_init (JmRemoveCommand *self)
{
  self->index = -1;
}

JmCommand *
jm_remove_command_new (JmElement *element)
{
  JmRemoveCommand *self;

  g_return_val_if_fail (JM_IS_ELEMENT (element), NULL);

  self = g_object_new (JM_TYPE_REMOVE_COMMAND, NULL);
  self->id = g_strdup (jm_element_get_id (element));
  self->element_type = G_OBJECT_TYPE (element);
  self->element = g_object_ref (element);

  return JM_COMMAND (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Move */

#define JM_TYPE_MOVE_COMMAND (jm_move_command_get_type ())
G_DECLARE_FINAL_TYPE (JmMoveCommand, jm_move_command, JM, MOVE_COMMAND, JmCommand)

struct _JmMoveCommand
{
  JmCommand  parent_instance;

  char      *id;
  GType      element_type;
  char      *stage_id;      /* cards only; NULL = the same */
  char      *lane_id;
  int        index;

  /* set by apply */
  char      *old_stage_id;
  char      *old_lane_id;
  int        old_index;
};

G_DEFINE_FINAL_TYPE (JmMoveCommand, jm_move_command, JM_TYPE_COMMAND)

static gboolean
jm_move_command_apply (JmCommand   *command,
                       JmDocument  *document,
                       GError     **error)
{
  JmMoveCommand *self = JM_MOVE_COMMAND (command);
  g_autofree char *old_stage_id = NULL;
  g_autofree char *old_lane_id = NULL;
  JmElement *element;
  int old_index;

  if ((element = lookup_element (document, self->id, error)) == NULL)
    return FALSE;

  old_index = jm_document_index_of (document, element);
  if (JM_IS_CARD (element))
    {
      old_stage_id = g_strdup (jm_card_get_stage (JM_CARD (element)));
      old_lane_id = g_strdup (jm_card_get_lane (JM_CARD (element)));
    }

  if (!_jm_document_move (document, element, self->stage_id, self->lane_id, self->index, error))
    return FALSE;

  g_free (self->old_stage_id);
  self->old_stage_id = g_steal_pointer (&old_stage_id);
  g_free (self->old_lane_id);
  self->old_lane_id = g_steal_pointer (&old_lane_id);
  self->old_index = old_index;

  return TRUE;
}

static void
jm_move_command_revert (JmCommand  *command,
                        JmDocument *document)
{
  JmMoveCommand *self = JM_MOVE_COMMAND (command);
  g_autoptr(GError) error = NULL;
  JmElement *element;

  if ((element = lookup_element (document, self->id, &error)) == NULL ||
      !_jm_document_move (document, element, self->old_stage_id, self->old_lane_id,
                          self->old_index, &error))
    warn_revert_failed (command, error);
}

static gboolean
jm_move_command_merge (JmCommand *command,
                       JmCommand *next_command)
{
  return FALSE;
}

static char *
jm_move_command_dup_label (JmCommand *command)
{
  JmMoveCommand *self = JM_MOVE_COMMAND (command);

  return label_for_type (self->element_type,
                         _("Move Stage"), _("Move Lane"), _("Move Card"), _("Move Role"),
                         _("Move Department"), _("Move Connection"), _("Move"));
}

static void
jm_move_command_finalize (GObject *object)
{
  JmMoveCommand *self = JM_MOVE_COMMAND (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->stage_id, g_free);
  g_clear_pointer (&self->lane_id, g_free);
  g_clear_pointer (&self->old_stage_id, g_free);
  g_clear_pointer (&self->old_lane_id, g_free);

  G_OBJECT_CLASS (jm_move_command_parent_class)->finalize (object);
}

static void
jm_move_command_class_init (JmMoveCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JmCommandClass *command_class = JM_COMMAND_CLASS (klass);

  object_class->finalize = jm_move_command_finalize;

  command_class->apply = jm_move_command_apply;
  command_class->revert = jm_move_command_revert;
  command_class->merge = jm_move_command_merge;
  command_class->dup_label = jm_move_command_dup_label;
}

static void
jm_move_command_init (JmMoveCommand *self)
{
  self->old_index = -1;
}

JmCommand *
jm_move_command_new (JmElement  *element,
                     const char *stage_id,
                     const char *lane_id,
                     int         index)
{
  JmMoveCommand *self;

  g_return_val_if_fail (JM_IS_ELEMENT (element), NULL);

  self = g_object_new (JM_TYPE_MOVE_COMMAND, NULL);
  self->id = g_strdup (jm_element_get_id (element));
  self->element_type = G_OBJECT_TYPE (element);
  self->stage_id = g_strdup (stage_id);
  self->lane_id = g_strdup (lane_id);
  self->index = index;

  return JM_COMMAND (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Group */

#define JM_TYPE_GROUP_COMMAND (jm_group_command_get_type ())
G_DECLARE_FINAL_TYPE (JmGroupCommand, jm_group_command, JM, GROUP_COMMAND, JmCommand)

struct _JmGroupCommand
{
  JmCommand  parent_instance;

  char      *label;      /* NULL: the label of the only command, or "Edit" */
  GPtrArray *commands;   /* of owned JmCommand */
};

G_DEFINE_FINAL_TYPE (JmGroupCommand, jm_group_command, JM_TYPE_COMMAND)

static gboolean
jm_group_command_apply (JmCommand   *command,
                        JmDocument  *document,
                        GError     **error)
{
  JmGroupCommand *self = JM_GROUP_COMMAND (command);

  for (guint i = 0; i < self->commands->len; i++)
    {
      if (!jm_command_apply (g_ptr_array_index (self->commands, i), document, error))
        {
          /* All or nothing. */
          while (i-- > 0)
            jm_command_revert (g_ptr_array_index (self->commands, i), document);
          return FALSE;
        }
    }

  return TRUE;
}

static void
jm_group_command_revert (JmCommand  *command,
                         JmDocument *document)
{
  JmGroupCommand *self = JM_GROUP_COMMAND (command);

  for (guint i = self->commands->len; i > 0; i--)
    jm_command_revert (g_ptr_array_index (self->commands, i - 1), document);
}

static char *
jm_group_command_dup_label (JmCommand *command)
{
  JmGroupCommand *self = JM_GROUP_COMMAND (command);

  if (self->label != NULL)
    return g_strdup (self->label);
  if (self->commands->len == 1)
    return jm_command_dup_label (g_ptr_array_index (self->commands, 0));
  return g_strdup (_("Edit"));
}

static void
jm_group_command_finalize (GObject *object)
{
  JmGroupCommand *self = JM_GROUP_COMMAND (object);

  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->commands, g_ptr_array_unref);

  G_OBJECT_CLASS (jm_group_command_parent_class)->finalize (object);
}

static void
jm_group_command_class_init (JmGroupCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JmCommandClass *command_class = JM_COMMAND_CLASS (klass);

  object_class->finalize = jm_group_command_finalize;

  command_class->apply = jm_group_command_apply;
  command_class->revert = jm_group_command_revert;
  command_class->dup_label = jm_group_command_dup_label;
}

static void
jm_group_command_init (JmGroupCommand *self)
{
}

JmCommand *
jm_group_command_new (const char *label,
                      GPtrArray  *commands)
{
  JmGroupCommand *self;

  g_return_val_if_fail (commands != NULL, NULL);

  self = g_object_new (JM_TYPE_GROUP_COMMAND, NULL);
  self->label = g_strdup (label);
  self->commands = g_ptr_array_new_with_free_func (g_object_unref);

  /* Transfer full: take the references whatever free function the array had. */
  for (guint i = 0; i < commands->len; i++)
    g_ptr_array_add (self->commands, g_ptr_array_index (commands, i));
  g_ptr_array_set_free_func (commands, NULL);
  g_ptr_array_unref (commands);

  return JM_COMMAND (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Delete */

static void
collect (GHashTable *doomed,
         GPtrArray  *list,
         JmElement  *element)
{
  if (g_hash_table_add (doomed, element))
    g_ptr_array_add (list, element);
}

static void
collect_cell (JmDocument *document,
              GHashTable *doomed,
              GPtrArray  *cards,
              const char *stage_id,
              const char *lane_id)
{
  GPtrArray *cell = jm_document_get_cell (document, stage_id, lane_id);

  for (guint i = 0; cell != NULL && i < cell->len; i++)
    collect (doomed, cards, g_ptr_array_index (cell, i));
}

JmCommand *
jm_delete_command_new (JmDocument         *document,
                       const char * const *ids,
                       const char         *reassign_to)
{
  g_autoptr(GHashTable) doomed = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) lanes = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GPtrArray) departments = NULL;
  GPtrArray *commands;
  guint n_found = 0;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), NULL);

  if (ids == NULL)
    return NULL;

  /* Borrowed pointers: nothing changes the document while we build. */
  doomed = g_hash_table_new (NULL, NULL);
  stages = g_ptr_array_new ();
  lanes = g_ptr_array_new ();
  cards = g_ptr_array_new ();
  connections = g_ptr_array_new ();
  roles = g_ptr_array_new ();
  departments = g_ptr_array_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      JmElement *element = jm_document_lookup (document, ids[i]);

      if (element == NULL)
        continue;

      n_found++;
      if (JM_IS_STAGE (element))
        collect (doomed, stages, element);
      else if (JM_IS_LANE (element))
        collect (doomed, lanes, element);
      else if (JM_IS_CARD (element))
        collect (doomed, cards, element);
      else if (JM_IS_CONNECTION (element))
        collect (doomed, connections, element);
      else if (JM_IS_ROLE (element))
        collect (doomed, roles, element);
      else if (JM_IS_DEPARTMENT (element))
        collect (doomed, departments, element);
    }

  if (n_found == 0)
    return NULL;

  /* The cards of deleted stages and lanes. */
  if (stages->len > 0 || lanes->len > 0)
    {
      GListModel *all_lanes = jm_document_get_lanes (document);
      GListModel *all_stages = jm_document_get_stages (document);

      for (guint s = 0; s < stages->len; s++)
        for (guint l = 0; l < g_list_model_get_n_items (all_lanes); l++)
          collect_cell (document, doomed, cards,
                        jm_element_get_id (g_ptr_array_index (stages, s)),
                        jm_element_get_id (JM_ELEMENT (jm_document_get_lane (document, l))));

      for (guint l = 0; l < lanes->len; l++)
        for (guint s = 0; s < g_list_model_get_n_items (all_stages); s++)
          collect_cell (document, doomed, cards,
                        jm_element_get_id (JM_ELEMENT (jm_document_get_stage (document, s))),
                        jm_element_get_id (g_ptr_array_index (lanes, l)));
    }

  /* The connections of deleted cards. */
  for (guint i = 0; i < cards->len; i++)
    {
      g_autoptr(GPtrArray) touching =
        jm_document_dup_card_connections (document,
                                          jm_element_get_id (g_ptr_array_index (cards, i)));

      for (guint j = 0; j < touching->len; j++)
        collect (doomed, connections, g_ptr_array_index (touching, j));
    }

  commands = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < connections->len; i++)
    g_ptr_array_add (commands, jm_remove_command_new (g_ptr_array_index (connections, i)));
  for (guint i = 0; i < cards->len; i++)
    g_ptr_array_add (commands, jm_remove_command_new (g_ptr_array_index (cards, i)));

  /* Untag the surviving cards of deleted roles; reassign those of deleted departments. */
  if (roles->len > 0 || departments->len > 0)
    {
      g_autoptr(GPtrArray) all_cards = jm_document_dup_cards (document);
      const char *new_department = "";
      JmElement *target = jm_document_lookup (document, reassign_to);

      if (target != NULL && JM_IS_DEPARTMENT (target) && !g_hash_table_contains (doomed, target))
        new_department = reassign_to;

      for (guint i = 0; i < all_cards->len; i++)
        {
          JmCard *card = g_ptr_array_index (all_cards, i);
          const char * const *card_roles = jm_card_get_roles (card);
          JmElement *department;

          if (g_hash_table_contains (doomed, card))
            continue;

          if (roles->len > 0 && card_roles[0] != NULL)
            {
              g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
              g_auto(GStrv) kept = NULL;
              gboolean changed = FALSE;

              for (guint r = 0; card_roles[r] != NULL; r++)
                {
                  JmElement *role = jm_document_lookup (document, card_roles[r]);

                  if (role != NULL && g_hash_table_contains (doomed, role))
                    changed = TRUE;
                  else
                    g_strv_builder_add (builder, card_roles[r]);
                }

              kept = g_strv_builder_end (builder);
              if (changed)
                g_ptr_array_add (commands,
                                 jm_set_strv_command_new (JM_ELEMENT (card), "roles",
                                                          (const char * const *) kept));
            }

          department = jm_document_lookup (document, jm_card_get_department (card));
          if (department != NULL && g_hash_table_contains (doomed, department))
            g_ptr_array_add (commands,
                             jm_set_string_command_new (JM_ELEMENT (card), "department",
                                                        new_department));
        }
    }

  for (guint i = 0; i < stages->len; i++)
    g_ptr_array_add (commands, jm_remove_command_new (g_ptr_array_index (stages, i)));
  for (guint i = 0; i < lanes->len; i++)
    g_ptr_array_add (commands, jm_remove_command_new (g_ptr_array_index (lanes, i)));
  for (guint i = 0; i < roles->len; i++)
    g_ptr_array_add (commands, jm_remove_command_new (g_ptr_array_index (roles, i)));
  for (guint i = 0; i < departments->len; i++)
    g_ptr_array_add (commands, jm_remove_command_new (g_ptr_array_index (departments, i)));

  return jm_group_command_new (_("Delete"), commands);
}
