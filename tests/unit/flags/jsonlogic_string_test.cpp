// cat substr
#include "tests/unit/flags/rule_harness.hpp"

using flagport::flags::testing::json;
using flagport::flags::testing::run_rule;

TEST_CASE("cat joins with JS string conversion and skips null") {
  CHECK(run_rule(R"({"cat":["a",1,true,null,[1,[2,null]],0.1]})") == json(R"("a1true1,2,0.1")"));
  CHECK(run_rule(R"({"cat":[1e21,1e-7,-0.5]})") == json(R"("1e+211e-7-0.5")"));
  CHECK(run_rule(R"({"cat":{"var":"n"}})", R"({"n":12})") == json(R"("12")"));
}

TEST_CASE("cat of a single null throws (null.toString)") {
  CHECK_FALSE(run_rule(R"({"cat":[null]})"));
  CHECK_FALSE(run_rule(R"({"cat":{"var":"missing"}})"));
}

TEST_CASE("substr counts UTF-16 code units and takes negative start and length") {
  CHECK(run_rule(R"({"substr":["jsonlogic",4]})") == json(R"("logic")"));
  CHECK(run_rule(R"({"substr":["jsonlogic",-5]})") == json(R"("logic")"));
  CHECK(run_rule(R"({"substr":["jsonlogic",1,3]})") == json(R"("son")"));
  CHECK(run_rule(R"({"substr":["jsonlogic",4,-2]})") == json(R"("log")"));
  CHECK(run_rule(R"({"substr":["😀abc",2]})") == json(R"("abc")"));
  CHECK(run_rule(R"({"substr":["abc",0,"-1"]})") == json(R"("")"));
  CHECK_FALSE(run_rule(R"({"substr":[5,1]})"));
}
