// + - * / % max min
#include "tests/unit/flags/rule_harness.hpp"

using flagport::flags::testing::json;
using flagport::flags::testing::run_rule;

TEST_CASE("+ sums with JS number coercion and throws on NaN") {
  CHECK(run_rule(R"({"+":[1,"2",true,null]})") == json("4"));
  CHECK(run_rule(R"({"+":" 0x10 "})") == json("16"));
  CHECK(run_rule(R"({"+":{"var":"arr"}})", R"({"arr":[1,2]})") == json("3"));
  CHECK(run_rule(R"({"+":[]})") == json("0"));
  CHECK_FALSE(run_rule(R"({"+":["a"]})"));
  CHECK_FALSE(run_rule(R"({"+":[[1]]})"));
}

TEST_CASE("- negates one operand and subtracts more") {
  CHECK(run_rule(R"({"-":[5]})") == json("-5"));
  CHECK(run_rule(R"({"-":[10,3,2]})") == json("5"));
  CHECK(run_rule(R"({"-":[{"var":"arr"}]})", R"({"arr":[10,3]})") == json("7"));
  CHECK(run_rule(R"({"-":[null]})") == json("0"));
  CHECK_FALSE(run_rule(R"({"-":[]})"));
}

TEST_CASE("* multiplies, / divides and refuses falsy divisors, % keeps the dividend's sign") {
  CHECK(run_rule(R"({"*":[2,"3",1.5]})") == json("9"));
  CHECK(run_rule(R"({"*":[]})") == json("1"));
  CHECK(run_rule(R"({"/":[7,2]})") == json("3.5"));
  CHECK(run_rule(R"({"/":[4]})") == json("0.25"));
  CHECK_FALSE(run_rule(R"({"/":[1,0]})"));
  CHECK_FALSE(run_rule(R"({"/":[1e308,1e-10]})"));
  CHECK(run_rule(R"({"%":[-7,3]})") == json("-1"));
  CHECK_FALSE(run_rule(R"({"%":[1,0]})"));
  CHECK_FALSE(run_rule(R"({"%":[1]})"));
}

TEST_CASE("max and min accept numbers only") {
  CHECK(run_rule(R"({"max":[1,3,2]})") == json("3"));
  CHECK(run_rule(R"({"min":[{"var":"a"},-1]})", R"({"a":-5})") == json("-5"));
  CHECK_FALSE(run_rule(R"({"max":["1",2]})"));
  CHECK_FALSE(run_rule(R"({"min":[]})"));
}
