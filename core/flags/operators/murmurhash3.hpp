#pragma once

#include <cstdint>
#include <string_view>

namespace flagport::flags {

// MurmurHash3 x86 32-bit, seed 0, exactly as the `imurmurhash` package computes it for a JS
// string: over its UTF-16 code units, four per block. For ASCII this is the reference
// algorithm over bytes; flagd-core buckets with it, so non-ASCII keys must match it too.
// Text is fed in UTF-8 pieces (flag key, then targeting key) without building the string.
class Murmur3Utf16 {
public:
  Murmur3Utf16& add(std::string_view utf8_text);
  std::uint32_t finish() const;

private:
  void unit(std::uint32_t code_unit);
  void block(std::uint32_t packed);
  std::uint32_t h1_ = 0;
  std::uint32_t pending_[4] = {};
  std::uint32_t length_ = 0;  // code units so far
};

inline std::uint32_t murmurhash3_utf16(std::string_view utf8_text) { return Murmur3Utf16().add(utf8_text).finish(); }

}  // namespace flagport::flags
