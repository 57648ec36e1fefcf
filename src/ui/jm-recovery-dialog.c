/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The maps a crash left unsaved, offered at the next start (see jm-recovery.h for the files
 * and jm-window-autosave.c for how they are written). */
#define G_LOG_DOMAIN "jm-recovery-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-application.h"
#include "jm-recovery-dialog.h"
#include "jm-window-private.h"

struct _JmRecoveryDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkListBox      *list_box;

  /* Owned */
  GPtrArray       *entries;   /* of JmRecoveryEntry, in the order of the rows */

  guint            activate_when_done : 1;
};

G_DEFINE_FINAL_TYPE (JmRecoveryDialog, jm_recovery_dialog, ADW_TYPE_WINDOW)

#define ROW_ID_KEY "jm-recovery-id"

static int
find_entry (JmRecoveryDialog *self,
            const char       *id)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      const JmRecoveryEntry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (entry->id, id) == 0)
        return (int) i;
    }

  return -1;
}

static void
show_toast (JmRecoveryDialog *self,
            const char       *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);   /* an error: stays until read */
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* "Today at 10:42", or the date and time. */
static char *
format_time (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (local, "%R");

  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: %s is a time of day, e.g. 10:42 */
    return g_strdup_printf (_("Today at %s"), time);

  {
    g_autofree char *date = g_date_time_format (local, "%x");

    /* Translators: the first %s is a date, the second a time of day */
    return g_strdup_printf (_("%s at %s"), date, time);
  }
}

static char *
dup_location (const JmRecoveryEntry *entry)
{
  g_autofree char *basename = NULL;

  if (entry->error != NULL)
    return g_strdup (_("Original file unknown"));
  if (entry->original == NULL)
    return g_strdup (_("Never saved"));

  basename = g_file_get_basename (entry->original);
  if (basename == NULL)
    return g_file_get_parse_name (entry->original);

  return g_filename_display_name (basename);
}

static GtkWidget *
make_row (const JmRecoveryEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *open_button;
  GtkWidget *discard_button;
  g_autofree char *location = dup_location (entry);
  g_autofree char *time = format_time (entry->saved);
  g_autofree char *subtitle = NULL;
  const char *title = entry->title;

  if (title == NULL || title[0] == '\0')
    title = _("Untitled Map");

  /* Translators: where the map lives and when its unsaved changes were last kept,
   * e.g. "onboarding.journey.json — Today at 10:42" */
  subtitle = g_strdup_printf (_("%s — %s"), location, time);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (entry->original != NULL)
    {
      g_autofree char *parse_name = g_file_get_parse_name (entry->original);

      gtk_widget_set_tooltip_text (row, parse_name);
    }

  discard_button = gtk_button_new_with_mnemonic (_("_Discard"));
  gtk_widget_set_valign (discard_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (discard_button, "destructive-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (discard_button), "recovery.discard");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (discard_button), "s", entry->id);
  gtk_widget_set_name (discard_button, "discard");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), discard_button);

  open_button = gtk_button_new_with_mnemonic (_("_Open"));
  gtk_widget_set_valign (open_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (open_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open_button), "recovery.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (open_button), "s", entry->id);
  gtk_widget_set_name (open_button, "open");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), open_button);

  g_object_set_data_full (G_OBJECT (row), ROW_ID_KEY, g_strdup (entry->id), g_free);

  return row;
}

/* Takes the entry off the list; closes the dialog once nothing is left. */
static void
remove_entry (JmRecoveryDialog *self,
              const char       *id)
{
  int index = find_entry (self, id);
  GtkWidget *child;

  if (index >= 0)
    g_ptr_array_remove_index (self->entries, (guint) index);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), ROW_ID_KEY), id) == 0)
        {
          gtk_list_box_remove (self->list_box, child);
          break;
        }
    }

  if (self->entries->len == 0)
    gtk_window_close (GTK_WINDOW (self));
}

GtkWindow *
jm_recovery_dialog_open (JmRecoveryDialog *self,
                         const char       *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JmDocument) document = NULL;
  g_autoptr(JmRecoveryEntry) entry = NULL;
  GtkApplication *application;
  GtkWindow *window;
  int index;
  int fd;

  g_return_val_if_fail (JM_IS_RECOVERY_DIALOG (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  index = find_entry (self, id);
  if (index < 0)
    return NULL;
  entry = jm_recovery_entry_copy (g_ptr_array_index (self->entries, (guint) index));

  application = gtk_window_get_application (GTK_WINDOW (self));
  g_return_val_if_fail (application != NULL, NULL);

  /* Claim it first: another instance started at the same time may be opening it too. */
  fd = jm_recovery_lock (entry->id, &error);
  if (fd < 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
        {
          show_toast (self, _("Another Journey Maps window has already opened this map"));
          remove_entry (self, entry->id);
        }
      else
        {
          show_toast (self, error->message);
        }
      return NULL;
    }

  document = jm_recovery_load (entry, &error);
  if (document == NULL)
    {
      /* Left on disk: Discard is still there, and nothing is lost by trying again later. */
      jm_recovery_unlock (fd);
      show_toast (self, error->message);
      return NULL;
    }

  if (JM_IS_APPLICATION (application))
    {
      window = jm_application_open_document (JM_APPLICATION (application), document,
                                             entry->original);
    }
  else
    {
      window = GTK_WINDOW (jm_window_new (application, document, entry->original));
      gtk_window_present (window);
    }

  /* The window keeps the copy (and its lock) until the map is saved or discarded. */
  jm_window_autosave_adopt (JM_WINDOW (window), entry->id, fd, entry->saved);

  remove_entry (self, entry->id);

  return window;
}

void
jm_recovery_dialog_discard (JmRecoveryDialog *self,
                            const char       *id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owned_id = NULL;

  g_return_if_fail (JM_IS_RECOVERY_DIALOG (self));
  g_return_if_fail (id != NULL);

  if (find_entry (self, id) < 0)
    return;

  /* id may belong to the row about to go. */
  owned_id = g_strdup (id);

  if (!jm_recovery_discard (owned_id, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
    {
      show_toast (self, error->message);
      return;
    }

  /* Discarded, or claimed by another instance meanwhile: not ours to offer either way. */
  remove_entry (self, owned_id);
}

guint
jm_recovery_dialog_get_n_entries (JmRecoveryDialog *self)
{
  g_return_val_if_fail (JM_IS_RECOVERY_DIALOG (self), 0);

  return self->entries->len;
}

const JmRecoveryEntry *
jm_recovery_dialog_get_entry (JmRecoveryDialog *self,
                              guint             index)
{
  g_return_val_if_fail (JM_IS_RECOVERY_DIALOG (self), NULL);

  if (index >= self->entries->len)
    return NULL;

  return g_ptr_array_index (self->entries, index);
}

static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  /* Opening the last map closes the dialog. */
  g_autoptr(JmRecoveryDialog) self = g_object_ref (JM_RECOVERY_DIALOG (widget));
  GtkWindow *window;

  window = jm_recovery_dialog_open (self, g_variant_get_string (param, NULL));

  /* More to decide: keep the dialog in front of the new window. */
  if (window != NULL && self->entries->len > 0)
    gtk_window_present (GTK_WINDOW (self));
}

static void
discard_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  jm_recovery_dialog_discard (JM_RECOVERY_DIALOG (widget), g_variant_get_string (param, NULL));
}

/* At startup */

static gboolean
has_map_window (GtkApplication *application)
{
  for (const GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    {
      if (JM_IS_WINDOW (l->data))
        return TRUE;
    }

  return FALSE;
}

static void
activate_cb (gpointer user_data)
{
  g_autoptr(GtkApplication) application = user_data;

  g_application_activate (G_APPLICATION (application));
  g_application_release (G_APPLICATION (application));
}

gboolean
jm_recovery_dialog_show_at_startup (GtkApplication *application,
                                    gboolean        activate_when_done)
{
  static const char *checked_key = "jm-recovery-checked";
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  JmRecoveryDialog *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), FALSE);

  if (g_object_get_data (G_OBJECT (application), checked_key) != NULL)
    return FALSE;
  g_object_set_data (G_OBJECT (application), checked_key, GINT_TO_POINTER (TRUE));

  entries = jm_recovery_list (&error);
  if (entries == NULL)
    {
      g_warning ("Could not look for maps to recover: %s", error->message);
      return FALSE;
    }
  if (entries->len == 0)
    return FALSE;

  self = jm_recovery_dialog_new (application, entries);
  self->activate_when_done = !!activate_when_done;
  gtk_window_present (GTK_WINDOW (self));

  return TRUE;
}

/* GObject */

JmRecoveryDialog *
jm_recovery_dialog_new (GtkApplication *application,
                        GPtrArray      *entries)
{
  JmRecoveryDialog *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (entries != NULL, NULL);

  self = g_object_new (JM_TYPE_RECOVERY_DIALOG,
                       "application", application,
                       NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      const JmRecoveryEntry *entry = g_ptr_array_index (entries, i);

      g_ptr_array_add (self->entries, jm_recovery_entry_copy (entry));
      gtk_list_box_append (self->list_box, make_row (entry));
    }

  return self;
}

static gboolean
jm_recovery_dialog_close_request (GtkWindow *window)
{
  JmRecoveryDialog *self = JM_RECOVERY_DIALOG (window);
  GtkApplication *application = gtk_window_get_application (window);

  /* Whatever is left stays on disk for the next start. Make sure the user is not left with
   * no window at all: with no map open, activate again (the sample map) once this dialog is
   * gone. Held, or the application could quit in between. */
  if (self->activate_when_done && application != NULL && !has_map_window (application))
    {
      g_application_hold (G_APPLICATION (application));
      g_idle_add_once (activate_cb, g_object_ref (application));
    }
  self->activate_when_done = FALSE;

  return GTK_WINDOW_CLASS (jm_recovery_dialog_parent_class)->close_request (window);
}

static void
jm_recovery_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), JM_TYPE_RECOVERY_DIALOG);

  G_OBJECT_CLASS (jm_recovery_dialog_parent_class)->dispose (object);
}

static void
jm_recovery_dialog_finalize (GObject *object)
{
  JmRecoveryDialog *self = JM_RECOVERY_DIALOG (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (jm_recovery_dialog_parent_class)->finalize (object);
}

static void
jm_recovery_dialog_class_init (JmRecoveryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = jm_recovery_dialog_dispose;
  object_class->finalize = jm_recovery_dialog_finalize;
  window_class->close_request = jm_recovery_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/journeymaps/JourneyMaps/jm-recovery-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JmRecoveryDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JmRecoveryDialog, list_box);

  gtk_widget_class_install_action (widget_class, "recovery.open", "s", open_action_cb);
  gtk_widget_class_install_action (widget_class, "recovery.discard", "s", discard_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jm_recovery_dialog_init (JmRecoveryDialog *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) jm_recovery_entry_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}
