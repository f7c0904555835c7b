#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/evaluation/request_context.hpp"
#include "core/flags/flag_set.hpp"
#include "core/flags/value.hpp"

using flagport::evaluation::decode_request_context;

namespace {

// The top-level keys of the decoded context, in order; "error: ..." when there is none.
std::vector<std::string> keys_of(std::string_view body) {
  auto decoded = decode_request_context(body, nullptr);
  if (!decoded.context) return {"error: " + decoded.error};
  std::vector<std::string> keys;
  for (const auto& member : decoded.context->attributes().members) keys.emplace_back(member.key);
  return keys;
}

using Keys = std::vector<std::string>;

}  // namespace

TEST_CASE("the context is decoded without a DOM of the body") {
  CHECK(keys_of("") == Keys{});
  CHECK(keys_of("  \n") == Keys{});
  CHECK(keys_of(R"({})") == Keys{});
  CHECK(keys_of(R"({"context":{"a":1}})") == Keys{"a"});
  CHECK(keys_of(R"( { "x" : [1, {"context": 2}], "s": "\"context\"" , "context" : {"b":[true]} } )") == Keys{"b"});
  CHECK(keys_of(R"({"other":{"deep":{"x":"}"}}})") == Keys{});
  CHECK(keys_of(R"({"context":{"a":1,"b":{"c":[]}},"after":{"d":"}"}})") == Keys{"a", "b"});
  const auto decoded = decode_request_context(R"({"context":{"n":2.5}})", nullptr);
  REQUIRE(decoded.context);
  CHECK(decoded.context->attributes().find("n")->as_number() == 2.5);
}

TEST_CASE("a body that is not a JSON object, or a context that is not one, is an error") {
  const std::string not_an_object = "error: the body must be a JSON object";
  // Broken before, inside and after the context: the context is read in one pass, the
  // rest of the body checked around it.
  for (const char* body : {"[1]", "1", "\"context\"", "{", R"({"context":{}} trailing)", R"({"x":tru,"context":{}})",
                           R"({"context":{"a":01}})", R"({"context":{"a":1e999}})", R"({"context":{"a":"\x"}})",
                           "{\"context\":{\"a\":\"\x01\"}}", R"({"a":1,})", R"({'context':{}})", R"({"context":{"a":1})",
                           R"({"context":{"a":1},})", R"({"context":{"a":1}, "b":})", R"({"context" {"a":1}})",
                           R"({"context":{"a":[1,}})", R"({"context":{"a":1}}})", R"({"context":{"a":"}"})",
                           R"({"context":{"a":1},"context":tru})", "{\"context\":{\"a\":\"", "{\"context\""}) {
    CAPTURE(body);
    CHECK(keys_of(body) == Keys{not_an_object});
  }
  for (const char* body : {R"({"context":[]})", R"({"context":null})", R"({"context":"x"})"}) {
    CAPTURE(body);
    CHECK(keys_of(body) == Keys{"error: context must be a JSON object"});
  }
  CHECK(keys_of(R"({"context":5,})") == Keys{not_an_object});  // the body's fault is named first
}

TEST_CASE("the body's members are read as JSON.parse reads them: decoded keys, the last of a repeated one") {
  CHECK(keys_of(R"({"con\u0074ext":{"a":1}})") == Keys{"a"});
  CHECK(keys_of(R"({"context":{"a":1},"x":0,"context":{"b":2}})") == Keys{"b"});
  CHECK(keys_of(R"({"context":5,"context":{"b":2}})") == Keys{"b"});
  CHECK(keys_of(R"({"context":{"a":1},"context":[1]})") == Keys{"error: context must be a JSON object"});
  CHECK(keys_of(R"({"x":{"context":{"a":1}},"y":[{"context":{"b":1}}]})") == Keys{});

  // A replaced context leaves nothing behind in the slots either.
  const auto set = flagport::flags::load_flag_set(R"({"flags":{"f":{"state":"ENABLED","variants":{"a":1},
    "targeting":{"if":[{"==":[{"var":"plan"},"pro"]},"a",null]}}}})");
  REQUIRE(set.ok());
  const auto& needs = set.flag_set->context_needs();
  const auto decoded = decode_request_context(R"({"context":{"plan":"pro"},"context":{"tier":1}})", &needs);
  REQUIRE(decoded.context);
  const flagport::flags::Value* slots = decoded.context->slots(needs);
  REQUIRE(slots != nullptr);
  CHECK(slots[needs.slot("plan")].is_null());
  CHECK(decoded.context->attributes().members.empty());
}
