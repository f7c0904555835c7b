#include <doctest/doctest.h>

#include <string>

#include "core/evaluation/siphash.hpp"

using flagport::evaluation::SipKey;
using flagport::evaluation::siphash24;

namespace {

// The reference implementation's test key and messages: bytes 00 01 02 ...
SipKey reference_key() { return {0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL}; }

std::string counting(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(static_cast<char>(i));
  return out;
}

}  // namespace

TEST_CASE("SipHash-2-4 gives the reference vectors") {
  CHECK(siphash24(reference_key(), counting(0)) == 0x726fdb47dd0e0e31ULL);
  CHECK(siphash24(reference_key(), counting(1)) == 0x74f839c593dc67fdULL);
  CHECK(siphash24(reference_key(), counting(7)) == 0xab0200f58b01d137ULL);
  CHECK(siphash24(reference_key(), counting(8)) == 0x93f5f5799a932462ULL);
  CHECK(siphash24(reference_key(), counting(15)) == 0xa129ca6149be45e5ULL);  // the paper's example
  CHECK(siphash24(reference_key(), counting(16)) == 0x3f2acc7f57c29bdbULL);
  CHECK(siphash24(reference_key(), counting(63)) == 0x958a324ceb064572ULL);
}

TEST_CASE("SipHash-2-4 depends on the key") {
  SipKey other = reference_key();
  other.k1 ^= 1;
  CHECK(siphash24(other, counting(15)) != siphash24(reference_key(), counting(15)));
}
