/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-ui.h: entry points of libjm-ui shared by main.c and the UI tests. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Binds the app's gettext domain (and makes it the default one) to its translations: under
 * LOCALEDIR, or under $JM_LOCALEDIR when set — the build tree's po/ folder, which
 * build-aux/run, `meson devenv` and the tests name, so the uninstalled app is translated too.
 * Call first, before any string is translated. */
void       jm_ui_init_i18n    (void);

/* Registers the UI GResource (templates, style.css, help overlay) and the custom widget
 * types. Call once, before creating the application. */
void       jm_ui_init         (void);

/* A new GSettings for APP_ID, or NULL when the schema is not installed (the app then runs
 * with defaults and remembers nothing; a warning is printed once). */
GSettings *jm_ui_settings_new (void);

G_END_DECLS
