/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-render-text.c: the cache of Pango layouts and the one routine that shows text. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jm-renderer-private.h"

/* Printable text */

static gboolean
is_noncharacter (gunichar c)
{
  return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

/* Noncharacters are 3 bytes from 0xEF or 4 bytes from 0xF0: most text has neither. */
static gboolean
needs_printable (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p >= 0xEF)
      return TRUE;
  return FALSE;
}

char *
jm_render_printable_text (const char *text,
                          gboolean    keep_controls)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_noncharacter (c))
        g_string_append_unichar (out, 0xFFFD);
      else if (!keep_controls && ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F))
        continue;
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Text cache */

guint
jm_render_text_entry_hash (gconstpointer data)
{
  const TextEntry *e = data;

  return g_str_hash (e->text) ^ (e->font * 16777619u) ^ ((guint) e->width * 2654435761u) ^
         (e->lines << 24) ^ (e->align << 28);
}

gboolean
jm_render_text_entry_equal (gconstpointer a,
                            gconstpointer b)
{
  const TextEntry *x = a;
  const TextEntry *y = b;

  return x->font == y->font && x->width == y->width && x->lines == y->lines &&
         x->align == y->align && strcmp (x->text, y->text) == 0;
}

void
jm_render_text_entry_free (gpointer data)
{
  TextEntry *e = data;

  g_free (e->text);
  g_clear_object (&e->layout);
  g_free (e);
}

static void
prune_cache (JmRenderer *self)
{
  GHashTableIter iter;
  TextEntry *e;
  guint64 oldest = G_MAXUINT64, newest = 0, cut;

  /* Drop the older half: amortised O(1) per lookup, memory stays bounded even while one
   * export draws ten thousand cards. */
  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, (gpointer *) &e, NULL))
    {
      oldest = MIN (oldest, e->stamp);
      newest = MAX (newest, e->stamp);
    }
  cut = oldest + (newest - oldest) / 2;

  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, (gpointer *) &e, NULL))
    if (e->stamp <= cut)
      g_hash_table_iter_remove (&iter);
}

PangoLayout *
jm_render_get_text (JmRenderer *self,
                    FontId      font,
                    double      width,
                    int         lines,
                    TextAlign   align,
                    const char *text)
{
  TextEntry key = { font, width > 0 ? (int) (width * PANGO_SCALE) : -1, lines, align,
                    (char *) text, NULL, 0 };
  TextEntry *e = g_hash_table_lookup (self->cache, &key);
  PangoAttrList *attrs;

  if (e != NULL)
    {
      e->stamp = ++self->stamp;
      return e->layout;
    }

  if (g_hash_table_size (self->cache) >= CACHE_LIMIT)
    prune_cache (self);

  e = g_new (TextEntry, 1);
  *e = key;
  e->text = g_strdup (text);
  e->stamp = ++self->stamp;
  e->layout = pango_layout_new (self->context);
  pango_layout_set_font_description (e->layout, self->fonts[font]);

  /* The same line height whatever the script, so Chinese and Latin cards line up. */
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_line_height_new_absolute (
                            (int) (self->line_height[font] * PANGO_SCALE)));
  pango_layout_set_attributes (e->layout, attrs);
  pango_attr_list_unref (attrs);

  if (needs_printable (text))
    {
      g_autofree char *printable = jm_render_printable_text (text, TRUE);

      pango_layout_set_text (e->layout, printable, -1);
    }
  else
    pango_layout_set_text (e->layout, text, -1);
  pango_layout_set_alignment (e->layout, align == ALIGN_CENTER ? PANGO_ALIGN_CENTER
                                         : align == ALIGN_END ? PANGO_ALIGN_RIGHT
                                         : PANGO_ALIGN_LEFT);
  if (key.width > 0)
    {
      pango_layout_set_width (e->layout, key.width);
      pango_layout_set_wrap (e->layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (e->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (e->layout, -MAX (lines, 1));
    }
  if (lines == 1)
    pango_layout_set_single_paragraph_mode (e->layout, TRUE);

  g_hash_table_add (self->cache, e);
  return e->layout;
}

void
jm_render_show_text (JmRenderCtx   *ctx,
                     PangoLayout   *layout,
                     double         x,
                     double         y,
                     const JmColor *color,
                     double         alpha)
{
  jm_render_set_color (ctx->cr, color, alpha);
  cairo_move_to (ctx->cr, x, y);
  pango_cairo_show_layout (ctx->cr, layout);
  cairo_new_path (ctx->cr);

  if (ctx->opts->text_func != NULL)
    {
      const PangoFontDescription *font = pango_layout_get_font_description (layout);
      PangoRectangle logical;
      JmRenderText text;

      pango_layout_get_extents (layout, NULL, &logical);
      text.text = pango_layout_get_text (layout);
      text.font_size = (double) pango_font_description_get_size (font) / PANGO_SCALE;
      text.weight = pango_font_description_get_weight (font);
      text.box.x = x + (double) logical.x / PANGO_SCALE;
      text.box.y = y + (double) logical.y / PANGO_SCALE;
      text.box.width = (double) logical.width / PANGO_SCALE;
      text.box.height = (double) logical.height / PANGO_SCALE;
      text.baseline = y + (double) pango_layout_get_baseline (layout) / PANGO_SCALE;
      ctx->opts->text_func (&text, ctx->opts->text_data);
    }
}

/* Width of a layout's logical extents, document units. */
double
jm_render_text_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}
