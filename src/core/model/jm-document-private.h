/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Mutators of the model. Only commands (src/core/history) and the loader (src/core/io)
 * include this header: everything else changes a document through JmHistory. Each mutator
 * emits JmDocument::changed (and the list's items-changed). */
#pragma once

#include "jm-document.h"

G_BEGIN_DECLS

/* Inserts an element that is in no document. index: position in its list, or for a card
 * the position in its cell (the card's "stage"/"lane"); -1 or too large = at the end.
 * FALSE (and nothing changed) if the id is already used, or a card's cell or a connection's
 * cards do not exist. */
gboolean   _jm_document_insert        (JmDocument *self,
                                       JmElement  *element,
                                       int         index,
                                       GError    **error);
/* Removes the element; returns its former index (see _jm_document_insert), or -1 if absent.
 * Removing a stage or lane that still has cards, or a card that still has connections,
 * is refused (-1, error): remove those first (jm_delete_command_new does it). */
int        _jm_document_remove        (JmDocument *self,
                                       JmElement  *element,
                                       GError    **error);
/* Moves an element to index in its list; a card to (stage_id, lane_id, index) — stage_id and
 * lane_id NULL for other elements. index −1 = at the end. Returns FALSE on a bad target. */
gboolean   _jm_document_move          (JmDocument *self,
                                       JmElement  *element,
                                       const char *stage_id,
                                       const char *lane_id,
                                       int         index,
                                       GError    **error);
/* Sets one property of an element (NULL = the document itself) and emits changed if the
 * value differs. FALSE if the property does not exist or is not writable. */
gboolean   _jm_document_set_property  (JmDocument   *self,
                                       JmElement    *element,
                                       const char   *property,
                                       const GValue *value,
                                       GError      **error);

/* Unknown JSON members of an element or of the document, kept for writing back. */
JsonObject *_jm_element_get_extra     (JmElement  *self);
void        _jm_element_set_extra     (JmElement  *self,
                                       JsonObject *extra);
void        _jm_document_set_extra    (JmDocument *self,
                                       JsonObject *extra);
/* Used by the loader only: the element's document back-pointer. */
void        _jm_element_set_document  (JmElement  *self,
                                       JmDocument *document);

/* Model-internal helpers (src/core/model only). */
/* Replaces *field with a copy of value (NULL = ""); TRUE if the text changed. */
gboolean    _jm_string_replace        (char       **field,
                                       const char  *value);
/* Moves a card to another cell (notifies "stage" and "lane"); _jm_document_move only. */
void        _jm_card_set_cell         (JmCard     *self,
                                       const char *stage_id,
                                       const char *lane_id);
/* TRUE if color is "" or "#rrggbb". */
gboolean    _jm_color_is_valid        (const char *color);
/* TRUE if id is 1–64 characters of [A-Za-z0-9_-]. */
gboolean    _jm_id_is_valid           (const char *id);

G_END_DECLS
