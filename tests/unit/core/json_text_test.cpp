#include <doctest/doctest.h>

#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "core/http/json_text.hpp"

using namespace flagport;

namespace {

std::string by_nlohmann(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string by_hand(const std::string& text) {
  std::string out = "x";  // appends, so something comes before
  json_text::append_string(out, text);
  return out.substr(1);
}

}  // namespace

TEST_CASE("string literals are written as nlohmann writes them") {
  for (std::string text : {std::string(""), std::string("plain"), std::string("quote \" backslash \\ slash /"),
                           std::string("\b\f\n\r\t"), std::string("\x01\x1f\x7f", 3), std::string("nul \0 in", 8),
                           std::string("caf\xc3\xa9 \xf0\x9f\x9a\x80"), std::string("bad \xff\xc3 utf-8")}) {
    CAPTURE(text);
    CHECK(by_hand(text) == by_nlohmann(text));
  }
}

TEST_CASE("random byte strings are written as nlohmann writes them") {
  std::mt19937 random(20261202);
  for (int round = 0; round < 20000; ++round) {
    std::string text(random() % 12, '\0');
    bool ascii = round % 2 == 0;  // half ASCII-only: the path written by hand
    for (char& c : text) c = static_cast<char>(ascii ? random() % 0x80 : random() % 0x100);
    CAPTURE(text);
    REQUIRE(by_hand(text) == by_nlohmann(text));
  }
}
