/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers of the model tests (test-model.c, test-model-changes.c). */
#pragma once

#include "jm-core.h"
#include "model/jm-document-private.h"

G_BEGIN_DECLS

/* Inserts the element (taking it) and asserts it worked. */
void        insert_ok  (JmDocument    *doc,
                        gpointer       element,
                        int            index);
void        set_ok     (JmDocument    *doc,
                        gpointer       element,
                        const char    *property,
                        const GValue  *value);
gboolean    set_int    (JmDocument    *doc,
                        gpointer       element,
                        const char    *property,
                        int            v,
                        GError       **error);
gboolean    set_string (JmDocument    *doc,
                        gpointer       element,
                        const char    *property,
                        const char    *v,
                        GError       **error);
/* Two stages × two lanes (behaviour, emotions) and a custom lane. */
JmDocument *new_grid   (void);
const char *card_id_at (GPtrArray     *cards,
                        guint          i);

G_END_DECLS
