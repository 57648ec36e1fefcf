/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "jm-application.h"
#include "jm-ui.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JmApplication) app = NULL;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  jm_ui_init ();

  app = jm_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
