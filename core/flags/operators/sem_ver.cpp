#include <optional>
#include <string>
#include <vector>

#include "core/flags/javascript.hpp"
#include "core/flags/operators/custom_operators.hpp"

namespace flagport::flags {
namespace {

constexpr double kMaxSafeInteger = 9007199254740991;
constexpr std::size_t kMaxLength = 256;

struct Identifier {
  bool numeric;  // all digits (compared as numbers against another all-digit identifier)
  double number;
  std::string_view text;  // into the version text, which outlives the comparison
};

struct Version {
  double major, minor, patch;
  std::vector<Identifier> prerelease;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_identifier_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}
bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) if (!is_digit(c)) return false;
  return true;
}

double digits_value(std::string_view digits) {
  double value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// string_view::find for texts as short as versions: the loop is cheaper than the call to memchr.
std::size_t position(std::string_view s, char c) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == c) return i;
  }
  return std::string_view::npos;
}

// 0 | [1-9][0-9]*
bool numeric_identifier(std::string_view s) { return all_digits(s) && (s.size() == 1 || s[0] != '0'); }

std::vector<std::string_view> split_dots(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '.') {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

// The common case, N.N.N and nothing else, in one pass; nullopt for anything else, which
// the full grammar then decides.
std::optional<Version> parse_plain(std::string_view text) {
  double parts[3];
  std::size_t at = 0;
  for (int i = 0; i < 3; ++i) {
    const std::size_t start = at;
    double value = 0;
    while (at < text.size() && is_digit(text[at])) value = value * 10 + (text[at++] - '0');
    const std::size_t length = at - start;
    if (length == 0 || length > 15 || (length > 1 && text[start] == '0')) return std::nullopt;
    parts[i] = value;
    if (i < 2 && (at == text.size() || text[at++] != '.')) return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;
  return Version{parts[0], parts[1], parts[2], {}};
}

// semver's FULL grammar: v? N.N.N (-pre)? (+build)?
std::optional<Version> parse_strict(std::string_view text) {
  if (!text.empty() && text[0] == 'v') text.remove_prefix(1);
  if (auto plain = parse_plain(text)) return plain;
  std::string_view build, pre;
  if (const auto plus = position(text, '+'); plus != std::string_view::npos) {
    build = text.substr(plus + 1);
    text = text.substr(0, plus);
    for (std::string_view id : split_dots(build)) {
      if (id.empty()) return std::nullopt;
      for (char c : id) if (!is_identifier_char(c)) return std::nullopt;
    }
  }
  bool has_pre = false;
  if (const auto dash = position(text, '-'); dash != std::string_view::npos) {
    pre = text.substr(dash + 1);
    text = text.substr(0, dash);
    has_pre = true;
  }
  std::string_view main[3];
  for (int i = 0; i < 3; ++i) {
    const auto dot = position(text, '.');
    if ((dot == std::string_view::npos) != (i == 2)) return std::nullopt;
    main[i] = text.substr(0, dot);
    if (!numeric_identifier(main[i])) return std::nullopt;
    text = i == 2 ? std::string_view{} : text.substr(dot + 1);
  }
  Version version{digits_value(main[0]), digits_value(main[1]), digits_value(main[2]), {}};
  if (version.major > kMaxSafeInteger || version.minor > kMaxSafeInteger || version.patch > kMaxSafeInteger) return std::nullopt;
  if (has_pre) {
    for (std::string_view id : split_dots(pre)) {
      if (id.empty()) return std::nullopt;
      for (char c : id) if (!is_identifier_char(c)) return std::nullopt;
      if (all_digits(id) && !numeric_identifier(id)) return std::nullopt;  // no leading zeros
      version.prerelease.push_back({all_digits(id), all_digits(id) ? digits_value(id) : 0, id});
    }
  }
  return version;
}

// semver.coerce on "D" or "D.D": the first run of at most 16 digits that is not glued to
// another digit becomes the major (and the next one the minor). `candidate` holds the text.
std::optional<Version> parse_coerced(std::string_view text, std::string& candidate) {
  const auto dot = position(text, '.');
  const std::string_view first = text.substr(0, dot);
  const std::string_view second = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (first.size() <= 16) {
    candidate = std::string(first) + "." + (!second.empty() && second.size() <= 16 ? std::string(second) : "0") + ".0";
  } else if (!second.empty() && second.size() <= 16) {
    candidate = std::string(second) + ".0.0";
  } else {
    return std::nullopt;
  }
  return parse_strict(candidate);
}

// `storage` keeps the text a returned Version points into.
std::optional<Version> normalize(const Value& raw, std::string& storage) {
  std::string_view text = raw.is_string() ? raw.as_string() : std::string_view(storage = js::to_string(raw));
  if (!text.empty() && (text[0] == 'v' || text[0] == 'V')) text.remove_prefix(1);
  if (js::utf16_length(text) <= kMaxLength) {
    if (auto strict = parse_strict(js::trim(text))) return strict;  // semver trims first
  }
  // partial versions ("1", "1.2") are coerced; nothing else is
  const auto dot = position(text, '.');
  const bool partial = all_digits(text.substr(0, dot)) &&
                       (dot == std::string_view::npos || (all_digits(text.substr(dot + 1))));
  if (partial) return parse_coerced(text, storage);
  return std::nullopt;
}

int compare_identifiers(const Identifier& a, const Identifier& b) {
  if (a.numeric && b.numeric) return a.number == b.number ? 0 : a.number < b.number ? -1 : 1;
  if (a.numeric) return -1;
  if (b.numeric) return 1;
  return a.text == b.text ? 0 : a.text < b.text ? -1 : 1;
}

int compare(const Version& a, const Version& b) {
  if (a.major != b.major) return a.major < b.major ? -1 : 1;
  if (a.minor != b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch != b.patch) return a.patch < b.patch ? -1 : 1;
  // a version without prerelease ranks above the same version with one
  if (a.prerelease.empty() || b.prerelease.empty()) {
    return a.prerelease.size() == b.prerelease.size() ? 0 : a.prerelease.empty() ? 1 : -1;
  }
  for (std::size_t i = 0;; ++i) {
    if (i == a.prerelease.size() && i == b.prerelease.size()) return 0;
    if (i == b.prerelease.size()) return 1;
    if (i == a.prerelease.size()) return -1;
    if (const int c = compare_identifiers(a.prerelease[i], b.prerelease[i])) return c;
  }
}

}  // namespace

// [version, operator, version] with operator one of = != < <= > >= ^ ~; versions are
// parsed leniently ("v1.2", "1"); anything unparsable is null.
Value sem_ver(const Value* args, std::size_t count, const DataAccess&, Arena&) {
  if (count != 3) return Value{};
  std::string left_text, right_text;
  const auto left = normalize(args[0], left_text);
  const auto right = normalize(args[2], right_text);
  if (!left || !right) return Value{};
  std::string op_text;
  const std::string_view op = args[1].is_string() ? args[1].as_string() : std::string_view(op_text = js::to_string(args[1]));
  const int order = compare(*left, *right);
  if (op == "=") return Value::boolean(order == 0);
  if (op == "!=") return Value::boolean(order != 0);
  if (op == "<") return Value::boolean(order < 0);
  if (op == "<=") return Value::boolean(order <= 0);
  if (op == ">=") return Value::boolean(order >= 0);
  if (op == ">") return Value::boolean(order > 0);
  if (op == "^") return Value::boolean(left->major == right->major);
  if (op == "~") return Value::boolean(left->major == right->major && left->minor == right->minor);
  return Value{};
}

}  // namespace flagport::flags
