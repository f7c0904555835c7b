#include "core/evaluation/siphash.hpp"

#include <bit>
#include <cstring>

namespace flagport::evaluation {
namespace {

constexpr std::uint64_t rotl(std::uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

struct State {
  std::uint64_t v0, v1, v2, v3;

  // Not inlined: one copy of the round keeps the module small; a key is a few blocks.
  [[gnu::noinline]] void rounds(int n) {
    for (int i = 0; i < n; ++i) {
      v0 += v1, v1 = rotl(v1, 13), v1 ^= v0, v0 = rotl(v0, 32);
      v2 += v3, v3 = rotl(v3, 16), v3 ^= v2;
      v0 += v3, v3 = rotl(v3, 21), v3 ^= v0;
      v2 += v1, v1 = rotl(v1, 17), v1 ^= v2, v2 = rotl(v2, 32);
    }
  }

  void absorb(std::uint64_t m) {
    v3 ^= m;
    rounds(2);
    v0 ^= m;
  }
};

// SipHash reads its input as little-endian words, as wasm32 and x86-64 lay them out.
static_assert(std::endian::native == std::endian::little);

std::uint64_t load_le(const unsigned char* p, std::size_t n) {
  std::uint64_t m = 0;
  std::memcpy(&m, p, n);
  return m;
}

}  // namespace

std::uint64_t siphash24(const SipKey& key, std::string_view data) {
  State s{key.k0 ^ 0x736f6d6570736575ULL, key.k1 ^ 0x646f72616e646f6dULL, key.k0 ^ 0x6c7967656e657261ULL,
          key.k1 ^ 0x7465646279746573ULL};
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  const std::size_t whole = data.size() / 8 * 8;
  for (std::size_t i = 0; i < whole; i += 8) s.absorb(load_le(p + i, 8));
  s.absorb(load_le(p + whole, data.size() - whole) | (std::uint64_t{data.size() & 0xff} << 56));
  s.v2 ^= 0xff;
  s.rounds(4);
  return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

}  // namespace flagport::evaluation
