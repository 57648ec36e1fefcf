/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "jm-types.h"
#include "model/jm-card-kind.h"

JmCardKind
jm_lane_kind_default_card_kind (JmLaneKind lane_kind)
{
  for (guint i = 0; i < JM_N_CARD_KINDS; i++)
    if (jm_card_kind_get_info (i)->lane_kind == lane_kind)
      return i;
  return JM_CARD_KIND_NOTE;
}

gboolean
jm_lane_kind_accepts (JmLaneKind lane_kind,
                      JmCardKind card_kind)
{
  if (lane_kind == JM_LANE_KIND_CUSTOM)
    return TRUE;
  return jm_lane_kind_default_card_kind (lane_kind) == card_kind;
}

const char *
jm_enum_to_nick (GType enum_type,
                 int   value)
{
  GEnumClass *klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value (klass, value);
  const char *nick = ev != NULL ? ev->value_nick : NULL;

  /* Enum classes are never freed once referenced: the nick stays valid. */
  g_type_class_unref (klass);
  return nick;
}

gboolean
jm_enum_from_nick (GType       enum_type,
                   const char *nick,
                   int        *value)
{
  GEnumClass *klass;
  GEnumValue *ev;

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value_by_nick (klass, nick);
  if (ev != NULL && value != NULL)
    *value = ev->value;
  g_type_class_unref (klass);
  return ev != NULL;
}
