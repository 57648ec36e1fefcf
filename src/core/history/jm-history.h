/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmHistory: the one way to change a document. Undo, redo, groups, merging, clean point.
 * Properties (read-only, notified): "can-undo", "can-redo", "modified",
 * "undo-label", "redo-label". */
#pragma once

#include "jm-command.h"

G_BEGIN_DECLS

#define JM_TYPE_HISTORY (jm_history_get_type ())
G_DECLARE_FINAL_TYPE (JmHistory, jm_history, JM, HISTORY, GObject)

JmHistory  *jm_history_new           (JmDocument *document);
JmDocument *jm_history_get_document  (JmHistory  *self);

/* Applies command (transfer full) and pushes it (or merges it into the last step, or into
 * the open group). Clears the redo stack. FALSE, error set and nothing changed on failure. */
gboolean    jm_history_apply         (JmHistory  *self,
                                      JmCommand  *command,
                                      GError    **error);
gboolean    jm_history_undo          (JmHistory  *self);
gboolean    jm_history_redo          (JmHistory  *self);
gboolean    jm_history_get_can_undo  (JmHistory  *self);
gboolean    jm_history_get_can_redo  (JmHistory  *self);
/* Translated "Undo Move Card" style labels' payload ("Move Card"), or NULL. */
char       *jm_history_dup_undo_label (JmHistory *self);
char       *jm_history_dup_redo_label (JmHistory *self);

/* Commands applied between begin and end become one undo step (nesting allowed; the outer
 * pair counts). An empty group leaves no step. cancel_group reverts what the open group did
 * (Escape during a drag) and closes it. */
void        jm_history_begin_group   (JmHistory  *self,
                                      const char *label);
void        jm_history_end_group     (JmHistory  *self);
void        jm_history_cancel_group  (JmHistory  *self);
/* The next command will not merge into the previous one (e.g. an editor was closed). */
void        jm_history_break_merge   (JmHistory  *self);

/* The document is saved as it is now. "modified" is TRUE whenever the document differs
 * from the last clean point (undoing back to it makes it FALSE again). */
void        jm_history_mark_clean    (JmHistory  *self);
gboolean    jm_history_get_modified  (JmHistory  *self);
/* Forget all steps (after loading a different document). */
void        jm_history_clear         (JmHistory  *self);

G_END_DECLS
