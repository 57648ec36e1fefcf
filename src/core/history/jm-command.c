/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-command.c: the base of undoable edits. The concrete commands are in jm-commands.c. */
#include "config.h"

#include <glib/gi18n.h>

#include "jm-command.h"
#include "model/jm-document.h"

G_DEFINE_ABSTRACT_TYPE (JmCommand, jm_command, G_TYPE_OBJECT)

static gboolean
jm_command_real_apply (JmCommand   *self,
                       JmDocument  *document,
                       GError     **error)
{
  g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
               "%s does not implement apply", G_OBJECT_TYPE_NAME (self));
  return FALSE;
}

static void
jm_command_real_revert (JmCommand  *self,
                        JmDocument *document)
{
  g_critical ("%s does not implement revert", G_OBJECT_TYPE_NAME (self));
}

static gboolean
jm_command_real_merge (JmCommand *self,
                       JmCommand *next)
{
  return FALSE;
}

static char *
jm_command_real_dup_label (JmCommand *self)
{
  return g_strdup (_("Edit"));
}

static void
jm_command_class_init (JmCommandClass *klass)
{
  klass->apply = jm_command_real_apply;
  klass->revert = jm_command_real_revert;
  klass->merge = jm_command_real_merge;
  klass->dup_label = jm_command_real_dup_label;
}

static void
jm_command_init (JmCommand *self)
{
}

gboolean
jm_command_apply (JmCommand   *self,
                  JmDocument  *document,
                  GError     **error)
{
  g_return_val_if_fail (JM_IS_COMMAND (self), FALSE);
  g_return_val_if_fail (JM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return JM_COMMAND_GET_CLASS (self)->apply (self, document, error);
}

void
jm_command_revert (JmCommand  *self,
                   JmDocument *document)
{
  g_return_if_fail (JM_IS_COMMAND (self));
  g_return_if_fail (JM_IS_DOCUMENT (document));

  JM_COMMAND_GET_CLASS (self)->revert (self, document);
}

gboolean
jm_command_merge (JmCommand *self,
                  JmCommand *next)
{
  JmCommandClass *klass;

  g_return_val_if_fail (JM_IS_COMMAND (self), FALSE);
  g_return_val_if_fail (JM_IS_COMMAND (next), FALSE);

  klass = JM_COMMAND_GET_CLASS (self);
  if (klass->merge == NULL)
    return FALSE;

  return klass->merge (self, next);
}

char *
jm_command_dup_label (JmCommand *self)
{
  g_return_val_if_fail (JM_IS_COMMAND (self), NULL);

  return JM_COMMAND_GET_CLASS (self)->dup_label (self);
}
