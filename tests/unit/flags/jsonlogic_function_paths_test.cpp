// Paths through the methods every value inherits: JSON data holds no functions, but
// json-logic-engine walks paths with plain `data[key]`, so a path can pass through one.
// Expected values are what @openfeature/flagd-core answers in interpreter mode; the
// seed-20261209 million-case differential run found `exists` disagreeing here.
#include "tests/unit/flags/rule_harness.hpp"

using flagport::flags::testing::json;
using flagport::flags::testing::run_rule;

namespace {
const char* kContext = R"({"s":"abc","n":5,"a":[1,2],"o":{"x":1}})";
}

TEST_CASE("a function's length and name are read through it") {
  CHECK(run_rule(R"({"var":"hasOwnProperty.length"})", kContext) == json("1"));
  CHECK(run_rule(R"({"var":"hasOwnProperty.name"})", kContext) == json(R"("hasOwnProperty")"));
  CHECK(run_rule(R"({"var":"hasOwnProperty.name.length"})", kContext) == json("14"));
  CHECK(run_rule(R"({"var":"a.map.length"})", kContext) == json("1"));
  CHECK(run_rule(R"({"var":"o.x.toFixed.length"})", kContext) == json("1"));
  CHECK(run_rule(R"({"val":["o","toString","length"]})", kContext) == json("0"));
  CHECK(run_rule(R"({"val":["n","toString","length"]})", kContext) == json("1"));  // Number.prototype's
  CHECK(run_rule(R"({"var":"s.trimLeft.name"})", kContext) == json(R"("trimStart")"));
  CHECK(run_rule(R"({"+":[{"var":"hasOwnProperty.length"},1]})", kContext) == json("2"));
}

TEST_CASE("constructors, Function.prototype's members and a function's __proto__") {
  CHECK(run_rule(R"({"var":"constructor.name"})", kContext) == json(R"("Object")"));
  CHECK(run_rule(R"({"var":"a.constructor.name"})", kContext) == json(R"("Array")"));
  CHECK(run_rule(R"({"var":"s.constructor.name"})", kContext) == json(R"("String")"));
  CHECK(run_rule(R"({"map":[{"var":"a"},{"var":"constructor.name"}]})", kContext) == json(R"(["Number","Number"])"));
  CHECK(run_rule(R"({"val":["hasOwnProperty","constructor","name"]})", kContext) == json(R"("Function")"));
  CHECK(run_rule(R"({"var":"hasOwnProperty.apply.length"})", kContext) == json("2"));
  CHECK(run_rule(R"({"var":"hasOwnProperty.bind.name"})", kContext) == json(R"("bind")"));
  CHECK(run_rule(R"({"val":["hasOwnProperty","__proto__","name"]})", kContext) == json(R"("")"));
  CHECK(run_rule(R"({"val":["hasOwnProperty","__proto__","length"]})", kContext) == json("0"));
}

TEST_CASE("a path that ends on a function reads null; one that goes past it, its default") {
  CHECK(run_rule(R"({"var":"a.map"})", kContext) == json("null"));
  CHECK(run_rule(R"({"var":["hasOwnProperty","dflt"]})", kContext) == json("null"));
  CHECK(run_rule(R"({"var":["hasOwnProperty.nope","dflt"]})", kContext) == json(R"("dflt")"));
  CHECK(run_rule(R"({"val":["hasOwnProperty","prototype"]})", kContext) == json("null"));
  CHECK(run_rule(R"({"reduce":[{"var":"a"},{"var":"hasOwnProperty.name"},0]})", kContext) == json(R"("hasOwnProperty")"));
}

TEST_CASE("a built-in function's caller and arguments throw") {
  CHECK_FALSE(run_rule(R"({"var":"hasOwnProperty.caller"})", kContext));
  CHECK_FALSE(run_rule(R"({"val":["hasOwnProperty","arguments"]})", kContext));
  CHECK_FALSE(run_rule(R"({"missing":["hasOwnProperty.caller"]})", kContext));
  CHECK_FALSE(run_rule(R"({"missing_some":[1,["hasOwnProperty.caller"]]})", kContext));
  CHECK_FALSE(run_rule(R"({"get":[{"var":"a"},"map.caller"]})", kContext));
  CHECK(run_rule(R"({"try":[{"var":"hasOwnProperty.caller"},{"var":"type"}]})", kContext) ==
        json(R"("'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions or the arguments objects for calls to them")"));
}

TEST_CASE("exists and missing find functions; `in` on what a function's member is throws") {
  CHECK(run_rule(R"({"exists":["hasOwnProperty","length"]})", kContext) == json("true"));
  CHECK(run_rule(R"({"exists":["o","toString","length"]})", kContext) == json("true"));
  CHECK(run_rule(R"({"exists":["hasOwnProperty","call"]})", kContext) == json("false"));  // a function: unfound
  CHECK_FALSE(run_rule(R"({"exists":["hasOwnProperty","length","length"]})", kContext));  // 'length' in 1
  CHECK_FALSE(run_rule(R"({"exists":["hasOwnProperty","caller"]})", kContext));
  CHECK(run_rule(R"({"missing":["hasOwnProperty"]})", kContext) == json("[]"));
  CHECK(run_rule(R"({"missing":["a.map"]})", kContext) == json("[]"));
  CHECK(run_rule(R"({"missing":["a.map.nope"]})", kContext) == json(R"(["a.map.nope"])"));
  CHECK(run_rule(R"({"map":[[""],{"missing":["length"]}]})", kContext) == json(R"([["length"]])"));
}

TEST_CASE("get walks through functions too") {
  CHECK(run_rule(R"({"get":[{"var":""},"toString.name"]})", kContext) == json(R"("toString")"));
  // the name read is the method's own text, not get's split of the key, which is gone by
  // the time the name is used (a use after free under ASan: fuzz/corpus/evaluate)
  CHECK(run_rule(R"({"cat":[{"get":[{"var":""},"valueOf.name"]},{"get":[{"var":"s"},"toUpperCase.name"]}]})",
                 kContext) == json(R"("valueOftoUpperCase")"));
  CHECK(run_rule(R"({"get":[{"var":"s"},"toUpperCase.length"]})", kContext) == json("0"));
  CHECK(run_rule(R"({"get":[{"var":""},"hasOwnProperty"]})", kContext) == json("null"));
  // no method has an empty name (seed 20261211)
  CHECK(run_rule(R"({"get":[{"var":"n"},"",7]})", kContext) == json("5"));
}
