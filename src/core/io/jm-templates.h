/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in templates (DOMAIN.md) and the sample map, in English, simplified and
 * traditional Chinese. They are journey-map files in the core's GResource, loaded with the one
 * loader. */
#pragma once

#include "model/jm-document.h"

G_BEGIN_DECLS

typedef enum {
  JM_TEMPLATE_CLASSIC,      /* Awareness → Consideration → Decision → Retention → Loyalty */
  JM_TEMPLATE_SAAS,         /* B2B SaaS, 8 stages: Discover … Promote */
  JM_TEMPLATE_SERVICES,     /* Professional services, 4 stages */
  JM_TEMPLATE_LIFECYCLE,    /* Attract → Nurture → Convert → Retain → Grow */
  JM_TEMPLATE_GARTNER,      /* Gartner buying jobs, 6 stages */
  JM_N_TEMPLATES
} JmTemplate;

/* "classic", "saas", "services", "lifecycle", "gartner" */
const char *jm_template_get_id          (JmTemplate template);
/* Translated display name and one-line description. */
const char *jm_template_get_name        (JmTemplate template);
const char *jm_template_get_description (JmTemplate template);

/* The content language for a locale: "zh_TW" for zh_TW/zh_HK/zh_MO/zh_Hant, "zh_CN" for other
 * zh*, "en" otherwise. locale NULL = the current LC_MESSAGES (g_get_language_names()). */
const char *jm_templates_language_for_locale (const char *locale);

/* A new map from a template, in the language (NULL = from the locale), with fresh
 * created/modified times. */
JmDocument *jm_document_new_from_template (JmTemplate   template,
                                           const char  *language,
                                           GError     **error);
/* The bundled sample map: a complete B2B SaaS journey (what build-aux/run opens). */
JmDocument *jm_document_new_sample        (const char  *language,
                                           GError     **error);

/* Registers the core's GResource (templates, sample); called by the functions above. */
void        jm_core_resources_ensure      (void);

G_END_DECLS
