// SipHash-2-4 (Aumasson & Bernstein): a keyed hash whose output an attacker cannot
// predict or steer without the key, cheap enough to run on every presented key.
#pragma once

#include <cstdint>
#include <string_view>

namespace flagport::evaluation {

struct SipKey {
  std::uint64_t k0 = 0;
  std::uint64_t k1 = 0;
};

std::uint64_t siphash24(const SipKey& key, std::string_view data);

}  // namespace flagport::evaluation
