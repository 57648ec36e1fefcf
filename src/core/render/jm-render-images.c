/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-render-images.c: on screen, cards kept as images at the current zoom. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jm-renderer-private.h"

/* Card images */

void
jm_render_card_image_free (gpointer data)
{
  CardImage *image = data;

  cairo_surface_destroy (image->surface);
  g_free (image);
}

static guint64
fnv (guint64       h,
     gconstpointer data,
     gsize         len)
{
  const guchar *p = data;

  for (gsize i = 0; i < len; i++)
    h = (h ^ p[i]) * 1099511628211ull;
  return h;
}

static guint64
fnv_str (guint64     h,
         const char *text)
{
  return fnv (h, text != NULL ? text : "", text != NULL ? strlen (text) + 1 : 1);
}

/* Everything that shows on a card: when it changes, the card's image is redrawn. */
static guint64
card_fingerprint (JmRenderCtx  *ctx,
                  JmCard       *card,
                  const JmRect *r,
                  double        alpha,
                  gboolean      selected,
                  gboolean      hovered)
{
  const char * const *roles = jm_card_get_roles (card);
  JmElement *dept = jm_document_lookup (ctx->document, jm_card_get_department (card));
  guint64 h = 1469598103934665603ull;
  int ints[] = {
    jm_card_get_kind (card), jm_card_get_channel (card), jm_card_get_online (card),
    jm_card_get_score (card), jm_card_get_impact (card), jm_card_get_effort (card),
    jm_card_get_status (card), selected, hovered, ctx->details,
  };
  double doubles[] = { r->width, r->height, alpha };

  h = fnv (h, ints, sizeof ints);
  h = fnv (h, doubles, sizeof doubles);
  h = fnv_str (h, jm_card_get_text (card));
  h = fnv_str (h, jm_card_get_color (card));
  h = fnv_str (h, jm_card_get_feeling (card));
  h = fnv_str (h, jm_card_get_owner (card));
  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    {
      JmElement *role = jm_document_lookup (ctx->document, roles[i]);

      h = fnv_str (h, roles[i]);
      if (role != NULL && JM_IS_ROLE (role))
        h = fnv_str (h, jm_role_get_color (JM_ROLE (role)));
    }
  if (dept != NULL && JM_IS_DEPARTMENT (dept))
    {
      h = fnv_str (h, jm_department_get_name (JM_DEPARTMENT (dept)));
      h = fnv_str (h, jm_department_get_color (JM_DEPARTMENT (dept)));
    }

  return h;
}

static int
compare_stamps (gconstpointer a,
                gconstpointer b)
{
  const CardImage *x = *(CardImage * const *) a;
  const CardImage *y = *(CardImage * const *) b;

  return x->stamp < y->stamp ? -1 : x->stamp > y->stamp;
}

/* Least recently used images go first once they hold more than the budget. */
void
jm_render_trim_images (JmRenderer *self)
{
  g_autoptr(GPtrArray) all = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint64 cut;

  if (self->image_bytes <= IMAGE_CACHE_BYTES)
    return;

  all = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->images);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (all, value);
  g_ptr_array_sort (all, compare_stamps);

  {
    gsize bytes = self->image_bytes;
    guint i = 0;

    for (; i < all->len && bytes > IMAGE_CACHE_BYTES * 3 / 4; i++)
      {
        CardImage *image = g_ptr_array_index (all, i);

        bytes -= (gsize) image->width * image->height * 4;
      }
    cut = i > 0 ? ((CardImage *) g_ptr_array_index (all, i - 1))->stamp : 0;
  }

  g_hash_table_iter_init (&iter, self->images);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CardImage *image = value;

      if (image->stamp <= cut)
        {
          self->image_bytes -= (gsize) image->width * image->height * 4;
          g_hash_table_iter_remove (&iter);
        }
    }
}

/* The card from its image, drawing the image first if the card changed. The image is drawn
 * at the same fractional pixel offset it is shown at, so it matches direct drawing. */
void
jm_render_draw_card_cached (JmRenderCtx  *ctx,
                            JmCard       *card,
                            const JmRect *r)
{
  JmRenderer *self = ctx->self;
  cairo_t *cr = ctx->cr;
  const char *id = jm_element_get_id (JM_ELEMENT (card));
  double factor = ctx->opts->scale_factor > 0 ? ctx->opts->scale_factor : 1;
  double scale = ctx->opts->zoom * factor;
  gboolean decorated = jm_render_is_selected (ctx, id) || jm_render_is_hovered (ctx, id);
  /* Room for the shadow; for a selection ring and the connector handle when shown. */
  double margin = decorated ? ctx->sizes->handle_radius + 5 : 2;
  guint64 fingerprint = card_fingerprint (ctx, card, r, jm_render_card_alpha (ctx, card),
                                          jm_render_is_selected (ctx, id),
                                          jm_render_is_hovered (ctx, id));
  int width = (int) ceil ((r->width + 2 * margin) * scale) + 1;
  int height = (int) ceil ((r->height + 2 * margin) * scale) + 1;
  double dx = r->x - margin, dy = r->y - margin;
  double ix, iy, fx, fy;
  CardImage *image;

  /* Device pixels: user_to_device gives pixels, the scale factor makes them device pixels. */
  cairo_user_to_device (cr, &dx, &dy);
  dx *= factor;
  dy *= factor;
  ix = floor (dx);
  iy = floor (dy);
  fx = round ((dx - ix) * 8) / 8;
  fy = round ((dy - iy) * 8) / 8;
  if (fx >= 1)
    {
      ix += 1;
      fx -= 1;
    }
  if (fy >= 1)
    {
      iy += 1;
      fy -= 1;
    }

  image = g_hash_table_lookup (self->images, id);
  if (image == NULL || image->fingerprint != fingerprint || image->scale != scale ||
      image->fx != fx || image->fy != fy || image->width != width || image->height != height)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cairo_t *icr = cairo_create (surface);

      cairo_translate (icr, fx, fy);
      cairo_scale (icr, scale, scale);
      cairo_translate (icr, -(r->x - margin), -(r->y - margin));
      ctx->cr = icr;
      jm_render_draw_card (ctx, card, r);
      ctx->cr = cr;
      cairo_destroy (icr);

      if (image != NULL)
        self->image_bytes -= (gsize) image->width * image->height * 4;
      image = g_new0 (CardImage, 1);
      image->fingerprint = fingerprint;
      image->scale = scale;
      image->fx = fx;
      image->fy = fy;
      image->width = width;
      image->height = height;
      image->surface = surface;
      self->image_bytes += (gsize) width * height * 4;
      g_hash_table_replace (self->images, g_strdup (id), image);
    }
  image->stamp = ++self->stamp;

  cairo_save (cr);
  cairo_identity_matrix (cr);
  if (factor != 1)
    cairo_scale (cr, 1 / factor, 1 / factor);
  cairo_set_source_surface (cr, image->surface, ix, iy);
  cairo_rectangle (cr, ix, iy, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
}
