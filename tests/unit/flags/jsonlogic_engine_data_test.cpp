// json-logic-engine's data operators: val, exists, length, keys, get, preserve. Expected
// values are what @openfeature/flagd-core 4.0.1 answers in interpreter mode.
#include "tests/unit/flags/rule_harness.hpp"

using flagport::flags::testing::json;
using flagport::flags::testing::run_rule;

namespace {
const char* kContext =
    R"({"email":"a@b.c","user":{"plan":"pro","meta":{"level":3}},"tags":["x","y"],"n":5,)"
    R"("o":{"b":1,"2":0,"a":{"c":null},"1":3},"user.plan":1})";
}

TEST_CASE("val reads keys as written, never splitting them at dots") {
  CHECK(run_rule(R"({"val":"email"})", kContext) == json(R"("a@b.c")"));
  CHECK(run_rule(R"({"val":["user","plan"]})", kContext) == json(R"("pro")"));
  CHECK(run_rule(R"({"val":["user","meta","level"]})", kContext) == json("3"));
  CHECK(run_rule(R"({"val":"user.plan"})", kContext) == json("1"));
  CHECK(run_rule(R"({"val":[{"cat":["e","mail"]}]})", kContext) == json(R"("a@b.c")"));
}

TEST_CASE("val with constant keys answers falsy data itself, a single key null") {
  CHECK(run_rule(R"({"map":[[0,"",5],{"val":["x"]}]})") == json(R"([0,"",null])"));
  CHECK(run_rule(R"({"map":[[0,"",5],{"val":"x"}]})") == json("[null,null,null]"));
}

TEST_CASE("val climbs scopes: [[1]] is the iteration, [[2]] the data around it") {
  CHECK(run_rule(R"({"map":[[10,20],{"val":[[1],"index"]}]})") == json("[0,1]"));
  CHECK(run_rule(R"({"map":[[10,20],{"+":[{"val":[]},{"val":[[2],"n"]}]}]})", kContext) == json("[15,25]"));
  CHECK(run_rule(R"({"reduce":[[1,2],{"+":[{"var":"current"},{"val":[[1],"length"]}]},0]})") == json("4"));
  CHECK(run_rule(R"({"val":[[1],"x"]})", kContext) == json("null"));
  CHECK(run_rule(R"({"val":[[0],"email"]})", kContext) == json(R"("a@b.c")"));
}

TEST_CASE("exists is `key in data`, inherited names included; `in` on a string throws") {
  CHECK(run_rule(R"({"exists":"n"})", kContext) == json("true"));
  CHECK(run_rule(R"({"exists":"b"})", kContext) == json("false"));
  CHECK(run_rule(R"({"exists":["user","plan"]})", kContext) == json("true"));
  CHECK(run_rule(R"({"exists":["user","none"]})", kContext) == json("false"));
  CHECK(run_rule(R"({"exists":"toString"})", kContext) == json("true"));
  CHECK(run_rule(R"({"exists":["user","toString"]})", kContext) == json("false"));
  CHECK_FALSE(run_rule(R"({"exists":["email","length"]})", kContext));
  CHECK(run_rule(R"({"map":[[1],{"exists":[[1],"index"]}]})") == json("[true]"));
}

TEST_CASE("length of strings (UTF-16), arrays and objects; anything else throws") {
  CHECK(run_rule(R"({"length":"héllo😀"})") == json("7"));
  CHECK(run_rule(R"({"length":{"var":"tags"}})", kContext) == json("2"));
  CHECK(run_rule(R"({"length":{"var":"user"}})", kContext) == json("2"));
  CHECK(run_rule(R"({"length":[{"var":"email"},{"var":"tags"}]})", kContext) == json("5"));
  CHECK_FALSE(run_rule(R"({"length":{"var":"n"}})", kContext));
}

TEST_CASE("a constant length that throws fails an eager rule, not a short-circuit") {
  CHECK_FALSE(run_rule(R"({"if":[{"var":"n"},1,{"length":0}]})", kContext));
  CHECK(run_rule(R"({"and":[false,{"length":0}]})") == json("false"));
}

TEST_CASE("keys in Object.keys order: array indices first") {
  CHECK(run_rule(R"({"keys":{"var":"user"}})", kContext) == json(R"(["plan","meta"])"));
  CHECK(run_rule(R"({"keys":{"var":"o"}})", kContext) == json(R"(["1","2","b","a"])"));
  CHECK(run_rule(R"({"keys":{"var":"tags"}})", kContext) == json("[]"));
  CHECK(run_rule(R"({"keys":[{"var":"tags"}]})", kContext) == json(R"(["0","1"])"));
  CHECK(run_rule(R"({"keys":[]})") == json("[]"));
  CHECK_FALSE(run_rule(R"({"keys":[null]})"));
}

TEST_CASE("get walks a dotted key with a default; a null result throws") {
  CHECK(run_rule(R"({"get":[{"var":"user"},"meta.level"]})", kContext) == json("3"));
  CHECK(run_rule(R"({"get":[{"var":"user"},"none",7]})", kContext) == json("7"));
  CHECK(run_rule(R"({"get":[{"var":"email"},"length"]})", kContext) == json("5"));
  CHECK(run_rule(R"({"get":[{"var":"user"},"toString",7]})", kContext) == json("null"));
  CHECK_FALSE(run_rule(R"({"get":[{"var":"o"},"a.c"]})", kContext));
}

TEST_CASE("preserve answers its argument as data") {
  CHECK(run_rule(R"({"preserve":{"var":"email"}})", kContext) == json(R"({"var":"email"})"));
  CHECK(run_rule(R"({"preserve":[1,{"+":[1,1]}]})") == json(R"([1,{"+":[1,1]}])"));
}
