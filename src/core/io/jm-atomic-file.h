/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-atomic-file.h: the one atomic file writer (map saves, exports, recovery files).
 *
 * Writes a temporary file beside the target (".NAME.XXXXXX"), then fsync, the target's
 * permissions (or those a new file gets under the process umask, read without changing
 * it), rename over the target, fsync of the folder. Writing through a symbolic link
 * replaces the file it points to and keeps the link. A reader sees the old file or the
 * new one, never a half-written one, even if the process is killed at any point.
 *
 * Errors are G_IO_ERROR, worded "Could not write “FILE”: REASON". */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _JmAtomicFile JmAtomicFile;

/* Creates the temporary file for @path; NULL and @error on failure. */
JmAtomicFile *jm_atomic_file_new          (const char    *path,
                                           GError       **error);
/* Appends bytes; FALSE and @error on failure (the file must then be aborted). */
gboolean      jm_atomic_file_write        (JmAtomicFile  *self,
                                           const void    *data,
                                           gsize          len,
                                           GError       **error);
/* Makes the new contents the file's; frees @self whatever the result. */
gboolean      jm_atomic_file_commit       (JmAtomicFile  *self,
                                           GCancellable  *cancellable,
                                           GError       **error);
/* Throws the temporary file away, leaving the target as it was; frees @self. NULL is fine. */
void          jm_atomic_file_abort        (JmAtomicFile  *self);
/* The target path (symbolic links resolved). */
const char   *jm_atomic_file_get_path     (JmAtomicFile  *self);

/* The whole thing for contents in memory. */
gboolean      jm_atomic_file_set_contents (const char    *path,
                                           const void    *data,
                                           gsize          len,
                                           GCancellable  *cancellable,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JmAtomicFile, jm_atomic_file_abort)

G_END_DECLS
