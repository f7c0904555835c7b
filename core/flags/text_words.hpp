#pragma once
// Short texts (flag keys, context keys, list entries) compared and hashed a machine word at
// a time rather than byte by byte. Loads overlap at the end instead of looping on a tail.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace flagport::flags {

inline std::uint64_t load_word(const char* at) {
  std::uint64_t word;
  std::memcpy(&word, at, sizeof word);
  return word;
}

inline std::uint32_t load_half_word(const char* at) {
  std::uint32_t word;
  std::memcpy(&word, at, sizeof word);
  return word;
}

// Equality; most candidates differ in length, so the words are rarely read.
inline bool same_text(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (load_word(x + i) != load_word(y + i)) return false;
    }
    return load_word(x + n - 8) == load_word(y + n - 8);
  }
  if (n >= 4) return load_half_word(x) == load_half_word(y) && load_half_word(x + n - 4) == load_half_word(y + n - 4);
  for (std::size_t i = 0; i < n; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}

// A hash for open addressing over short texts (not for anything an attacker chooses to
// collide: the tables it serves are built from the flag set, not from requests).
inline std::uint64_t text_hash(std::string_view text) {
  const char* p = text.data();
  const std::size_t n = text.size();
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
  const auto mix = [&h](std::uint64_t word) {
    h = (h ^ word) * 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
  };
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) mix(load_word(p + i));
    mix(load_word(p + n - 8));
  } else if (n >= 4) {
    mix((static_cast<std::uint64_t>(load_half_word(p)) << 32) | load_half_word(p + n - 4));
  } else if (n > 0) {
    const auto byte = [p](std::size_t i) { return static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])); };
    mix((byte(0) << 16) | (byte(n / 2) << 8) | byte(n - 1));
  }
  return h;
}

}  // namespace flagport::flags
