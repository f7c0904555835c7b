#include "core/flags/json_reader.hpp"

#include <cmath>
#include <cstdlib>

namespace flagport::flags::json_reader {
namespace {

// The length of the UTF-8 sequence at `p` if it is one RFC 3629 allows (no overlong forms,
// no surrogates, nothing above U+10FFFF), else 0: nlohmann-json refuses the same bytes.
std::size_t utf8_sequence(const unsigned char* p, const unsigned char* end) {
  const auto continues = [&](std::size_t i, unsigned char low = 0x80, unsigned char high = 0xBF) {
    return p + i < end && p[i] >= low && p[i] <= high;
  };
  const unsigned char lead = p[0];
  if (lead >= 0xC2 && lead <= 0xDF) return continues(1) ? 2 : 0;
  if (lead == 0xE0) return continues(1, 0xA0) && continues(2) ? 3 : 0;
  if (lead == 0xED) return continues(1, 0x80, 0x9F) && continues(2) ? 3 : 0;
  if (lead >= 0xE1 && lead <= 0xEF) return continues(1) && continues(2) ? 3 : 0;
  if (lead == 0xF0) return continues(1, 0x90) && continues(2) && continues(3) ? 4 : 0;
  if (lead >= 0xF1 && lead <= 0xF3) return continues(1) && continues(2) && continues(3) ? 4 : 0;
  if (lead == 0xF4) return continues(1, 0x80, 0x8F) && continues(2) && continues(3) ? 4 : 0;
  return 0;
}

bool hex4(const char*& p, const char* end, std::uint32_t& out) {
  if (end - p < 4) return false;
  out = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = *p++;
    std::uint32_t digit;
    if (c >= '0' && c <= '9') digit = static_cast<std::uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f') digit = static_cast<std::uint32_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') digit = static_cast<std::uint32_t>(c - 'A' + 10);
    else return false;
    out = out << 4 | digit;
  }
  return true;
}

char* put_utf8(char* w, std::uint32_t cp) {
  if (cp < 0x80) {
    *w++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *w++ = static_cast<char>(0xC0 | (cp >> 6));
    *w++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *w++ = static_cast<char>(0xE0 | (cp >> 12));
    *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *w++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *w++ = static_cast<char>(0xF0 | (cp >> 18));
    *w++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *w++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return w;
}

// \uXXXX, with a high surrogate required to pair with a following \uXXXX low one.
bool unicode_escape(const char*& p, const char* end, std::uint32_t& cp) {
  if (!hex4(p, end, cp)) return false;
  if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
  if (cp < 0xD800 || cp > 0xDBFF) return true;
  std::uint32_t low;
  if (end - p < 2 || p[0] != '\\' || p[1] != 'u') return false;
  p += 2;
  if (!hex4(p, end, low) || low < 0xDC00 || low > 0xDFFF) return false;
  cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
  return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Powers of ten that doubles hold exactly: m * 10^e (or m / 10^-e) with m < 2^53 is then
// correctly rounded, so the fast path agrees with strtod.
constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

}  // namespace

bool read_string(char*& at, const char* end, std::string_view& out) {
  char* const start = at;
  char* p = at;
  while (p != end) {  // the common case: plain ASCII up to the closing quote
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"') {
      out = {start, static_cast<std::size_t>(p - start)};
      at = p + 1;
      return true;
    }
    if (c == '\\' || c < 0x20 || c >= 0x80) break;
    ++p;
  }
  char* w = p;  // decoded text is written here; never ahead of p
  while (p != end) {
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"') {
      out = {start, static_cast<std::size_t>(w - start)};
      at = p + 1;
      return true;
    }
    if (c < 0x20) return false;
    if (c >= 0x80) {
      const std::size_t n = utf8_sequence(reinterpret_cast<const unsigned char*>(p), reinterpret_cast<const unsigned char*>(end));
      if (n == 0) return false;
      for (std::size_t i = 0; i < n; ++i) *w++ = *p++;
      continue;
    }
    if (c != '\\') {
      *w++ = *p++;
      continue;
    }
    if (++p == end) return false;
    switch (*p++) {
      case '"': *w++ = '"'; break;
      case '\\': *w++ = '\\'; break;
      case '/': *w++ = '/'; break;
      case 'b': *w++ = '\b'; break;
      case 'f': *w++ = '\f'; break;
      case 'n': *w++ = '\n'; break;
      case 'r': *w++ = '\r'; break;
      case 't': *w++ = '\t'; break;
      case 'u': {
        const char* q = p;
        std::uint32_t cp;
        if (!unicode_escape(q, end, cp)) return false;
        p += q - p;
        w = put_utf8(w, cp);
        break;
      }
      default: return false;
    }
  }
  return false;
}

bool read_number(char*& at, const char* end, double& out) {
  char* p = at;
  const bool negative = p != end && *p == '-';
  if (negative) ++p;
  if (p == end || !is_digit(*p)) return false;
  std::uint64_t mantissa = 0;
  bool exact = true;  // every digit fits in `mantissa`
  int exponent = 0;
  const auto digit = [&](char c) {
    if (mantissa < 100000000000000000ull) mantissa = mantissa * 10 + static_cast<unsigned>(c - '0');
    else exact = false;
  };
  if (*p == '0') {
    ++p;
  } else {
    while (p != end && is_digit(*p)) digit(*p++);
  }
  bool integer = true;
  if (p != end && *p == '.') {
    integer = false;
    ++p;
    if (p == end || !is_digit(*p)) return false;
    while (p != end && is_digit(*p)) {
      digit(*p++);
      --exponent;
    }
  }
  if (p != end && (*p == 'e' || *p == 'E')) {
    integer = false;
    ++p;
    const bool negative_exponent = p != end && *p == '-';
    if (p != end && (*p == '-' || *p == '+')) ++p;
    if (p == end || !is_digit(*p)) return false;
    int written = 0;
    while (p != end && is_digit(*p)) {
      if (written < 100000) written = written * 10 + (*p - '0');
      ++p;
    }
    exponent += negative_exponent ? -written : written;
  }
  constexpr std::uint64_t kExactLimit = 1ull << 53;
  if (exact && mantissa <= kExactLimit && (integer || (exponent >= -22 && exponent <= 22))) {
    double value = static_cast<double>(mantissa);
    if (exponent < 0) value /= kPowersOfTen[-exponent];
    else value *= kPowersOfTen[exponent];
    // nlohmann reads integer tokens as int64, which has no -0
    out = negative && !(integer && mantissa == 0) ? -value : value;
  } else {
    const std::string token(at, p);
    out = std::strtod(token.c_str(), nullptr);
    if (!std::isfinite(out)) return false;  // nlohmann: "number overflow"
  }
  at = p;
  return true;
}

}  // namespace flagport::flags::json_reader
