#include "core/flags/javascript.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <limits>

namespace flagport::flags::js {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Decodes one UTF-8 (or WTF-8) sequence at `i`, advancing it. Bytes that do not form a
// sequence decode as themselves, which cannot happen for text that came through a JSON parser.
char32_t decode(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) { ++i; return lead; }
  int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  if (extra == 0 || i + extra >= text.size()) { ++i; return lead; }
  char32_t cp = lead & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (byte(i + k) & 0x3F);
  i += extra + 1;
  return cp;
}

void encode(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_js_whitespace(char32_t cp) {
  switch (cp) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0xA0: case 0x1680:
    case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

}  // namespace

std::string_view trim(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t next = begin;
    if (!is_js_whitespace(decode(text, next))) break;
    begin = next;
  }
  std::size_t end = text.size();
  while (end > begin) {
    std::size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    std::size_t probe = start;
    if (!is_js_whitespace(decode(text, probe))) break;
    end = start;
  }
  return text.substr(begin, end - begin);
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

double radix_integer(std::string_view digits, int radix) {
  if (digits.empty()) return kNaN;
  double value = 0;
  for (char c : digits) {
    int d = is_digit(c) ? c - '0' : (c >= 'a' && c <= 'z') ? c - 'a' + 10 : (c >= 'A' && c <= 'Z') ? c - 'A' + 10 : 99;
    if (d >= radix) return kNaN;
    value = value * radix + d;
  }
  return value;
}

// StrDecimalLiteral: [+-] (Infinity | digits [. digits] | . digits) [e [+-] digits]
bool is_decimal_literal(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (s.substr(i) == "Infinity") return true;
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && is_digit(s[i])) { ++i; ++int_digits; }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) { ++i; ++frac_digits; }
  }
  if (int_digits + frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exp_digits = 0;
    while (i < s.size() && is_digit(s[i])) { ++i; ++exp_digits; }
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

void append_array(std::string& out, const ArrayData& array) {
  for (std::size_t i = 0; i < array.items.size(); ++i) {
    if (i) out.push_back(',');
    if (!array.items[i].is_nullish()) append_string(out, array.items[i]);
  }
}

}  // namespace


double string_to_number(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.empty()) return 0;
  if (s.size() > 2 && s[0] == '0') {
    const char tag = s[1];
    if (tag == 'x' || tag == 'X') return radix_integer(s.substr(2), 16);
    if (tag == 'o' || tag == 'O') return radix_integer(s.substr(2), 8);
    if (tag == 'b' || tag == 'B') return radix_integer(s.substr(2), 2);
  }
  if (!is_decimal_literal(s)) return kNaN;
  const bool negative = s[0] == '-';
  const std::string_view unsigned_part = (s[0] == '-' || s[0] == '+') ? s.substr(1) : s;
  if (unsigned_part == "Infinity") return negative ? -kInfinity : kInfinity;
  const std::string literal(s);
  return std::strtod(literal.c_str(), nullptr);
}

double to_number(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::Null: return 0;
    case Value::Kind::Boolean: return value.as_boolean() ? 1 : 0;
    case Value::Kind::Number: return value.as_number();
    case Value::Kind::String: return string_to_number(value.as_string());
    case Value::Kind::Array: return string_to_number(to_string(value));
    case Value::Kind::Object:
    case Value::Kind::Undefined: return kNaN;
  }
  return kNaN;
}

double to_integer(double number) {
  if (std::isnan(number)) return 0;
  return std::trunc(number);
}

void append_number(std::string& out, double number) {
  if (std::isnan(number)) { out += "NaN"; return; }
  if (number == 0) { out.push_back('0'); return; }
  if (std::isinf(number)) { out += number < 0 ? "-Infinity" : "Infinity"; return; }
  if (number < 0) { out.push_back('-'); number = -number; }
  if (number < 9007199254740992.0 && number == std::trunc(number)) {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(number));
    out += buffer;
    return;
  }
  // Shortest digits that read back as the same double (ECMA-262 Number::toString).
  char buffer[40];
  int precision = 1;
  for (; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*e", precision - 1, number);
    if (std::strtod(buffer, nullptr) == number) break;
  }
  std::string digits;
  const char* p = buffer;
  for (; *p && *p != 'e'; ++p) if (is_digit(*p)) digits.push_back(*p);
  const int exponent = std::atoi(p + 1);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, 0, static_cast<std::size_t>(n));
    out.push_back('.');
    out.append(digits, static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out.append(digits, 1);
    }
    out.push_back('e');
    out.push_back(n - 1 < 0 ? '-' : '+');
    out += std::to_string(std::abs(n - 1));
  }
}

void append_string(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::Null: out += "null"; break;
    case Value::Kind::Boolean: out += value.as_boolean() ? "true" : "false"; break;
    case Value::Kind::Number: append_number(out, value.as_number()); break;
    case Value::Kind::String: out += value.as_string(); break;
    case Value::Kind::Array: append_array(out, value.as_array()); break;
    case Value::Kind::Object: out += "[object Object]"; break;
    case Value::Kind::Undefined: out += "undefined"; break;
  }
}

std::string to_string(const Value& value) {
  if (value.is_string()) return std::string(value.as_string());
  std::string out;
  append_string(out, value);
  return out;
}


bool strict_equal(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::Null:
    case Value::Kind::Undefined: return true;
    case Value::Kind::Boolean: return a.as_boolean() == b.as_boolean();
    case Value::Kind::Number: return a.as_number() == b.as_number();
    case Value::Kind::String: return same_text(a.as_string(), b.as_string());
    default: return a.identity() == b.identity();
  }
}

bool same_value_zero(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number() && std::isnan(a.as_number()) && std::isnan(b.as_number())) return true;
  return strict_equal(a, b);
}

int compare_strings(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j] && static_cast<unsigned char>(a[i]) < 0x80) { ++i; ++j; continue; }
    const char32_t x = decode(a, i);
    const char32_t y = decode(b, j);
    if (x == y) continue;
    // Supplementary characters sort by their surrogates, below U+E000..U+FFFF.
    const auto first_unit = [](char32_t cp) { return cp >= 0x10000 ? 0xD800 + ((cp - 0x10000) >> 10) : cp; };
    const char32_t ux = first_unit(x), uy = first_unit(y);
    if (ux != uy) return ux < uy ? -1 : 1;
    return x < y ? -1 : 1;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return 0;
}

std::size_t utf16_length(std::string_view text) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < text.size();) units += decode(text, i) >= 0x10000 ? 2 : 1;
  return units;
}

std::u16string to_utf16(std::string_view text) {
  std::u16string units;
  units.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = decode(text, i);
    if (cp >= 0x10000) {
      units.push_back(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
      units.push_back(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    } else {
      units.push_back(static_cast<char16_t>(cp));
    }
  }
  return units;
}

std::string from_utf16(std::u16string_view units) {
  std::string out;
  out.reserve(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) {
    const char16_t unit = units[i];
    if (unit >= 0xD800 && unit < 0xDC00 && i + 1 < units.size() && units[i + 1] >= 0xDC00 && units[i + 1] < 0xE000) {
      encode(out, 0x10000 + ((static_cast<char32_t>(unit) - 0xD800) << 10) + (units[i + 1] - 0xDC00));
      ++i;
    } else {
      encode(out, unit);
    }
  }
  return out;
}

std::optional<std::size_t> array_index(std::string_view key) {
  if (key.empty() || key.size() > 15 || (key.size() > 1 && key[0] == '0')) return std::nullopt;
  std::size_t index = 0;
  for (char c : key) {
    if (!is_digit(c)) return std::nullopt;
    index = index * 10 + static_cast<std::size_t>(c - '0');
  }
  return index;
}

std::optional<Value> property(const Value& data, std::string_view key, Arena& scratch) {
  switch (data.kind()) {
    case Value::Kind::Object: {
      const Value* member = data.as_object().find(key);
      if (member && !member->is_undefined()) return *member;
      return std::nullopt;
    }
    case Value::Kind::Array: {
      const auto& items = data.as_array().items;
      if (key == "length") return Value::number(static_cast<double>(items.size()));
      const auto index = array_index(key);
      if (index && *index < items.size() && !items[*index].is_undefined()) return items[*index];
      return std::nullopt;
    }
    case Value::Kind::String: {
      const std::string_view text = data.as_string();
      if (key == "length") return Value::number(static_cast<double>(utf16_length(text)));
      const auto index = array_index(key);
      if (!index) return std::nullopt;
      const std::u16string units = to_utf16(text);
      if (*index >= units.size()) return std::nullopt;
      return Value::string(scratch.keep(from_utf16(std::u16string_view(units).substr(*index, 1))));
    }
    default:
      return std::nullopt;
  }
}

std::vector<std::size_t> key_order(const std::vector<std::string_view>& keys) {
  // Only indices an array could have (up to 2^32 - 2) come first; a longer number is an
  // ordinary key. (index, position) pairs: distinct keys have distinct indices, so a plain
  // sort is stable enough, and every caller shares its one instantiation.
  const auto listed_first = [](std::string_view key) {
    const auto index = array_index(key);
    return index && *index <= 4294967294u ? index : std::nullopt;
  };
  std::vector<std::pair<std::size_t, std::size_t>> indexed;
  std::vector<std::size_t> order;
  order.reserve(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (const auto index = listed_first(keys[i])) indexed.emplace_back(*index, i);
  }
  std::sort(indexed.begin(), indexed.end());
  for (const auto& [index, position] : indexed) order.push_back(position);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (!listed_first(keys[i])) order.push_back(i);
  }
  return order;
}

std::vector<const Member*> own_keys(const ObjectData& object) {
  std::vector<std::string_view> keys;
  for (const Member& member : object.members) keys.push_back(member.key);
  std::vector<const Member*> members;
  for (std::size_t position : key_order(keys)) members.push_back(&object.members[position]);
  return members;
}

}  // namespace flagport::flags::js
