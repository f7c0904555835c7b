#include "tests/unit/flags/rule_harness.hpp"

using flagport::flags::testing::json;
using flagport::flags::testing::run_rule;

TEST_CASE("starts_with tests a string prefix") {
  CHECK(run_rule(R"({"starts_with":[{"var":"email"},"admin@"]})", R"({"email":"admin@x.io"})") == json("true"));
  CHECK(run_rule(R"({"starts_with":[{"var":"email"},"root@"]})", R"({"email":"admin@x.io"})") == json("false"));
  CHECK(run_rule(R"({"starts_with":["日本語","日本"]})") == json("true"));
}

TEST_CASE("starts_with is null unless given exactly two strings") {
  CHECK(run_rule(R"({"starts_with":[{"var":"missing"},"a"]})") == json("null"));
  CHECK(run_rule(R"({"starts_with":[1,"1"]})") == json("null"));
  CHECK(run_rule(R"({"starts_with":["abc"]})") == json("null"));
}
