// The byte format of the wasm boundary, shared with bindings/cloudflare/wire.js.
// Little-endian fixed-width integers (u8, u32, i64) and byte strings as a u32 length
// followed by the raw bytes. Payloads (bodies, KV values, object replies) travel as
// bytes exactly once: nothing here is JSON, nothing is re-encoded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace flagport::wire {

class Writer {
 public:
  void u8(std::uint8_t value) { out_.push_back(static_cast<char>(value)); }
  void u32(std::uint32_t value);
  void i64(std::int64_t value);
  void bytes(std::string_view value);
  // Room for `more` bytes after what is written, so a large message grows once.
  void reserve(std::size_t more) { out_.reserve(out_.size() + more); }

  // A message the host reads in place, [u32 length][message]: the Writer begins with
  // framed() and ends with take_framed().
  static Writer framed();
  std::string take_framed();

 private:
  std::string out_;
};

// Reads until the input runs out; from then on every read yields zero/empty and
// ok() is false, so a decoder checks once at the end.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  std::uint8_t u8();
  std::uint32_t u32();
  std::int64_t i64();
  std::string bytes();

  bool ok() const { return ok_; }
  bool finished() const { return ok_ && in_.empty(); }

 private:
  bool take(std::size_t n, std::string_view& out);

  std::string_view in_;
  bool ok_ = true;
};

}  // namespace flagport::wire
