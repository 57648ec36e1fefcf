/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-document.c: one journey map, its element lists, cells and change notification. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jm-document-private.h"
#include "jm-document.h"

struct _JmDocument
{
  GObject     parent_instance;

  /* owned */
  char       *title;
  char       *description;
  char       *author;
  char       *created;
  char       *modified;
  JsonObject *extra;

  GListStore *stages;
  GListStore *lanes;
  GListStore *departments;
  GListStore *roles;
  GListStore *connections;

  /* "stage-id\x1flane-id" (owned) → GPtrArray of owned JmCard, in order; never empty */
  GHashTable *cells;
  /* id (borrowed from the element) → JmElement (borrowed: a list or a cell owns it) */
  GHashTable *elements;
  /* card id (owned) → GPtrArray of borrowed JmConnection starting or ending there */
  GHashTable *card_connections;
  /* id prefix (owned) → next number to try (GUINT_TO_POINTER) */
  GHashTable *id_counters;

  guint       n_cards;
};

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

static char *
cell_key (const char *stage_id,
          const char *lane_id)
{
  return g_strconcat (stage_id, "\x1f", lane_id, NULL);
}

static GPtrArray *
lookup_cell (JmDocument *self,
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

  key = cell_key (stage_id, lane_id);
  return g_hash_table_lookup (self->cells, key);
}

static gpointer
lookup_typed (JmDocument *self,
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

static GListStore *
store_for (JmDocument *self,
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

static void
emit_changed (JmDocument   *self,
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

static void
index_add (JmDocument   *self,
           JmConnection *connection)
{
  const char *from = jm_connection_get_from (connection);
  const char *to = jm_connection_get_to (connection);

  index_add_one (self, from, connection);
  if (strcmp (from, to) != 0)
    index_add_one (self, to, connection);
}

static void
index_remove (JmDocument   *self,
              JmConnection *connection)
{
  const char *from = jm_connection_get_from (connection);
  const char *to = jm_connection_get_to (connection);

  index_remove_one (self, from, connection);
  if (strcmp (from, to) != 0)
    index_remove_one (self, to, connection);
}

static gboolean
any_card (JmDocument *self,
          gboolean  (*predicate) (JmCard *card, const char *id),
          const char *id)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *cell = value;

      for (guint i = 0; i < cell->len; i++)
        if (predicate (g_ptr_array_index (cell, i), id))
          return TRUE;
    }

  return FALSE;
}

static gboolean
card_has_role (JmCard     *card,
               const char *role_id)
{
  return jm_card_has_role (card, role_id);
}

static gboolean
card_has_department (JmCard     *card,
                     const char *department_id)
{
  return strcmp (jm_card_get_department (card), department_id) == 0;
}

/* TRUE if the lane, were it of kind lane_kind, would accept every card it holds. */
static gboolean
lane_accepts_its_cards (JmDocument *self,
                        JmLane     *lane,
                        JmLaneKind  lane_kind)
{
  guint n_stages = g_list_model_get_n_items (G_LIST_MODEL (self->stages));

  for (guint s = 0; s < n_stages; s++)
    {
      g_autoptr(JmStage) stage = g_list_model_get_item (G_LIST_MODEL (self->stages), s);
      GPtrArray *cell = lookup_cell (self,
                                     jm_element_get_id (JM_ELEMENT (stage)),
                                     jm_element_get_id (JM_ELEMENT (lane)));

      for (guint i = 0; cell != NULL && i < cell->len; i++)
        if (!jm_lane_kind_accepts (lane_kind, jm_card_get_kind (g_ptr_array_index (cell, i))))
          return FALSE;
    }

  return TRUE;
}

static gboolean
check_card_department (JmDocument  *self,
                       const char  *department_id,
                       GError     **error)
{
  if (department_id == NULL || department_id[0] == '\0' ||
      lookup_typed (self, department_id, JM_TYPE_DEPARTMENT) != NULL)
    return TRUE;

  g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
               _("No department with id “%s”"), department_id);
  return FALSE;
}

static gboolean
check_card_roles (JmDocument          *self,
                  const char * const  *roles,
                  GError             **error)
{
  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    if (lookup_typed (self, roles[i], JM_TYPE_ROLE) == NULL)
      {
        g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                     _("No role with id “%s”"), roles[i]);
        return FALSE;
      }

  return TRUE;
}

static gboolean
check_cell (JmDocument  *self,
            const char  *stage_id,
            const char  *lane_id,
            JmCardKind   kind,
            GError     **error)
{
  JmLane *lane;

  if (lookup_typed (self, stage_id, JM_TYPE_STAGE) == NULL)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                   _("No stage with id “%s”"), stage_id);
      return FALSE;
    }

  lane = lookup_typed (self, lane_id, JM_TYPE_LANE);
  if (lane == NULL)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                   _("No lane with id “%s”"), lane_id);
      return FALSE;
    }

  if (!jm_lane_kind_accepts (jm_lane_get_kind (lane), kind))
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                   _("Lane “%s” does not hold cards of kind “%s”"),
                   lane_id, jm_enum_to_nick (JM_TYPE_CARD_KIND, kind));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_connection_end (JmDocument  *self,
                      const char  *card_id,
                      GError     **error)
{
  if (lookup_typed (self, card_id, JM_TYPE_CARD) != NULL)
    return TRUE;

  g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
               _("No card with id “%s”"), card_id);
  return FALSE;
}

static gboolean
check_enum (GType        type,
            int          value,
            const char  *property,
            GError     **error)
{
  if (jm_enum_to_nick (type, value) != NULL)
    return TRUE;

  g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
               _("The value %d is out of range for “%s”"), value, property);
  return FALSE;
}

static gboolean
check_color (const char  *color,
             GError     **error)
{
  if (_jm_color_is_valid (color))
    return TRUE;

  g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
               _("Invalid color “%s”: use #rrggbb"), color);
  return FALSE;
}

/* What GObject does not check for us when an element is built with its constructor: enum
 * values and colours. (Ranges of int properties are enforced by GObject itself.) Once in the
 * document, every value can be set back by an undo. */
static gboolean
check_element_values (JmElement  *element,
                      GError    **error)
{
  if (JM_IS_CARD (element))
    {
      JmCard *card = JM_CARD (element);

      return check_enum (JM_TYPE_CARD_KIND, jm_card_get_kind (card), "kind", error) &&
             check_enum (JM_TYPE_CHANNEL, jm_card_get_channel (card), "channel", error) &&
             check_enum (JM_TYPE_STATUS, jm_card_get_status (card), "status", error) &&
             check_color (jm_card_get_color (card), error);
    }
  if (JM_IS_STAGE (element))
    return check_color (jm_stage_get_color (JM_STAGE (element)), error);
  if (JM_IS_LANE (element))
    return check_enum (JM_TYPE_LANE_KIND, jm_lane_get_kind (JM_LANE (element)), "kind", error);
  if (JM_IS_ROLE (element))
    return check_enum (JM_TYPE_ROLE_KIND, jm_role_get_kind (JM_ROLE (element)), "kind", error) &&
           check_color (jm_role_get_color (JM_ROLE (element)), error);
  if (JM_IS_DEPARTMENT (element))
    return check_color (jm_department_get_color (JM_DEPARTMENT (element)), error);
  if (JM_IS_CONNECTION (element))
    return check_enum (JM_TYPE_CONNECTION_KIND, jm_connection_get_kind (JM_CONNECTION (element)),
                       "kind", error);
  return TRUE;
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

static gpointer
get_borrowed_item (GListStore *store,
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

  return get_borrowed_item (self->stages, index);
}

JmLane *
jm_document_get_lane (JmDocument *self,
                      guint       index)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), NULL);

  return get_borrowed_item (self->lanes, index);
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
      GPtrArray *cell = lookup_cell (self, jm_card_get_stage (card), jm_card_get_lane (card));

      if (cell != NULL && g_ptr_array_find (cell, card, &position))
        return (int) position;
      return -1;
    }

  if (g_list_store_find (store_for (self, element), element, &position))
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

  return lookup_cell (self, stage_id, lane_id);
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
      JmElement *stage = get_borrowed_item (self->stages, s);

      for (guint l = 0; l < n_lanes; l++)
        {
          JmElement *lane = get_borrowed_item (self->lanes, l);
          GPtrArray *cell = lookup_cell (self, jm_element_get_id (stage), jm_element_get_id (lane));

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

  if (lookup_typed (self, stage_id, JM_TYPE_STAGE) == NULL)
    return FALSE;

  n_lanes = g_list_model_get_n_items (G_LIST_MODEL (self->lanes));
  for (guint l = 0; l < n_lanes; l++)
    {
      JmLane *lane = get_borrowed_item (self->lanes, l);
      GPtrArray *cell;

      if (jm_lane_get_kind (lane) != JM_LANE_KIND_EMOTIONS)
        continue;

      cell = lookup_cell (self, stage_id, jm_element_get_id (JM_ELEMENT (lane)));
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

gboolean
_jm_document_insert (JmDocument  *self,
                     JmElement   *element,
                     int          index,
                     GError     **error)
{
  const char *id;

  g_return_val_if_fail (JM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (JM_IS_ELEMENT (element), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = jm_element_get_id (element);

  if (jm_element_get_document (element) != NULL)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
                   _("Element “%s” is already in a document"), id);
      return FALSE;
    }

  if (!_jm_id_is_valid (id))
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                   _("Invalid id “%s”: use 1 to 64 letters, digits, “-” or “_”"), id);
      return FALSE;
    }

  if (g_hash_table_contains (self->elements, id))
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                   _("The id “%s” is already used"), id);
      return FALSE;
    }

  if (!check_element_values (element, error))
    return FALSE;

  if (JM_IS_CARD (element))
    {
      JmCard *card = JM_CARD (element);
      const char *stage_id = jm_card_get_stage (card);
      const char *lane_id = jm_card_get_lane (card);
      GPtrArray *cell;

      if (!check_cell (self, stage_id, lane_id, jm_card_get_kind (card), error) ||
          !check_card_department (self, jm_card_get_department (card), error) ||
          !check_card_roles (self, jm_card_get_roles (card), error))
        return FALSE;

      cell = lookup_cell (self, stage_id, lane_id);
      if (cell == NULL)
        {
          cell = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (self->cells, cell_key (stage_id, lane_id), cell);
        }

      if (index < 0 || (guint) index > cell->len)
        index = cell->len;
      g_ptr_array_insert (cell, index, g_object_ref (card));
      self->n_cards++;
    }
  else
    {
      GListStore *store = store_for (self, element);
      guint n;

      if (store == NULL)
        {
          g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                       "Cannot insert a %s", G_OBJECT_TYPE_NAME (element));
          return FALSE;
        }

      if (JM_IS_CONNECTION (element))
        {
          JmConnection *connection = JM_CONNECTION (element);

          if (!check_connection_end (self, jm_connection_get_from (connection), error) ||
              !check_connection_end (self, jm_connection_get_to (connection), error))
            return FALSE;

          index_add (self, connection);
        }

      n = g_list_model_get_n_items (G_LIST_MODEL (store));
      if (index < 0 || (guint) index > n)
        index = n;
      g_list_store_insert (store, index, element);
    }

  g_hash_table_insert (self->elements, (gpointer) id, element);
  _jm_element_set_document (element, self);

  emit_changed (self, JM_CHANGE_INSERTED, element, NULL);

  return TRUE;
}

int
_jm_document_remove (JmDocument  *self,
                     JmElement   *element,
                     GError     **error)
{
  g_autoptr(JmElement) hold = NULL;
  const char *id;
  guint position = 0;

  g_return_val_if_fail (JM_IS_DOCUMENT (self), -1);
  g_return_val_if_fail (JM_IS_ELEMENT (element), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  id = jm_element_get_id (element);

  if (jm_element_get_document (element) != self)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
                   _("Element “%s” is not in this document"), id);
      return -1;
    }

  if (JM_IS_STAGE (element) || JM_IS_LANE (element))
    {
      gboolean is_stage = JM_IS_STAGE (element);
      GListStore *others = is_stage ? self->lanes : self->stages;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (others));

      for (guint i = 0; i < n; i++)
        {
          JmElement *other = get_borrowed_item (others, i);
          const char *other_id = jm_element_get_id (other);

          if (lookup_cell (self, is_stage ? id : other_id, is_stage ? other_id : id) != NULL)
            {
              g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                           is_stage ? _("Stage “%s” still has cards")
                                    : _("Lane “%s” still has cards"),
                           id);
              return -1;
            }
        }
    }
  else if (JM_IS_CARD (element))
    {
      if (g_hash_table_contains (self->card_connections, id))
        {
          g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                       _("Card “%s” still has connections"), id);
          return -1;
        }
    }
  else if (JM_IS_ROLE (element))
    {
      if (any_card (self, card_has_role, id))
        {
          g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                       _("Role “%s” is still used by cards"), id);
          return -1;
        }
    }
  else if (JM_IS_DEPARTMENT (element))
    {
      if (any_card (self, card_has_department, id))
        {
          g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                       _("Department “%s” is still used by cards"), id);
          return -1;
        }
    }

  hold = g_object_ref (element);

  if (JM_IS_CARD (element))
    {
      JmCard *card = JM_CARD (element);
      GPtrArray *cell = lookup_cell (self, jm_card_get_stage (card), jm_card_get_lane (card));

      if (cell == NULL || !g_ptr_array_find (cell, card, &position))
        g_assert_not_reached ();

      g_ptr_array_remove_index (cell, position);
      if (cell->len == 0)
        {
          g_autofree char *key = cell_key (jm_card_get_stage (card), jm_card_get_lane (card));

          g_hash_table_remove (self->cells, key);
        }
      self->n_cards--;
    }
  else
    {
      GListStore *store = store_for (self, element);

      if (!g_list_store_find (store, element, &position))
        g_assert_not_reached ();

      if (JM_IS_CONNECTION (element))
        index_remove (self, JM_CONNECTION (element));

      g_list_store_remove (store, position);
    }

  g_hash_table_remove (self->elements, id);

  emit_changed (self, JM_CHANGE_REMOVED, element, NULL);

  _jm_element_set_document (element, NULL);

  return (int) position;
}

gboolean
_jm_document_move (JmDocument  *self,
                   JmElement   *element,
                   const char  *stage_id,
                   const char  *lane_id,
                   int          index,
                   GError     **error)
{
  g_return_val_if_fail (JM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (JM_IS_ELEMENT (element), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (jm_element_get_document (element) != self)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
                   _("Element “%s” is not in this document"), jm_element_get_id (element));
      return FALSE;
    }

  if (JM_IS_CARD (element))
    {
      JmCard *card = JM_CARD (element);
      const char *old_stage = jm_card_get_stage (card);
      const char *old_lane = jm_card_get_lane (card);
      GPtrArray *old_cell = lookup_cell (self, old_stage, old_lane);
      GPtrArray *new_cell;
      guint old_position = 0;
      gboolean same_cell;

      if (stage_id == NULL)
        stage_id = old_stage;
      if (lane_id == NULL)
        lane_id = old_lane;

      if (!check_cell (self, stage_id, lane_id, jm_card_get_kind (card), error))
        return FALSE;

      if (old_cell == NULL || !g_ptr_array_find (old_cell, card, &old_position))
        g_assert_not_reached ();

      same_cell = strcmp (stage_id, old_stage) == 0 && strcmp (lane_id, old_lane) == 0;

      if (same_cell)
        {
          if (index < 0 || (guint) index >= old_cell->len)
            index = old_cell->len - 1;
          if ((guint) index == old_position)
            return TRUE;

          g_ptr_array_steal_index (old_cell, old_position);
          g_ptr_array_insert (old_cell, index, card);
        }
      else
        {
          g_autofree char *new_stage = g_strdup (stage_id);
          g_autofree char *new_lane = g_strdup (lane_id);

          g_ptr_array_steal_index (old_cell, old_position);
          if (old_cell->len == 0)
            {
              g_autofree char *key = cell_key (old_stage, old_lane);

              g_hash_table_remove (self->cells, key);
            }

          new_cell = lookup_cell (self, new_stage, new_lane);
          if (new_cell == NULL)
            {
              new_cell = g_ptr_array_new_with_free_func (g_object_unref);
              g_hash_table_insert (self->cells, cell_key (new_stage, new_lane), new_cell);
            }

          if (index < 0 || (guint) index > new_cell->len)
            index = new_cell->len;
          g_ptr_array_insert (new_cell, index, card);

          _jm_card_set_cell (card, new_stage, new_lane);
        }
    }
  else
    {
      GListStore *store = store_for (self, element);
      g_autoptr(JmElement) hold = NULL;
      guint position;
      guint n;

      if (stage_id != NULL || lane_id != NULL)
        {
          g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
                       _("Only cards move between cells"));
          return FALSE;
        }

      if (!g_list_store_find (store, element, &position))
        g_assert_not_reached ();

      n = g_list_model_get_n_items (G_LIST_MODEL (store));
      if (index < 0 || (guint) index >= n)
        index = n - 1;
      if ((guint) index == position)
        return TRUE;

      hold = g_object_ref (element);
      g_list_store_remove (store, position);
      g_list_store_insert (store, index, element);
    }

  emit_changed (self, JM_CHANGE_MOVED, element, NULL);

  return TRUE;
}

static gboolean
convert_value (const GValue *src,
               GValue       *dest)
{
  GType src_type = G_VALUE_TYPE (src);
  GType dest_type = G_VALUE_TYPE (dest);

  if (g_value_type_compatible (src_type, dest_type))
    {
      g_value_copy (src, dest);
      return TRUE;
    }

  /* jm_set_int_command_new () is documented for enum properties too. */
  if (G_TYPE_IS_ENUM (dest_type) && src_type == G_TYPE_INT)
    {
      g_value_set_enum (dest, g_value_get_int (src));
      return TRUE;
    }

  if (dest_type == G_TYPE_BOOLEAN && src_type == G_TYPE_INT)
    {
      g_value_set_boolean (dest, g_value_get_int (src) != 0);
      return TRUE;
    }

  if (src_type == G_TYPE_STRING || dest_type == G_TYPE_STRING)
    return FALSE;   /* no implicit number ↔ text conversion */

  if (g_value_type_transformable (src_type, dest_type))
    return g_value_transform (src, dest);

  return FALSE;
}

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  GType type = pspec->value_type;

  if (type == G_TYPE_STRING)
    {
      const char *sa = g_value_get_string (a);
      const char *sb = g_value_get_string (b);

      return g_strcmp0 (sa != NULL ? sa : "", sb != NULL ? sb : "") == 0;
    }

  if (type == G_TYPE_STRV)
    {
      static const char * const empty[] = { NULL };
      const char * const *va = g_value_get_boxed (a);
      const char * const *vb = g_value_get_boxed (b);

      return g_strv_equal (va != NULL ? va : empty, vb != NULL ? vb : empty);
    }

  if (type == JM_TYPE_METRICS)
    return jm_metrics_equal (g_value_get_boxed (a), g_value_get_boxed (b));

  return g_param_values_cmp (pspec, a, b) == 0;
}

/* Rules that keep the document loadable: references exist, colours are well formed, lanes
 * hold the card kinds they accept. */
static gboolean
check_property_value (JmDocument    *self,
                      GObject       *target,
                      GParamSpec    *pspec,
                      const GValue  *value,
                      GError       **error)
{
  const char *name = pspec->name;

  if (pspec->value_type == G_TYPE_STRING && strcmp (name, "color") == 0 &&
      !check_color (g_value_get_string (value), error))
    return FALSE;

  if (JM_IS_CARD (target))
    {
      JmCard *card = JM_CARD (target);

      if (strcmp (name, "kind") == 0)
        {
          JmLane *lane = lookup_typed (self, jm_card_get_lane (card), JM_TYPE_LANE);
          JmCardKind kind = g_value_get_enum (value);

          if (lane != NULL && !jm_lane_kind_accepts (jm_lane_get_kind (lane), kind))
            {
              g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                           _("Lane “%s” does not hold cards of kind “%s”"),
                           jm_card_get_lane (card), jm_enum_to_nick (JM_TYPE_CARD_KIND, kind));
              return FALSE;
            }
        }
      else if (strcmp (name, "department") == 0)
        return check_card_department (self, g_value_get_string (value), error);
      else if (strcmp (name, "roles") == 0)
        return check_card_roles (self, g_value_get_boxed (value), error);
    }
  else if (JM_IS_LANE (target) && strcmp (name, "kind") == 0)
    {
      if (!lane_accepts_its_cards (self, JM_LANE (target), g_value_get_enum (value)))
        {
          g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                       _("Lane “%s” has cards of another kind"),
                       jm_element_get_id (JM_ELEMENT (target)));
          return FALSE;
        }
    }
  else if (JM_IS_CONNECTION (target) && (strcmp (name, "from") == 0 || strcmp (name, "to") == 0))
    return check_connection_end (self, g_value_get_string (value), error);

  return TRUE;
}

gboolean
_jm_document_set_property (JmDocument    *self,
                           JmElement     *element,
                           const char    *property,
                           const GValue  *value,
                           GError       **error)
{
  g_auto(GValue) new_value = G_VALUE_INIT;
  g_auto(GValue) old_value = G_VALUE_INIT;
  GObject *target;
  GParamSpec *pspec;
  gboolean reindex;

  g_return_val_if_fail (JM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (element == NULL || JM_IS_ELEMENT (element), FALSE);
  g_return_val_if_fail (property != NULL, FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (element != NULL && jm_element_get_document (element) != self)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
                   _("Element “%s” is not in this document"), jm_element_get_id (element));
      return FALSE;
    }

  target = element != NULL ? G_OBJECT (element) : G_OBJECT (self);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (target), property);

  if (pspec == NULL)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
                   "%s has no property “%s”", G_OBJECT_TYPE_NAME (target), property);
      return FALSE;
    }

  if ((pspec->flags & G_PARAM_WRITABLE) == 0 || (pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_COMMAND,
                   "Property “%s” of %s cannot be set",
                   property, G_OBJECT_TYPE_NAME (target));
      return FALSE;
    }

  g_value_init (&new_value, pspec->value_type);
  if (!convert_value (value, &new_value))
    {
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                   "Property “%s” holds a %s, not a %s",
                   property, g_type_name (pspec->value_type), G_VALUE_TYPE_NAME (value));
      return FALSE;
    }

  if (pspec->value_type == G_TYPE_STRING && g_value_get_string (&new_value) == NULL)
    g_value_set_static_string (&new_value, "");

  if (g_param_value_validate (pspec, &new_value))
    {
      g_auto(GValue) shown = G_VALUE_INIT;

      g_value_init (&shown, G_TYPE_STRING);
      if (!g_value_transform (value, &shown))
        g_value_set_static_string (&shown, "?");
      g_set_error (error, JM_DOCUMENT_ERROR, JM_DOCUMENT_ERROR_INVALID,
                   _("The value %s is out of range for “%s”"),
                   g_value_get_string (&shown), property);
      return FALSE;
    }

  if (!check_property_value (self, target, pspec, &new_value, error))
    return FALSE;

  g_value_init (&old_value, pspec->value_type);
  g_object_get_property (target, pspec->name, &old_value);
  if (values_equal (pspec, &old_value, &new_value))
    return TRUE;

  reindex = JM_IS_CONNECTION (target) &&
            (strcmp (pspec->name, "from") == 0 || strcmp (pspec->name, "to") == 0);
  if (reindex)
    index_remove (self, JM_CONNECTION (target));

  g_object_set_property (target, pspec->name, &new_value);

  if (reindex)
    index_add (self, JM_CONNECTION (target));

  emit_changed (self, JM_CHANGE_PROPERTY, element, pspec->name);

  return TRUE;
}
