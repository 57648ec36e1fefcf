/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "jm-card-kind.h"

/* In JmCardKind order. Accents are Adwaita named colours (light, dark) and darker shades
 * that keep 4.5:1 on white (contrast). */
static const JmCardKindInfo kinds[JM_N_CARD_KINDS] = {
  { JM_CARD_KIND_BEHAVIOUR, "behaviour", N_("Behaviour"), "input-mouse-symbolic",
    JM_LANE_KIND_BEHAVIOUR, N_("Behaviour"),
    { 0x3584e4, 0x62a0ea, 0x1a5fb4 }, 0 },
  { JM_CARD_KIND_TOUCHPOINT, "touchpoint", N_("Touchpoint"), "mark-location-symbolic",
    JM_LANE_KIND_TOUCHPOINTS, N_("Touchpoints"),
    { 0x9141ac, 0xc061cb, 0x613583 }, JM_CARD_FIELD_CHANNEL | JM_CARD_FIELD_OWNERSHIP },
  { JM_CARD_KIND_CONCERN, "concern", N_("Concern"), "dialog-question-symbolic",
    JM_LANE_KIND_CONCERNS, N_("Concerns"),
    { 0xe5a50a, 0xf6d32d, 0x9c6e03 }, 0 },
  { JM_CARD_KIND_PAIN_POINT, "pain-point", N_("Pain point"), "dialog-warning-symbolic",
    JM_LANE_KIND_PAIN_POINTS, N_("Pain points"),
    { 0xe01b24, 0xf66151, 0xa51d2d }, 0 },
  { JM_CARD_KIND_EMOTION, "emotion", N_("Emotion"), "face-smile-symbolic",
    JM_LANE_KIND_EMOTIONS, N_("Emotions"),
    { 0xe66100, 0xffa348, 0xc64600 }, JM_CARD_FIELD_EMOTION },
  { JM_CARD_KIND_OPPORTUNITY, "opportunity", N_("Opportunity"), "starred-symbolic",
    JM_LANE_KIND_OPPORTUNITIES, N_("Opportunities"),
    { 0x26a269, 0x57e389, 0x1e7b4f }, JM_CARD_FIELD_RATING | JM_CARD_FIELD_OWNERSHIP },
  { JM_CARD_KIND_RESPONSIBILITY, "responsibility", N_("Responsibility"), "avatar-default-symbolic",
    JM_LANE_KIND_RESPONSIBILITIES, N_("Responsibilities"),
    { 0x986a44, 0xcdab8f, 0x63452c }, JM_CARD_FIELD_OWNERSHIP | JM_CARD_FIELD_OWNER_ALWAYS },
  { JM_CARD_KIND_CONTENT, "content", N_("Content"), "x-office-document-symbolic",
    JM_LANE_KIND_CONTENT, N_("Content"),
    { 0x2190a4, 0x5bc8d9, 0x0b6476 }, 0 },
  { JM_CARD_KIND_NOTE, "note", N_("Note"), "document-edit-symbolic",
    JM_LANE_KIND_CUSTOM, N_("Custom"),
    { 0x77767b, 0xc0bfbc, 0x000000 }, 0 },
};

const JmCardKindInfo *
jm_card_kind_get_info (JmCardKind kind)
{
  if ((guint) kind >= JM_N_CARD_KINDS)
    kind = JM_CARD_KIND_NOTE;
  return &kinds[kind];
}

const JmCardKindInfo *
jm_card_kind_lookup_nick (const char *nick)
{
  if (nick == NULL)
    return NULL;
  for (guint i = 0; i < JM_N_CARD_KINDS; i++)
    if (g_str_equal (kinds[i].nick, nick))
      return &kinds[i];
  return NULL;
}

const char *
jm_card_kind_get_label (JmCardKind kind)
{
  return _(jm_card_kind_get_info (kind)->label);
}

const char *
jm_card_kind_get_icon_name (JmCardKind kind)
{
  return jm_card_kind_get_info (kind)->icon_name;
}

JmCardFields
jm_card_kind_get_fields (JmCardKind kind)
{
  return jm_card_kind_get_info (kind)->fields;
}

gboolean
jm_card_kind_has_field (JmCardKind   kind,
                        JmCardFields field)
{
  return (jm_card_kind_get_fields (kind) & field) != 0;
}

const char *
jm_lane_kind_get_label (JmLaneKind kind)
{
  for (guint i = 0; i < JM_N_CARD_KINDS; i++)
    if (kinds[i].lane_kind == kind)
      return _(kinds[i].lane_label);
  return _("Custom");
}
