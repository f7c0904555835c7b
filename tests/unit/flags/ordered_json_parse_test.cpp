#include <doctest/doctest.h>

#include "core/flags/json_reader.hpp"
#include "core/flags/ordered_json_parse.hpp"

using flagport::flags::parse_ordered_json;
using Json = nlohmann::ordered_json;

TEST_CASE("parse_ordered_json builds what nlohmann's parser builds") {
  for (const char* text : {R"({"b":1,"a":[1,-2,3.5,18446744073709551615,"x",null,true,{}],"c":{"z":{},"y":[]}})", R"([])",
                           R"("text")", R"(  {"deep":[[[{"k":[{}]}]]]} )", R"({"ñ":"😀","\u0000":"\n"})",
                           // integers kept as integers where they fit, as int64 below zero; the rest doubles
                           R"([0,-0,9223372036854775807,-9223372036854775808,-9223372036854775809,18446744073709551616,
                              123456789012345678901234567890,1E2,0.1,-1.5e-3,1e-400,2.50])",
                           "\xEF\xBB\xBF{\"bom\":1}"}) {
    const Json expected = Json::parse(text);
    const Json parsed = parse_ordered_json(text);
    CHECK(parsed == expected);
    CHECK(parsed.dump() == expected.dump());  // same order, same number types
  }
}

TEST_CASE("parse_ordered_json: a repeated key keeps its first place and its last value") {
  const Json parsed = parse_ordered_json(R"({"a":1,"b":2,"a":3})");
  CHECK(parsed.dump() == R"({"a":3,"b":2})");
  std::string many = "{";
  for (int i = 0; i < 20; ++i) many += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  many += R"("k3":"last"})";
  CHECK(parse_ordered_json(many).dump() == Json::parse(many).dump());
}

TEST_CASE("parse_ordered_json refuses a NUL byte, which nlohmann reads as the end of the text") {
  using namespace std::string_literals;
  // fuzz/corpus/flag_set: a flag set with junk after a NUL was published, junk included
  for (const std::string text : {"{}\0"s, "{\"flags\":{}}\0 junk, {]"s, "[1,\0 2]"s, "\0"s})
    CHECK(parse_ordered_json(text).is_discarded());
  CHECK(parse_ordered_json(R"({"\u0000":"\u0000"})").dump() == "{\"\\u0000\":\"\\u0000\"}");
}

TEST_CASE("parse_ordered_json refuses documents nested deeper than the limit") {
  // the rule compiler, the interpreter and the answers' texts recurse once per level: a
  // flag set of 100,000 brackets overflowed the stack (found fuzzing)
  const auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  CHECK_FALSE(parse_ordered_json(nested(flagport::flags::json_reader::kMaxDepth)).is_discarded());
  CHECK(parse_ordered_json(nested(flagport::flags::json_reader::kMaxDepth + 1)).is_discarded());
  CHECK(parse_ordered_json(nested(100000)).is_discarded());
  CHECK(parse_ordered_json(R"({"a":)" + nested(200) + "}").is_discarded());
}

TEST_CASE("parse_ordered_json refuses what nlohmann refuses") {
  for (const char* text : {"", "{", R"({"a":1,})", "[1] 2", "1e400", "// x\n{}", R"({"a" 1})"}) {
    CHECK(parse_ordered_json(text).is_discarded());
  }
}
