/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-document-internal.h: the JmDocument struct and the helpers shared by its files
 * (jm-document.c, jm-document-edit.c, jm-document-values.c). src/core/model only. */
#pragma once

#include "jm-document-private.h"

G_BEGIN_DECLS

struct _JmDocument
{
  GObject     parent_instance;

  /* owned */
  char       *title;
  char       *description;
  char       *author;
  char       *created;
  char       *modified;
  JsonObject *extra;

  GListStore *stages;
  GListStore *lanes;
  GListStore *departments;
  GListStore *roles;
  GListStore *connections;

  /* "stage-id\x1flane-id" (owned) → GPtrArray of owned JmCard, in order; never empty */
  GHashTable *cells;
  /* id (borrowed from the element) → JmElement (borrowed: a list or a cell owns it) */
  GHashTable *elements;
  /* card id (owned) → GPtrArray of borrowed JmConnection starting or ending there */
  GHashTable *card_connections;
  /* id prefix (owned) → next number to try (GUINT_TO_POINTER) */
  GHashTable *id_counters;

  guint       n_cards;
};

/* jm-document.c */
/* "stage-id\x1flane-id": the key of a cell in cells (newly allocated). */
char        *_jm_cell_key                       (const char          *stage_id,
                                                 const char          *lane_id);
/* The cards of a cell, in order; NULL if the cell is empty. */
GPtrArray   *_jm_document_lookup_cell           (JmDocument          *self,
                                                 const char          *stage_id,
                                                 const char          *lane_id);
/* The element with this id if it is of the given type, or NULL. */
gpointer     _jm_document_lookup_typed          (JmDocument          *self,
                                                 const char          *id,
                                                 GType                type);
/* The list that holds elements of the element's type (NULL for cards: cells do). */
GListStore  *_jm_document_store_for             (JmDocument          *self,
                                                 JmElement           *element);
void         _jm_document_emit_changed          (JmDocument          *self,
                                                 JmChangeType         type,
                                                 JmElement           *element,
                                                 const char          *property);
/* Adds a connection to (removes it from) the index of its cards' connections. */
void         _jm_document_index_add             (JmDocument          *self,
                                                 JmConnection        *connection);
void         _jm_document_index_remove          (JmDocument          *self,
                                                 JmConnection        *connection);
/* The item at index, borrowed (the store keeps its reference), or NULL. */
gpointer     _jm_get_borrowed_item              (GListStore          *store,
                                                 guint                index);

/* jm-document-values.c: each is FALSE with error set when a rule of the model is broken. */
gboolean     _jm_document_check_cell            (JmDocument          *self,
                                                 const char          *stage_id,
                                                 const char          *lane_id,
                                                 JmCardKind           kind,
                                                 GError             **error);
gboolean     _jm_document_check_card_department (JmDocument          *self,
                                                 const char          *department_id,
                                                 GError             **error);
gboolean     _jm_document_check_card_roles      (JmDocument          *self,
                                                 const char * const  *roles,
                                                 GError             **error);
gboolean     _jm_document_check_connection_end  (JmDocument          *self,
                                                 const char          *card_id,
                                                 GError             **error);
gboolean     _jm_element_check_values           (JmElement           *element,
                                                 GError             **error);

G_END_DECLS
