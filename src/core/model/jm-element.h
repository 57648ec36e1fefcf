/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmElement: base of everything a document owns (stage, lane, card, role, department,
 * connection). Each has a stable short id, unique in its document ("s1", "c42"…).
 *
 * Elements expose their fields as GObject properties (kebab-case; the same names are the
 * JSON keys). The properties are readable by anyone but written only by commands
 * (src/core/history) and the loader: nothing else changes the model. */
#pragma once

#include "jm-types.h"

G_BEGIN_DECLS

#define JM_TYPE_ELEMENT (jm_element_get_type ())
G_DECLARE_DERIVABLE_TYPE (JmElement, jm_element, JM, ELEMENT, GObject)

struct _JmElementClass
{
  GObjectClass parent_class;

  /* The prefix of new ids of this class: "s", "l", "c", "r", "d", "x". */
  const char *id_prefix;
};

const char *jm_element_get_id        (JmElement *self);
/* The document the element is in, or NULL while it is not in one (e.g. held by an undo
 * command after removal). Borrowed. */
JmDocument *jm_element_get_document  (JmElement *self);
/* A deep copy with the same property values, roles, metrics and unknown JSON keys, and the
 * given id (NULL: same id). Not in any document. */
JmElement  *jm_element_copy          (JmElement  *self,
                                      const char *new_id);

G_END_DECLS
