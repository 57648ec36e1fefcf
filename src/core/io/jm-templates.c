/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-templates.c: the built-in templates and the sample map.
 *
 * They are ordinary journey-map files in the core's GResource
 * (templates/<id>.<language>.journey.json, sample/sample.<language>.journey.json), read with
 * the one loader, so a template can never hold anything a saved file could not. */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jm-templates.h"

#include "jm-core-resources.h"
#include "jm-document-private.h"
#include "jm-json.h"

#define RESOURCE_PREFIX "/io/github/journeymaps/JourneyMaps/"

typedef struct
{
  const char *id;
  const char *name;         /* N_() */
  const char *description;  /* N_() */
} TemplateInfo;

static const TemplateInfo template_info[JM_N_TEMPLATES] = {
  [JM_TEMPLATE_CLASSIC] = {
    "classic",
    N_("Classic Five Stages"),
    N_("Awareness, consideration, decision, retention and loyalty"),
  },
  [JM_TEMPLATE_SAAS] = {
    "saas",
    N_("B2B SaaS in Eight Stages"),
    N_("From discovering a problem to promoting the solution"),
  },
  [JM_TEMPLATE_SERVICES] = {
    "services",
    N_("Professional Services"),
    N_("Pre-purchase, client experience, between engagements and former clients"),
  },
  [JM_TEMPLATE_LIFECYCLE] = {
    "lifecycle",
    N_("Customer Lifecycle"),
    N_("Attract, nurture, convert, retain and grow"),
  },
  [JM_TEMPLATE_GARTNER] = {
    "gartner",
    N_("Gartner Buying Jobs"),
    N_("Six non-linear buying jobs, with typical steps back"),
  },
};

const char *
jm_template_get_id (JmTemplate template)
{
  g_return_val_if_fail ((guint) template < JM_N_TEMPLATES, NULL);

  return template_info[template].id;
}

const char *
jm_template_get_name (JmTemplate template)
{
  g_return_val_if_fail ((guint) template < JM_N_TEMPLATES, NULL);

  return _(template_info[template].name);
}

const char *
jm_template_get_description (JmTemplate template)
{
  g_return_val_if_fail ((guint) template < JM_N_TEMPLATES, NULL);

  return _(template_info[template].description);
}

void
jm_core_resources_ensure (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      jm_core_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

static gboolean
is_separator (char c)
{
  return c == '\0' || c == '_' || c == '-' || c == '.' || c == '@';
}

/* Whether the locale part after "zh" names a component (script or region) equal to word,
 * e.g. "_TW.UTF-8", "-Hant-HK", "_HK@euro". */
static gboolean
has_component (const char *rest,
               const char *word)
{
  gsize len = strlen (word);
  const char *p = rest;

  while (*p != '\0' && *p != '.' && *p != '@')
    {
      if ((*p == '_' || *p == '-')
          && g_ascii_strncasecmp (p + 1, word, len) == 0
          && is_separator (p[1 + len]))
        return TRUE;
      p++;
    }

  return FALSE;
}

const char *
jm_templates_language_for_locale (const char *locale)
{
  const char *rest;

  if (locale == NULL)
    {
      const char * const *names = g_get_language_names ();

      locale = names != NULL ? names[0] : NULL;
      if (locale == NULL)
        return "en";
    }

  if (g_ascii_strncasecmp (locale, "zh", 2) != 0 || !is_separator (locale[2]))
    return "en";

  rest = locale + 2;
  if (has_component (rest, "Hant"))
    return "zh_TW";
  if (has_component (rest, "Hans"))
    return "zh_CN";
  if (has_component (rest, "TW") || has_component (rest, "HK") || has_component (rest, "MO"))
    return "zh_TW";

  return "zh_CN";
}

static JmDocument *
load_resource (const char  *path,
               GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  jm_core_resources_ensure ();

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return jm_json_load_bytes (bytes, error);
}

static gboolean
set_string (JmDocument  *document,
            const char  *property,
            const char  *value,
            GError     **error)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_STRING);
  g_value_set_string (&gvalue, value);

  return _jm_document_set_property (document, NULL, property, &gvalue, error);
}

JmDocument *
jm_document_new_from_template (JmTemplate   template,
                               const char  *language,
                               GError     **error)
{
  g_autoptr(JmDocument) document = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *path = NULL;
  g_autofree char *stamp = NULL;

  g_return_val_if_fail ((guint) template < JM_N_TEMPLATES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_strdup_printf (RESOURCE_PREFIX "templates/%s.%s.journey.json",
                          template_info[template].id,
                          jm_templates_language_for_locale (language));
  document = load_resource (path, error);
  if (document == NULL)
    return NULL;

  now = g_date_time_new_now_utc ();
  stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  if (!set_string (document, "created", stamp, error)
      || !set_string (document, "modified", stamp, error))
    return NULL;

  return g_steal_pointer (&document);
}

JmDocument *
jm_document_new_sample (const char  *language,
                        GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_strdup_printf (RESOURCE_PREFIX "sample/sample.%s.journey.json",
                          jm_templates_language_for_locale (language));

  return load_resource (path, error);
}
