#include "tests/unit/flags/rule_harness.hpp"

using flagport::flags::testing::json;
using flagport::flags::testing::run_rule;

TEST_CASE("ends_with tests a string suffix") {
  CHECK(run_rule(R"({"ends_with":[{"var":"email"},"@example.com"]})", R"({"email":"a@example.com"})") == json("true"));
  CHECK(run_rule(R"({"ends_with":["a@example.org","@example.com"]})") == json("false"));
  CHECK(run_rule(R"({"ends_with":["x😀","😀"]})") == json("true"));
  CHECK(run_rule(R"({"ends_with":["a",""]})") == json("true"));
}

TEST_CASE("ends_with is null unless given exactly two strings") {
  CHECK(run_rule(R"({"ends_with":["abc",true]})") == json("null"));
  CHECK(run_rule(R"({"ends_with":["a","b","c"]})") == json("null"));
}
