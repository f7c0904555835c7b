#include "wasm/wire.hpp"

namespace flagport::wire {

void Writer::u32(std::uint32_t value) {
  char bytes[4];
  for (int i = 0; i < 4; ++i) bytes[i] = static_cast<char>(value >> (8 * i));
  out_.append(bytes, 4);
}

void Writer::i64(std::int64_t value) {
  const auto bits = static_cast<std::uint64_t>(value);
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(bits >> (8 * i));
  out_.append(bytes, 8);
}

void Writer::bytes(std::string_view value) {
  u32(static_cast<std::uint32_t>(value.size()));
  out_.append(value);
}

Writer Writer::framed() {
  Writer out;
  out.u32(0);  // the length, patched in by take_framed()
  return out;
}

std::string Writer::take_framed() {
  const auto length = static_cast<std::uint32_t>(out_.size() - 4);
  for (int i = 0; i < 4; ++i) out_[i] = static_cast<char>(length >> (8 * i));
  return std::move(out_);
}

bool Reader::take(std::size_t n, std::string_view& out) {
  if (!ok_ || in_.size() < n) {
    ok_ = false;
    return false;
  }
  out = in_.substr(0, n);
  in_.remove_prefix(n);
  return true;
}

std::uint8_t Reader::u8() {
  std::string_view b;
  return take(1, b) ? static_cast<std::uint8_t>(b[0]) : 0;
}

std::uint32_t Reader::u32() {
  std::string_view b;
  if (!take(4, b)) return 0;
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<std::uint8_t>(b[i]);
  return value;
}

std::int64_t Reader::i64() {
  std::string_view b;
  if (!take(8, b)) return 0;
  std::uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<std::uint8_t>(b[i]);
  return static_cast<std::int64_t>(value);
}

std::string Reader::bytes() {
  std::string_view b;
  std::uint32_t n = u32();
  return take(n, b) ? std::string(b) : std::string();
}

}  // namespace flagport::wire
