#include "core/http/json_text.hpp"

#include <array>

#include <nlohmann/json.hpp>

namespace flagport::json_text {
namespace {

// How many bytes each byte becomes inside a string literal; 0 for bytes above 0x7f, whose
// UTF-8 nlohmann checks (and replaces where ill-formed).
constexpr std::array<unsigned char, 256> kWritten = [] {
  std::array<unsigned char, 256> table{};
  for (int c = 0x20; c < 0x80; ++c) table[c] = 1;
  for (int c = 0; c < 0x20; ++c) table[c] = 6;  // \u00XX
  table['"'] = table['\\'] = table['\b'] = table['\f'] = table['\n'] = table['\r'] = table['\t'] = 2;
  return table;
}();

}  // namespace

void append_string(std::string& out, std::string_view text) {
  // First the exact length (bodies of many kilobytes with a quote every few bytes go
  // through here), then every byte written in place.
  std::size_t length = 2;
  for (unsigned char c : text) {
    const unsigned char written = kWritten[c];
    if (written == 0) {
      out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
    length += written;
  }
  static constexpr char hex[] = "0123456789abcdef";
  const std::size_t start = out.size();
  out.resize(start + length);
  char* at = out.data() + start;
  *at++ = '"';
  for (unsigned char c : text) {
    if (kWritten[c] == 1) {
      *at++ = static_cast<char>(c);
      continue;
    }
    *at++ = '\\';
    switch (c) {
      case '"': *at++ = '"'; break;
      case '\\': *at++ = '\\'; break;
      case '\b': *at++ = 'b'; break;
      case '\f': *at++ = 'f'; break;
      case '\n': *at++ = 'n'; break;
      case '\r': *at++ = 'r'; break;
      case '\t': *at++ = 't'; break;
      default:
        *at++ = 'u';
        *at++ = '0';
        *at++ = '0';
        *at++ = hex[c >> 4];
        *at++ = hex[c & 0xf];
    }
  }
  *at = '"';
}

}  // namespace flagport::json_text
