// json-logic-engine's control operators (pipe, eachKey, try, throw) and the names its method
// table inherits from Object.prototype. Expected values are what @openfeature/flagd-core
// 4.0.1 answers in interpreter mode.
#include "tests/unit/flags/rule_harness.hpp"

using flagport::flags::testing::json;
using flagport::flags::testing::run_rule;

namespace {
const char* kContext = R"({"email":"a@b.c","user":{"plan":"pro","meta":{"level":3}},"tags":["x","y"],"n":5})";
}

TEST_CASE("pipe feeds each stage the previous answer") {
  CHECK(run_rule(R"({"pipe":[{"var":"user"},{"var":"meta"},{"var":"level"}]})", kContext) == json("3"));
  CHECK(run_rule(R"({"pipe":[{"var":"tags"},{"map":[{"var":""},{"cat":[{"var":""},"!"]}]}]})", kContext) ==
        json(R"(["x!","y!"])"));
  CHECK(run_rule(R"({"pipe":[]})") == json("null"));
  CHECK(run_rule(R"({"pipe":[[1,2],{"val":[[1],0]}]})") == json("[1,2]"));
  CHECK_FALSE(run_rule(R"({"pipe":{"var":"user"}})", kContext));
}

TEST_CASE("a pipe without stages answers undefined, which other operators see as JS does") {
  // broke the 1,000,000-case run, seed 20261205: undefined is no number, so `!=` throws NaN
  CHECK_FALSE(run_rule(R"({"!=":[true,{"pipe":[]}]})"));
  CHECK_FALSE(run_rule(R"({"+":[1,{"pipe":[]}]})"));
  CHECK(run_rule(R"({"==":[null,{"pipe":[]}]})") == json("false"));
  CHECK(run_rule(R"({"!==":[null,{"pipe":[]}]})") == json("true"));
  CHECK(run_rule(R"({"===":[{"pipe":[]},{"pipe":[]}]})") == json("true"));
  CHECK(run_rule(R"({"cat":["a",{"pipe":[]},"b"]})") == json(R"("ab")"));
  CHECK(run_rule(R"({"try":[{"cat":{"pipe":[]}},{"var":"type"}]})") ==
        json(R"x("Cannot read properties of undefined (reading 'toString')")x"));
  CHECK(run_rule(R"({"in":[{"pipe":[]},"xundefinedx"]})") == json("true"));
  CHECK(run_rule(R"({"??":[{"pipe":[]},"x"]})") == json(R"("x")"));
  CHECK(run_rule(R"({"var":["nope",{"pipe":[]}]})") == json("null"));  // an undefined default is null
  CHECK(run_rule(R"({"merge":[{"pipe":[]}]})") == json("[null]"));
  // a stage given undefined runs on {} (LogicEngine.run's default data)
  CHECK(run_rule(R"({"pipe":[{"pipe":[]},{"var":""}]})") == json("{}"));
  // reduce with an undefined initial value has none
  CHECK_FALSE(run_rule(R"({"reduce":[{"pipe":[]},1,{"pipe":[]}]})"));
  CHECK(run_rule(R"({"reduce":[[1,2,3],{"cat":[{"var":"accumulator"},"-"]},{"pipe":[]}]})") == json(R"("1--")"));
  // a member holding undefined reads as absent
  CHECK(run_rule(R"({"pipe":[[1,{"pipe":[]}],{"var":"1"}]})") == json("null"));
}

TEST_CASE("flagd's operators run where the data is the top-level context object") {
  CHECK(run_rule(R"({"pipe":[{"starts_with":[{"var":"email"},"a"]}]})", kContext) == json("true"));
  CHECK_FALSE(run_rule(R"({"pipe":[1,{"starts_with":["abc","a"]}]})", kContext));
  // {"var": ""} hands the context object itself, logger included, to the next stage
  // (the 1,000,000-case run, seed 20261205)
  CHECK(run_rule(R"({"pipe":[{"var":""},{"ends_with":[{"var":"email"},"c"]}]})", kContext) == json("true"));
  CHECK(run_rule(R"({"pipe":[{"merge":[{"var":""}]},{"var":"0"},{"starts_with":["a","a"]}]})", kContext) == json("true"));
  CHECK_FALSE(run_rule(R"({"pipe":[{"var":""},{"map":[[1],{"starts_with":["a","a"]}]}]})", kContext));
}

TEST_CASE("eachKey evaluates every value; without an object it throws while the rule is prepared") {
  CHECK(run_rule(R"({"eachKey":{"var":"email","n":{"+":[1,2]}}})", kContext) == json(R"({"var":"email","n":3})"));
  CHECK(run_rule(R"({"eachKey":[{"var":"email"},2]})", kContext) == json(R"({"0":"a@b.c","1":2})"));
  CHECK_FALSE(run_rule(R"({"eachKey":5})"));
  CHECK_FALSE(run_rule(R"({"or":[true,{"eachKey":5}]})"));
  // the engine stops looking at the first non-constant argument, so this one is only reached lazily
  CHECK(run_rule(R"({"or":[{"var":"n"},{"eachKey":5}]})", kContext) == json("5"));
}

TEST_CASE("try answers the first argument that does not throw; the others see {type}") {
  CHECK(run_rule(R"({"try":[{"/":[1,0]},{"var":"type"}]})") == json(R"("NaN")"));
  CHECK(run_rule(R"({"try":[{"throw":"boom"},{"cat":["caught ",{"var":"type"}]}]})") == json(R"("caught boom")"));
  CHECK(run_rule(R"({"try":[{"max":[{"var":"email"}]},{"var":"type"}]})", kContext) == json(R"("Invalid Arguments")"));
  CHECK(run_rule(R"({"try":[{"map":[{"var":"n"},1]},{"var":"type"}]})", kContext) ==
        json(R"("selector[name] is not a function")"));
  CHECK(run_rule(R"({"try":[{"map":[[1],{"starts_with":["a","a"]}]},{"var":"type"}]})") ==
        json(R"("Logger not found in context")"));
  // reading the logger off a null element is V8's TypeError (broke the 1,000,000-case run, seed 4242)
  CHECK(run_rule(R"({"try":[{"pipe":[null,{"starts_with":["a","a"]}]},{"var":"type"}]})") ==
        json(R"x("Cannot read properties of null (reading 'Symbol(flagd.logger)')")x"));
  CHECK(run_rule(R"({"try":[{"var":"email"}]})", kContext) == json(R"("a@b.c")"));
  CHECK(run_rule(R"({"try":[{"throw":"x"},{"val":[[2],"email"]}]})", kContext) == json(R"("a@b.c")"));
  CHECK_FALSE(run_rule(R"({"try":[]})"));
  CHECK_FALSE(run_rule(R"({"try":[{"throw":"a"},{"throw":"b"}]})"));
}

TEST_CASE("a constant try is evaluated once, without data") {
  CHECK(run_rule(R"({"try":{"var":"email"}})", kContext) == json("null"));
  // try of null throws while the engine inspects it (data[0]), wherever it sits
  // (differential seed 778, 1M cases)
  CHECK_FALSE(run_rule(R"({"if":[{"try":null},"blue"]})"));
  CHECK_FALSE(run_rule(R"({"try":[{"try":null},{"var":"type"}]})"));  // not even an outer try catches it
  CHECK(run_rule(R"({"and":[{"var":"zero"},{"try":null}]})", R"({"zero":0})") == json("0"));  // never reached
  CHECK(run_rule(R"({"try":5})") == json("5"));
  // folded at load, try's arguments see the engine's default data {} rather than undefined
  // (differential seed 778, 1M cases)
  CHECK(run_rule(R"({"try":[{"try":[]},{"var":""}]})", kContext) == json("{}"));
  CHECK_FALSE(run_rule(R"({"!=":[{"try":[{"try":[]},{"var":""}]},"x"]})", kContext));  // an object compared: NaN thrown
  CHECK(run_rule(R"({"try":[{"throw":null},{"var":"email"}]})", kContext) == json("null"));
}

TEST_CASE("throw: a scalar becomes {type}; objects and arrays are thrown as they are") {
  CHECK_FALSE(run_rule(R"({"throw":"boom"})"));
  CHECK(run_rule(R"({"if":[{"var":"n"},1,{"throw":"x"}]})", kContext) == json("1"));
  CHECK(run_rule(R"({"try":[{"throw":{"var":"user"}},{"var":"type"}]})", kContext) == json(R"("Object")"));
  CHECK(run_rule(R"({"try":[{"throw":[[1]]},{"var":"type"}]})") == json(R"("Array")"));
  CHECK(run_rule(R"({"try":[{"throw":[]},{"var":"type"}]})") == json(R"("Object")"));
  // reading constructor.name of null throws again, inside try: the next argument answers
  CHECK(run_rule(R"({"try":[{"throw":{"eachKey":{"var":0,"constructor":null}}},{"var":"type"},"second"]})") ==
        json(R"("second")"));
  // a constructor without a name leaves `type` present but undefined: `exists` sees it
  // (differential seed 778, 1M cases)
  CHECK(run_rule(R"({"try":[{"throw":{"eachKey":{"var":0,"constructor":"x"}}},{"exists":"type"}]})") == json("true"));
  CHECK(run_rule(R"({"try":[{"throw":{"eachKey":{"var":0,"constructor":[1]}}},{"var":"type"}]})") == json("null"));
}

TEST_CASE("inherited names: toString, constructor, and the ones that throw") {
  CHECK(run_rule(R"({"toString":[1]})") == json(R"("[object Undefined]")"));
  CHECK(run_rule(R"({"constructor":[1,{"var":"email"}]})", kContext) == json(R"([1,"a@b.c"])"));
  CHECK(run_rule(R"({"===":[{"constructor":{"var":"tags"}},{"var":"tags"}]})", kContext) == json("true"));
  CHECK_FALSE(run_rule(R"({"valueOf":[]})"));
  CHECK(run_rule(R"({"try":[{"__proto__":[]},{"var":"type"}]})") == json(R"("called is not a function")"));
  CHECK(run_rule(R"({"try":[{"toLocaleString":[]},{"var":"type"}]})") ==
        json(R"("Object.prototype.toLocaleString called on null or undefined")"));
  CHECK(run_rule(R"({"try":[{"hasOwnProperty":["n"]},{"var":"type"}]})") ==
        json(R"("Cannot convert undefined or null to object")"));
}
