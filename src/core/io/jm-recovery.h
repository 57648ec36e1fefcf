/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Autosave and crash recovery: "never lose a map".
 *
 * Every window has a recovery id, stable for its session (jm_recovery_new_id ()). While the
 * map has unsaved changes the app writes it now and then with jm_recovery_write (); after a
 * crash, a kill or a power cut the next start offers what jm_recovery_list () finds.
 *
 * Files, in $XDG_STATE_HOME/journey-maps/recovery/ (g_get_user_state_dir (), usually
 * ~/.local/state; the folder is created 0700):
 *
 *   ID.journey.json   the map, written by jm_json_save_file (): the one writer, atomic
 *                     (temporary file, fsync, rename), so it is always a whole map — the
 *                     previous autosave or the new one, never a mix.
 *   ID.info           a small GKeyFile, written after the map (atomically too):
 *                       [Recovery]
 *                       Version=1
 *                       Original=file:///home/ada/onboarding.journey.json   (absent if new)
 *                       Title=Onboarding
 *                       Saved=2026-11-23T10:00:00Z
 *                       Pid=4242
 *                     It is kept beside the map rather than as extra keys inside it: the
 *                     loader keeps unknown keys and the writer writes them back, so metadata
 *                     embedded in the map would leak into the user's file after a recovery.
 *                     The map never depends on it: a missing or damaged .info only costs
 *                     the title and original location (the entry says so in its error).
 *   ID.lock           held with flock () by the running app (jm_recovery_lock ()) for as long
 *                     as the window lives. The kernel drops the lock when the process dies,
 *                     however it dies, so a lock that can be taken means "nobody is working
 *                     on this any more". jm_recovery_list () skips locked entries: two
 *                     running instances never offer (or steal) each other's files, and a
 *                     recycled pid cannot fool it. The pid in ID.info is only informative.
 *
 * The flow in the app:
 *   window opens      id = jm_recovery_new_id (); fd = jm_recovery_lock (id, …)
 *   unsaved changes   jm_recovery_write (doc, id, file, …) a few seconds after editing stops
 *   saved / reverted  jm_recovery_discard (id, …)   (the lock stays: same id, same window)
 *   window closes     jm_recovery_discard (id, …); jm_recovery_unlock (fd)
 *   app starts        entries = jm_recovery_list (…); for each one the user wants back:
 *                     fd = jm_recovery_lock (entry->id, …) — this claims it; if it fails with
 *                     G_IO_ERROR_BUSY another instance claimed it first: drop the entry —
 *                     then doc = jm_recovery_load (entry, …) and keep entry->id as the new
 *                     window's recovery id (mark the document modified). Entries the user
 *                     does not want: jm_recovery_discard (entry->id, …).
 *
 * Leftovers: a process killed in the middle of jm_json_save_file () may leave its temporary
 * file ".ID.journey.json.XXXXXX"; jm_recovery_list () ignores such names and
 * jm_recovery_discard () removes them with the entry.
 *
 * flock () works on local file systems and on NFS (Linux emulates it with POSIX locks). */
#pragma once

#include <gio/gio.h>

#include "model/jm-document.h"

G_BEGIN_DECLS

#define JM_RECOVERY_MAP_SUFFIX   ".journey.json"
#define JM_RECOVERY_INFO_SUFFIX  ".info"
#define JM_RECOVERY_LOCK_SUFFIX  ".lock"

/* One map that can be recovered. All fields are read-only. */
typedef struct
{
  char      *id;
  char      *path;       /* the recovery copy: ID.journey.json */
  GFile     *original;   /* where the map was last opened or saved; NULL for a new map */
  char      *title;      /* the map's title; "" if it had none */
  GDateTime *saved;      /* when the copy was written (UTC) */
  GPid       pid;        /* the process that wrote it; 0 if unknown */
  gsize      size;       /* of the recovery copy, in bytes */
  GError    *error;      /* non-NULL if the .info is missing or damaged: title, original and
                          * pid are then unknown and saved is the copy's modification time.
                          * The map itself may still load. */
} JmRecoveryEntry;

#define JM_TYPE_RECOVERY_ENTRY (jm_recovery_entry_get_type ())
GType            jm_recovery_entry_get_type (void) G_GNUC_CONST;
JmRecoveryEntry *jm_recovery_entry_copy     (const JmRecoveryEntry *entry);
void             jm_recovery_entry_free     (JmRecoveryEntry       *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JmRecoveryEntry, jm_recovery_entry_free)

/* The folder of the recovery files (it may not exist yet). */
char            *jm_recovery_get_dir        (void);
/* A new random id (a UUID): use one per window session. */
char            *jm_recovery_new_id         (void);
/* TRUE if id can name recovery files: 1 to 64 ASCII letters, digits, '-' or '_'. */
gboolean         jm_recovery_id_is_valid    (const char *id);

/* Takes the lock of id for this process: returns a file descriptor to keep open, or -1 and
 * G_IO_ERROR_BUSY if another process (or another lock in this one) holds it. Creates the
 * folder if needed. */
int              jm_recovery_lock           (const char  *id,
                                             GError     **error);
/* Releases a lock taken with jm_recovery_lock () and closes fd. */
void             jm_recovery_unlock         (int          fd);

/* Writes the map (atomically, through jm_json_save_file ()) and its .info. original: the
 * map's own file, or NULL. Returns the path of the recovery copy. The caller should hold
 * the lock of id. On failure the previous recovery copy, if any, is untouched. */
char            *jm_recovery_write          (JmDocument  *document,
                                             const char  *id,
                                             GFile       *original,
                                             GError     **error);

/* The maps that can be recovered, newest first: a new GPtrArray of JmRecoveryEntry (owned,
 * freed with the array). Entries whose lock is held — a running Journey Maps, this one
 * included — are left out. No folder yet means no entries; NULL and error only if the folder
 * cannot be read. Does not parse the maps: a damaged copy shows up in jm_recovery_load (). */
GPtrArray       *jm_recovery_list           (GError     **error);

/* Loads the recovery copy through the one loader (jm_json_load_file ()). */
JmDocument      *jm_recovery_load           (const JmRecoveryEntry  *entry,
                                             GError                **error);

/* Deletes the recovery copy of id, its .info and any temporary leftovers. If this process
 * holds the lock of id (jm_recovery_lock ()), the lock stays held; otherwise the lock file is
 * removed as well. Fails with G_IO_ERROR_BUSY if another process holds the lock. Deleting
 * what is not there is not an error. */
gboolean         jm_recovery_discard        (const char  *id,
                                             GError     **error);

G_END_DECLS
