/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-history.c: undo/redo stacks, groups (transaction points), merging and the clean point. */
#include "config.h"

#include "jm-history.h"
#include "model/jm-document.h"

struct _JmHistory
{
  GObject     parent_instance;

  /* owned */
  JmDocument *document;
  GPtrArray  *undo_stack;     /* of JmCommand, oldest first */
  GPtrArray  *redo_stack;     /* of JmCommand, the next to redo last */

  /* the open group, or NULL */
  GPtrArray  *group;          /* of JmCommand applied since the outer begin_group */
  GArray     *group_starts;   /* guint: group->len at each (nested) begin_group */
  char       *group_label;    /* of the outermost begin_group */

  /* undo_stack->len when the document was saved; -1 once that state cannot come back */
  int         clean_index;
  gboolean    merge_blocked;

  /* last notified values */
  gboolean    can_undo;
  gboolean    can_redo;
  gboolean    modified;
  char       *undo_label;
  char       *redo_label;
};

G_DEFINE_FINAL_TYPE (JmHistory, jm_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static gboolean
compute_modified (JmHistory *self)
{
  if (self->group != NULL && self->group->len > 0)
    return TRUE;

  return self->clean_index != (int) self->undo_stack->len;
}

static void
update_state (JmHistory *self)
{
  gboolean can_undo = self->undo_stack->len > 0;
  gboolean can_redo = self->redo_stack->len > 0;
  gboolean modified = compute_modified (self);
  g_autofree char *undo_label = jm_history_dup_undo_label (self);
  g_autofree char *redo_label = jm_history_dup_redo_label (self);

  g_object_freeze_notify (G_OBJECT (self));

  if (can_undo != self->can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }

  if (can_redo != self->can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }

  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }

  if (g_strcmp0 (undo_label, self->undo_label) != 0)
    {
      g_free (self->undo_label);
      self->undo_label = g_steal_pointer (&undo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
    }

  if (g_strcmp0 (redo_label, self->redo_label) != 0)
    {
      g_free (self->redo_label);
      self->redo_label = g_steal_pointer (&redo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* A new edit: the redo steps are gone, and with them maybe the clean state. */
static void
discard_redo (JmHistory *self)
{
  if (self->redo_stack->len == 0)
    return;

  if (self->clean_index > (int) self->undo_stack->len)
    self->clean_index = -1;

  g_ptr_array_set_size (self->redo_stack, 0);
}

static void
jm_history_dispose (GObject *object)
{
  JmHistory *self = JM_HISTORY (object);

  g_clear_pointer (&self->group, g_ptr_array_unref);
  if (self->redo_stack != NULL)
    g_ptr_array_set_size (self->redo_stack, 0);
  if (self->undo_stack != NULL)
    g_ptr_array_set_size (self->undo_stack, 0);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (jm_history_parent_class)->dispose (object);
}

static void
jm_history_finalize (GObject *object)
{
  JmHistory *self = JM_HISTORY (object);

  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->group_starts, g_array_unref);
  g_clear_pointer (&self->group_label, g_free);
  g_clear_pointer (&self->undo_label, g_free);
  g_clear_pointer (&self->redo_label, g_free);

  G_OBJECT_CLASS (jm_history_parent_class)->finalize (object);
}

static void
jm_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  JmHistory *self = JM_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, jm_history_get_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, jm_history_get_can_redo (self));
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, jm_history_get_modified (self));
      break;

    case PROP_UNDO_LABEL:
      g_value_take_string (value, jm_history_dup_undo_label (self));
      break;

    case PROP_REDO_LABEL:
      g_value_take_string (value, jm_history_dup_redo_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_history_class_init (JmHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jm_history_dispose;
  object_class->finalize = jm_history_finalize;
  object_class->get_property = jm_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_history_init (JmHistory *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func (g_object_unref);
  self->redo_stack = g_ptr_array_new_with_free_func (g_object_unref);
  self->group_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->clean_index = 0;
}

JmHistory *
jm_history_new (JmDocument *document)
{
  JmHistory *self;

  g_return_val_if_fail (JM_IS_DOCUMENT (document), NULL);

  self = g_object_new (JM_TYPE_HISTORY, NULL);
  self->document = g_object_ref (document);

  return self;
}

JmDocument *
jm_history_get_document (JmHistory *self)
{
  g_return_val_if_fail (JM_IS_HISTORY (self), NULL);

  return self->document;
}

gboolean
jm_history_apply (JmHistory  *self,
                  JmCommand  *command,
                  GError    **error)
{
  g_autoptr(JmCommand) owned = command;

  g_return_val_if_fail (JM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (JM_IS_COMMAND (command), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!jm_command_apply (command, self->document, error))
    return FALSE;

  discard_redo (self);

  if (self->group != NULL)
    {
      guint start = g_array_index (self->group_starts, guint, self->group_starts->len - 1);

      /* Merge only inside the innermost open level, so cancel_group stays exact. */
      if (self->merge_blocked || self->group->len <= start ||
          !jm_command_merge (g_ptr_array_index (self->group, self->group->len - 1), command))
        g_ptr_array_add (self->group, g_steal_pointer (&owned));
    }
  else
    {
      guint n = self->undo_stack->len;

      if (self->merge_blocked || n == 0 || self->clean_index == (int) n ||
          !jm_command_merge (g_ptr_array_index (self->undo_stack, n - 1), command))
        g_ptr_array_add (self->undo_stack, g_steal_pointer (&owned));
    }

  self->merge_blocked = FALSE;
  update_state (self);

  return TRUE;
}

gboolean
jm_history_undo (JmHistory *self)
{
  JmCommand *command;

  g_return_val_if_fail (JM_IS_HISTORY (self), FALSE);

  if (self->group != NULL || self->undo_stack->len == 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->undo_stack, self->undo_stack->len - 1);
  jm_command_revert (command, self->document);
  g_ptr_array_add (self->redo_stack, command);

  self->merge_blocked = TRUE;
  update_state (self);

  return TRUE;
}

gboolean
jm_history_redo (JmHistory *self)
{
  g_autoptr(GError) error = NULL;
  JmCommand *command;

  g_return_val_if_fail (JM_IS_HISTORY (self), FALSE);

  if (self->group != NULL || self->redo_stack->len == 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->redo_stack, self->redo_stack->len - 1);
  if (!jm_command_apply (command, self->document, &error))
    {
      /* Only possible if the document was changed behind the history's back. */
      g_critical ("Cannot redo: %s", error->message);
      g_object_unref (command);
      discard_redo (self);
      update_state (self);
      return FALSE;
    }
  g_ptr_array_add (self->undo_stack, command);

  self->merge_blocked = TRUE;
  update_state (self);

  return TRUE;
}

gboolean
jm_history_get_can_undo (JmHistory *self)
{
  g_return_val_if_fail (JM_IS_HISTORY (self), FALSE);

  return self->undo_stack->len > 0;
}

gboolean
jm_history_get_can_redo (JmHistory *self)
{
  g_return_val_if_fail (JM_IS_HISTORY (self), FALSE);

  return self->redo_stack->len > 0;
}

char *
jm_history_dup_undo_label (JmHistory *self)
{
  g_return_val_if_fail (JM_IS_HISTORY (self), NULL);

  if (self->undo_stack->len == 0)
    return NULL;

  return jm_command_dup_label (g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1));
}

char *
jm_history_dup_redo_label (JmHistory *self)
{
  g_return_val_if_fail (JM_IS_HISTORY (self), NULL);

  if (self->redo_stack->len == 0)
    return NULL;

  return jm_command_dup_label (g_ptr_array_index (self->redo_stack, self->redo_stack->len - 1));
}

void
jm_history_begin_group (JmHistory  *self,
                        const char *label)
{
  guint start;

  g_return_if_fail (JM_IS_HISTORY (self));

  if (self->group == NULL)
    {
      self->group = g_ptr_array_new_with_free_func (g_object_unref);
      g_free (self->group_label);
      self->group_label = g_strdup (label);
    }

  start = self->group->len;
  g_array_append_val (self->group_starts, start);
}

/* Closes the outermost level: what the group did becomes one undo step. */
static void
close_group (JmHistory *self)
{
  g_autoptr(GPtrArray) commands = g_steal_pointer (&self->group);
  g_autofree char *label = g_steal_pointer (&self->group_label);

  if (commands->len > 0)
    g_ptr_array_add (self->undo_stack,
                     jm_group_command_new (label, g_steal_pointer (&commands)));

  self->merge_blocked = TRUE;
  update_state (self);
}

void
jm_history_end_group (JmHistory *self)
{
  g_return_if_fail (JM_IS_HISTORY (self));
  g_return_if_fail (self->group != NULL);

  g_array_set_size (self->group_starts, self->group_starts->len - 1);
  if (self->group_starts->len == 0)
    close_group (self);
}

void
jm_history_cancel_group (JmHistory *self)
{
  guint start;

  g_return_if_fail (JM_IS_HISTORY (self));
  g_return_if_fail (self->group != NULL);

  start = g_array_index (self->group_starts, guint, self->group_starts->len - 1);
  g_array_set_size (self->group_starts, self->group_starts->len - 1);

  while (self->group->len > start)
    {
      JmCommand *command = g_ptr_array_steal_index (self->group, self->group->len - 1);

      jm_command_revert (command, self->document);
      g_object_unref (command);
    }

  self->merge_blocked = TRUE;

  if (self->group_starts->len == 0)
    close_group (self);
  else
    update_state (self);
}

void
jm_history_break_merge (JmHistory *self)
{
  g_return_if_fail (JM_IS_HISTORY (self));

  self->merge_blocked = TRUE;
}

void
jm_history_mark_clean (JmHistory *self)
{
  g_return_if_fail (JM_IS_HISTORY (self));

  self->clean_index = (int) self->undo_stack->len;
  update_state (self);
}

gboolean
jm_history_get_modified (JmHistory *self)
{
  g_return_val_if_fail (JM_IS_HISTORY (self), FALSE);

  return compute_modified (self);
}

void
jm_history_clear (JmHistory *self)
{
  g_return_if_fail (JM_IS_HISTORY (self));

  g_clear_pointer (&self->group, g_ptr_array_unref);
  g_array_set_size (self->group_starts, 0);
  g_clear_pointer (&self->group_label, g_free);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  self->clean_index = 0;
  self->merge_blocked = FALSE;

  update_state (self);
}
