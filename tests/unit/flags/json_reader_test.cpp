#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/flags/evaluation_context.hpp"
#include "core/flags/json_reader.hpp"
#include "core/flags/value.hpp"

using namespace flagport::flags;

namespace {

// decode_context must accept exactly the objects nlohmann-json accepts, with the same values.
void agrees_with_nlohmann(const std::string& text) {
  CAPTURE(text);
  // ordered: the members must come in the order written (a repeated key in its first place)
  const nlohmann::ordered_json dom = nlohmann::ordered_json::parse(text, nullptr, false);
  const bool accepted = !dom.is_discarded() && dom.is_object();
  const auto decoded = decode_context(text);
  REQUIRE(decoded.context.has_value() == accepted);
  if (accepted) CHECK(to_json(Value::object(decoded.context->attributes())) == dom);
}

}  // namespace

TEST_CASE("the context reader accepts and refuses what nlohmann-json does") {
  const char* cases[] = {
      "{}", " {} ", "\xEF\xBB\xBF{}", "\xEF\xBB{}", "{}\xEF\xBB\xBF", "", " ", "{", "}", "{}}", "{},", "{} {}",
      R"({"a":1})", R"({"a":1,})", R"({"a" 1})", R"({a:1})", R"({'a':1})", R"({"a":1 "b":2})", R"({"a":[1,2,]})",
      R"({"a":[,1]})", R"({"a":[]})", R"({"a":{}})", R"({"a":[[[[]]]]})", R"({"a":-0})", R"({"a":-0.0})",
      R"({"a":0.5e1})", R"({"a":01})", R"({"a":1.})", R"({"a":.5})", R"({"a":+1})", R"({"a":-})", R"({"a":1e})",
      R"({"a":1e+})", R"({"a":1E-2})", R"({"a":1e400})", R"({"a":-1e400})", R"({"a":1e-400})", R"({"a":123456789012345678901234567890})",
      R"({"a":18446744073709551616})", R"({"a":-9223372036854775809})", R"({"a":9007199254740993})", R"({"a":0.1})",
      R"({"a":2.2250738585072011e-308})", R"({"a":1.7976931348623157e308})", R"({"a":tru})", R"({"a":true})",
      R"({"a":nul})", R"({"a":null})", R"({"a":falsey})", R"({"a":"\u00e9\ud83d\ude00\n\t\"\\\/\b\f\r"})",
      R"({"a":"\ud83d"})", R"({"a":"\ude00"})", R"({"a":"\ud83d\u0041"})", R"({"a":"\u12"})", R"({"a":"\x"})",
      R"({"a":"\u0000"})", "{\"a\":\"\x01\"}", "{\"a\":\"\x7f\"}", "{\"a\":\"\xC3\xA9\"}", "{\"a\":\"\xC3\"}",
      "{\"a\":\"\xC0\x80\"}", "{\"a\":\"\xED\xA0\x80\"}", "{\"a\":\"\xF4\x90\x80\x80\"}", "{\"a\":\"\xF0\x9F\x98\x80\"}",
      "{\"a\":\"\xE0\x9F\x80\"}", "{\"\xFF\":1}", "{\"a\":1}\x00", R"({"k":1,"k":2,"j":[1,{"k":3,"k":4}]})",
      R"({"a":"unterminated)", R"({"a":"x"})", "[1]", "\"x\"", "1", "null", "\t{\r\n\"a\"\t:\n1\r}\n", "{\"a\":1}\v",
  };
  for (const char* text : cases) agrees_with_nlohmann(text);
  agrees_with_nlohmann(std::string("{\"a\":\"x\0y\"}", 12));
}

TEST_CASE("deep nesting is read without recursion, and refused past the limit") {
  // Everything that reads a context after it (ETags, comparisons, answers) recurses once
  // per level: a body of 100,000 brackets overflowed the stack (found fuzzing).
  const auto nested = [](std::size_t depth) {  // the context is the first level
    return "{\"a\":" + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}";
  };
  CHECK(decode_context(nested(json_reader::kMaxDepth)).context);
  CHECK_FALSE(decode_context(nested(json_reader::kMaxDepth + 1)).context);
  CHECK_FALSE(decode_context(nested(100000)).context);
  CHECK_FALSE(decode_context("{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "]}").context);
}

TEST_CASE("the context reader agrees with nlohmann-json on mutated documents") {
  const std::string seeds[] = {
      R"({"targetingKey":"user-1","email":"a\u00e9@x.com","age":42,"score":-2.5e3,"tags":["a","b"],"user":{"plan":"pro","meta":{"level":0}},"ok":true,"none":null})",
      "{\"s\":\"\xE6\x97\xA5\\ud83d\\ude00\",\"n\":[0,-0,1e21,5e-324,0.1],\"o\":{\"k\":{\"k\":[{}]}}}",
  };
  const char alphabet[] = "{}[]\":,\\u0123456789abcdefeE+-. \ntrunl\x80\xC3\xED\xF0\xFF\x01";
  std::uint32_t state = 12345;
  const auto next = [&] { state = state * 1664525u + 1013904223u; return state >> 8; };
  for (const std::string& seed : seeds) {
    for (int round = 0; round < 4000; ++round) {
      std::string text = seed;
      for (std::uint32_t edits = 1 + next() % 3; edits > 0; --edits) {
        const std::size_t at = next() % text.size();
        const char c = alphabet[next() % (sizeof alphabet - 1)];
        switch (next() % 3) {
          case 0: text[at] = c; break;
          case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
          default: text.erase(at, 1); break;
        }
      }
      agrees_with_nlohmann(text);
    }
  }
}
