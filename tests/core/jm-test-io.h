/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers of the io tests (test-io-load.c, test-io-save.c). */
#pragma once

#include "jm-json.h"
#include "jm-document-private.h"

G_BEGIN_DECLS

/* TEST_DATA_DIR/sub/name */
char       *data_path          (const char  *sub,
                                const char  *name);
GBytes     *read_bytes         (const char  *path);
/* A file of tests/data/good, loaded without error. */
JmDocument *load_good          (const char  *name);
JmDocument *load_string        (const char  *text,
                                GError     **error);
/* Fails with where the bytes first differ. */
void        assert_bytes_equal (GBytes      *a,
                                GBytes      *b);
/* The card with this id (asserts it is one). */
JmCard     *card               (JmDocument  *doc,
                                const char  *id);

G_END_DECLS
