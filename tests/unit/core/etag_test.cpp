#include <doctest/doctest.h>

#include <string>

#include "core/ofrep/etag.hpp"

using namespace flagport;

namespace {

std::string tag(const char* context, std::int64_t version = 1) {
  auto decoded = flags::decode_context(context);
  REQUIRE(decoded.context);
  return ofrep::bulk_etag("shop", version, *decoded.context);
}

}  // namespace

TEST_CASE("the bulk ETag is canonical: key order and -0 do not matter") {
  CHECK(tag(R"({"a":1,"b":"x"})") == tag(R"({"b":"x","a":1})"));
  CHECK(tag(R"({"o":{"x":1,"y":[true,null]}})") == tag(R"({"o":{"y":[true,null],"x":1}})"));
  CHECK(tag(R"({"n":-0})") == tag(R"({"n":0})"));
  CHECK(tag(R"({"n":1.0})") == tag(R"({"n":1})"));
  CHECK(tag(R"({})").size() == 18);
}

TEST_CASE("the bulk ETag changes with any value, type, nesting or the version") {
  const std::string base = tag(R"({"a":1})");
  CHECK(tag(R"({"a":2})") != base);
  CHECK(tag(R"({"a":"1"})") != base);
  CHECK(tag(R"({"a":[1]})") != base);
  CHECK(tag(R"({"a":true})") != tag(R"({"a":"t"})"));
  CHECK(tag(R"({"a":null})") != tag(R"({})"));
  CHECK(tag(R"({"a":[1,2]})") != tag(R"({"a":[2,1]})"));
  CHECK(tag(R"({"a":[[1],2]})") != tag(R"({"a":[1,[2]]})"));
  CHECK(tag(R"({"a":{"b":1}})") != tag(R"({"a":{"c":1}})"));
  CHECK(tag(R"({"ab":"c"})") != tag(R"({"a":"bc"})"));
  CHECK(tag(R"({"a":1})", 2) != base);
}
