/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-element.c: the base of everything a document owns. */
#include "config.h"

#include <string.h>

#include "jm-document-private.h"
#include "jm-element.h"

typedef struct
{
  /* owned */
  char       *id;
  JsonObject *extra;

  /* borrowed: the document clears it when the element leaves it or the document dies */
  JmDocument *document;
} JmElementPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (JmElement, jm_element, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

gboolean
_jm_string_replace (char       **field,
                    const char  *value)
{
  if (value == NULL)
    value = "";

  if (*field != NULL && strcmp (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

gboolean
_jm_color_is_valid (const char *color)
{
  if (color == NULL || color[0] == '\0')
    return TRUE;
  if (color[0] != '#' || strlen (color) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

gboolean
_jm_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;

  for (len = 0; id[len] != '\0'; len++)
    {
      char c = id[len];

      if (len >= 64)
        return FALSE;
      if (!g_ascii_isalnum (c) && c != '_' && c != '-')
        return FALSE;
    }

  return len > 0;
}

static void
jm_element_finalize (GObject *object)
{
  JmElement *self = JM_ELEMENT (object);
  JmElementPrivate *priv = jm_element_get_instance_private (self);

  g_clear_pointer (&priv->id, g_free);
  g_clear_pointer (&priv->extra, json_object_unref);

  G_OBJECT_CLASS (jm_element_parent_class)->finalize (object);
}

static void
jm_element_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  JmElement *self = JM_ELEMENT (object);
  JmElementPrivate *priv = jm_element_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_element_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  JmElement *self = JM_ELEMENT (object);
  JmElementPrivate *priv = jm_element_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      /* construct-only */
      _jm_string_replace (&priv->id, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_element_class_init (JmElementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jm_element_finalize;
  object_class->get_property = jm_element_get_property;
  object_class->set_property = jm_element_set_property;

  klass->id_prefix = "e";

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_element_init (JmElement *self)
{
}

const char *
jm_element_get_id (JmElement *self)
{
  JmElementPrivate *priv;

  g_return_val_if_fail (JM_IS_ELEMENT (self), NULL);

  priv = jm_element_get_instance_private (self);
  return priv->id != NULL ? priv->id : "";
}

JmDocument *
jm_element_get_document (JmElement *self)
{
  JmElementPrivate *priv;

  g_return_val_if_fail (JM_IS_ELEMENT (self), NULL);

  priv = jm_element_get_instance_private (self);
  return priv->document;
}

void
_jm_element_set_document (JmElement  *self,
                          JmDocument *document)
{
  JmElementPrivate *priv;

  g_return_if_fail (JM_IS_ELEMENT (self));

  priv = jm_element_get_instance_private (self);
  priv->document = document;
}

JsonObject *
_jm_element_get_extra (JmElement *self)
{
  JmElementPrivate *priv;

  g_return_val_if_fail (JM_IS_ELEMENT (self), NULL);

  priv = jm_element_get_instance_private (self);
  return priv->extra;
}

void
_jm_element_set_extra (JmElement  *self,
                       JsonObject *extra)
{
  JmElementPrivate *priv;

  g_return_if_fail (JM_IS_ELEMENT (self));

  priv = jm_element_get_instance_private (self);
  if (extra == priv->extra)
    return;

  if (extra != NULL)
    json_object_ref (extra);
  g_clear_pointer (&priv->extra, json_object_unref);
  priv->extra = extra;
}

static JsonNode *deep_copy_node (JsonNode *node);

static JsonObject *
deep_copy_object (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    json_object_set_member (copy, name, deep_copy_node (member));

  return copy;
}

static JsonNode *
deep_copy_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonNode *copy = json_node_new (JSON_NODE_OBJECT);

        json_node_take_object (copy, deep_copy_object (json_node_get_object (node)));
        return copy;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        JsonArray *copy_array = json_array_sized_new (n);
        JsonNode *copy = json_node_new (JSON_NODE_ARRAY);

        for (guint i = 0; i < n; i++)
          json_array_add_element (copy_array, deep_copy_node (json_array_get_element (array, i)));
        json_node_take_array (copy, copy_array);
        return copy;
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      /* Values are copied, not shared. */
      return json_node_copy (node);
    }
}

JmElement *
jm_element_copy (JmElement  *self,
                 const char *new_id)
{
  JmElementPrivate *priv;
  g_autofree GParamSpec **pspecs = NULL;
  g_autofree const char **names = NULL;
  GValue *values;
  guint n_pspecs = 0;
  guint n = 0;
  JmElement *copy;

  g_return_val_if_fail (JM_IS_ELEMENT (self), NULL);

  priv = jm_element_get_instance_private (self);

  /* Every readable and writable property, including the construct-only ones ("id", a card's
   * "stage" and "lane"), goes to the constructor at once. */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_pspecs);
  names = g_new0 (const char *, n_pspecs);
  values = g_new0 (GValue, n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];

      if ((pspec->flags & G_PARAM_READABLE) == 0 || (pspec->flags & G_PARAM_WRITABLE) == 0)
        continue;

      names[n] = pspec->name;
      g_value_init (&values[n], pspec->value_type);
      if (new_id != NULL && strcmp (pspec->name, "id") == 0)
        g_value_set_string (&values[n], new_id);
      else
        g_object_get_property (G_OBJECT (self), pspec->name, &values[n]);
      n++;
    }

  copy = (JmElement *) g_object_new_with_properties (G_OBJECT_TYPE (self), n, names, values);

  for (guint i = 0; i < n; i++)
    g_value_unset (&values[i]);
  g_free (values);

  if (priv->extra != NULL)
    {
      JmElementPrivate *copy_priv = jm_element_get_instance_private (copy);

      copy_priv->extra = deep_copy_object (priv->extra);
    }

  return copy;
}
