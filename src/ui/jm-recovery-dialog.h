/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmRecoveryDialog: at startup, the maps left with unsaved changes by a crash or a kill
 * (jm_recovery_list ()). Each row offers Open (a window on the recovered map, marked modified,
 * saving to its original file) and Discard. Closing the dialog leaves the rest for the next
 * start. It closes by itself once every map is opened or discarded. */
#pragma once

#include <adwaita.h>

#include "jm-core.h"

G_BEGIN_DECLS

#define JM_TYPE_RECOVERY_DIALOG (jm_recovery_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JmRecoveryDialog, jm_recovery_dialog, JM, RECOVERY_DIALOG, AdwWindow)

/* A dialog of application offering entries (a GPtrArray of JmRecoveryEntry, copied). */
JmRecoveryDialog *jm_recovery_dialog_new           (GtkApplication   *application,
                                                    GPtrArray        *entries);
/* The maps still offered. Borrowed JmRecoveryEntry, or NULL past the end. */
guint             jm_recovery_dialog_get_n_entries (JmRecoveryDialog *self);
const JmRecoveryEntry *
                  jm_recovery_dialog_get_entry     (JmRecoveryDialog *self,
                                                    guint             index);
/* The Open and Discard of a row ("recovery.open" and "recovery.discard", with the id as
 * target). Opening returns the new window, or NULL if the copy could not be opened (the
 * dialog then shows why). Either may close the dialog (the last map): hold a reference to
 * use it afterwards. */
GtkWindow        *jm_recovery_dialog_open          (JmRecoveryDialog *self,
                                                    const char       *id);
void              jm_recovery_dialog_discard       (JmRecoveryDialog *self,
                                                    const char       *id);

/* Once per application, at startup: if there are maps to recover, shows the dialog and
 * returns TRUE. With activate_when_done, the application is activated again when the dialog
 * closes and no map window is open (so the user still gets a window). */
gboolean          jm_recovery_dialog_show_at_startup (GtkApplication *application,
                                                      gboolean        activate_when_done);

G_END_DECLS
