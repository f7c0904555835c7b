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
