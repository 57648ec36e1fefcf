/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-cli.c: `journey-maps --export …`, handled before any display is opened. */
#define G_LOG_DOMAIN "jm-cli"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jm-cli.h"
#include "jm-core.h"

static const GOptionEntry entries[] = {
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export MAP to OUT (.png, .pdf or .svg) without opening a window"), N_("OUT") },
  { "output-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export each MAP to a file named after it in DIR"), N_("DIR") },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Format of the files in --output-dir: png, pdf (the default) or svg"), N_("FORMAT") },
  { "scale", 0, 0, G_OPTION_ARG_DOUBLE, NULL,
    N_("PNG: pixels per map unit, 0.05 to 16 (default 1)"), N_("N") },
  { "transparent", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("PNG: no background behind the cells"), NULL },
  { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("PDF: poster (one page, the default), or pages of a4, a3 or letter"), N_("PAGE") },
  { "theme", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("light (the default), contrast or dark"), N_("THEME") },
  { "role", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Dim the cards not tagged with this buying-committee role (its name)"), N_("NAME") },
  { NULL },
};

const GOptionEntry *
jm_cli_get_option_entries (void)
{
  return entries;
}

const char *
jm_cli_get_description (void)
{
  return _("Headless export (no display needed):\n"
           "  journey-maps --export OUT.pdf [OPTION…] MAP\n"
           "  journey-maps --output-dir DIR [--format png|pdf|svg] [OPTION…] MAP…\n"
           "\n"
           "Exits with 0 when every map was exported, 1 when an export failed and 2 when the "
           "command line is wrong. An existing file is replaced only once its new version is "
           "complete.\n"
           "\n"
           "Examples:\n"
           "  journey-maps --export map.png --scale 2 map.journey.json\n"
           "  journey-maps --export handout.pdf --page a4 --role Buyer map.journey.json\n"
           "  journey-maps --output-dir exports --format svg *.journey.json\n");
}

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("journey-maps: %s\n", message);
  g_printerr ("%s\n", _("Run “journey-maps --help” to see the export options."));
  return JM_CLI_EXIT_USAGE;
}

/* The role whose name (any case) or id is name, or NULL. */
static const char *
find_role (JmDocument *document,
           const char *name)
{
  GListModel *roles = jm_document_get_roles (document);
  g_autofree char *wanted = g_utf8_casefold (name, -1);

  for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
    {
      g_autoptr(JmRole) role = g_list_model_get_item (roles, i);
      g_autofree char *folded = g_utf8_casefold (jm_role_get_name (role), -1);
      const char *id = jm_element_get_id (JM_ELEMENT (role));

      if (g_strcmp0 (folded, wanted) == 0 || g_strcmp0 (id, name) == 0)
        return id;
    }

  return NULL;
}

static char *
dup_role_names (JmDocument *document)
{
  GListModel *roles = jm_document_get_roles (document);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
    {
      g_autoptr(JmRole) role = g_list_model_get_item (roles, i);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, jm_role_get_name (role));
    }

  return g_string_free (names, FALSE);
}

/* "map.journey.json" → "map". */
static char *
dup_map_stem (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  const char * const suffixes[] = { ".journey.json", ".json" };

  for (guint i = 0; base != NULL && i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (base, suffixes[i]) && strlen (base) > strlen (suffixes[i]))
      {
        base[strlen (base) - strlen (suffixes[i])] = '\0';
        break;
      }

  return g_steal_pointer (&base);
}

static gboolean
export_one (const char            *arg,
            const char            *target,
            const JmExportOptions *base_options,
            const char            *role_name)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (arg);
  g_autoptr(JmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display_target = g_filename_display_name (target);
  JmExportOptions options = *base_options;

  document = jm_json_load_file (file, NULL, &error);
  if (document == NULL)
    {
      /* Translators: the first %s is a file name, the second why it could not be read */
      g_printerr (_("journey-maps: cannot open “%s”: %s\n"), arg, error->message);
      return FALSE;
    }

  if (role_name != NULL)
    {
      options.role_id = find_role (document, role_name);
      if (options.role_id == NULL)
        {
          g_autofree char *names = dup_role_names (document);

          if (names[0] != '\0')
            /* Translators: a role name, a file name, then a list of role names */
            g_printerr (_("journey-maps: there is no role “%s” in “%s”; its roles are: %s\n"),
                        role_name, arg, names);
          else
            g_printerr (_("journey-maps: there is no role “%s” in “%s”; it has no roles\n"),
                        role_name, arg);
          return FALSE;
        }
    }

  if (!jm_export_file (document, target, &options, &error))
    {
      /* Translators: the first %s is a file name, the second why exporting it failed */
      g_printerr (_("journey-maps: cannot export “%s”: %s\n"), arg, error->message);
      return FALSE;
    }

  /* Translators: "Exported map.journey.json → map.pdf" */
  g_print (_("Exported %s → %s\n"), arg, display_target);
  return TRUE;
}

int
jm_cli_handle_options (GVariantDict       *options,
                       const char * const *files)
{
  const char *out = NULL, *dir = NULL, *format_name = NULL, *page_name = NULL;
  const char *theme_name = NULL, *role_name = NULL;
  g_autoptr(GHashTable) targets = NULL;
  JmExportOptions export_options;
  gboolean transparent = FALSE, has_scale;
  double scale = 1;
  guint n_files, n_failed = 0;

  g_return_val_if_fail (options != NULL, -1);

  g_variant_dict_lookup (options, "export", "^&ay", &out);
  g_variant_dict_lookup (options, "output-dir", "^&ay", &dir);
  g_variant_dict_lookup (options, "format", "&s", &format_name);
  g_variant_dict_lookup (options, "page", "&s", &page_name);
  g_variant_dict_lookup (options, "theme", "&s", &theme_name);
  g_variant_dict_lookup (options, "role", "&s", &role_name);
  g_variant_dict_lookup (options, "transparent", "b", &transparent);
  has_scale = g_variant_dict_lookup (options, "scale", "d", &scale);

  if (out == NULL && dir == NULL)
    {
      if (format_name != NULL || page_name != NULL || theme_name != NULL || role_name != NULL ||
          transparent || has_scale)
        return usage_error (_("the export options need --export OUT or --output-dir DIR"));
      /* Not an export: start the application. */
      return -1;
    }

  n_files = files != NULL ? g_strv_length ((char **) files) : 0;
  if (out != NULL && dir != NULL)
    return usage_error (_("use either --export OUT (one map) or --output-dir DIR (several), "
                          "not both"));
  if (n_files == 0)
    return usage_error (_("no map to export: give the map file after the options"));
  if (out != NULL && n_files > 1)
    return usage_error (_("--export writes one file: for several maps use --output-dir DIR"));
  if (out != NULL && out[0] == '\0')
    return usage_error (_("--export needs a file name"));

  jm_export_options_init (&export_options);

  if (out != NULL)
    {
      export_options.format = jm_export_format_from_filename (out);
      if (export_options.format == JM_EXPORT_FORMAT_AUTO)
        return usage_error (_("cannot tell the format of “%s”: name it .png, .pdf or .svg"), out);
      if (format_name != NULL &&
          g_ascii_strcasecmp (format_name,
                              jm_export_format_get_extension (export_options.format)) != 0)
        return usage_error (_("--format %s does not match the name “%s”"), format_name, out);
    }
  else
    {
      g_autofree char *probe = g_strconcat ("x.", format_name ? format_name : "pdf", NULL);

      export_options.format = jm_export_format_from_filename (probe);
      if (export_options.format == JM_EXPORT_FORMAT_AUTO)
        return usage_error (_("unknown format “%s”: use png, pdf or svg"), format_name);
    }

  if (page_name != NULL)
    {
      if (!jm_export_page_from_string (page_name, &export_options.page))
        return usage_error (_("unknown page “%s”: use poster, a4, a3 or letter"), page_name);
      if (export_options.page != JM_EXPORT_PAGE_POSTER &&
          export_options.format != JM_EXPORT_FORMAT_PDF)
        return usage_error (_("--page applies to PDF only"));
    }

  if (theme_name != NULL)
    {
      if (g_ascii_strcasecmp (theme_name, "light") == 0)
        export_options.theme = JM_THEME_LIGHT;
      else if (g_ascii_strcasecmp (theme_name, "contrast") == 0)
        export_options.theme = JM_THEME_CONTRAST;
      else if (g_ascii_strcasecmp (theme_name, "dark") == 0)
        export_options.theme = JM_THEME_DARK;
      else
        return usage_error (_("unknown theme “%s”: use light, contrast or dark"), theme_name);
    }

  if (has_scale || transparent)
    {
      if (export_options.format != JM_EXPORT_FORMAT_PNG)
        return usage_error (has_scale ? _("--scale applies to PNG only")
                                      : _("--transparent applies to PNG only"));
      if (!(scale >= 0.05 && scale <= 16))
        return usage_error (_("--scale must be between 0.05 and 16"));
      export_options.scale = scale;
      export_options.transparent = transparent;
    }

  if (dir != NULL && g_mkdir_with_parents (dir, 0777) != 0)
    {
      int saved = errno;

      g_printerr (_("journey-maps: cannot create the folder “%s”: %s\n"), dir,
                  g_strerror (saved));
      return 1;
    }

  targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *target = NULL;

      if (out != NULL)
        target = g_strdup (out);
      else
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);
          g_autofree char *stem = dup_map_stem (file);
          g_autofree char *name = NULL;

          name = g_strconcat (stem != NULL ? stem : "map", ".",
                              jm_export_format_get_extension (export_options.format), NULL);
          target = g_build_filename (dir, name, NULL);
        }

      /* Two maps of the same name (from different folders) must not overwrite each other. */
      if (g_hash_table_contains (targets, target))
        {
          g_printerr (_("journey-maps: cannot export “%s”: another map was just exported to "
                        "“%s”\n"), files[i], target);
          n_failed++;
          continue;
        }
      g_hash_table_add (targets, g_strdup (target));

      if (!export_one (files[i], target, &export_options, role_name))
        n_failed++;
    }

  return n_failed > 0 ? 1 : 0;
}
