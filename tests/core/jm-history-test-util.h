/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers of the history and edit-operation tests (tests/core/jm-history-test-util.c). */
#pragma once

#include "jm-core.h"

G_BEGIN_DECLS

/* Every element, in order, every readable property and unknown keys, one line per element;
 * also checks the model's bookkeeping. */
char       *dump_document     (JmDocument *doc);
/* Compares two dumps; on a difference, says where (and the seed of a random run) and fails. */
void        assert_same_dump  (const char *expected,
                               const char *actual,
                               guint32     seed,
                               const char *context);
/* Inserts element (transfer full) directly, outside the history. */
void        insert_ok         (JmDocument *doc,
                               gpointer    element);
void        apply_ok          (JmHistory  *history,
                               JmCommand  *command);
void        assert_undo_label (JmHistory  *history,
                               const char *label);
/* s1, s2, s3 × l1 (behaviour), l2 (emotions), l3 (custom); cards b1..b3 in s1/l1, e1 in
 * s1/l2, n1 in s2/l3, n2 in s3/l3; connections x1 b1→n1, x2 n2→b2 (step back), x3 n1→n2;
 * role r1 on b1 and n1; b2 and n2 belong to department d2. */
JmDocument *new_sample        (void);
/* The card with id (asserted). Borrowed. */
JmCard     *card              (JmDocument *doc,
                               const char *id);
/* The id of the card at index in a cell (asserted). */
const char *cell_id           (JmDocument *doc,
                               const char *stage,
                               const char *lane,
                               guint       index);

G_END_DECLS
