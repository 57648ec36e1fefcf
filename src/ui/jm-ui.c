/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "jm-ui.h"
#include "jm-ui-resources.h"

void
jm_ui_init (void)
{
  jm_register_resource ();
}
