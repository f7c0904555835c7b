// if / ?:, and, or, ??, !, !!: control flow and truthiness.
#include "tests/unit/flags/rule_harness.hpp"

using flagport::flags::testing::json;
using flagport::flags::testing::run_rule;

TEST_CASE("if picks the first truthy branch, else the last argument") {
  CHECK(run_rule(R"({"if":[{"var":"a"},"one",{"var":"b"},"two","three"]})", R"({"b":1})") == json(R"("two")"));
  CHECK(run_rule(R"({"if":[false,"one"]})") == json("null"));
  CHECK(run_rule(R"({"if":["only"]})") == json(R"("only")"));
  CHECK(run_rule(R"({"if":[]})") == json("null"));
  CHECK(run_rule(R"({"?:":[true,"y","n"]})") == json(R"("y")"));
}

TEST_CASE("empty arrays and objects are false, as in json-logic-engine") {
  CHECK(run_rule(R"({"if":[{"var":"x"},"t","f"]})", R"({"x":[]})") == json(R"("f")"));
  CHECK(run_rule(R"({"if":[{"var":"x"},"t","f"]})", R"({"x":{}})") == json(R"("f")"));
  CHECK(run_rule(R"({"if":[{"var":"x"},"t","f"]})", R"({"x":"0"})") == json(R"("t")"));
  CHECK(run_rule(R"({"!!":[{"var":"x"}]})", R"({"x":0})") == json("false"));
}

TEST_CASE("a constant that throws poisons a three-argument if, even on the untaken branch") {
  CHECK_FALSE(run_rule(R"({"if":[{"var":"c"},1,{"/":[1,0]}]})", R"({"c":true})"));
  CHECK(run_rule(R"({"and":[{"var":"c"},{"/":[1,0]}]})", R"({"c":false})") == json("false"));
}

TEST_CASE("and / or answer the deciding operand") {
  CHECK(run_rule(R"({"and":[1,"x",0,2]})") == json("0"));
  CHECK(run_rule(R"({"or":[0,"",{"var":"v"}]})", R"({"v":"hit"})") == json(R"("hit")"));
  CHECK(run_rule(R"({"or":[]})") == json("null"));
  CHECK_FALSE(run_rule(R"({"and":{"var":"x"}})"));
}

TEST_CASE("?? answers the first operand that is not null") {
  CHECK(run_rule(R"({"??":[{"var":"a"},{"var":"b"},3]})", R"({"b":false})") == json("false"));
  CHECK(run_rule(R"({"??":[null]})") == json("null"));
}

TEST_CASE("! and !! look at the first element of a single array operand") {
  CHECK(run_rule(R"({"!":[{"var":"arr"}]})", R"({"arr":[0]})") == json("true"));
  CHECK(run_rule(R"({"!":[[0]]})") == json("false"));
  CHECK(run_rule(R"({"!":[]})") == json("true"));
  CHECK(run_rule(R"({"not":true})") == json("false"));
  CHECK(run_rule(R"({"!!":["a",0]})") == json("true"));
}
