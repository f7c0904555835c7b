#include <doctest/doctest.h>

#include "core/evaluation/request_context.hpp"

using flagport::evaluation::context_text;

TEST_CASE("the context's text is found without a DOM of the body") {
  CHECK_FALSE(context_text("").error);
  CHECK(context_text("  \n").text == "{}");
  CHECK(context_text(R"({})").text == "{}");
  CHECK(context_text(R"({"context":{"a":1}})").text == R"({"a":1})");
  CHECK(context_text(R"( { "x" : [1, {"context": 2}], "s": "\"context\"" , "context" : {"b":[true]} } )").text ==
        R"({"b":[true]})");
  CHECK(context_text(R"({"other":{"deep":{"x":"}"}}})").text == "{}");
}

TEST_CASE("a body that is not a JSON object, or a context that is not one, is an error") {
  for (const char* body : {"[1]", "1", "\"context\"", "{", R"({"context":{}} trailing)", R"({"x":tru,"context":{}})",
                           R"({"context":{"a":01}})", R"({"context":{"a":1e999}})", R"({"context":{"a":"\x"}})",
                           "{\"context\":{\"a\":\"\x01\"}}", R"({"a":1,})", R"({'context':{}})"}) {
    CAPTURE(body);
    CHECK(context_text(body).error);
  }
  for (const char* body : {R"({"context":[]})", R"({"context":null})", R"({"context":"x"})"}) {
    CAPTURE(body);
    CHECK(context_text(body).error == "context must be a JSON object");
  }
}
