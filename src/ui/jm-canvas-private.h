/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmCanvas internals, shared by jm-canvas.c (widget, view, scrolling, drawing),
 * jm-canvas-input.c (pointer, touch, keys, drag and drop) and jm-canvas-edit.c (inline
 * editor, clipboard, menus and the canvas.* actions). */
#pragma once

#include "jm-canvas.h"

G_BEGIN_DECLS

typedef enum {
  JM_DRAG_NONE,
  JM_DRAG_PENDING,       /* button down, not yet past the drag threshold */
  JM_DRAG_PAN,
  JM_DRAG_RUBBER_BAND,
  JM_DRAG_CARDS,         /* applied on drop; preview until then */
  JM_DRAG_STAGE,         /* applied live inside a history group */
  JM_DRAG_LANE,          /* idem */
  JM_DRAG_CURVE_POINT,   /* idem */
  JM_DRAG_CONNECT,       /* a connector pulled out of a card's handle */
} JmDragMode;

typedef enum {
  JM_EDIT_NONE,
  JM_EDIT_CARD,          /* text of an existing card */
  JM_EDIT_NEW_CARD,      /* a card not inserted yet: the commit inserts it with its text */
  JM_EDIT_STAGE,         /* title of a stage */
  JM_EDIT_LANE,          /* title of a lane */
} JmEditKind;

struct _JmCanvas
{
  GtkWidget          parent_instance;

  /* Owned */
  JmHistory         *history;
  JmDocument        *document;
  JmTheme           *theme;
  JmLayout          *layout;
  JmRenderer        *renderer;
  GtkAdjustment     *hadjustment;
  GtkAdjustment     *vadjustment;
  GHashTable        *selection;         /* id → NULL */
  char              *hover_id;
  char              *role_lens;
  char              *anchor_id;         /* last card reached by click or keyboard */
  GPtrArray         *drag_ids;          /* element ids being dragged */
  GPtrArray         *rubber_base;       /* selection before a Ctrl/Shift rubber band */
  char              *connect_from;      /* card a connector is pulled from */
  char              *connect_to;        /* card under the connector's end */
  char              *menu_target;       /* element the context menu is about */
  char              *edit_id;           /* element being edited (not for NEW_CARD) */
  char              *edit_stage_id;     /* JM_EDIT_NEW_CARD: the cell of the new card */
  char              *edit_lane_id;
  GtkCssProvider    *editor_css;

  /* Children */
  GtkWidget         *editor;            /* GtkTextView over the edited rect */
  GtkWidget         *rubber_band;       /* a ".rubberband" box */
  GtkWidget         *context_menu;      /* GtkPopoverMenu */
  GtkWidget         *label_popover;     /* GtkPopover with an entry: connector label */
  GtkWidget         *label_entry;

  /* Controllers */
  GtkGesture        *drag_gesture;
  GtkGesture        *zoom_gesture;
  GtkGesture        *long_press_gesture;
  GtkDropTarget     *drop_target;

  /* View */
  JmThemeKind        theme_kind;        /* JM_CANVAS_THEME_AUTO or fixed */
  JmThemeKind        effective_kind;
  double             text_scale;
  double             zoom;
  double             layout_width;      /* last known layout size (document units) */
  double             layout_height;
  int                spotlight_stage;
  guint              update_idle;
  guint              autoscroll_id;
  guint              hscroll_policy : 1;
  guint              vscroll_policy : 1;
  guint              space_down : 1;
  guint              focus_visible_cell : 1;
  guint              drop_ok : 1;
  guint              drag_moved : 1;
  guint              group_open : 1;
  guint              editing_commit : 1;  /* re-entrancy guard */
  guint              click_connect : 1;   /* "Connect To…": the next click picks the target */
  guint              model_changed : 1;   /* the document changed since update_idle_cb() */

  /* The focused cell (keyboard, palette clicks, paste): −1 when none. */
  int                focus_stage;
  int                focus_lane;

  /* Drag state, widget coordinates */
  JmDragMode         drag_mode;
  JmHitKind          press_kind;
  char              *press_id;
  int                press_stage;
  int                press_lane;
  int                press_index;
  guint              press_button;
  GdkModifierType    press_state;
  gboolean           press_touch;
  double             start_x;
  double             start_y;
  double             pointer_x;
  double             pointer_y;
  gboolean           pointer_inside;
  double             start_hvalue;
  double             start_vvalue;
  int                curve_lane;
  double             zoom_begin;        /* pinch */
  guint32            last_press_time;   /* double clicks */
  double             last_press_x;
  double             last_press_y;
  guint              last_press_button;
  int                press_count;

  /* Drop feedback (cards dragged on the canvas or from the palette) */
  int                drop_stage;
  int                drop_lane;
  int                drop_index;
  JmRect             band;              /* rubber band, document units */
  JmConnector        preview;
  gboolean           has_preview;

  /* Inline editor */
  JmEditKind         edit_kind;
  int                edit_index;        /* NEW_CARD: its index in the cell, its kind */
  JmCardKind         new_kind;
  int                new_channel;       /* −1 = the default */
  gboolean           edit_keep_empty;   /* NEW_CARD: insert even with no text (palette) */
};

/* jm-canvas-view.c */
void     jm_canvas_update_layout_size   (JmCanvas           *self);
void     jm_canvas_configure_adjustments (JmCanvas          *self,
                                          double             hvalue,
                                          double             vvalue);
void     jm_canvas_set_adjustment       (JmCanvas           *self,
                                         GtkAdjustment     **field,
                                         GtkAdjustment      *adjustment,
                                         GParamSpec         *pspec);
void     jm_canvas_adjustment_value_changed_cb (JmCanvas      *self,
                                                GtkAdjustment *adjustment);
void     jm_canvas_measure              (GtkWidget          *widget,
                                         GtkOrientation      orientation,
                                         int                 for_size,
                                         int                *minimum,
                                         int                *natural,
                                         int                *minimum_baseline,
                                         int                *natural_baseline);
void     jm_canvas_size_allocate        (GtkWidget          *widget,
                                         int                 width,
                                         int                 height,
                                         int                 baseline);
void     jm_canvas_snapshot             (GtkWidget          *widget,
                                         GtkSnapshot        *snapshot);

/* jm-canvas.c (and, for the view and selection, jm-canvas-view.c, jm-canvas-selection.c) */
void     jm_canvas_get_view             (JmCanvas           *self,
                                         JmRect             *view);
void     jm_canvas_widget_to_doc        (JmCanvas           *self,
                                         double              wx,
                                         double              wy,
                                         double             *dx,
                                         double             *dy);
void     jm_canvas_doc_to_widget_rect   (JmCanvas           *self,
                                         const JmRect       *doc,
                                         graphene_rect_t    *out);
JmHit    jm_canvas_hit_test             (JmCanvas           *self,
                                         double              wx,
                                         double              wy);
void     jm_canvas_scroll_by            (JmCanvas           *self,
                                         double              dx,
                                         double              dy);
void     jm_canvas_scroll_to_rect       (JmCanvas           *self,
                                         const JmRect       *rect);
void     jm_canvas_set_hover            (JmCanvas           *self,
                                         const char         *id);
void     jm_canvas_selection_changed    (JmCanvas           *self);
void     jm_canvas_select_only          (JmCanvas           *self,
                                         const char         *id);
void     jm_canvas_toggle_selected      (JmCanvas           *self,
                                         const char         *id);
void     jm_canvas_set_focus_cell       (JmCanvas           *self,
                                         int                 stage,
                                         int                 lane,
                                         gboolean            visible);
void     jm_canvas_set_drop_feedback    (JmCanvas           *self,
                                         int                 stage,
                                         int                 lane,
                                         int                 index);
/* The selected elements that are cards, in canonical order: new array of borrowed JmCard*. */
GPtrArray *jm_canvas_dup_selected_cards (JmCanvas           *self);
/* The cards of the cell at layout position (stage, lane) (borrowed), or NULL. */
GPtrArray *jm_canvas_get_cell           (JmCanvas           *self,
                                         int                 stage,
                                         int                 lane);
/* The cell new cards and pastes go to: selected card, focused cell, selected stage/lane. */
gboolean jm_canvas_get_current_cell     (JmCanvas           *self,
                                         int                *stage,
                                         int                *lane,
                                         int                *index);
/* Applies a command through the history; warns (for developers) and returns FALSE if it
 * failed. */
gboolean jm_canvas_apply                (JmCanvas           *self,
                                         JmCommand          *command);
void     jm_canvas_update_actions       (JmCanvas           *self);

/* jm-canvas-input.c */
void     jm_canvas_input_init           (JmCanvas           *self);
void     jm_canvas_input_class_init     (JmCanvasClass      *klass);
/* Shared by the input files (jm-canvas-input.c, -pointer.c, -keys.c). */
void     jm_canvas_set_cursor           (JmCanvas           *self,
                                         const char         *name);
int      jm_canvas_hit_insertion_index  (const JmHit        *hit);
/* Click-to-connect: the card under the pointer becomes the connector's target. */
void     jm_canvas_update_connect_target (JmCanvas          *self);
/* Ends any drag in progress; with revert, undoes what it did (Escape). */
void     jm_canvas_cancel_drag          (JmCanvas           *self);
gboolean jm_canvas_is_dragging          (JmCanvas           *self);
gboolean jm_canvas_query_tooltip        (GtkWidget          *widget,
                                         int                 x,
                                         int                 y,
                                         gboolean            keyboard,
                                         GtkTooltip         *tooltip);
/* Moves the selected cards by keyboard: dstage −1/+1 or dindex −1/+1. */
void     jm_canvas_move_selection       (JmCanvas           *self,
                                         int                 dstage,
                                         int                 dindex);

/* jm-canvas-pointer.c */
void     jm_canvas_pointer_init         (JmCanvas           *self);
void     jm_canvas_drop_init            (JmCanvas           *self);

/* jm-canvas-keys.c */
void     jm_canvas_keys_init            (JmCanvas           *self);

/* jm-canvas-edit.c */
void     jm_canvas_edit_init            (JmCanvas           *self);
void     jm_canvas_edit_class_init      (JmCanvasClass      *klass);
void     jm_canvas_edit_dispose         (JmCanvas           *self);
/* Opens the editor over an element (card, stage, lane). */
void     jm_canvas_start_editing        (JmCanvas           *self,
                                         const char         *id);
/* Opens the editor for a new card of kind in (stage, lane) at index; the commit inserts it. */
void     jm_canvas_start_new_card       (JmCanvas           *self,
                                         JmCardKind          kind,
                                         int                 channel,
                                         int                 stage,
                                         int                 lane,
                                         int                 index,
                                         gboolean            keep_empty);
void     jm_canvas_commit_editing       (JmCanvas           *self);
void     jm_canvas_cancel_editing       (JmCanvas           *self);
/* Places the editor (from size_allocate). */
void     jm_canvas_allocate_children    (JmCanvas           *self,
                                         int                 width,
                                         int                 height);
/* Shows the context menu for what is at widget point (x, y). */
void     jm_canvas_popup_menu_at        (JmCanvas           *self,
                                         double              x,
                                         double              y);
/* Shows the label popover of a connection. */
void     jm_canvas_edit_connection_label (JmCanvas          *self,
                                          const char        *connection_id);
/* Adds a stage / lane at the end (or at index) and starts renaming it. */
void     jm_canvas_add_stage            (JmCanvas           *self,
                                         int                 index);
void     jm_canvas_add_lane             (JmCanvas           *self,
                                         int                 index);
/* Connects two cards (kind from their stages); FALSE if not possible. */
gboolean jm_canvas_connect_cards        (JmCanvas           *self,
                                         const char         *from_id,
                                         const char         *to_id);
/* Moves cards (ids) to (stage, lane) at insertion index (counted in the cell as it is, the
 * moved cards included) as one undo step. */
gboolean jm_canvas_move_cards           (JmCanvas           *self,
                                         GPtrArray          *ids,
                                         int                 stage,
                                         int                 lane,
                                         int                 index);
void     jm_canvas_update_editor_style  (JmCanvas           *self);

G_END_DECLS
