/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-document.c: one journey map, its element lists, cells and change notification. Its
 * changes are in jm-document-edit.c, the rules on values and setting a property in
 * jm-document-values.c. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jm-document-internal.h"


G_DEFINE_FINAL_TYPE (JmDocument, jm_document, G_TYPE_OBJECT)

G_DEFINE_QUARK (jm-document-error-quark, jm_document_error)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_AUTHOR,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS,
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

char *
_jm_cell_key (const char *stage_id,
              const char *lane_id)
{
  return g_strconcat (stage_id, "\x1f", lane_id, NULL);
}

GPtrArray *
_jm_document_lookup_cell (JmDocument *self,
                          const char *stage_id,
                          const char *lane_id)
{
  char buf[160];
  gsize stage_len = strlen (stage_id);
  gsize lane_len = strlen (lane_id);
  g_autofree char *key = NULL;

  /* Valid ids are at most 64 bytes: avoid an allocation per lookup. */
  if (stage_len + lane_len + 2 <= sizeof buf)
    {
      memcpy (buf, stage_id, stage_len);
      buf[stage_len] = '\x1f';
      memcpy (buf + stage_len + 1, lane_id, lane_len + 1);
      return g_hash_table_lookup (self->cells, buf);
    }

  key = _jm_cell_key (stage_id, lane_id);
  return g_hash_table_lookup (self->cells, key);
}

gpointer
_jm_document_lookup_typed (JmDocument *self,
                           const char *id,
                           GType       type)
{
  JmElement *element;

  if (id == NULL)
    return NULL;

  element = g_hash_table_lookup (self->elements, id);
  if (element == NULL || !G_TYPE_CHECK_INSTANCE_TYPE (element, type))
    return NULL;

  return element;
}

GListStore *
_jm_document_store_for (JmDocument *self,
                        JmElement  *element)
{
  if (JM_IS_STAGE (element))
    return self->stages;
  if (JM_IS_LANE (element))
    return self->lanes;
  if (JM_IS_DEPARTMENT (element))
    return self->departments;
  if (JM_IS_ROLE (element))
    return self->roles;
  if (JM_IS_CONNECTION (element))
    return self->connections;
  return NULL;
}

void
_jm_document_emit_changed (JmDocument   *self,
                           JmChangeType  type,
                           JmElement    *element,
                           const char   *property)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, type, element, property);
}

static void
index_add_one (JmDocument   *self,
               const char   *card_id,
               JmConnection *connection)
{
  GPtrArray *list = g_hash_table_lookup (self->card_connections, card_id);

  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (self->card_connections, g_strdup (card_id), list);
    }
  g_ptr_array_add (list, connection);
}

static void
index_remove_one (JmDocument   *self,
                  const char   *card_id,
                  JmConnection *connection)
{
  GPtrArray *list = g_hash_table_lookup (self->card_connections, card_id);

  if (list == NULL)
    return;

  g_ptr_array_remove (list, connection);
  if (list->len == 0)
    g_hash_table_remove (self->card_connections, card_id);
}

void
_jm_document_index_add (JmDocument   *self,
                        JmConnection *connection)
{
  const char *from = jm_connection_get_from (connection);
  const char *to = jm_connection_get_to (connection);

  index_add_one (self, from, connection);
  if (strcmp (from, to) != 0)
    index_add_one (self, to, connection);
}

void
_jm_document_index_remove (JmDocument   *self,
                           JmConnection *connection)
{
  const char *from = jm_connection_get_from (connection);
  const char *to = jm_connection_get_to (connection);

  index_remove_one (self, from, connection);
  if (strcmp (from, to) != 0)
    index_remove_one (self, to, connection);
}

/* GObject */

static void
jm_document_dispose (GObject *object)
{
  JmDocument *self = JM_DOCUMENT (object);

  if (self->elements != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      /* Elements may outlive the document (held by undo commands or views). */
      g_hash_table_iter_init (&iter, self->elements);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        _jm_element_set_document (value, NULL);
      g_hash_table_remove_all (self->elements);
    }

  g_clear_pointer (&self->card_connections, g_hash_table_unref);
  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_object (&self->connections);
  g_clear_object (&self->roles);
  g_clear_object (&self->departments);
  g_clear_object (&self->lanes);
  g_clear_object (&self->stages);
  self->n_cards = 0;

  G_OBJECT_CLASS (jm_document_parent_class)->dispose (object);
}

static void
jm_document_finalize (GObject *object)
{
  JmDocument *self = JM_DOCUMENT (object);

  g_clear_pointer (&self->elements, g_hash_table_unref);
  g_clear_pointer (&self->id_counters, g_hash_table_unref);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->modified, g_free);

  G_OBJECT_CLASS (jm_document_parent_class)->finalize (object);
}

static char **
string_field (JmDocument *self,
              guint       prop_id)
{
  switch (prop_id)
    {
    case PROP_TITLE:       return &self->title;
    case PROP_DESCRIPTION: return &self->description;
    case PROP_AUTHOR:      return &self->author;
    case PROP_CREATED:     return &self->created;
    case PROP_MODIFIED:    return &self->modified;
    default:               return NULL;
    }
}

static void
jm_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  JmDocument *self = JM_DOCUMENT (object);
  char **field = string_field (self, prop_id);

  if (field != NULL)
    g_value_set_string (value, *field);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
jm_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  JmDocument *self = JM_DOCUMENT (object);
  char **field = string_field (self, prop_id);

  if (field == NULL)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else if (_jm_string_replace (field, g_value_get_string (value)))
    g_object_notify_by_pspec (object, pspec);
}

static void
jm_document_class_init (JmDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jm_document_dispose;
  object_class->finalize = jm_document_finalize;
  object_class->get_property = jm_document_get_property;
  object_class->set_property = jm_document_set_property;

#define STRING_PROP(ID, NAME) \
  properties[ID] = g_param_spec_string (NAME, NULL, NULL, "", \
                                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | \
                                         G_PARAM_STATIC_STRINGS))
  STRING_PROP (PROP_TITLE, "title");
  STRING_PROP (PROP_DESCRIPTION, "description");
  STRING_PROP (PROP_AUTHOR, "author");
  STRING_PROP (PROP_CREATED, "created");
  STRING_PROP (PROP_MODIFIED, "modified");
#undef STRING_PROP

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JmDocument::changed:
   * @type: a #JmChangeType
   * @element: (nullable): the element, or %NULL for the document's metadata
   * @property: (nullable): the property name for %JM_CHANGE_PROPERTY
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 3,
                  JM_TYPE_CHANGE_TYPE,
                  JM_TYPE_ELEMENT,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
jm_document_init (JmDocument *self)
{
  self->title = g_strdup ("");
  self->description = g_strdup ("");
  self->author = g_strdup ("");
  self->created = g_strdup ("");
  self->modified = g_strdup ("");

  self->stages = g_list_store_new (JM_TYPE_STAGE);
  self->lanes = g_list_store_new (JM_TYPE_LANE);
  self->departments = g_list_store_new (JM_TYPE_DEPARTMENT);
  self->roles = g_list_store_new (JM_TYPE_ROLE);
  self->connections = g_list_store_new (JM_TYPE_CONNECTION);

  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal,
                                       g_free, (GDestroyNotify) g_ptr_array_unref);
  self->elements = g_hash_table_new (g_str_hash, g_str_equal);
  self->card_connections = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                  g_free, (GDestroyNotify) g_ptr_array_unref);
  self->id_counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API */

JmDocument *
jm_document_new_blank (void)
{
  return g_object_new (JM_TYPE_DOCUMENT, NULL);
}

JmDocument *
jm_document_new (void)
{
  static const struct {
    const char *id;
    const char *name;
    const char *color;
  } defaults[] = {
    { "d1", N_("Marketing"),        "#e66100" },
    { "d2", N_("Sales"),            "#3584e4" },
    { "d3", N_("Customer Success"), "#2ec27e" },
    { "d4", N_("Product"),          "#9141ac" },
    { "d5", N_("Support"),          "#986a44" },
  };
  JmDocument *self = jm_document_new_blank ();

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      g_autoptr(JmDepartment) department = jm_department_new (defaults[i].id,
                                                              _(defaults[i].name),
                                                              defaults[i].color);
      gboolean ok = _jm_document_insert (self, JM_ELEMENT (department), -1, NULL);

      g_assert (ok);
    }

  return self;
}

const char *
jm_document_get_title (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  return self->title;
}

const char *
jm_document_get_description (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  return self->description;
}

const char *
jm_document_get_author (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  return self->author;
}

const char *
jm_document_get_created (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  return self->created;
}

const char *
jm_document_get_modified (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  return self->modified;
}

GListModel *
jm_document_get_stages (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->stages);
}

GListModel *
jm_document_get_lanes (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->lanes);
}

GListModel *
jm_document_get_departments (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->departments);
}

GListModel *
jm_document_get_roles (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->roles);
}

GListModel *
jm_document_get_connections (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->connections);
}

guint
jm_document_get_n_stages (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->stages));
}

guint
jm_document_get_n_lanes (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->lanes));
}

guint
jm_document_get_n_cards (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), 0);

  return self->n_cards;
}

gpointer
_jm_get_borrowed_item (GListStore *store,
                       guint       index)
{
  gpointer item = g_list_model_get_item (G_LIST_MODEL (store), index);

  /* The store keeps its own reference. */
  if (item != NULL)
    g_object_unref (item);
  return item;
}

JmStage *
jm_document_get_stage (JmDocument *self,
                       guint       index)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  return _jm_get_borrowed_item (self->stages, index);
}

JmLane *
jm_document_get_lane (JmDocument *self,
                      guint       index)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  return _jm_get_borrowed_item (self->lanes, index);
}

JmElement *
jm_document_lookup (JmDocument *self,
                    const char *id)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  if (id == NULL)
    return NULL;

  return g_hash_table_lookup (self->elements, id);
}

int
jm_document_index_of (JmDocument *self,
                      JmElement  *element)
{
  guint position;

  g_return_val_if_fail (JM_IS_DOCUMENT (self), -1);
  g_return_val_if_fail (JM_IS_ELEMENT (element), -1);

  if (jm_element_get_document (element) != self)
    return -1;

  if (JM_IS_CARD (element))
    {
      JmCard *card = JM_CARD (element);
      GPtrArray *cell = _jm_document_lookup_cell (self, jm_card_get_stage (card),
                                                  jm_card_get_lane (card));

      if (cell != NULL && g_ptr_array_find (cell, card, &position))
        return (int) position;
      return -1;
    }

  if (g_list_store_find (_jm_document_store_for (self, element), element, &position))
    return (int) position;

  return -1;
}

GPtrArray *
jm_document_get_cell (JmDocument *self,
                      const char *stage_id,
                      const char *lane_id)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  if (stage_id == NULL || lane_id == NULL)
    return NULL;

  return _jm_document_lookup_cell (self, stage_id, lane_id);
}

GPtrArray *
jm_document_dup_cards (JmDocument *self)
{
  GListModel *stages;
  GListModel *lanes;
  guint n_stages;
  guint n_lanes;
  GPtrArray *cards;

  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  stages = G_LIST_MODEL (self->stages);
  lanes = G_LIST_MODEL (self->lanes);
  n_stages = g_list_model_get_n_items (stages);
  n_lanes = g_list_model_get_n_items (lanes);
  cards = g_ptr_array_new_full (self->n_cards, g_object_unref);

  if (self->n_cards == 0)
    return cards;

  for (guint s = 0; s < n_stages; s++)
    {
      JmElement *stage = _jm_get_borrowed_item (self->stages, s);

      for (guint l = 0; l < n_lanes; l++)
        {
          JmElement *lane = _jm_get_borrowed_item (self->lanes, l);
          GPtrArray *cell = _jm_document_lookup_cell (self, jm_element_get_id (stage),
                                                      jm_element_get_id (lane));

          for (guint i = 0; cell != NULL && i < cell->len; i++)
            g_ptr_array_add (cards, g_object_ref (g_ptr_array_index (cell, i)));
        }
    }

  return cards;
}

GPtrArray *
jm_document_dup_card_connections (JmDocument *self,
                                  const char *card_id)
{
  GPtrArray *list;
  GPtrArray *result;

  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  if (card_id == NULL)
    return result;

  list = g_hash_table_lookup (self->card_connections, card_id);
  for (guint i = 0; list != NULL && i < list->len; i++)
    g_ptr_array_add (result, g_object_ref (g_ptr_array_index (list, i)));

  return result;
}

char *
jm_document_make_id (JmDocument *self,
                     const char *prefix)
{
  guint n;

  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->id_counters, prefix));
  if (n == 0)
    n = 1;

  /* Counters only grow, so a given id is handed out once, even before it is used, and ids
   * of removed elements (still held by undo commands) are not reused soon. */
  for (;; n++)
    {
      char *id = g_strdup_printf ("%s%u", prefix, n);

      if (!g_hash_table_contains (self->elements, id))
        {
          g_hash_table_insert (self->id_counters, g_strdup (prefix), GUINT_TO_POINTER (n + 1));
          return id;
        }
      g_free (id);
    }
}

gboolean
jm_document_get_stage_score (JmDocument *self,
                             const char *stage_id,
                             double     *score)
{
  guint n_lanes;
  int sum = 0;
  guint count = 0;

  g_return_val_if_fail (JM_IS_DOCUMENT (self), FALSE);

  if (_jm_document_lookup_typed (self, stage_id, JM_TYPE_STAGE) == NULL)
    return FALSE;

  n_lanes = g_list_model_get_n_items (G_LIST_MODEL (self->lanes));
  for (guint l = 0; l < n_lanes; l++)
    {
      JmLane *lane = _jm_get_borrowed_item (self->lanes, l);
      GPtrArray *cell;

      if (jm_lane_get_kind (lane) != JM_LANE_KIND_EMOTIONS)
        continue;

      cell = _jm_document_lookup_cell (self, stage_id, jm_element_get_id (JM_ELEMENT (lane)));
      for (guint i = 0; cell != NULL && i < cell->len; i++)
        {
          JmCard *card = g_ptr_array_index (cell, i);

          if (jm_card_get_kind (card) == JM_CARD_KIND_EMOTION)
            {
              sum += jm_card_get_score (card);
              count++;
            }
        }
    }

  if (count == 0)
    return FALSE;

  /* Rounded to one decimal, so the curve is stable and prints nicely. */
  if (score != NULL)
    *score = round ((double) sum / count * 10.0) / 10.0;

  return TRUE;
}

JsonObject *
jm_document_get_extra (JmDocument *self)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  return self->extra;
}

/* Private API */

void
_jm_document_set_extra (JmDocument *self,
                        JsonObject *extra)
{
  g_return_if_fail (JM_IS_DOCUMENT (self));

  if (extra == self->extra)
    return;

  if (extra != NULL)
    json_object_ref (extra);
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra;
}
