/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "jm-application.h"
#include "jm-ui.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JmApplication) app = NULL;

  jm_ui_init_i18n ();
  jm_ui_init ();

  app = jm_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
