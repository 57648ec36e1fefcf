/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmCommand: one undoable edit. Commands name elements by id (never by pointer into the
 * document), so they stay valid across undo/redo of other commands.
 *
 * One command type per kind of edit:
 *   jm_set_command_new     set one property of one element (or of the document)
 *   jm_insert_command_new  add an element (stage, lane, card, role, department, connection)
 *   jm_remove_command_new  remove one element (must be free of cards/connections)
 *   jm_move_command_new    reorder an element; move a card to another cell / position
 *   jm_group_command_new   several commands as one step (JmHistory builds these)
 * plus a convenience that builds the right group:
 *   jm_delete_command_new  delete elements with everything that depends on them (a stage
 *                          with its cards and their connections, a role from the cards
 *                          tagged with it, a department with reassignment of its cards…). */
#pragma once

#include "jm-types.h"

G_BEGIN_DECLS

#define JM_TYPE_COMMAND (jm_command_get_type ())
G_DECLARE_DERIVABLE_TYPE (JmCommand, jm_command, JM, COMMAND, GObject)

struct _JmCommandClass
{
  GObjectClass parent_class;

  /* Applies the command; on FALSE nothing has changed. */
  gboolean (*apply)     (JmCommand  *self,
                         JmDocument *document,
                         GError    **error);
  /* Exactly undoes a successful apply. */
  void     (*revert)    (JmCommand  *self,
                         JmDocument *document);
  /* Absorbs next (applied right after self) into self; TRUE if it did. Optional. */
  gboolean (*merge)     (JmCommand  *self,
                         JmCommand  *next);
  /* A label for "Undo <label>" (translated). */
  char    *(*dup_label) (JmCommand  *self);
};

gboolean   jm_command_apply     (JmCommand  *self,
                                 JmDocument *document,
                                 GError    **error);
void       jm_command_revert    (JmCommand  *self,
                                 JmDocument *document);
gboolean   jm_command_merge     (JmCommand  *self,
                                 JmCommand  *next);
char      *jm_command_dup_label (JmCommand  *self);

/* element NULL = the document's metadata. The value is copied. Successive set commands on
 * the same element and string property merge into one undo step. */
JmCommand *jm_set_command_new    (JmElement    *element,
                                  const char   *property,
                                  const GValue *value);
/* Conveniences for the common value types. */
JmCommand *jm_set_string_command_new (JmElement  *element,
                                      const char *property,
                                      const char *value);
JmCommand *jm_set_int_command_new    (JmElement  *element,
                                      const char *property,
                                      int         value);     /* int and enum properties */
JmCommand *jm_set_bool_command_new   (JmElement  *element,
                                      const char *property,
                                      gboolean    value);
JmCommand *jm_set_strv_command_new   (JmElement          *element,
                                      const char         *property,
                                      const char * const *value);

/* Takes a reference on element, which must be in no document. index as in
 * _jm_document_insert (a card: position in its cell). */
JmCommand *jm_insert_command_new (JmElement *element,
                                  int        index);
/* element must be in document now; it is kept (by reference) for undo. */
JmCommand *jm_remove_command_new (JmElement *element);
/* stage_id / lane_id only for cards (NULL otherwise). index −1 = at the end. */
JmCommand *jm_move_command_new   (JmElement  *element,
                                  const char *stage_id,
                                  const char *lane_id,
                                  int         index);
/* Takes ownership of the commands (transfer full array of full refs). */
JmCommand *jm_group_command_new  (const char *label,
                                  GPtrArray  *commands);
/* Deletes the elements with the given ids and what depends on them, as one group. NULL if no
 * id names an element. For departments, their cards' "department" becomes reassign_to
 * (a department id, or NULL for none). */
JmCommand *jm_delete_command_new (JmDocument         *document,
                                  const char * const *ids,
                                  const char         *reassign_to);

G_END_DECLS
