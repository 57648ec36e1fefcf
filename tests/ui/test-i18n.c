/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The uninstalled app speaks Chinese: a window opened under zh_CN and under zh_TW shows the
 * translations of po/zh_CN.po and po/zh_TW.po, read from the build tree's catalogs
 * ($JM_LOCALEDIR, as build-aux/run sets it).
 *
 * Each language runs in a subprocess of its own, with LANGUAGE set before it starts: GLib
 * decides once per process whether to translate at all. The test environment's locale is
 * C.UTF-8, under which gettext honours LANGUAGE. */
#include "config.h"

#include <string.h>

#include "jm-test-util.h"
#include "jm-window-private.h"

static JmApplication *app;

/* The msgstr of an entry of po/<language>.po without msgctxt, whose msgid and msgstr fit on
 * one line each; NULL when there is none. */
static char *
dup_po_translation (const char *language,
                    const char *msgid)
{
  g_autofree char *name = g_strconcat (language, ".po", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "po", name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *want = g_strdup_printf ("msgid \"%s\"", msgid);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      const char *msgstr = lines[i + 1];
      gsize len = strlen (msgstr);

      if (strcmp (lines[i], want) != 0 || g_str_has_prefix (lines[i - 1], "msgctxt "))
        continue;
      if (!g_str_has_prefix (msgstr, "msgstr \"") || len < 9 || msgstr[len - 1] != '"')
        continue;

      return g_strndup (msgstr + 8, len - 9);
    }

  return NULL;
}

/* Asserts that shown is the translation of msgid into language, and not the English. */
static void
assert_translated (const char *language,
                   const char *msgid,
                   const char *shown)
{
  g_autofree char *msgstr = dup_po_translation (language, msgid);

  g_assert_nonnull (msgstr);
  g_assert_cmpstr (msgstr, !=, "");
  g_assert_cmpstr (msgstr, !=, msgid);
  g_assert_cmpstr (shown, ==, msgstr);
}

static void
check_window_strings (const char *language)
{
  JmWindow *window;

  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, language);

  g_application_activate (G_APPLICATION (app));
  g_assert_true (jm_test_wait_for (jm_test_window_mapped, NULL));
  window = jm_test_get_only_window ();
  g_assert_true (JM_IS_WINDOW (window));

  /* From C (_()) … */
  assert_translated (language, "Not saved",
                     adw_window_title_get_subtitle (window->window_title));
  assert_translated (language, "Undo",
                     gtk_widget_get_tooltip_text (GTK_WIDGET (window->undo_button)));
  assert_translated (language, "Redo",
                     gtk_widget_get_tooltip_text (GTK_WIDGET (window->redo_button)));
  /* … and from the window's template (GtkBuilder, translatable="yes"). */
  assert_translated (language, "Toggle Side Panel",
                     gtk_widget_get_tooltip_text (GTK_WIDGET (window->sidebar_button)));
  assert_translated (language, "Main Menu",
                     gtk_widget_get_tooltip_text (GTK_WIDGET (window->primary_menu_button)));

  jm_test_destroy_all_windows ();
}

static void
test_window_in (gconstpointer data)
{
  const char *language = data;

  if (g_test_subprocess ())
    {
      check_window_strings (language);
      return;
    }

  /* The subprocess inherits the environment: its first gettext () already sees LANGUAGE. */
  g_setenv ("LANGUAGE", language, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("LANGUAGE");
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  app = jm_test_app_setup (&argc, &argv, "i18n");
  if (app == NULL)
    return 77;

  g_test_add_data_func ("/ui/i18n/window-zh-cn", "zh_CN", test_window_in);
  g_test_add_data_func ("/ui/i18n/window-zh-tw", "zh_TW", test_window_in);

  return jm_test_app_run (&app);
}
