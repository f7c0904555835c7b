#include "core/flags/evaluation.hpp"
#include "tests/unit/flags/rule_harness.hpp"

using flagport::flags::testing::json;
using flagport::flags::testing::run_rule;

TEST_CASE("fractional buckets flagKey + targetingKey like flagd-core (v2 integer bucketing)") {
  CHECK(run_rule(R"({"fractional":[["a",50],["b",50]]})", R"({"targetingKey":"user-1"})", "headerColor") == json(R"("b")"));
  CHECK(run_rule(R"({"fractional":[["red",25],["blue",25],["green",25],["yellow",25]]})",
                 R"({"targetingKey":"jon@company.com"})", "headerColor") == json(R"("green")"));
  CHECK(run_rule(R"({"fractional":[["a",50],["b",50]]})", R"({"targetingKey":"ñandú😀"})", "f") == json(R"("a")"));
}

TEST_CASE("fractional takes an explicit bucket-by string") {
  CHECK(run_rule(R"({"fractional":["some-seed",["a",1],["b",1],["c",1]]})") == json(R"("a")"));
}

TEST_CASE("fractional without a targeting key, or with no weight at all, is null") {
  CHECK(run_rule(R"({"fractional":[["a",50],["b",50]]})") == json("null"));
  CHECK(run_rule(R"({"fractional":[["a",0],["b",0]]})", R"({"targetingKey":"x"})") == json("null"));
}

TEST_CASE("fractional clamps negative weights and rejects fractional or oversized ones") {
  CHECK(run_rule(R"({"fractional":[["a",-5],["b",10]]})", R"({"targetingKey":"x"})", "f") == json(R"("b")"));
  CHECK(run_rule(R"({"fractional":[["a",1.5],["b",10]]})", R"({"targetingKey":"x"})") == json("null"));
  CHECK(run_rule(R"({"fractional":[["a",2147483647],["b",1]]})", R"({"targetingKey":"x"})") == json("null"));
}

TEST_CASE("fractional weights may be computed") {
  CHECK(run_rule(R"({"fractional":[["a",{"-":[100,{"var":"rollout"}]}],["b",{"var":"rollout"}]]})",
                 R"({"targetingKey":"user-1","rollout":100})", "headerColor") == json(R"("b")"));
}

TEST_CASE("fractional inside an iteration throws, as flagd-core's does") {
  CHECK_FALSE(run_rule(R"({"map":[[1],{"fractional":[["a",1]]}]})", R"({"targetingKey":"x"})"));
}

TEST_CASE("fractional reads the targeting key from the context's slots as from its attributes") {
  const auto loaded = flagport::flags::load_flag_set(R"({"flags":{"headerColor":{"state":"ENABLED",
    "variants":{"a":"a","b":"b"},"targeting":{"fractional":[["a",50],["b",50]]}}}})");
  REQUIRE(loaded.ok());
  const auto& set = *loaded.flag_set;
  for (const auto* needs : {&set.context_needs(), static_cast<const flagport::flags::ContextNeeds*>(nullptr)}) {
    const auto decoded = flagport::flags::decode_context(R"({"targetingKey":"user-1"})", needs);
    REQUIRE(decoded.context);
    CHECK(*flagport::flags::evaluate(set, "headerColor", *decoded.context, flagport::flags::ValueType::String, 0).variant == "b");
    const auto keyless = flagport::flags::decode_context("{}", needs);
    CHECK(flagport::flags::evaluate(set, "headerColor", *keyless.context, flagport::flags::ValueType::String, 0).reason ==
          flagport::flags::Reason::Default);
  }
}
