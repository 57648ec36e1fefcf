/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Edit operations: the edits that take several commands (move cards, paste, duplicate) or a
 * fresh id (add a card, stage, lane or connection), each pushed through the history as one
 * undo step. The canvas calls them; so can the CLI and the tests. Elements are named by id.
 *
 * On a refused command an operation reverts what it had done, sets error and returns
 * FALSE / NULL; the document is then as it was. */
#pragma once

#include "jm-history.h"

G_BEGIN_DECLS

/* Moves the cards (NULL-terminated ids) to the cell (stage_id, lane_id) at insertion index
 * (counted in the cell as it is, the moved cards included), in the given order, as one step.
 * A card dropped where it is makes no command. FALSE, nothing changed and no error when an id
 * names no card, the cell does not exist or its lane does not take a card's kind. */
gboolean   jm_edit_move_cards      (JmHistory          *history,
                                    const char * const *ids,
                                    const char         *stage_id,
                                    const char         *lane_id,
                                    int                 index,
                                    GError            **error);

/* Inserts copies of cards (from this document or none, e.g. read from the clipboard with
 * jm_json_load_cards) with fresh ids into stage_id, from index on in lane_id; a card whose
 * kind that lane does not take (or with lane_id NULL) goes to its own lane (by id) in the
 * stage, else to the first visible lane made for its kind, else to the first visible custom
 * lane, else is left out. Copies of the connections between copied cards come along, with
 * fresh ids. Roles and departments the document does not have are dropped; unknown JSON
 * keys are kept. One step named label. Returns the new card ids (a new array of strings,
 * maybe empty), or NULL with error. */
GPtrArray *jm_edit_paste_cards     (JmHistory          *history,
                                    GPtrArray          *cards,
                                    GPtrArray          *connections,
                                    const char         *stage_id,
                                    const char         *lane_id,
                                    int                 index,
                                    const char         *label,
                                    GError            **error);
/* Inserts a copy of each card (of this document) right after it (after the copies of earlier
 * cards of the same cell), with the connections between them, as one step "Duplicate".
 * Returns the new card ids, or NULL with error. */
GPtrArray *jm_edit_duplicate_cards (JmHistory          *history,
                                    GPtrArray          *cards,
                                    GError            **error);
/* Inserts a copy of the stage right after it, titled "<title> (Copy)", with copies of its
 * cards in the same lanes, as one step "Duplicate Stage". Returns the new stage's id, or NULL
 * (with error if a command was refused). */
char      *jm_edit_duplicate_stage (JmHistory          *history,
                                    const char         *stage_id,
                                    GError            **error);

/* Adds a card of kind with text to the cell at index (channel −1: the default); one step.
 * Returns its id, or NULL. */
char      *jm_edit_add_card        (JmHistory          *history,
                                    JmCardKind          kind,
                                    int                 channel,
                                    const char         *stage_id,
                                    const char         *lane_id,
                                    int                 index,
                                    const char         *text,
                                    GError            **error);
/* Adds a stage / a lane at index (−1: at the end); one step. Returns its id, or NULL. */
char      *jm_edit_add_stage       (JmHistory          *history,
                                    int                 index,
                                    const char         *title,
                                    GError            **error);
char      *jm_edit_add_lane        (JmHistory          *history,
                                    int                 index,
                                    JmLaneKind          kind,
                                    const char         *title,
                                    GError            **error);
/* Connects two cards: "step back" when to is in an earlier stage than from, else "next".
 * Returns the connection's id; NULL and no error when they are the same card, not cards, or
 * already connected that way. */
char      *jm_edit_connect_cards   (JmHistory          *history,
                                    const char         *from_id,
                                    const char         *to_id,
                                    GError            **error);

G_END_DECLS
