/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Journey Maps file format v1 (see README "File format" and data/journey-map.schema.json):
 * the one loader and the one writer. Templates, the sample map, recovery files, the
 * clipboard and the command line all go through these. */
#pragma once

#include <gio/gio.h>

#include "model/jm-document.h"

G_BEGIN_DECLS

#define JM_FORMAT_NAME     "journey-maps"
#define JM_FORMAT_VERSION  1

/* Documented limits of the loader; each is met with a clear JM_DOCUMENT_ERROR_TOO_LARGE. */
#define JM_LOAD_MAX_FILE_SIZE   (256 * 1024 * 1024)  /* bytes */
#define JM_LOAD_MAX_DEPTH       32                   /* nesting of arrays/objects */
#define JM_LOAD_MAX_STRING      (1024 * 1024)        /* bytes in one string */
#define JM_LOAD_MAX_OBJECTS     1000000              /* stages+lanes+cards+… */

/* Parses and validates a whole map. Never returns a partial document: either a complete one or
 * NULL with an error saying what is wrong and where, e.g.
 *   cards[12].stage: no stage with id "s9"
 *   line 3, column 14: unexpected character ','   (when the JSON itself is broken) */
JmDocument *jm_json_load_bytes  (GBytes      *bytes,
                                 GError     **error);
JmDocument *jm_json_load_file   (GFile       *file,
                                 GCancellable *cancellable,
                                 GError     **error);
/* UTF-8, two-space indent, stable key order, arrays in document order, trailing newline:
 * saving the same document twice gives the same bytes. Unknown keys are written back. */
GBytes     *jm_json_save_bytes  (JmDocument  *document);
/* Atomic: writes a temporary file beside the target, syncs, renames over it, keeps the
 * target's permissions. On failure the old file is untouched and error says why. */
gboolean    jm_json_save_file   (JmDocument  *document,
                                 GFile       *file,
                                 GCancellable *cancellable,
                                 GError     **error);

/* Cards (and the connections between them) as a standalone fragment for the clipboard:
 * {"format": "journey-maps-cards", "version": 1, "cards": [...], "connections": [...]}. */
GBytes     *jm_json_save_cards  (JmDocument  *document,
                                 GPtrArray   *cards);
/* Parses such a fragment into new, document-less cards and connections (ids as in the
 * fragment; the caller re-ids and places them). */
gboolean    jm_json_load_cards  (GBytes      *bytes,
                                 GPtrArray  **cards,
                                 GPtrArray  **connections,
                                 GError     **error);

G_END_DECLS
