/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jm-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-ui.h"
#include "jm-ui-resources.h"

#include "jm-application.h"
#include "jm-canvas.h"
#include "jm-card-palette.h"
#include "panels/jm-sidebar.h"
#include "jm-new-map-dialog.h"
#include "jm-window.h"

void
jm_ui_init_i18n (void)
{
  const char *localedir = g_getenv ("JM_LOCALEDIR");

  /* Uninstalled (build-aux/run, meson devenv, the tests): the build tree's po/<lang>/LC_MESSAGES
   * catalogs. Installed: LOCALEDIR. */
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

void
jm_ui_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* The resource is compiled with --manual-register: without this call the linker
       * drops the unreferenced resource object and templates fail to load. */
      jm_register_resource ();

      g_type_ensure (JM_TYPE_APPLICATION);
      g_type_ensure (JM_TYPE_CANVAS);
      g_type_ensure (JM_TYPE_CARD_PALETTE);
      g_type_ensure (JM_TYPE_SIDEBAR);
      g_type_ensure (JM_TYPE_NEW_MAP_DIALOG);
      g_type_ensure (JM_TYPE_WINDOW);

      g_once_init_leave (&initialized, 1);
    }
}

GSettings *
jm_ui_settings_new (void)
{
  static gsize warned = 0;
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      if (g_once_init_enter (&warned))
        {
          g_warning ("GSettings schema %s is not installed; settings will not be remembered",
                     APP_ID);
          g_once_init_leave (&warned, 1);
        }
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}
