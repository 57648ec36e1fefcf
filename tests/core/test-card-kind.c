/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The card-kind table agrees with the enum, the lane kinds, the writer and the JSON schema. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "jm-core.h"
#include "jm-document-private.h"

static void
test_table_matches_enum (void)
{
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint k = 0; k < JM_N_CARD_KINDS; k++)
    {
      const JmCardKindInfo *info = jm_card_kind_get_info (k);

      g_assert_cmpint (info->kind, ==, k);
      g_assert_cmpstr (info->nick, ==, jm_enum_to_nick (JM_TYPE_CARD_KIND, k));
      g_assert_true (jm_card_kind_lookup_nick (info->nick) == info);
      g_assert_nonnull (info->icon_name);
      g_assert_true (g_str_has_suffix (info->icon_name, "-symbolic"));
      g_assert_cmpstr (jm_card_kind_get_label (k), !=, "");
      /* One label per kind, and no two kinds share one. */
      g_assert_false (g_hash_table_contains (labels, info->label));
      g_hash_table_add (labels, (gpointer) info->label);
      /* A typed lane holds exactly its own kind. */
      if (info->lane_kind != JM_LANE_KIND_CUSTOM)
        {
          g_assert_cmpint (jm_lane_kind_default_card_kind (info->lane_kind), ==, k);
          g_assert_true (jm_lane_kind_accepts (info->lane_kind, k));
        }
      g_assert_true (jm_lane_kind_accepts (JM_LANE_KIND_CUSTOM, k));
    }
  g_assert_null (jm_card_kind_lookup_nick ("no-such-kind"));
  g_assert_null (jm_card_kind_lookup_nick (NULL));
  /* Out of range falls back to note. */
  g_assert_cmpint (jm_card_kind_get_info (JM_N_CARD_KINDS + 3)->kind, ==, JM_CARD_KIND_NOTE);
  g_assert_cmpstr (jm_lane_kind_get_label (JM_LANE_KIND_PAIN_POINTS), ==, "Pain points");
  g_assert_cmpstr (jm_card_kind_get_label (JM_CARD_KIND_PAIN_POINT), ==, "Pain point");
}

static void
test_accents_distinct (void)
{
  for (guint t = 0; t < JM_CARD_KIND_N_THEMES; t++)
    for (guint a = 0; a < JM_N_CARD_KINDS; a++)
      for (guint b = a + 1; b < JM_N_CARD_KINDS; b++)
        g_assert_cmpuint (jm_card_kind_get_info (a)->accents[t], !=,
                          jm_card_kind_get_info (b)->accents[t]);
}

/* The schema's card and lane kind enums are the table's nicks, in order. */
static void
test_schema_enums (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "..", "..", "data",
                                            "journey-map.schema.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *defs;
  JsonArray *cards, *lanes;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  defs = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                        "$defs");
  cards = json_object_get_array_member (
      json_object_get_object_member (
          json_object_get_object_member (json_object_get_object_member (defs, "card"),
                                         "properties"), "kind"), "enum");
  lanes = json_object_get_array_member (
      json_object_get_object_member (
          json_object_get_object_member (json_object_get_object_member (defs, "lane"),
                                         "properties"), "kind"), "enum");

  g_assert_cmpuint (json_array_get_length (cards), ==, JM_N_CARD_KINDS);
  for (guint k = 0; k < JM_N_CARD_KINDS; k++)
    g_assert_cmpstr (json_array_get_string_element (cards, k), ==, jm_card_kind_get_info (k)->nick);
  for (guint l = 0; l < json_array_get_length (lanes); l++)
    {
      int v = -1;

      g_assert_true (jm_enum_from_nick (JM_TYPE_LANE_KIND, json_array_get_string_element (lanes, l),
                                        &v));
      g_assert_cmpint (v, ==, l);
    }
}

/* What the writer writes for a kind is what the table says its fields are. */
static void
test_writer_follows_fields (void)
{
  for (guint k = 0; k < JM_N_CARD_KINDS; k++)
    {
      g_autoptr(JmDocument) doc = jm_document_new ();
      g_autoptr(JmStage) stage = jm_stage_new ("s1", "Stage");
      g_autoptr(JmLane) lane = jm_lane_new ("l1", JM_LANE_KIND_CUSTOM, "Lane");
      g_autoptr(JmCard) card = jm_card_new ("c1", k, "s1", "l1", "Text");
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      const char *json;
      JmCardFields fields = jm_card_kind_get_fields (k);

      g_assert_true (_jm_document_insert (doc, JM_ELEMENT (stage), -1, &error));
      g_assert_true (_jm_document_insert (doc, JM_ELEMENT (lane), -1, &error));
      g_assert_true (_jm_document_insert (doc, JM_ELEMENT (card), -1, &error));
      g_assert_no_error (error);
      bytes = jm_json_save_bytes (doc);
      json = g_bytes_get_data (bytes, NULL);

      g_assert_true ((strstr (json, "\"channel\"") != NULL) ==
                     ((fields & JM_CARD_FIELD_CHANNEL) != 0));
      g_assert_true ((strstr (json, "\"score\"") != NULL) ==
                     ((fields & JM_CARD_FIELD_EMOTION) != 0));
      g_assert_true ((strstr (json, "\"impact\"") != NULL) ==
                     ((fields & JM_CARD_FIELD_RATING) != 0));
      g_assert_true ((strstr (json, "\"owner\"") != NULL) ==
                     ((fields & JM_CARD_FIELD_OWNER_ALWAYS) != 0));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/card-kind/table-matches-enum", test_table_matches_enum);
  g_test_add_func ("/card-kind/accents-distinct", test_accents_distinct);
  g_test_add_func ("/card-kind/schema-enums", test_schema_enums);
  g_test_add_func ("/card-kind/writer-follows-fields", test_writer_follows_fields);

  return g_test_run ();
}
