#include "core/flags/operators/murmurhash3.hpp"

#include <bit>

#include "core/flags/text_words.hpp"

namespace flagport::flags {
namespace {

std::uint32_t rotl(std::uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

std::uint32_t mix(std::uint32_t k1) {
  k1 *= 0xcc9e2d51u;
  k1 = rotl(k1, 15);
  return k1 * 0x1b873593u;
}

// One four-unit block into the running hash.
std::uint32_t step(std::uint32_t h1, std::uint32_t packed) {
  h1 ^= mix(packed);
  h1 = rotl(h1, 13);
  return h1 * 5 + 0xe6546b64u;
}

}  // namespace

void Murmur3Utf16::unit(std::uint32_t code_unit) {
  pending_[length_ & 3] = code_unit;
  ++length_;
  if ((length_ & 3) != 0) return;
  // imurmurhash packs four code units as c0 ^ c1<<8 ^ c2<<16 ^ (c3 low byte)<<24 ^ (c3 high
  // byte), which is plain byte order for ASCII.
  const std::uint32_t top = pending_[3];
  block(pending_[0] ^ (pending_[1] << 8) ^ (pending_[2] << 16) ^ ((top & 0xffu) << 24) ^ ((top & 0xff00u) >> 8));
}

void Murmur3Utf16::block(std::uint32_t packed) { h1_ = step(h1_, packed); }

Murmur3Utf16& Murmur3Utf16::add(std::string_view text) {
  static_assert(std::endian::native == std::endian::little, "four ASCII bytes are loaded as one block");
  for (std::size_t i = 0; i < text.size();) {
    // On a block boundary, four ASCII characters are a whole block as they stand in memory.
    // The running hash stays in a register meanwhile.
    if ((length_ & 3) == 0) {
      std::uint32_t h1 = h1_;
      const std::size_t start = i;
      while (i + 4 <= text.size()) {
        const std::uint32_t word = load_half_word(text.data() + i);
        if (word & 0x80808080u) break;
        h1 = step(h1, word);
        i += 4;
      }
      h1_ = h1;
      length_ += static_cast<std::uint32_t>(i - start);
      if (i == text.size()) break;
    }
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      unit(lead);
      ++i;
      continue;
    }
    const int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
    std::uint32_t cp = lead & (0x3F >> extra);
    for (int k = 1; k <= extra && i + k < text.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += extra + 1;
    if (cp >= 0x10000) {
      unit(0xD800 + ((cp - 0x10000) >> 10));
      unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return *this;
}

std::uint32_t Murmur3Utf16::finish() const {
  std::uint32_t h1 = h1_;
  std::uint32_t k1 = 0;
  switch (length_ & 3) {
    case 3: k1 ^= pending_[2] << 16; [[fallthrough]];
    case 2: k1 ^= pending_[1] << 8; [[fallthrough]];
    case 1: k1 ^= pending_[0]; break;
    default: break;
  }
  // imurmurhash tests `k1 > 0` on a signed 32-bit value: a tail with the top bit set is dropped.
  if (static_cast<std::int32_t>(k1) > 0) h1 ^= mix(k1);
  h1 ^= length_;
  h1 ^= h1 >> 16;
  h1 *= 0x85ebca6bu;
  h1 ^= h1 >> 13;
  h1 *= 0xc2b2ae35u;
  h1 ^= h1 >> 16;
  return h1;
}

}  // namespace flagport::flags
