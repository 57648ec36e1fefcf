/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmCardPalette: a strip of card kinds (touchpoints with their channels, behaviour, concern,
 * pain point, emotion, opportunity, responsibility, content, note). Drag an item onto a cell
 * of a JmCanvas to create a card there; click it to add one to the canvas' current cell.
 *
 * Items drag a string "journey-maps/card-kind:<kind>[:<channel>]" (JM_CANVAS_CARD_KIND_PREFIX).
 * "orientation" (GtkOrientable) chooses a vertical (default) or horizontal strip. */
#pragma once

#include <gtk/gtk.h>

#include "jm-canvas.h"

G_BEGIN_DECLS

#define JM_TYPE_CARD_PALETTE (jm_card_palette_get_type ())
G_DECLARE_FINAL_TYPE (JmCardPalette, jm_card_palette, JM, CARD_PALETTE, GtkWidget)

GtkWidget  *jm_card_palette_new                 (void);
/* The canvas clicks add cards to (property "canvas"; may be NULL). */
JmCanvas   *jm_card_palette_get_canvas          (JmCardPalette *self);
void        jm_card_palette_set_canvas          (JmCardPalette *self,
                                                 JmCanvas      *canvas);
/* The drag string of a kind (channel −1: none). */
char       *jm_card_palette_dup_drag_string     (JmCardKind     kind,
                                                 int            channel);

/* Translated display name and symbolic icon of a card kind / a touchpoint channel. */
const char *jm_card_palette_get_channel_icon    (JmChannel      channel);

G_END_DECLS
