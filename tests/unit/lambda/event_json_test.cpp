#include "bindings/lambda/events/event_json.hpp"

#include <doctest/doctest.h>

#include "tests/unit/lambda/fixture.hpp"

using namespace flagport::lambda;

TEST_CASE("event JSON: every sample event reads as the document nlohmann's parser makes of it") {
  for (const char* name : {"http-api-v2.json", "rest-api-v1.json", "function-url.json", "eventbridge-scheduled.json", "sqs.json"}) {
    CAPTURE(name);
    std::string text = test::fixture_text(name);
    auto parsed = parse_event(text);
    REQUIRE(parsed);
    CHECK(*parsed == nlohmann::json::parse(text));  // numbers compare by value across kinds
  }
}

TEST_CASE("event JSON: an escaped body is decoded; nesting, arrays and literals land where they stand") {
  auto parsed = parse_event(R"({"body":"{\"context\":{\"k\":\"\u00e9\\n\"}}","a":[1,[true,null],{"b":"c"}],"isBase64Encoded":false})");
  REQUIRE(parsed);
  CHECK((*parsed)["body"] == "{\"context\":{\"k\":\"\u00e9\\n\"}}");
  CHECK((*parsed)["a"] == nlohmann::json::parse(R"([1,[true,null],{"b":"c"}])"));
  CHECK((*parsed)["isBase64Encoded"] == false);
}

TEST_CASE("event JSON: a repeated name keeps its last value, as nlohmann's parser does") {
  const std::string text = R"({"rawPath":"/a","rawPath":{"x":1},"rawPath":"/b"})";
  auto parsed = parse_event(text);
  REQUIRE(parsed);
  CHECK(*parsed == nlohmann::json::parse(text));
  CHECK((*parsed)["rawPath"] == "/b");
}

TEST_CASE("event JSON: what is not one JSON value is refused") {
  for (const char* text : {"", "{", R"({"a":1,})", R"({"a":1} {"b":2})", "[1,2", R"({"a":"\x"})", "nul"}) {
    CAPTURE(text);
    CHECK_FALSE(parse_event(text));
  }
  CHECK(parse_event("\"just a string\"") == nlohmann::json("just a string"));
}
