#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "core/flags/evaluation_context.hpp"
#include "core/flags/flag_set.hpp"
#include "core/flags/value.hpp"

using namespace flagport::flags;

TEST_CASE("a context decodes into values, nested ones included") {
  const auto decoded = decode_context(R"({"targetingKey":"u1","n":-2.5,"big":18446744073709551615,
    "list":[1,"a",null,{"x":true}],"obj":{"k":"v"},"k":1,"k":2})");
  REQUIRE(decoded.context);
  const ObjectData& attributes = decoded.context->attributes();
  CHECK(to_json(*attributes.find("targetingKey")) == "u1");
  CHECK(attributes.find("n")->as_number() == -2.5);
  CHECK(attributes.find("big")->as_number() == 18446744073709551615.0);
  CHECK(to_json(*attributes.find("list")) == nlohmann::json::parse(R"([1,"a",null,{"x":true}])"));
  CHECK(to_json(*attributes.find("obj")) == nlohmann::json::parse(R"({"k":"v"})"));
  CHECK(attributes.find("k")->as_number() == 2);  // the last duplicate wins, as in JSON.parse
}

TEST_CASE("attributes no rule reads are skipped") {
  ContextNeeds needs;
  needs.keys = {"keep", "targetingKey"};
  const auto decoded = decode_context(R"({"drop":{"deep":[1,{"x":[2]}]},"keep":[1],"other":"x","targetingKey":"t"})", &needs);
  REQUIRE(decoded.context);
  const ObjectData& attributes = decoded.context->attributes();
  CHECK(attributes.members.size() == 2);
  CHECK(to_json(*attributes.find("keep")) == nlohmann::json::parse("[1]"));
  CHECK(attributes.find("drop") == nullptr);
}

TEST_CASE("what try's later arguments read is kept: after a throw of null they run on the context") {
  // the 1,000,000-case differential run, seed 31337
  const auto set = load_flag_set(R"({"flags":{"f":{"state":"ENABLED","variants":{"a":1},"defaultVariant":"a",
    "targeting":{"try":[{"throw":{"var":"missing"}},{"var":""}]}}}})");
  REQUIRE(set.ok());
  CHECK(set.flag_set->context_needs().everything);
  const auto keyed = load_flag_set(R"({"flags":{"f":{"state":"ENABLED","variants":{"a":1},"defaultVariant":"a",
    "targeting":{"try":[{"throw":{"var":"missing"}},{"var":"plan"}]}}}})");
  REQUIRE(keyed.ok());
  const auto decoded = decode_context(R"({"plan":"pro","other":1})", &keyed.flag_set->context_needs());
  REQUIRE(decoded.context);
  const Value* plan = decoded.context->attributes().find("plan");
  REQUIRE(plan);
  CHECK(to_json(*plan) == "pro");
}

TEST_CASE("only a JSON object is a context") {
  CHECK_FALSE(decode_context("[1]").context);
  CHECK_FALSE(decode_context("\"x\"").context);
  CHECK_FALSE(decode_context("{\"a\":").context);
  CHECK_FALSE(decode_context("{} x").context);
  CHECK(decode_context("{}").context);
}

TEST_CASE("a context decoded for sealed needs keeps the named attributes in their slots") {
  const auto set = load_flag_set(R"({"flags":{"f":{"state":"ENABLED","variants":{"a":1},
    "targeting":{"if":[{"==":[{"var":"plan"},{"var":"user.tier"}]},"a",null]}}}})");
  REQUIRE(set.ok());
  const ContextNeeds& needs = set.flag_set->context_needs();
  REQUIRE(needs.keys == std::vector<std::string>{"plan", "targetingKey", "user"});
  CHECK(needs.slot("user") == 2);
  CHECK(needs.slot("other") == kNoSlot);

  const auto decoded = decode_context(R"({"user":{"tier":"pro"},"other":1,"plan":"a","plan":"b"})", &needs);
  REQUIRE(decoded.context);
  const Value* slots = decoded.context->slots(needs);
  REQUIRE(slots != nullptr);
  CHECK(to_json(slots[needs.slot("plan")]) == "b");  // the last duplicate, as in attributes()
  CHECK(slots[needs.slot("targetingKey")].is_null());  // absent reads as null
  CHECK(to_json(slots[needs.slot("user")]) == nlohmann::json::parse(R"({"tier":"pro"})"));

  // slots serve only the needs they were filled for
  const auto other = load_flag_set(R"({"flags":{"g":{"state":"ENABLED","variants":{"a":1},"targeting":{"var":"plan"}}}})");
  REQUIRE(other.ok());
  CHECK(decoded.context->slots(other.flag_set->context_needs()) == nullptr);
  CHECK(decode_context(R"({"plan":"a"})").context->slots(needs) == nullptr);
}
