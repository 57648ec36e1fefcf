/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JmPanel: base of the side panels (emotions, opportunities, responsibilities, roles,
 * inspector, checks).
 *
 * A panel shows the document of a JmHistory and edits it only through that history: every edit
 * is a command. It follows the document's "changed" signal (structural changes queue one
 * rebuild at idle time; property changes reach the row editors through the elements' notify)
 * and the canvas' selection, and asks the canvas to select and scroll to elements.
 *
 * Property editors (jm_panel_bind_*) tie an ordinary widget to one property of one or several
 * elements: the widget shows the model's value (and follows it), and a user edit becomes a set
 * command (a group of them for several elements). Several elements that disagree show an
 * empty/unselected value. Text edits merge into one undo step while typing (one element) or
 * are applied on Enter / focus out (several elements). */
#pragma once

#include <adwaita.h>

#include "jm-canvas.h"

G_BEGIN_DECLS

#define JM_TYPE_PANEL (jm_panel_get_type ())
G_DECLARE_DERIVABLE_TYPE (JmPanel, jm_panel, JM, PANEL, AdwBin)

struct _JmPanelClass
{
  AdwBinClass parent_class;

  /* Rebuild everything from the document (which may be NULL). Called when the history is set,
   * and at idle time after jm_panel_queue_reload(). */
  void (*reload)            (JmPanel      *self);
  /* One JmDocument::changed emission. The default queues a reload on structural changes
   * (inserted, removed, moved) and ignores property changes. */
  void (*document_changed)  (JmPanel      *self,
                             JmChangeType  type,
                             JmElement    *element,
                             const char   *property);
  /* The canvas selection changed. */
  void (*selection_changed) (JmPanel      *self);
};

JmHistory  *jm_panel_get_history        (JmPanel    *self);
void        jm_panel_set_history        (JmPanel    *self,
                                         JmHistory  *history);
JmCanvas   *jm_panel_get_canvas         (JmPanel    *self);
void        jm_panel_set_canvas         (JmPanel    *self,
                                         JmCanvas   *canvas);
/* Borrowed; NULL without a history. */
JmDocument *jm_panel_get_document       (JmPanel    *self);

/* Runs reload at idle time (once, however often it is queued). */
void        jm_panel_queue_reload       (JmPanel    *self);
/* Runs a queued reload now, if any. */
void        jm_panel_flush              (JmPanel    *self);

/* Applies command (transfer full) through the history. FALSE (and a warning for developers) if
 * it failed or there is no history. */
gboolean    jm_panel_apply              (JmPanel    *self,
                                         JmCommand  *command);
/* Applies commands (transfer full) as one undo step labelled like the first one. An empty array
 * does nothing and returns TRUE. */
gboolean    jm_panel_apply_all          (JmPanel    *self,
                                         GPtrArray  *commands);

/* Selects these elements on the canvas and scrolls to the first. */
void        jm_panel_show_elements      (JmPanel            *self,
                                         const char * const *ids);
void        jm_panel_show_element       (JmPanel    *self,
                                         const char *id);
/* The canvas selection (never NULL). */
char      **jm_panel_dup_selection      (JmPanel    *self);
/* The selected cards, in canonical order: new array of new references. */
GPtrArray  *jm_panel_dup_selected_cards (JmPanel    *self);
/* The stage the canvas selection points at: a selected stage, else the stage of the first
 * selected card (canonical order), else NULL. Borrowed. */
JmStage    *jm_panel_get_selected_stage (JmPanel    *self);
/* The first lane of the given kind, or NULL. Borrowed. */
JmLane     *jm_panel_find_lane          (JmPanel    *self,
                                         JmLaneKind  kind);

/* Property editors. elements: a borrowed array of the elements to edit (one or more, all of
 * a class that has property); the editor keeps its own references. */
void        jm_panel_bind_text          (JmPanel    *self,
                                         GtkEditable *editable,
                                         GPtrArray  *elements,
                                         const char *property);
/* A multi-line GtkTextView; applied while typing (merged) for one element. */
void        jm_panel_bind_text_view     (JmPanel    *self,
                                         GtkTextView *view,
                                         GPtrArray  *elements,
                                         const char *property);
void        jm_panel_bind_int           (JmPanel    *self,
                                         GtkSpinButton *spin,
                                         GPtrArray  *elements,
                                         const char *property);
/* GtkSwitch, GtkCheckButton or GtkToggleButton ("active"). */
void        jm_panel_bind_bool          (JmPanel    *self,
                                         GtkWidget  *widget,
                                         GPtrArray  *elements,
                                         const char *property);
/* GtkDropDown or AdwComboRow ("selected") over a list of the enum's values in order. */
void        jm_panel_bind_enum          (JmPanel    *self,
                                         GObject    *dropdown,
                                         GPtrArray  *elements,
                                         const char *property);
/* GtkColorButton; reset (optional) sets the color back to "" (theme default). */
void        jm_panel_bind_color         (JmPanel    *self,
                                         GtkColorButton *button,
                                         GtkWidget  *reset,
                                         GPtrArray  *elements,
                                         const char *property);
/* GtkDropDown or AdwComboRow over jm_panel_department_model_new() ("department" property). */
void        jm_panel_bind_department    (JmPanel    *self,
                                         GObject    *dropdown,
                                         GPtrArray  *elements);

/* A list of JmDepartment: a "None" item, then the document's departments (live). Use
 * jm_panel_department_expression() to show their names. */
GListModel *jm_panel_department_model_new  (JmDocument *document);
/* Likewise for roles, with a "None" item first. */
GListModel *jm_panel_role_model_new        (JmDocument *document);
/* "name" of a JmDepartment or JmRole. */
GtkExpression *jm_panel_name_expression    (GType       type);

/* Labels of the enum values, in order, as a GtkStringList. */
GListModel *jm_panel_enum_model_new     (GType       enum_type);
const char *jm_panel_role_kind_label       (JmRoleKind       kind);
const char *jm_panel_connection_kind_label (JmConnectionKind kind);

/* A card's text for a list: first line, or "Untitled card". New string. */
char       *jm_panel_dup_card_title     (JmCard     *card);
/* A stage's title, or "Stage N". New string. */
char       *jm_panel_dup_stage_title    (JmDocument *document,
                                         const char *stage_id);
/* A small round swatch of a "#rrggbb" color ("" = a neutral grey). */
GtkWidget  *jm_panel_swatch_new         (const char *color);
void        jm_panel_swatch_set_color   (GtkWidget  *swatch,
                                         const char *color);
/* "#rrggbb" of a GdkRGBA. New string. */
char       *jm_panel_rgba_to_hex        (const GdkRGBA *rgba);
/* A pleasant color for the n-th new department or role ("#rrggbb", static). */
const char *jm_panel_palette_color      (guint       n);

/* One element as a borrowed array (for the jm_panel_bind_* calls). */
GPtrArray  *jm_panel_single             (gpointer    element);

/* Removes every child of a GtkBox / GtkListBox / GtkFlowBox. */
void        jm_panel_remove_all         (GtkWidget  *container);

/* For a panel's dispose: drops the template's widgets (type: the panel's own type). */
void        jm_panel_dispose_template   (JmPanel    *self,
                                         GType       type);
/* Whether shown holds the items of model (NULL: none), the same objects in the same order. */
gboolean    jm_panel_same_items         (GPtrArray  *shown,
                                         GListModel *model);
/* The editors of a named element (JmDepartment, JmRole): a colour button ("color") and a name
 * entry ("name"), appended to box. Returns the name entry. */
GtkWidget  *jm_panel_append_name_editors (JmPanel    *self,
                                          GtkBox     *box,
                                          gpointer    element,
                                          const char *placeholder,
                                          const char *accessible_label);
/* Runs a queued reload, then focuses the name entry of row index of list (the row's
 * "jm-name-entry" data, if any) with its text selected: renaming an element just added. */
void        jm_panel_focus_row_name     (JmPanel    *self,
                                         GtkListBox *list,
                                         guint       index);

G_END_DECLS
