#include "tests/unit/flags/rule_harness.hpp"

using flagport::flags::testing::json;
using flagport::flags::testing::run_rule;

TEST_CASE("sem_ver compares with every operator") {
  CHECK(run_rule(R"({"sem_ver":["1.2.3","=","1.2.3"]})") == json("true"));
  CHECK(run_rule(R"({"sem_ver":["1.2.3","!=","1.2.4"]})") == json("true"));
  CHECK(run_rule(R"({"sem_ver":["1.2.3","<","1.10.0"]})") == json("true"));
  CHECK(run_rule(R"({"sem_ver":["1.2.3","<=","1.2.3"]})") == json("true"));
  CHECK(run_rule(R"({"sem_ver":["2.0.0",">","1.99.99"]})") == json("true"));
  CHECK(run_rule(R"({"sem_ver":["2.0.0",">=","2.0.1"]})") == json("false"));
  CHECK(run_rule(R"({"sem_ver":["2.0.0","^","1.9.9"]})") == json("false"));
  CHECK(run_rule(R"({"sem_ver":["1.2.3","~","1.2.9"]})") == json("true"));
}

TEST_CASE("sem_ver orders prereleases numerically and below the release") {
  CHECK(run_rule(R"({"sem_ver":["1.2.3-beta.10",">","1.2.3-beta.9"]})") == json("true"));
  CHECK(run_rule(R"({"sem_ver":["1.2.3-beta","<","1.2.3"]})") == json("true"));
  CHECK(run_rule(R"({"sem_ver":["1.0.0-1","<","1.0.0-a"]})") == json("true"));
  CHECK(run_rule(R"({"sem_ver":["1.0.0+build.1","=","1.0.0+build.2"]})") == json("true"));
}

TEST_CASE("sem_ver accepts lenient versions and rejects the rest") {
  CHECK(run_rule(R"({"sem_ver":["v1.2","=","1.2.0"]})") == json("true"));
  CHECK(run_rule(R"({"sem_ver":[1,"=","1.0.0"]})") == json("true"));
  CHECK(run_rule(R"({"sem_ver":[" 1.2.3 ","=","V1.2.3"]})") == json("true"));
  CHECK(run_rule(R"({"sem_ver":["12345678901234567.5","=","5.0.0"]})") == json("true"));
  CHECK(run_rule(R"({"sem_ver":["1.2.3.4","=","1.2.3"]})") == json("null"));
  CHECK(run_rule(R"({"sem_ver":["01.2.3","=","1.2.3"]})") == json("null"));
  CHECK(run_rule(R"({"sem_ver":["1.2.3","=>","1.2.3"]})") == json("null"));
  CHECK(run_rule(R"({"sem_ver":["1.2.3","="]})") == json("null"));
}
