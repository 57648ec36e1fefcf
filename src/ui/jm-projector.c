/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "jm-projector"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-projector.h"

struct _JmProjector
{
  GObject          parent_instance;

  /* Borrowed, weak */
  GtkWindow       *window;
  GtkWidget       *header_bar;
  GtkWidget       *sidebar;
  JmCanvas        *canvas;
  GtkOverlay      *overlay;

  /* Owned */
  GtkWidget       *box;            /* the "Stage N of M" box, in overlay while active */
  GtkLabel        *stage_label;
  GtkLabel        *timer_label;
  GtkEventController *keys;        /* on window, capture phase */
  GSignalGroup    *document_signals;
  GPtrArray       *hidden;         /* widgets beside the canvas, hidden while active */
  char            *status;
  gint64           started;        /* monotonic µs */
  guint            tick_id;

  /* The window and canvas as they were before */
  JmThemeKind      saved_theme_kind;
  double           saved_text_scale;
  double           saved_zoom;
  double           saved_hvalue;
  double           saved_vvalue;
  gboolean         saved_fullscreen;
  gboolean         saved_header_visible;
  gboolean         saved_sidebar_visible;

  int              stage;
  guint            active : 1;
  guint            timer_visible : 1;
};

G_DEFINE_FINAL_TYPE (JmProjector, jm_projector, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACTIVE,
  PROP_STAGE,
  PROP_TIMER_VISIBLE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static guint
n_stages (JmProjector *self)
{
  JmDocument *document = self->canvas ? jm_canvas_get_document (self->canvas) : NULL;

  return document != NULL ? jm_document_get_n_stages (document) : 0;
}

static GtkAdjustment *
get_adjustment (JmProjector *self,
                gboolean     horizontal)
{
  if (self->canvas == NULL)
    return NULL;
  return horizontal ? gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->canvas))
                    : gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->canvas));
}

static void
update_status (JmProjector *self)
{
  JmDocument *document = self->canvas ? jm_canvas_get_document (self->canvas) : NULL;
  guint n = n_stages (self);

  g_clear_pointer (&self->status, g_free);
  if (self->stage >= 0 && (guint) self->stage < n)
    {
      JmStage *stage = jm_document_get_stage (document, self->stage);
      const char *title = jm_stage_get_title (stage);

      if (title[0] != '\0')
        /* Translators: projector mode; "Stage 2 of 8 · Research" */
        self->status = g_strdup_printf (_("Stage %d of %u · %s"), self->stage + 1, n, title);
      else
        /* Translators: projector mode */
        self->status = g_strdup_printf (_("Stage %d of %u"), self->stage + 1, n);
    }
  else
    self->status = g_strdup (_("No stages"));

  if (self->stage_label != NULL)
    gtk_label_set_text (self->stage_label, self->status);
}

static void
update_timer (JmProjector *self)
{
  g_autofree char *text = NULL;
  gint64 seconds;

  if (self->timer_label == NULL)
    return;

  seconds = (g_get_monotonic_time () - self->started) / G_USEC_PER_SEC;
  if (seconds >= 3600)
    text = g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60),
                            (int) (seconds % 60));
  else
    text = g_strdup_printf ("%02d:%02d", (int) (seconds / 60), (int) (seconds % 60));
  gtk_label_set_text (self->timer_label, text);
}

static gboolean
tick_cb (gpointer user_data)
{
  update_timer (user_data);
  return G_SOURCE_CONTINUE;
}

/* Scrolls so the spotlight stage sits right of the pinned lane headers. */
static void
scroll_to_stage (JmProjector *self)
{
  JmLayout *layout = self->canvas ? jm_canvas_get_layout (self->canvas) : NULL;
  GtkAdjustment *h = get_adjustment (self, TRUE);
  double zoom, lhw, x;
  JmRect r;

  if (layout == NULL || h == NULL || self->stage < 0 ||
      !jm_layout_get_stage_rect (layout, self->stage, &r))
    return;

  zoom = jm_canvas_get_zoom (self->canvas);
  lhw = jm_layout_get_lane_header_width (layout);
  x = (r.x - lhw) * zoom;
  /* Centre it when the screen holds more than one stage. */
  x -= MAX (0, (gtk_adjustment_get_page_size (h) - (lhw + r.width) * zoom) / 2);
  gtk_adjustment_set_value (h, MAX (x, 0));
}

void
jm_projector_set_stage (JmProjector *self,
                        int          stage)
{
  guint n;

  g_return_if_fail (JM_IS_PROJECTOR (self));

  n = n_stages (self);
  if (!self->active || n == 0)
    stage = -1;
  else
    stage = CLAMP (stage, 0, (int) n - 1);

  if (self->canvas != NULL)
    jm_canvas_set_spotlight_stage (self->canvas, stage);

  if (self->stage != stage)
    {
      self->stage = stage;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
    }

  update_status (self);
  scroll_to_stage (self);
}

int
jm_projector_get_stage (JmProjector *self)
{
  g_return_val_if_fail (JM_IS_PROJECTOR (self), -1);

  return self->stage;
}

void
jm_projector_next (JmProjector *self)
{
  g_return_if_fail (JM_IS_PROJECTOR (self));

  jm_projector_set_stage (self, self->stage + 1);
}

void
jm_projector_previous (JmProjector *self)
{
  g_return_if_fail (JM_IS_PROJECTOR (self));

  jm_projector_set_stage (self, MAX (self->stage - 1, 0));
}

gboolean
jm_projector_get_timer_visible (JmProjector *self)
{
  g_return_val_if_fail (JM_IS_PROJECTOR (self), FALSE);

  return self->timer_visible;
}

void
jm_projector_set_timer_visible (JmProjector *self,
                                gboolean     visible)
{
  g_return_if_fail (JM_IS_PROJECTOR (self));

  visible = !!visible;
  if (self->timer_visible == visible)
    return;

  self->timer_visible = visible;
  if (self->timer_label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->timer_label), visible);
  update_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMER_VISIBLE]);
}

const char *
jm_projector_get_status_text (JmProjector *self)
{
  g_return_val_if_fail (JM_IS_PROJECTOR (self), NULL);

  return self->status;
}

/* Keys */

static gboolean
key_pressed_cb (JmProjector           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkWidget *focus;

  if (!self->active || self->canvas == NULL)
    return GDK_EVENT_PROPAGATE;

  /* Typing (the canvas' inline editor, any text field) gets every key; so do shortcuts. */
  if (jm_canvas_is_editing (self->canvas))
    return GDK_EVENT_PROPAGATE;
  focus = self->window ? gtk_root_get_focus (GTK_ROOT (self->window)) : NULL;
  if (focus != NULL && GTK_IS_EDITABLE (focus))
    return GDK_EVENT_PROPAGATE;
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_space:
      jm_projector_next (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_BackSpace:
      jm_projector_previous (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      jm_projector_set_stage (self, 0);
      return GDK_EVENT_STOP;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      jm_projector_set_stage (self, (int) n_stages (self) - 1);
      return GDK_EVENT_STOP;

    case GDK_KEY_t:
    case GDK_KEY_T:
      jm_projector_set_timer_visible (self, !self->timer_visible);
      return GDK_EVENT_STOP;

    case GDK_KEY_Escape:
      jm_projector_set_active (self, FALSE);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* Entering and leaving */

static GtkWidget *
make_box (JmProjector *self)
{
  PangoAttrList *attrs;
  GtkWidget *box;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_can_target (box, FALSE);
  gtk_widget_add_css_class (box, "osd");
  gtk_widget_add_css_class (box, "toolbar");
  gtk_widget_set_name (box, "projector-status");

  /* As large as the map's smallest text. */
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_size_new_absolute (JM_PROJECTOR_MIN_TEXT_PX *
                                                              PANGO_SCALE));
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));

  self->stage_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_attributes (self->stage_label, attrs);
  gtk_label_set_ellipsize (self->stage_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->stage_label, 40);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stage_label));

  self->timer_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_attributes (self->timer_label, attrs);
  gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "numeric");
  gtk_widget_set_visible (GTK_WIDGET (self->timer_label), self->timer_visible);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->timer_label));

  pango_attr_list_unref (attrs);
  return box;
}

/* The first stage on screen, else the first stage. */
static int
first_visible_stage (JmProjector *self)
{
  JmLayout *layout = jm_canvas_get_layout (self->canvas);
  GtkAdjustment *h = get_adjustment (self, TRUE);
  double zoom = jm_canvas_get_zoom (self->canvas);
  guint first = 0, last = 0;
  double x;

  if (layout == NULL || h == NULL)
    return 0;

  x = gtk_adjustment_get_value (h) / zoom + jm_layout_get_lane_header_width (layout);
  if (jm_layout_get_stage_range (layout, x, x + 1, &first, &last))
    return (int) first;
  return 0;
}

static void
enter (JmProjector *self)
{
  GtkAdjustment *h = get_adjustment (self, TRUE);
  GtkAdjustment *v = get_adjustment (self, FALSE);
  g_autoptr(JmTheme) probe = NULL;
  int stage;

  stage = first_visible_stage (self);

  self->saved_theme_kind = jm_canvas_get_theme_kind (self->canvas);
  self->saved_text_scale = jm_canvas_get_text_scale (self->canvas);
  self->saved_zoom = jm_canvas_get_zoom (self->canvas);
  self->saved_hvalue = h ? gtk_adjustment_get_value (h) : 0;
  self->saved_vvalue = v ? gtk_adjustment_get_value (v) : 0;
  self->saved_fullscreen = self->window && gtk_window_is_fullscreen (self->window);
  self->saved_header_visible = self->header_bar && gtk_widget_get_visible (self->header_bar);
  self->saved_sidebar_visible = self->sidebar && gtk_widget_get_visible (self->sidebar);

  if (self->header_bar != NULL)
    gtk_widget_set_visible (self->header_bar, FALSE);
  if (self->sidebar != NULL)
    gtk_widget_set_visible (self->sidebar, FALSE);

  /* Whatever sits beside the canvas (the card palette) makes room for the map too. */
  if (self->overlay != NULL && gtk_widget_get_parent (GTK_WIDGET (self->overlay)) != NULL)
    {
      GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->overlay));

      for (GtkWidget *child = gtk_widget_get_first_child (parent);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (child != GTK_WIDGET (self->overlay) && gtk_widget_get_visible (child))
          {
            g_ptr_array_add (self->hidden, g_object_ref (child));
            gtk_widget_set_visible (child, FALSE);
          }
    }

  /* The smallest text of the high-contrast theme, at 24 px at 100 %. */
  probe = jm_theme_new (JM_THEME_CONTRAST);
  jm_canvas_set_theme_kind (self->canvas, JM_THEME_CONTRAST);
  jm_canvas_set_text_scale (self->canvas,
                            JM_PROJECTOR_MIN_TEXT_PX / jm_theme_get_sizes (probe)->font_small);
  jm_canvas_set_zoom (self->canvas, 1.0);
  if (v != NULL)
    gtk_adjustment_set_value (v, 0);

  if (self->overlay != NULL)
    {
      self->box = g_object_ref_sink (make_box (self));
      gtk_overlay_add_overlay (self->overlay, self->box);
    }

  self->started = g_get_monotonic_time ();
  update_timer (self);
  self->tick_id = g_timeout_add_seconds (1, tick_cb, self);

  if (self->window != NULL)
    gtk_window_fullscreen (self->window);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));

  jm_projector_set_stage (self, stage);
}

static void
leave (JmProjector *self)
{
  GtkAdjustment *h = get_adjustment (self, TRUE);
  GtkAdjustment *v = get_adjustment (self, FALSE);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  if (self->box != NULL)
    {
      if (self->overlay != NULL)
        gtk_overlay_remove_overlay (self->overlay, self->box);
      g_clear_object (&self->box);
    }
  self->stage_label = NULL;
  self->timer_label = NULL;

  if (self->canvas != NULL)
    {
      jm_canvas_set_spotlight_stage (self->canvas, -1);
      jm_canvas_set_theme_kind (self->canvas, self->saved_theme_kind);
      jm_canvas_set_text_scale (self->canvas, self->saved_text_scale);
      jm_canvas_set_zoom (self->canvas, self->saved_zoom);
      if (h != NULL)
        gtk_adjustment_set_value (h, self->saved_hvalue);
      if (v != NULL)
        gtk_adjustment_set_value (v, self->saved_vvalue);
    }

  for (guint i = 0; i < self->hidden->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->hidden, i), TRUE);
  g_ptr_array_set_size (self->hidden, 0);

  if (self->header_bar != NULL)
    gtk_widget_set_visible (self->header_bar, self->saved_header_visible);
  if (self->sidebar != NULL)
    gtk_widget_set_visible (self->sidebar, self->saved_sidebar_visible);
  if (self->window != NULL && !self->saved_fullscreen)
    gtk_window_unfullscreen (self->window);

  if (self->stage != -1)
    {
      self->stage = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
    }
}

gboolean
jm_projector_get_active (JmProjector *self)
{
  g_return_val_if_fail (JM_IS_PROJECTOR (self), FALSE);

  return self->active;
}

void
jm_projector_set_active (JmProjector *self,
                         gboolean     active)
{
  g_return_if_fail (JM_IS_PROJECTOR (self));

  active = !!active;
  if (self->active == active || self->canvas == NULL)
    return;

  self->active = active;
  if (active)
    enter (self);
  else
    leave (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

/* Stages added, removed or renamed during the session. */
static void
document_changed_cb (JmProjector  *self,
                     JmChangeType  type,
                     JmElement    *element,
                     const char   *property,
                     JmDocument   *document)
{
  if (!self->active)
    return;
  if (element == NULL || JM_IS_STAGE (element))
    jm_projector_set_stage (self, self->stage);
}

/* Zooming out would shrink the text below what the room can read: 100 % is the least. */
static void
canvas_zoom_changed_cb (JmProjector *self)
{
  if (self->active && self->canvas != NULL && jm_canvas_get_zoom (self->canvas) < 1.0)
    jm_canvas_set_zoom (self->canvas, 1.0);
}

static void
canvas_history_changed_cb (JmProjector *self)
{
  g_signal_group_set_target (self->document_signals,
                             self->canvas ? jm_canvas_get_document (self->canvas) : NULL);
}

JmProjector *
jm_projector_new (GtkWindow  *window,
                  GtkWidget  *header_bar,
                  GtkWidget  *sidebar,
                  JmCanvas   *canvas,
                  GtkOverlay *overlay)
{
  JmProjector *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (JM_IS_CANVAS (canvas), NULL);
  g_return_val_if_fail (!overlay || GTK_IS_OVERLAY (overlay), NULL);

  self = g_object_new (JM_TYPE_PROJECTOR, NULL);
  g_set_weak_pointer (&self->window, window);
  g_set_weak_pointer (&self->header_bar, header_bar);
  g_set_weak_pointer (&self->sidebar, sidebar);
  g_set_weak_pointer (&self->canvas, canvas);
  g_set_weak_pointer (&self->overlay, overlay);

  /* Capture phase: before the canvas turns arrows into card navigation. */
  self->keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->keys, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (self->keys, "jm-projector-keys");
  g_signal_connect_object (self->keys, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (window), g_object_ref (self->keys));

  g_signal_connect_object (canvas, "notify::history", G_CALLBACK (canvas_history_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (canvas, "notify::zoom", G_CALLBACK (canvas_zoom_changed_cb),
                           self, G_CONNECT_SWAPPED);
  canvas_history_changed_cb (self);

  return self;
}

/* GObject */

static void
jm_projector_dispose (GObject *object)
{
  JmProjector *self = JM_PROJECTOR (object);

  if (self->active)
    jm_projector_set_active (self, FALSE);
  g_clear_handle_id (&self->tick_id, g_source_remove);

  if (self->keys != NULL)
    {
      GtkWidget *widget = gtk_event_controller_get_widget (self->keys);

      if (widget != NULL)
        gtk_widget_remove_controller (widget, self->keys);
      g_clear_object (&self->keys);
    }
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->box);
  g_clear_pointer (&self->hidden, g_ptr_array_unref);

  g_clear_weak_pointer (&self->window);
  g_clear_weak_pointer (&self->header_bar);
  g_clear_weak_pointer (&self->sidebar);
  g_clear_weak_pointer (&self->canvas);
  g_clear_weak_pointer (&self->overlay);

  G_OBJECT_CLASS (jm_projector_parent_class)->dispose (object);
}

static void
jm_projector_finalize (GObject *object)
{
  JmProjector *self = JM_PROJECTOR (object);

  g_free (self->status);

  G_OBJECT_CLASS (jm_projector_parent_class)->finalize (object);
}

static void
jm_projector_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  JmProjector *self = JM_PROJECTOR (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    case PROP_STAGE:
      g_value_set_int (value, self->stage);
      break;

    case PROP_TIMER_VISIBLE:
      g_value_set_boolean (value, self->timer_visible);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_projector_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  JmProjector *self = JM_PROJECTOR (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      jm_projector_set_active (self, g_value_get_boolean (value));
      break;

    case PROP_STAGE:
      jm_projector_set_stage (self, g_value_get_int (value));
      break;

    case PROP_TIMER_VISIBLE:
      jm_projector_set_timer_visible (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_projector_class_init (JmProjectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jm_projector_dispose;
  object_class->finalize = jm_projector_finalize;
  object_class->get_property = jm_projector_get_property;
  object_class->set_property = jm_projector_set_property;

  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TIMER_VISIBLE] =
    g_param_spec_boolean ("timer-visible", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jm_projector_init (JmProjector *self)
{
  self->stage = -1;
  self->status = g_strdup ("");
  self->hidden = g_ptr_array_new_with_free_func (g_object_unref);

  self->document_signals = g_signal_group_new (JM_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
}
