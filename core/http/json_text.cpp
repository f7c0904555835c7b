#include "core/http/json_text.hpp"

#include <array>

#include "core/json.hpp"

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

// The character written after the backslash for the two-byte escapes; the byte itself for
// the bytes written as they are.
constexpr std::array<char, 256> kEscaped = [] {
  std::array<char, 256> table{};
  for (int c = 0; c < 256; ++c) table[c] = static_cast<char>(c);
  table['\b'] = 'b';
  table['\f'] = 'f';
  table['\n'] = 'n';
  table['\r'] = 'r';
  table['\t'] = 't';
  return table;
}();

}  // namespace

void append_string(std::string& out, std::string_view text) {
  // Bulk answers are tens of kilobytes with a quote every few bytes, and the Lambda response
  // event escapes each once: both passes are free of branches on the common bytes. First the
  // exact length, then every byte written in place.
  std::size_t length = 2;
  bool above_ascii = false;
  for (unsigned char c : text) {
    const unsigned char written = kWritten[c];
    length += written;
    above_ascii |= written == 0;
  }
  if (above_ascii) {
    out += Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
    return;
  }
  static constexpr char hex[] = "0123456789abcdef";
  const std::size_t start = out.size();
  out.resize(start + length);
  char* at = out.data() + start;
  *at++ = '"';
  for (unsigned char c : text) {
    const unsigned char written = kWritten[c];
    if (written == 6) {  // \u00XX: control bytes without a short escape
      at[0] = '\\';
      at[1] = 'u';
      at[2] = '0';
      at[3] = '0';
      at[4] = hex[c >> 4];
      at[5] = hex[c & 0xf];
    } else {  // one byte (the backslash overwritten) or a backslash and one
      at[0] = '\\';
      at[written - 1] = kEscaped[c];
    }
    at += written;
  }
  *at = '"';
}

std::string minified(std::string_view json) {
  if (json.substr(0, 3) == "\xEF\xBB\xBF") json.remove_prefix(3);  // a BOM is no part of the document
  std::string out;
  out.reserve(json.size());
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < json.size()) out += json[++i];  // an escaped quote does not end the string
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      out += c;
      in_string = true;
    } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      out += c;
    }
  }
  return out;
}

}  // namespace flagport::json_text
