#include <doctest/doctest.h>

#include <cmath>

#include "core/flags/javascript.hpp"

using namespace flagport::flags;

namespace {
std::string number(double n) {
  std::string out;
  js::append_number(out, n);
  return out;
}
}  // namespace

TEST_CASE("numbers print as JS Number#toString does") {
  CHECK(number(0) == "0");
  CHECK(number(-0.0) == "0");
  CHECK(number(1.5) == "1.5");
  CHECK(number(0.1 + 0.2) == "0.30000000000000004");
  CHECK(number(1e21) == "1e+21");
  CHECK(number(123456789012345680000.0) == "123456789012345680000");
  CHECK(number(1e-7) == "1e-7");
  CHECK(number(0.000001) == "0.000001");
  CHECK(number(-2.5e-10) == "-2.5e-10");
  CHECK(number(5e-324) == "5e-324");
  CHECK(number(std::nan("")) == "NaN");
  CHECK(number(-INFINITY) == "-Infinity");
}

TEST_CASE("strings convert to numbers as JS ToNumber does") {
  CHECK(js::string_to_number("") == 0);
  CHECK(js::string_to_number(" \n 42 ") == 42);
  CHECK(js::string_to_number("0x1F") == 31);
  CHECK(js::string_to_number("-1e3") == -1000);
  CHECK(js::string_to_number(".5") == 0.5);
  CHECK(js::string_to_number("-Infinity") == -INFINITY);
  CHECK(std::isnan(js::string_to_number("1,2")));
  CHECK(std::isnan(js::string_to_number("-0x10")));
  CHECK(std::isnan(js::string_to_number("inf")));
}

TEST_CASE("strings order by UTF-16 code units") {
  CHECK(js::compare_strings("a", "b") < 0);
  CHECK(js::compare_strings("ab", "a") > 0);
  CHECK(js::compare_strings("\xef\xbf\xbf", "\xf0\x9f\x98\x80") > 0);  // U+FFFF sorts after U+1F600
  CHECK(js::utf16_length("x\xf0\x9f\x98\x80") == 3);
}
