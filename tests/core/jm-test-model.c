/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers of the model tests (see jm-test-model.h). */
#include "config.h"

#include "jm-test-model.h"

void
insert_ok (JmDocument *doc,
           gpointer    element,
           int         index)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = _jm_document_insert (doc, JM_ELEMENT (element), index, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_object_unref (element);
}

void
set_ok (JmDocument   *doc,
        gpointer      element,
        const char   *property,
        const GValue *value)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = _jm_document_set_property (doc, element, property, value, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

gboolean
set_int (JmDocument  *doc,
         gpointer     element,
         const char  *property,
         int          v,
         GError     **error)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, v);
  return _jm_document_set_property (doc, element, property, &value, error);
}

gboolean
set_string (JmDocument  *doc,
            gpointer     element,
            const char  *property,
            const char  *v,
            GError     **error)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, v);
  return _jm_document_set_property (doc, element, property, &value, error);
}

/* Two stages × two lanes (behaviour, emotions) and a custom lane. */
JmDocument *
new_grid (void)
{
  JmDocument *doc = jm_document_new ();

  insert_ok (doc, jm_stage_new ("s1", "Awareness"), -1);
  insert_ok (doc, jm_stage_new ("s2", "Consideration"), -1);
  insert_ok (doc, jm_lane_new ("l1", JM_LANE_KIND_BEHAVIOUR, "Behaviour"), -1);
  insert_ok (doc, jm_lane_new ("l2", JM_LANE_KIND_EMOTIONS, "Emotions"), -1);
  insert_ok (doc, jm_lane_new ("l3", JM_LANE_KIND_CUSTOM, "Notes"), -1);

  return doc;
}

const char *
card_id_at (GPtrArray *cards,
            guint      i)
{
  return jm_element_get_id (g_ptr_array_index (cards, i));
}

/* Tests */
