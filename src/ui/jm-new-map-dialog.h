/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmNewMapDialog: choose one of the built-in templates for a new map. Remembers the last
 * choice in GSettings "last-template". Emits "create" (JmTemplate as guint) and closes. */
#pragma once

#include <adwaita.h>

#include "jm-core.h"

G_BEGIN_DECLS

#define JM_TYPE_NEW_MAP_DIALOG (jm_new_map_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JmNewMapDialog, jm_new_map_dialog, JM, NEW_MAP_DIALOG, AdwWindow)

GtkWidget  *jm_new_map_dialog_new          (GtkWindow      *parent);
/* Property "template": the template selected in the list. */
JmTemplate  jm_new_map_dialog_get_template (JmNewMapDialog *self);
void        jm_new_map_dialog_set_template (JmNewMapDialog *self,
                                            JmTemplate      template);
/* Emits "create" for the selected template, remembers it and closes the dialog. */
void        jm_new_map_dialog_create       (JmNewMapDialog *self);

G_END_DECLS
