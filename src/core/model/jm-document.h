/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmDocument: one journey map.
 *
 * Owns, in order: stages, lanes, departments, roles, connections (each a GListStore,
 * exposed read-only as GListModel) and cards, kept per (stage, lane) cell in order.
 * Metadata properties: "title", "description", "author", "created", "modified" (strings;
 * created/modified are ISO 8601 UTC, e.g. "2026-11-23T10:00:00Z").
 *
 * Change notification: the "changed" signal
 *     void changed (JmDocument *doc, JmChangeType type, JmElement *element,
 *                   const char *property, gpointer user_data)
 * is emitted after every mutation, with element == NULL for the document's own metadata
 * and property == NULL unless type == JM_CHANGE_PROPERTY. The GListStores also emit
 * items-changed. A view can update exactly what changed.
 *
 * The document is read-only for everything but commands (src/core/history) and the loader
 * (src/core/io), which use jm-document-private.h. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "jm-types.h"
#include "jm-element.h"
#include "jm-stage.h"
#include "jm-lane.h"
#include "jm-card.h"
#include "jm-role.h"
#include "jm-department.h"
#include "jm-connection.h"

G_BEGIN_DECLS

#define JM_DOCUMENT_ERROR (jm_document_error_quark ())
typedef enum {
  JM_DOCUMENT_ERROR_INVALID,              /* the file is not a valid journey map; message says where */
  JM_DOCUMENT_ERROR_UNSUPPORTED_VERSION,  /* made by a newer Journey Maps */
  JM_DOCUMENT_ERROR_TOO_LARGE,            /* beyond a documented limit */
  JM_DOCUMENT_ERROR_COMMAND,              /* a command names an element that is not there */
} JmDocumentError;
GQuark jm_document_error_quark (void);

#define JM_TYPE_DOCUMENT (jm_document_get_type ())
G_DECLARE_FINAL_TYPE (JmDocument, jm_document, JM, DOCUMENT, GObject)

/* An empty map: no stages, no lanes, the five default departments. */
JmDocument   *jm_document_new              (void);
/* Truly empty: not even departments (the loader starts from this). */
JmDocument   *jm_document_new_blank        (void);

const char   *jm_document_get_title        (JmDocument *self);
const char   *jm_document_get_description  (JmDocument *self);
const char   *jm_document_get_author       (JmDocument *self);
const char   *jm_document_get_created      (JmDocument *self);
const char   *jm_document_get_modified     (JmDocument *self);

GListModel   *jm_document_get_stages       (JmDocument *self);   /* of JmStage */
GListModel   *jm_document_get_lanes        (JmDocument *self);   /* of JmLane */
GListModel   *jm_document_get_departments  (JmDocument *self);   /* of JmDepartment */
GListModel   *jm_document_get_roles        (JmDocument *self);   /* of JmRole */
GListModel   *jm_document_get_connections  (JmDocument *self);   /* of JmConnection */

guint         jm_document_get_n_stages     (JmDocument *self);
guint         jm_document_get_n_lanes      (JmDocument *self);
guint         jm_document_get_n_cards      (JmDocument *self);
/* Borrowed; NULL when out of range. */
JmStage      *jm_document_get_stage        (JmDocument *self,
                                            guint       index);
JmLane       *jm_document_get_lane         (JmDocument *self,
                                            guint       index);

/* Any element by id, or NULL. Borrowed. O(1). */
JmElement    *jm_document_lookup           (JmDocument *self,
                                            const char *id);
/* Position of an element in its list (for a card: in its cell); -1 if not in the document. */
int           jm_document_index_of         (JmDocument *self,
                                            JmElement  *element);

/* The cards of one cell, in order: borrowed array of borrowed JmCard*, or NULL if empty. */
GPtrArray    *jm_document_get_cell         (JmDocument *self,
                                            const char *stage_id,
                                            const char *lane_id);
/* Every card in canonical order (stage order, then lane order, then order in cell).
 * New array of new references. */
GPtrArray    *jm_document_dup_cards        (JmDocument *self);
/* Connections that start or end at the card: new array of new references. */
GPtrArray    *jm_document_dup_card_connections (JmDocument *self,
                                                const char *card_id);

/* A fresh id with the given prefix ("s", "l", "c", "r", "d", "x") unused in the document. */
char         *jm_document_make_id          (JmDocument *self,
                                            const char *prefix);

/* The stage's emotion score: the mean of its emotion cards' scores, rounded, or FALSE when the
 * stage has none. */
gboolean      jm_document_get_stage_score  (JmDocument *self,
                                            const char *stage_id,
                                            double     *score);

/* Unknown top-level JSON members kept for writing back (borrowed, may be NULL). */
JsonObject   *jm_document_get_extra        (JmDocument *self);

G_END_DECLS
