/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmCardPalette: one button per card kind; touchpoints unfold into their channels. Each button
 * is a GtkDragSource of a "journey-maps/card-kind:…" string (the canvas' GtkDropTarget makes
 * the card) and, clicked, adds the card to the canvas' current cell. */
#define G_LOG_DOMAIN "jm-card-palette"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-card-palette.h"

struct _JmCardPalette
{
  GtkWidget       parent_instance;

  /* Borrowed */
  JmCanvas       *canvas;

  /* Children */
  GtkWidget      *heading;
  GtkWidget      *touchpoint_row;
  GtkWidget      *channels_button;
  GtkWidget      *channels_revealer;
  GtkWidget      *channels_box;

  GtkOrientation  orientation;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (JmCardPalette, jm_card_palette, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_ORIENTABLE, NULL))

enum {
  PROP_0,
  PROP_CANVAS,
  N_PROPS,

  PROP_ORIENTATION = N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Kinds, in palette order (the order of the lanes of a classic map); labels and icons come
 * from the core's card-kind table. */
static const JmCardKind kinds[] = {
  JM_CARD_KIND_TOUCHPOINT, JM_CARD_KIND_BEHAVIOUR, JM_CARD_KIND_CONCERN,
  JM_CARD_KIND_PAIN_POINT, JM_CARD_KIND_EMOTION, JM_CARD_KIND_OPPORTUNITY,
  JM_CARD_KIND_RESPONSIBILITY, JM_CARD_KIND_CONTENT, JM_CARD_KIND_NOTE,
};

/* Touchpoint channels offered, each with its icon. */
static const struct {
  JmChannel   channel;
  const char *icon;
} channels[] = {
  { JM_CHANNEL_WEBSITE,    "web-browser-symbolic" },
  { JM_CHANNEL_SEARCH,     "system-search-symbolic" },
  { JM_CHANNEL_SOCIAL,     "system-users-symbolic" },
  { JM_CHANNEL_COMMUNITY,  "network-workgroup-symbolic" },
  { JM_CHANNEL_EMAIL,      "mail-unread-symbolic" },
  { JM_CHANNEL_EVENT,      "x-office-calendar-symbolic" },
  { JM_CHANNEL_WEBINAR,    "camera-web-symbolic" },
  { JM_CHANNEL_CALL,       "call-start-symbolic" },
  { JM_CHANNEL_MEETING,    "emoji-people-symbolic" },
  { JM_CHANNEL_IN_PRODUCT, "applications-system-symbolic" },
};

const char *
jm_card_palette_get_channel_icon (JmChannel channel)
{
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    if (channels[i].channel == channel)
      return channels[i].icon;

  return "mark-location-symbolic";
}

char *
jm_card_palette_dup_drag_string (JmCardKind kind,
                                 int        channel)
{
  const char *kind_nick = jm_enum_to_nick (JM_TYPE_CARD_KIND, kind);

  if (channel >= 0)
    return g_strdup_printf (JM_CANVAS_CARD_KIND_PREFIX "%s:%s", kind_nick,
                            jm_enum_to_nick (JM_TYPE_CHANNEL, channel));

  return g_strdup_printf (JM_CANVAS_CARD_KIND_PREFIX "%s", kind_nick);
}

/* Items */

#define ITEM_KIND    "jm-card-kind"
#define ITEM_CHANNEL "jm-channel"

static void
item_get (GtkWidget  *item,
          JmCardKind *kind,
          int        *channel)
{
  *kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), ITEM_KIND)) - 1;
  *channel = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), ITEM_CHANNEL)) - 1;
}

static void
item_clicked_cb (GtkButton     *button,
                 JmCardPalette *self)
{
  JmCardKind kind;
  int channel;

  if (self->canvas == NULL)
    return;

  /* The canvas opens its editor on the new card, which takes the focus. */
  item_get (GTK_WIDGET (button), &kind, &channel);
  if (!jm_canvas_add_card_of_kind (self->canvas, kind, channel))
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *item)
{
  g_autofree char *text = NULL;
  JmCardKind kind;
  int channel;

  item_get (item, &kind, &channel);
  text = jm_card_palette_dup_drag_string (kind, channel);

  return gdk_content_provider_new_typed (G_TYPE_STRING, text);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *item)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (item);

  gtk_drag_source_set_icon (source, paintable,
                            gtk_widget_get_width (item) / 2,
                            gtk_widget_get_height (item) / 2);
}

static GtkWidget *
make_item (JmCardPalette *self,
           JmCardKind     kind,
           int            channel,
           const char    *label,
           const char    *icon_name)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *text = gtk_label_new (label);
  GtkDragSource *source;
  g_autofree char *tooltip = NULL;

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "jm-palette-item");

  /* Translators: %s is a card kind or channel, e.g. "Pain point" or "Website". */
  tooltip = g_strdup_printf (_("Drag onto the map, or click to add: %s"), label);
  gtk_widget_set_tooltip_text (button, tooltip);

  /* Both + 1, so that every item has non-NULL data. */
  g_object_set_data (G_OBJECT (button), ITEM_KIND, GINT_TO_POINTER (kind + 1));
  g_object_set_data (G_OBJECT (button), ITEM_CHANNEL, GINT_TO_POINTER (channel + 1));
  g_signal_connect (button, "clicked", G_CALLBACK (item_clicked_cb), self);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), button);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), button);
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (source));

  return button;
}

static void
update_orientation (JmCardPalette *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gboolean vertical = self->orientation == GTK_ORIENTATION_VERTICAL;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), self->orientation);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->channels_box), self->orientation);
  gtk_revealer_set_transition_type (GTK_REVEALER (self->channels_revealer),
                                    vertical ? GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN
                                             : GTK_REVEALER_TRANSITION_TYPE_SLIDE_RIGHT);
  gtk_widget_set_margin_start (self->channels_box, vertical ? 18 : 0);
  gtk_widget_set_visible (self->heading, vertical);
}

static void
channels_toggled_cb (GtkToggleButton *button,
                     JmCardPalette   *self)
{
  gboolean active = gtk_toggle_button_get_active (button);

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->channels_revealer), active);
  gtk_button_set_icon_name (GTK_BUTTON (button),
                            active ? "pan-down-symbolic" : "pan-end-symbolic");
}

/* Public */

GtkWidget *
jm_card_palette_new (void)
{
  return g_object_new (JM_TYPE_CARD_PALETTE, NULL);
}

JmCanvas *
jm_card_palette_get_canvas (JmCardPalette *self)
{
  g_return_val_if_fail (JM_IS_CARD_PALETTE (self), NULL);
  return self->canvas;
}

void
jm_card_palette_set_canvas (JmCardPalette *self,
                            JmCanvas      *canvas)
{
  g_return_if_fail (JM_IS_CARD_PALETTE (self));
  g_return_if_fail (!canvas || JM_IS_CANVAS (canvas));

  if (self->canvas == canvas)
    return;

  if (self->canvas != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->canvas), (gpointer *) &self->canvas);
  self->canvas = canvas;
  if (self->canvas != NULL)
    g_object_add_weak_pointer (G_OBJECT (self->canvas), (gpointer *) &self->canvas);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANVAS]);
}

/* GObject */

static void
jm_card_palette_dispose (GObject *object)
{
  JmCardPalette *self = JM_CARD_PALETTE (object);
  GtkWidget *child;

  jm_card_palette_set_canvas (self, NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (jm_card_palette_parent_class)->dispose (object);
}

static void
jm_card_palette_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JmCardPalette *self = JM_CARD_PALETTE (object);

  switch (prop_id)
    {
    case PROP_CANVAS:
      g_value_set_object (value, self->canvas);
      break;
    case PROP_ORIENTATION:
      g_value_set_enum (value, self->orientation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_card_palette_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  JmCardPalette *self = JM_CARD_PALETTE (object);

  switch (prop_id)
    {
    case PROP_CANVAS:
      jm_card_palette_set_canvas (self, g_value_get_object (value));
      break;
    case PROP_ORIENTATION:
      if (self->orientation != (GtkOrientation) g_value_get_enum (value))
        {
          self->orientation = g_value_get_enum (value);
          update_orientation (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_card_palette_class_init (JmCardPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jm_card_palette_dispose;
  object_class->get_property = jm_card_palette_get_property;
  object_class->set_property = jm_card_palette_set_property;

  properties[PROP_CANVAS] =
    g_param_spec_object ("canvas", NULL, NULL,
                         JM_TYPE_CANVAS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_ORIENTATION, "orientation");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jmcardpalette");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
ensure_css (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
      const char *css =
        "jmcardpalette { padding: 6px; }\n"
        "jmcardpalette button.jm-palette-item label { font-weight: normal; }\n";

      gtk_css_provider_load_from_data (provider, css, -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&done, 1);
    }
}

static void
jm_card_palette_init (JmCardPalette *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (widget);

  ensure_css ();
  self->orientation = GTK_ORIENTATION_VERTICAL;
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Card kinds"),
                                  -1);

  self->heading = gtk_label_new (_("Cards"));
  gtk_widget_add_css_class (self->heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_widget_set_margin_start (self->heading, 8);
  gtk_widget_set_margin_top (self->heading, 6);
  gtk_widget_set_margin_bottom (self->heading, 4);
  gtk_widget_set_parent (self->heading, widget);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *item = make_item (self, kinds[i], -1, jm_card_kind_get_label (kinds[i]),
                                   jm_card_kind_get_icon_name (kinds[i]));

      if (kinds[i] != JM_CARD_KIND_TOUCHPOINT)
        {
          gtk_widget_set_parent (item, widget);
          continue;
        }

      /* Touchpoint: the item and a toggle unfolding the channels. */
      self->touchpoint_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_widget_set_hexpand (item, TRUE);
      gtk_box_append (GTK_BOX (self->touchpoint_row), item);

      self->channels_button = gtk_toggle_button_new ();
      gtk_button_set_icon_name (GTK_BUTTON (self->channels_button), "pan-end-symbolic");
      gtk_widget_add_css_class (self->channels_button, "flat");
      gtk_widget_set_tooltip_text (self->channels_button, _("Show Channels"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->channels_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show Channels"),
                                      -1);
      g_signal_connect (self->channels_button, "toggled", G_CALLBACK (channels_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->touchpoint_row), self->channels_button);
      gtk_widget_set_parent (self->touchpoint_row, widget);

      self->channels_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
        gtk_box_append (GTK_BOX (self->channels_box),
                        make_item (self, JM_CARD_KIND_TOUCHPOINT, channels[c].channel,
                                   jm_channel_get_label (channels[c].channel), channels[c].icon));

      self->channels_revealer = gtk_revealer_new ();
      gtk_revealer_set_child (GTK_REVEALER (self->channels_revealer), self->channels_box);
      gtk_widget_set_parent (self->channels_revealer, widget);
    }

  update_orientation (self);
}
