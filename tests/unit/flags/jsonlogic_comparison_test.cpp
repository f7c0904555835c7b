// == === != !== < <= > >=: json-logic-engine's coercions.
#include "tests/unit/flags/rule_harness.hpp"

using flagport::flags::testing::json;
using flagport::flags::testing::run_rule;

TEST_CASE("loose equality coerces to numbers unless both sides are strings or null") {
  CHECK(run_rule(R"({"==":[1,"1"]})") == json("true"));
  CHECK(run_rule(R"({"==":[true,1]})") == json("true"));
  CHECK(run_rule(R"({"==":[null,0]})") == json("true"));
  CHECK(run_rule(R"({"==":[null,""]})") == json("false"));
  CHECK(run_rule(R"({"==":[false,""]})") == json("true"));
  CHECK(run_rule(R"({"!=":["a","b"]})") == json("true"));
}

TEST_CASE("comparing a non-numeric string or an array with a number throws") {
  CHECK_FALSE(run_rule(R"({"==":["abc",1]})"));
  CHECK_FALSE(run_rule(R"({"<":[[1],2]})"));
  CHECK_FALSE(run_rule(R"({">":[{"var":"x"},1]})", R"({"x":{"a":1}})"));
}

TEST_CASE("strict equality compares type and value; arrays by identity") {
  CHECK(run_rule(R"({"===":[1,"1"]})") == json("false"));
  CHECK(run_rule(R"({"!==":[1,1]})") == json("false"));
  CHECK(run_rule(R"({"===":[{"var":"a"},{"var":"a"}]})", R"({"a":[1]})") == json("true"));
  CHECK(run_rule(R"({"===":[[1],[1]]})") == json("false"));
}

TEST_CASE("relational operators, strings in UTF-16 order, and the three-argument between") {
  CHECK(run_rule(R"({"<":["a","b"]})") == json("true"));
  CHECK(run_rule(R"({"<":["\uffff","😀"]})") == json("false"));
  CHECK(run_rule(R"({"<":[1,"2",3]})") == json("true"));
  CHECK(run_rule(R"({"<=":[1,1,0]})") == json("false"));
  CHECK(run_rule(R"({">=":["10",9]})") == json("true"));
  CHECK(run_rule(R"({">":[null,"-1"]})") == json("true"));
}

TEST_CASE("chains of four operands and comparisons with one operand") {
  CHECK(run_rule(R"({"<":[1,2,3,4]})") == json("true"));
  CHECK(run_rule(R"({"<":[1,3,2,4]})") == json("false"));
  CHECK_FALSE(run_rule(R"({"===":["a","a","a","a"]})"));
  CHECK_FALSE(run_rule(R"({"<":[1]})"));
}
