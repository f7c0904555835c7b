#include <doctest/doctest.h>

#include "core/flags/evaluation.hpp"

using namespace flagport::flags;
using Json = nlohmann::ordered_json;

namespace {

const char* kFlags = R"({
  "flags": {
    "static": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"},
    "targeted": {"state": "ENABLED", "variants": {"pro": "gold", "free": "grey"}, "defaultVariant": "free",
                 "targeting": {"if": [{"==": [{"var": "plan"}, "pro"]}, "pro", null]},
                 "metadata": {"owner": "billing"}},
    "no-default": {"state": "ENABLED", "variants": {"a": 1}},
    "no-default-targeted": {"state": "ENABLED", "variants": {"a": 1}, "targeting": {"var": "pick"}},
    "disabled": {"state": "DISABLED", "variants": {"a": 1}, "defaultVariant": "a"},
    "throws": {"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a", "targeting": {"/": [{"var": "n"}, 0]}},
    "typed": {"state": "ENABLED", "variants": {"int": 3, "float": 2.5, "obj": {"k": 1}, "arr": [1], "nil": null,
                                               "true": "yes"},
              "defaultVariant": "int", "targeting": {"var": "v"}}
  },
  "metadata": {"flagSetId": "s1", "owner": "core"}
})";

struct Fixture {
  FlagSet set = std::move(*load_flag_set(kFlags).flag_set);
  Resolution eval(std::string_view key, std::string_view context, ValueType type) {
    auto decoded = decode_context(context, &set.context_needs());
    REQUIRE(decoded.context);
    return evaluate(set, key, *decoded.context, type, 1700000000);
  }
};

}  // namespace

TEST_CASE_FIXTURE(Fixture, "a flag without targeting is STATIC with its default variant") {
  const auto r = eval("static", "{}", ValueType::Boolean);
  CHECK(r.reason == Reason::Static);
  CHECK(*r.variant == "on");
  CHECK(*r.value == Json(true));
  CHECK(*r.metadata == Json::parse(R"({"flagSetId":"s1","owner":"core"})"));
}

TEST_CASE_FIXTURE(Fixture, "matching targeting is TARGETING_MATCH; a null result falls back to DEFAULT") {
  const auto hit = eval("targeted", R"({"plan":"pro"})", ValueType::String);
  CHECK(hit.reason == Reason::TargetingMatch);
  CHECK(*hit.value == Json("gold"));
  CHECK(*hit.metadata == Json::parse(R"({"flagSetId":"s1","owner":"billing"})"));
  const auto miss = eval("targeted", R"({"plan":"free"})", ValueType::String);
  CHECK(miss.reason == Reason::Default);
  CHECK(*miss.variant == "free");
}

TEST_CASE_FIXTURE(Fixture, "no variant and no default answers DEFAULT with the caller's value") {
  for (const char* key : {"no-default", "no-default-targeted"}) {
    const auto r = eval(key, "{}", ValueType::Integer);
    CHECK(r.reason == Reason::Default);
    CHECK(r.value == nullptr);
    CHECK_FALSE(r.variant);
    CHECK(r.error_code == ErrorCode::None);
  }
}

TEST_CASE_FIXTURE(Fixture, "a targeting result names its variant through JS String()") {
  const auto r = eval("typed", R"({"v":true})", ValueType::String);
  CHECK(*r.variant == "true");
  CHECK(*r.value == Json("yes"));
  const auto missing = eval("no-default-targeted", R"({"pick":"b"})", ValueType::Integer);
  CHECK(missing.reason == Reason::Error);
  CHECK(missing.error_code == ErrorCode::General);
}

TEST_CASE_FIXTURE(Fixture, "unknown, disabled and throwing flags") {
  const auto unknown = eval("nope", "{}", ValueType::Boolean);
  CHECK(unknown.error_code == ErrorCode::FlagNotFound);
  CHECK(*unknown.metadata == Json::parse(R"({"flagSetId":"s1","owner":"core"})"));
  const auto disabled = eval("disabled", "{}", ValueType::Integer);
  CHECK(disabled.reason == Reason::Disabled);
  CHECK(disabled.value == nullptr);
  const auto thrown = eval("throws", R"({"n":1})", ValueType::Integer);
  CHECK(thrown.reason == Reason::Error);
  CHECK(thrown.error_code == ErrorCode::General);
}

TEST_CASE_FIXTURE(Fixture, "typed evaluation: integers, floats, objects (arrays and null included)") {
  CHECK(eval("typed", R"({"v":"int"})", ValueType::Integer).error_code == ErrorCode::None);
  CHECK(eval("typed", R"({"v":"float"})", ValueType::Integer).error_code == ErrorCode::TypeMismatch);
  CHECK(eval("typed", R"({"v":"int"})", ValueType::Float).error_code == ErrorCode::None);
  CHECK(eval("typed", R"({"v":"obj"})", ValueType::Object).error_code == ErrorCode::None);
  CHECK(eval("typed", R"({"v":"arr"})", ValueType::Object).error_code == ErrorCode::None);
  CHECK(eval("typed", R"({"v":"nil"})", ValueType::Object).error_code == ErrorCode::None);
  const auto mismatch = eval("typed", R"({"v":"obj"})", ValueType::Boolean);
  CHECK(mismatch.error_code == ErrorCode::TypeMismatch);
  CHECK(mismatch.value == nullptr);
  CHECK_FALSE(mismatch.variant);
}

TEST_CASE_FIXTURE(Fixture, "bulk evaluation answers every flag as a single evaluation does") {
  auto decoded = decode_context(R"({"plan":"pro","v":"float"})", &set.context_needs());
  const auto all = evaluate_all(set, *decoded.context, 0);
  std::vector<std::string_view> keys;
  for (const auto& entry : all) {
    keys.push_back(entry.key);
    const auto alone = evaluate_untyped(set, entry.key, *decoded.context, 0);
    CAPTURE(entry.key);
    CHECK(entry.resolution.reason == alone.reason);
    CHECK(entry.resolution.error_code == alone.error_code);
    CHECK(entry.resolution.value == alone.value);
    CHECK(entry.resolution.variant == alone.variant);
  }
  CHECK(keys == std::vector<std::string_view>{"static", "targeted", "no-default", "no-default-targeted", "disabled",
                                              "throws", "typed"});
  CHECK(all[2].resolution.reason == Reason::Default);  // a code default: no value
  CHECK(all[2].resolution.value == nullptr);
  CHECK(all[4].resolution.reason == Reason::Disabled);
  CHECK(all[4].resolution.value == nullptr);
  CHECK(all[5].resolution.error_code == ErrorCode::General);
}

TEST_CASE("wire names of reasons and error codes") {
  CHECK(wire_name(Reason::TargetingMatch) == "TARGETING_MATCH");
  CHECK(wire_name(Reason::Disabled) == "DISABLED");
  CHECK(wire_name(ErrorCode::FlagNotFound) == "FLAG_NOT_FOUND");
  CHECK(wire_name(ErrorCode::TargetingKeyMissing) == "TARGETING_KEY_MISSING");
  CHECK(wire_name(ErrorCode::None).empty());
}

TEST_CASE_FIXTURE(Fixture, "a context decoded for another flag set, or keeping everything, answers the same") {
  const char* context = R"({"plan":"pro","v":"obj"})";
  // the other set reads the same attributes through other slots
  const auto other = load_flag_set(R"({"flags":{"g":{"state":"ENABLED","variants":{"a":1},
    "targeting":{"cat":[{"var":"a"},{"var":"plan"},{"var":"v"}]}}}})");
  REQUIRE(other.ok());
  for (const ContextNeeds* needs : {&set.context_needs(), &other.flag_set->context_needs(),
                                    static_cast<const ContextNeeds*>(nullptr)}) {
    auto decoded = decode_context(context, needs);
    REQUIRE(decoded.context);
    CHECK(*evaluate(set, "targeted", *decoded.context, ValueType::String, 0).variant == "pro");
    CHECK(*evaluate(set, "typed", *decoded.context, ValueType::Object, 0).variant == "obj");
  }
}

TEST_CASE_FIXTURE(Fixture, "error messages") {
  CHECK(eval("nope", "{}", ValueType::Boolean).error_message == "flag 'nope' not found");
  CHECK(eval("throws", R"({"n":1})", ValueType::Integer).error_message ==
        "Error evaluating targeting rule for flag 'throws'");
  CHECK(eval("no-default-targeted", R"({"pick":"b"})", ValueType::Integer).error_message ==
        "Variant 'b' not found in flag with key 'no-default-targeted'");
  CHECK(eval("no-default-targeted", R"({"pick":[1,2]})", ValueType::Integer).error_message ==
        "Variant '1,2' not found in flag with key 'no-default-targeted'");
  CHECK(eval("typed", R"({"v":"obj"})", ValueType::Boolean).error_message ==
        "Evaluated type of the flag typed does not match. Expected boolean");
}
