/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Headless export from the command line:
 *
 *   journey-maps --export OUT.{png,pdf,svg} [--scale N] [--page poster|a4|a3|letter]
 *                [--theme light|contrast] [--role NAME] [--transparent] MAP
 *   journey-maps --output-dir DIR [--format png|pdf|svg] [same options] MAP…
 *
 * JmApplication registers the entries and calls jm_cli_handle_options() from
 * handle-local-options, before the application registers or GTK opens a display: it needs no
 * display at all. Each map is loaded and exported with the core exporter; "Exported MAP → OUT"
 * goes to stdout, errors to stderr. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Exit status for a command line that does not make sense (exports that fail give 1). */
#define JM_CLI_EXIT_USAGE 2

/* The options, for g_application_add_main_option_entries () (their values go into the
 * handle-local-options dictionary). */
const GOptionEntry *jm_cli_get_option_entries (void);
/* Text for g_application_set_option_context_description (): the export usage. */
const char         *jm_cli_get_description    (void);

/* −1 when options ask for no export (go on starting the application); otherwise runs the
 * exports of files (the maps left on the command line) and returns the exit status: 0 when
 * every map was exported. */
int                 jm_cli_handle_options     (GVariantDict       *options,
                                               const char * const *files);

G_END_DECLS
