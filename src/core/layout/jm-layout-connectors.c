/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-layout-connectors.c: connector routing between card rectangles, and its damage. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "jm-layout-private.h"

/* Connectors */

static void
connector_bounds (JmConnector *c)
{
  double pad = 10;
  double x0 = MIN (MIN (c->p0.x, c->c1.x), MIN (c->c2.x, c->p3.x));
  double x1 = MAX (MAX (c->p0.x, c->c1.x), MAX (c->c2.x, c->p3.x));
  double y0 = MIN (MIN (c->p0.y, c->c1.y), MIN (c->c2.y, c->p3.y));
  double y1 = MAX (MAX (c->p0.y, c->c1.y), MAX (c->c2.y, c->p3.y));

  c->bounds.x = x0 - pad;
  c->bounds.y = y0 - pad;
  c->bounds.width = x1 - x0 + 2 * pad;
  c->bounds.height = y1 - y0 + 2 * pad;
}

static void
route_connector (JmLayout     *self,
                 const JmRect *a,
                 guint         a_stage,
                 const JmRect *b,
                 guint         b_stage,
                 JmConnectionKind kind,
                 JmConnector  *c)
{
  c->kind = kind;
  c->arc = kind == JM_CONNECTION_KIND_STEP_BACK || b_stage < a_stage;

  if (c->arc)
    {
      double top = MIN (a->y, b->y);
      double dx;
      double lift;

      c->p0.x = a->x + a->width / 2;
      c->p0.y = a->y;
      c->p3.x = b->x + b->width / 2;
      c->p3.y = b->y;
      if (fabs (c->p3.x - c->p0.x) < 1)
        {
          c->p0.x = a->x + a->width * 0.7;
          c->p3.x = b->x + b->width * 0.3;
        }
      dx = fabs (c->p3.x - c->p0.x);
      lift = MIN (36 + 0.12 * dx, 160) * self->sizes.card_height / 100.0;
      /* Never above the stage headers, which cover that band: the arc's peak (¼ ends,
       * ¾ controls) stays a few units below them. */
      lift = MIN (lift, (top - (self->header_height + 3)) / 0.75);
      lift = MAX (lift, 0);
      c->c1.x = c->p0.x;
      c->c1.y = top - lift;
      c->c2.x = c->p3.x;
      c->c2.y = top - lift;
    }
  else if (b_stage > a_stage)
    {
      double dx;

      c->p0.x = a->x + a->width;
      c->p0.y = a->y + a->height / 2;
      c->p3.x = b->x;
      c->p3.y = b->y + b->height / 2;
      dx = MAX (c->p3.x - c->p0.x, 24) / 2;
      c->c1.x = c->p0.x + dx;
      c->c1.y = c->p0.y;
      c->c2.x = c->p3.x - dx;
      c->c2.y = c->p3.y;
    }
  else
    {
      double loop;

      /* Within one stage: out of the right edge, back into the right edge. */
      c->p0.x = a->x + a->width;
      c->p0.y = a->y + a->height / 2;
      c->p3.x = b->x + b->width;
      c->p3.y = b->y + b->height / 2;
      loop = MIN (24 + 0.15 * fabs (c->p3.y - c->p0.y), 60);
      c->c1.x = c->p0.x + loop;
      c->c1.y = c->p0.y;
      c->c2.x = c->p3.x + loop;
      c->c2.y = c->p3.y;
    }

  connector_bounds (c);
}

static gboolean
connector_equal (const JmConnector *a,
                 const JmConnector *b)
{
  return a->p0.x == b->p0.x && a->p0.y == b->p0.y && a->p3.x == b->p3.x && a->p3.y == b->p3.y &&
         a->c1.x == b->c1.x && a->c1.y == b->c1.y && a->c2.x == b->c2.x && a->c2.y == b->c2.y &&
         a->kind == b->kind;
}

void
jm_layout_compute_connectors (JmLayout *self,
                              gboolean  track_damage)
{
  GListModel *connections = jm_document_get_connections (self->document);
  guint n = g_list_model_get_n_items (connections);
  g_autoptr(GArray) old = self->connectors;
  g_autoptr(GHashTable) old_index = self->connector_index;

  self->connectors = g_array_sized_new (FALSE, FALSE, sizeof (JmConnector), n);
  self->connector_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_set_size (self->connector_ends, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JmConnection) connection = g_list_model_get_item (connections, i);
      CardEntry *from = g_hash_table_lookup (self->cards, jm_connection_get_from (connection));
      CardEntry *to = g_hash_table_lookup (self->cards, jm_connection_get_to (connection));
      JmConnector c;
      JmRect a, b;
      guint old_i;

      if (from == NULL || to == NULL || !jm_layout_entry_rect (self, from, &a) ||
          !jm_layout_entry_rect (self, to, &b))
        continue;

      c.id = jm_element_get_id (JM_ELEMENT (connection));
      c.from_id = jm_connection_get_from (connection);
      c.to_id = jm_connection_get_to (connection);
      route_connector (self, &a, from->stage, &b, to->stage,
                       jm_connection_get_kind (connection), &c);
      g_array_append_val (self->connectors, c);
      g_ptr_array_add (self->connector_ends, from);
      g_ptr_array_add (self->connector_ends, to);
      g_hash_table_insert (self->connector_index, (gpointer) c.id,
                           GUINT_TO_POINTER (self->connectors->len));

      if (track_damage)
        {
          old_i = old_index != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (old_index, c.id)) : 0;
          if (old_i == 0)
            jm_layout_add_damage (self, &c.bounds);
          else
            {
              JmConnector *o = &g_array_index (old, JmConnector, old_i - 1);

              if (!connector_equal (o, &c))
                {
                  jm_layout_add_damage (self, &o->bounds);
                  jm_layout_add_damage (self, &c.bounds);
                }
              o->id = NULL;   /* seen */
            }
        }
    }

  if (track_damage && old != NULL)
    for (guint i = 0; i < old->len; i++)
      {
        JmConnector *o = &g_array_index (old, JmConnector, i);

        if (o->id != NULL)
          jm_layout_add_damage (self, &o->bounds);
      }
}

/* After cards moved: the same connectors between the same cards, routed again. */
gboolean
jm_layout_reroute_connectors (JmLayout *self)
{
  for (guint i = 0; i < self->connectors->len; i++)
    {
      JmConnector *c = &g_array_index (self->connectors, JmConnector, i);
      CardEntry *from = g_ptr_array_index (self->connector_ends, 2 * i);
      CardEntry *to = g_ptr_array_index (self->connector_ends, 2 * i + 1);
      JmConnector old = *c;
      JmRect a, b;

      if (!jm_layout_entry_rect (self, from, &a) || !jm_layout_entry_rect (self, to, &b))
        return FALSE;

      route_connector (self, &a, from->stage, &b, to->stage, old.kind, c);
      if (!connector_equal (&old, c))
        {
          jm_layout_add_damage (self, &old.bounds);
          jm_layout_add_damage (self, &c->bounds);
        }
    }

  return TRUE;
}

guint
jm_layout_get_n_connectors (JmLayout *self)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), 0);

  jm_layout_ensure_updated (self);
  return self->connectors->len;
}

const JmConnector *
jm_layout_get_connector (JmLayout *self,
                         guint     index)
{
  g_return_val_if_fail (JM_IS_LAYOUT (self), NULL);

  jm_layout_ensure_updated (self);
  if (index >= self->connectors->len)
    return NULL;

  return &g_array_index (self->connectors, JmConnector, index);
}

const JmConnector *
jm_layout_lookup_connector (JmLayout   *self,
                            const char *connection_id)
{
  guint i;

  g_return_val_if_fail (JM_IS_LAYOUT (self), NULL);

  jm_layout_ensure_updated (self);
  if (connection_id == NULL)
    return NULL;

  i = GPOINTER_TO_UINT (g_hash_table_lookup (self->connector_index, connection_id));
  return i > 0 ? &g_array_index (self->connectors, JmConnector, i - 1) : NULL;
}

void
jm_layout_get_preview_connector (JmLayout    *self,
                                 const char  *from_card_id,
                                 double       x,
                                 double       y,
                                 JmConnector *out)
{
  JmRect a;
  double dx;

  g_return_if_fail (JM_IS_LAYOUT (self));
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->from_id = from_card_id;
  out->kind = JM_CONNECTION_KIND_NEXT;

  if (!jm_layout_get_card_rect (self, from_card_id, &a))
    {
      out->p0.x = out->c1.x = out->c2.x = out->p3.x = x;
      out->p0.y = out->c1.y = out->c2.y = out->p3.y = y;
      connector_bounds (out);
      return;
    }

  out->p0.x = a.x + a.width;
  out->p0.y = a.y + a.height / 2;
  out->p3.x = x;
  out->p3.y = y;
  dx = MAX (fabs (x - out->p0.x), 24) / 2;
  out->c1.x = out->p0.x + dx;
  out->c1.y = out->p0.y;
  out->c2.x = x - (x >= out->p0.x ? dx : -dx);
  out->c2.y = y;
  connector_bounds (out);
}
