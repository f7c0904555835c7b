// var, missing, missing_some: reading the context.
#include "tests/unit/flags/rule_harness.hpp"

using flagport::flags::testing::json;
using flagport::flags::testing::run_rule;

TEST_CASE("var reads top-level and dotted attributes, with defaults") {
  const char* context = R"({"email":"a@b.c","user":{"plan":"pro","meta":{"level":3,"deep":{"x":1}}},"tags":["x","y"]})";
  CHECK(run_rule(R"({"var":"email"})", context) == json(R"("a@b.c")"));
  CHECK(run_rule(R"({"var":["user.plan"]})", context) == json(R"("pro")"));
  CHECK(run_rule(R"({"var":"user.meta.level"})", context) == json("3"));
  CHECK(run_rule(R"({"var":"user.meta.deep.x"})", context) == json("1"));
  CHECK(run_rule(R"({"var":"tags.1"})", context) == json(R"("y")"));
  CHECK(run_rule(R"({"var":"tags.length"})", context) == json("2"));
  CHECK(run_rule(R"({"var":"missing"})", context) == json("null"));
  CHECK(run_rule(R"({"var":["missing","fallback"]})", context) == json(R"("fallback")"));
  CHECK(run_rule(R"({"var":["user.none",7]})", context) == json("7"));
}

TEST_CASE("var sees $flagd.flagKey and $flagd.timestamp") {
  CHECK(run_rule(R"({"var":"$flagd.flagKey"})", "{}", "my-flag") == json(R"("my-flag")"));
  CHECK(run_rule(R"({"var":"$flagd.timestamp"})", "{}", "f", 1234) == json("1234"));
  CHECK(run_rule(R"({"var":"$flagd.flagKey"})", R"({"$flagd":{"flagKey":"spoofed"}})", "real") == json(R"("real")"));
}

TEST_CASE("var with two or three segments answers a falsy step, as json-logic-engine's optimizer does") {
  CHECK(run_rule(R"({"var":"a.b"})", R"({"a":0})") == json("0"));
  CHECK(run_rule(R"({"var":"a.b.c"})", R"({"a":{"b":""}})") == json(R"("")"));
  CHECK(run_rule(R"({"var":"a.b.c.d"})", R"({"a":0})") == json("null"));
  CHECK(run_rule(R"({"var":["a.b",5]})", R"({"a":0})") == json("5"));
}

TEST_CASE("var with an empty key is the whole data; a default only replaces what is absent") {
  CHECK(run_rule(R"({"map":[[1,2],{"var":""}]})") == json("[1,2]"));
  CHECK(run_rule(R"({"var":["a",5]})", R"({"a":null})") == json("null"));
  CHECK(run_rule(R"({"var":"a\\.b"})", R"({"a.b":1})") == json("1"));
  CHECK(run_rule(R"({"var":{"cat":["us","er"]}})", R"({"user":"u"})") == json(R"("u")"));
}

TEST_CASE("a boolean var key throws at load time, failing every evaluation") {
  CHECK_FALSE(run_rule(R"({"var":true})"));
}

TEST_CASE("missing lists absent keys; null counts as present") {
  CHECK(run_rule(R"({"missing":["a","b.c","d"]})", R"({"a":null,"b":{"c":0}})") == json(R"(["d"])"));
  CHECK(run_rule(R"({"missing":["z.x"]})", R"({"z":0})") == json(R"(["z.x"])"));
  CHECK(run_rule(R"({"missing":[]})") == json("[]"));
}

TEST_CASE("missing_some is empty once enough keys are present") {
  CHECK(run_rule(R"({"missing_some":[1,["a","b"]]})", R"({"a":1})") == json("[]"));
  CHECK(run_rule(R"({"missing_some":[2,["a","b","c"]]})", R"({"a":1})") == json(R"(["b","c"])"));
  CHECK_FALSE(run_rule(R"({"missing_some":[1]})"));
}
