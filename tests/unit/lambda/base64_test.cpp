#include "bindings/lambda/base64.hpp"

#include <doctest/doctest.h>

using namespace flagport::lambda;

TEST_CASE("base64 encodes RFC 4648 test vectors with padding") {
  CHECK(base64::encode("") == "");
  CHECK(base64::encode("f") == "Zg==");
  CHECK(base64::encode("fo") == "Zm8=");
  CHECK(base64::encode("foo") == "Zm9v");
  CHECK(base64::encode("foobar") == "Zm9vYmFy");
}

TEST_CASE("base64 round-trips every byte value") {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  auto decoded = base64::decode(base64::encode(bytes));
  REQUIRE(decoded);
  CHECK(*decoded == bytes);
}

TEST_CASE("base64 refuses what is not padded base64") {
  CHECK_FALSE(base64::decode("Zg"));
  CHECK_FALSE(base64::decode("Zm9v!A=="));
  CHECK_FALSE(base64::decode("Z=g="));
  CHECK(base64::decode("Zm8=") == std::optional<std::string>("fo"));
}
