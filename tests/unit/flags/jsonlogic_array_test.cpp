// map filter reduce all none some merge in
#include "tests/unit/flags/rule_harness.hpp"

using flagport::flags::testing::json;
using flagport::flags::testing::run_rule;

TEST_CASE("map and filter run their rule against each element") {
  CHECK(run_rule(R"({"map":[{"var":"xs"},{"*":[{"var":""},2]}]})", R"({"xs":[1,2]})") == json("[2,4]"));
  CHECK(run_rule(R"({"filter":[{"var":"xs"},{">":[{"var":""},1]}]})", R"({"xs":[1,2,3]})") == json("[2,3]"));
  CHECK(run_rule(R"({"map":[{"var":"missing"},1]})") == json("[]"));
  CHECK_FALSE(run_rule(R"({"map":[{"var":"s"},1]})", R"({"s":"str"})"));
}

TEST_CASE("filter with a constant test keeps the collection as it is") {
  CHECK(run_rule(R"({"filter":[{"var":"s"},true]})", R"({"s":"str"})") == json(R"("str")"));
  CHECK(run_rule(R"({"filter":[{"var":"s"},0]})", R"({"s":"str"})") == json("[]"));
}

TEST_CASE("reduce folds with accumulator and current") {
  CHECK(run_rule(R"({"reduce":[{"var":"xs"},{"cat":[{"var":"accumulator"},{"var":"current"}]},""]})",
                 R"({"xs":["a","b"]})") == json(R"("ab")"));
  CHECK(run_rule(R"({"reduce":[{"var":"xs"},{"+":[{"var":"current"},{"var":"accumulator"}]},0]})",
                 R"({"xs":["1",2]})") == json("3"));
  CHECK(run_rule(R"({"reduce":[[],{"var":"current"},5]})") == json("5"));
  CHECK_FALSE(run_rule(R"({"reduce":[[],{"var":"current"}]})"));
  CHECK_FALSE(run_rule(R"({"reduce":[[1]]})"));
}

TEST_CASE("all is false on an empty array; some and none stop at the first truthy result") {
  CHECK(run_rule(R"({"all":[{"var":"xs"},{">":[{"var":""},0]}]})", R"({"xs":[1,2]})") == json("true"));
  CHECK(run_rule(R"({"all":[[],true]})") == json("false"));
  CHECK(run_rule(R"({"all":[{"var":"n"},false]})", R"({"n":5})") == json("true"));
  CHECK(run_rule(R"({"some":[{"var":"xs"},{"==":[{"var":""},2]}]})", R"({"xs":[1,2]})") == json("true"));
  CHECK(run_rule(R"({"none":[{"var":"xs"},{"==":[{"var":""},2]}]})", R"({"xs":[1,2]})") == json("false"));
  CHECK(run_rule(R"({"some":["ab",{"==":[{"var":""},"b"]}]})") == json("true"));
}

TEST_CASE("merge flattens one level") {
  CHECK(run_rule(R"({"merge":[1,[2,[3]],[]]})") == json("[1,2,[3]]"));
  CHECK(run_rule(R"({"merge":{"var":"x"}})", R"({"x":5})") == json("[5]"));
}

TEST_CASE("in searches arrays by SameValueZero and strings by substring") {
  CHECK(run_rule(R"({"in":["b",["a","b"]]})") == json("true"));
  CHECK(run_rule(R"({"in":[1,["1"]]})") == json("false"));
  CHECK(run_rule(R"({"in":["ell","hello"]})") == json("true"));
  CHECK(run_rule(R"({"in":[1,"a1"]})") == json("true"));
  CHECK(run_rule(R"({"in":["","" ]})") == json("false"));
  CHECK_FALSE(run_rule(R"({"in":["a",5]})"));
}
