#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "core/flags/flag_set.hpp"

using flagport::flags::kNoSlot;
using flagport::flags::load_flag_set;
using flagport::flags::LoadResult;

namespace {

bool has_error(const LoadResult& result, const std::string& path, const std::string& fragment) {
  for (const auto& e : result.errors) {
    if (e.path == path && e.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a valid flag set loads with its flags in document order and merged metadata") {
  const auto result = load_flag_set(R"({
    "flags": {
      "zeta": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on",
               "metadata": {"owner": "web"}},
      "alpha": {"state": "DISABLED", "variants": {"a": 1}, "defaultVariant": null, "targeting": {}}
    },
    "metadata": {"owner": "core", "flagSetId": "s1"}
  })");
  REQUIRE(result.ok());
  const auto& set = *result.flag_set;
  REQUIRE(set.flags().size() == 2);
  CHECK(set.flags()[0].key == "zeta");
  CHECK(set.find("zeta")->metadata == nlohmann::ordered_json::parse(R"({"owner":"web","flagSetId":"s1"})"));
  CHECK(set.find("alpha")->targeting == nullptr);
  CHECK_FALSE(set.find("alpha")->enabled);
  CHECK_FALSE(set.find("alpha")->default_variant);
  CHECK(set.find("nope") == nullptr);
}

TEST_CASE("an empty defaultVariant means none, as in flagd-core") {
  const auto result = load_flag_set(R"({"flags":{"f":{"state":"ENABLED","variants":{"a":1},"defaultVariant":""}}})");
  REQUIRE(result.ok());
  CHECK_FALSE(result.flag_set->find("f")->default_variant);
}

TEST_CASE("structural errors are reported with JSON pointers, all of them") {
  const auto result = load_flag_set(R"({
    "flags": {
      "bad/state": {"state": "ON", "variants": {"a": 1}},
      "no-variants": {"state": "ENABLED", "variants": {}},
      "bad-default": {"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "b"},
      "bad-targeting": {"state": "ENABLED", "variants": {"a": 1}, "targeting": "a"},
      "bad-metadata": {"state": "ENABLED", "variants": {"a": 1}, "metadata": []}
    }
  })");
  CHECK_FALSE(result.ok());
  CHECK(has_error(result, "/flags/bad~1state/state", "ENABLED"));
  CHECK(has_error(result, "/flags/no-variants/variants", "non-empty"));
  CHECK(has_error(result, "/flags/bad-default/defaultVariant", "no variant"));
  CHECK(has_error(result, "/flags/bad-targeting/targeting", "JsonLogic"));
  CHECK(has_error(result, "/flags/bad-metadata/metadata", "object"));
  CHECK(result.errors.size() == 5);
}

TEST_CASE("documents that are not flag sets are refused") {
  CHECK(has_error(load_flag_set("{"), "", "JSON"));
  CHECK(has_error(load_flag_set("[]"), "", "object"));
  CHECK(has_error(load_flag_set(R"({"flags":[]})"), "/flags", "object"));
}

TEST_CASE("unknown operators refuse the set at the operator's path") {
  const auto result = load_flag_set(R"({"flags":{"f":{"state":"ENABLED","variants":{"a":1},
    "targeting":{"if":[{"log":["x"]},"a",{"and":[{"val":"x"}]}]}}}})");
  CHECK(has_error(result, "/flags/f/targeting/if/0", "unknown operator 'log'"));
  CHECK(result.errors.size() == 1);
}

TEST_CASE("every operator flagd-core's engine has is accepted, inherited names included") {
  const auto result = load_flag_set(R"({"flags":{"f":{"state":"ENABLED","variants":{"a":1},
    "targeting":{"try":[{"pipe":[{"val":["x"]},{"get":[{"var":""},"y"]}]},{"throw":{"exists":"type"}},
      {"length":{"keys":[{"eachKey":{"var":1,"other":{"preserve":{"toString":[]}}}}]}}]}}}})");
  CHECK(result.ok());
}

TEST_CASE("the operator is the first key in JS order, as flagd-core finds it") {
  // Object.keys puts "1" before "var": flagd-core looks for an operator named "1"
  const auto result = load_flag_set(R"({"flags":{"f":{"state":"ENABLED","variants":{"a":1},
    "targeting":{"eachKey":{"var":"x","1":2}}}}})");
  CHECK(has_error(result, "/flags/f/targeting/eachKey", "unknown operator '1'"));
}

TEST_CASE("$ref expands $evaluators, nested ones included") {
  const auto result = load_flag_set(R"({
    "$evaluators": {
      "isPro": {"==": [{"var": "plan"}, "pro"]},
      "proAdmin": {"and": [{"$ref": "isPro"}, {"var": "admin"}]}
    },
    "flags": {"f": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
                    "targeting": {"if": [{"$ref": "proAdmin"}, "on", "off"]}}}
  })");
  REQUIRE(result.ok());
  CHECK(result.flag_set->find("f")->targeting != nullptr);
}

TEST_CASE("unknown and cyclic $ref are refused") {
  const auto unknown = load_flag_set(R"({"flags":{"f":{"state":"ENABLED","variants":{"a":1},
    "targeting":{"if":[{"$ref":"nope"},"a",null]}}}})");
  CHECK(has_error(unknown, "/flags/f/targeting/if/0", "unknown $ref 'nope'"));
  const auto cyclic = load_flag_set(R"({"$evaluators":{"a":{"!":{"$ref":"b"}},"b":{"!":{"$ref":"a"}}},
    "flags":{"f":{"state":"ENABLED","variants":{"a":1},"targeting":{"if":[{"$ref":"a"},"a",null]}}}})");
  CHECK(has_error(cyclic, "/$evaluators/b/!", "cyclic $ref 'a' -> 'b' -> 'a'"));
}

TEST_CASE("the context attributes the rules read are collected for decoding") {
  const auto result = load_flag_set(R"({"flags":{"f":{"state":"ENABLED","variants":{"a":1},
    "targeting":{"if":[{"==":[{"var":"user.plan"},"pro"]},"a",{"filter":[{"var":"tags"},{"var":"x"}]}]}}}})");
  REQUIRE(result.ok());
  const auto& needs = result.flag_set->context_needs();
  CHECK_FALSE(needs.everything);
  CHECK(needs.keys == std::vector<std::string>{"tags", "targetingKey", "user"});
}

TEST_CASE("keys named by many flags are gathered once, and every key keeps its slot") {
  // 300 flags: each reads "plan" and one of 40 other keys, enough to grow the index of
  // the keys gathered so far several times
  std::string flags;
  for (int i = 0; i < 300; ++i) {
    flags += (i ? "," : "") + std::string(R"("f)") + std::to_string(i) + R"(":{"state":"ENABLED","variants":{"a":1},)" +
             R"("targeting":{"if":[{"==":[{"var":"plan"},{"var":"k)" + std::to_string(i % 40) + R"("}]},"a",null]}})";
  }
  const auto result = load_flag_set(R"({"flags":{)" + flags + "}}");
  REQUIRE(result.ok());
  const auto& needs = result.flag_set->context_needs();
  REQUIRE(needs.keys.size() == 42);  // plan, targetingKey, k0 ... k39
  CHECK(std::is_sorted(needs.keys.begin(), needs.keys.end()));
  for (std::size_t slot = 0; slot < needs.keys.size(); ++slot) CHECK(needs.slot(needs.keys[slot]) == slot);
  CHECK(needs.slot("k40") == kNoSlot);
}
