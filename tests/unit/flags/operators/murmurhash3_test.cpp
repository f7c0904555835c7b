#include <doctest/doctest.h>

#include "core/flags/operators/murmurhash3.hpp"

using flagport::flags::murmurhash3_utf16;

TEST_CASE("murmurhash3 matches the reference x86 32-bit vectors for ASCII") {
  CHECK(murmurhash3_utf16("") == 0u);
  CHECK(murmurhash3_utf16("a") == 0x3c2569b2u);
  CHECK(murmurhash3_utf16("abc") == 0xb3dd93fau);
  CHECK(murmurhash3_utf16("Hello, world!") == 0xc0363e43u);
  CHECK(murmurhash3_utf16("The quick brown fox jumps over the lazy dog") == 0x2e4ff723u);
}

TEST_CASE("murmurhash3 hashes UTF-16 code units as imurmurhash does") {
  // values from imurmurhash 0.1.4 in Node
  CHECK(murmurhash3_utf16("ñandú") == 0xfc38b793u);
  CHECK(murmurhash3_utf16("😀") == 0x1249fcdcu);
  CHECK(murmurhash3_utf16("日本語x") == 0x8ac11cf6u);
  CHECK(murmurhash3_utf16("abcdé") == 0x21376158u);
}
