#include "core/http/json_members.hpp"

#include "core/flags/json_reader.hpp"

namespace flagport::json_members {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// One past the end of the string literal whose opening quote is at `at`.
std::size_t string_end(std::string_view text, std::size_t at) {
  for (++at; at < text.size(); ++at) {
    if (text[at] == '\\') ++at;
    else if (text[at] == '"') return at + 1;
  }
  return npos;
}

// One past the end of the (valid) JSON value that starts at `at`.
std::size_t value_end(std::string_view text, std::size_t at) {
  if (at >= text.size()) return npos;
  if (text[at] == '"') return string_end(text, at);
  if (text[at] != '{' && text[at] != '[') {
    while (at < text.size() && text[at] != ',' && text[at] != '}' && text[at] != ']' &&
           !flags::json_reader::is_space(text[at]))
      ++at;
    return at;
  }
  int depth = 0;
  for (; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '"') {
      at = string_end(text, at);
      if (at == npos) return npos;
      --at;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return at + 1;
    }
  }
  return npos;
}

}  // namespace

std::size_t skip_space(std::string_view text, std::size_t at) {
  while (at < text.size() && flags::json_reader::is_space(text[at])) ++at;
  return at;
}

std::optional<Object> read_object(std::string_view text, std::size_t at) {
  if (at >= text.size() || text[at] != '{') return std::nullopt;
  Object object;
  at = skip_space(text, at + 1);
  while (at < text.size() && text[at] != '}') {
    if (text[at] == ',') at = skip_space(text, at + 1);
    const std::size_t name_end = at < text.size() && text[at] == '"' ? string_end(text, at) : npos;
    if (name_end == npos) return std::nullopt;
    std::string name(text.substr(at + 1, name_end - at - 1));
    name.push_back('"');  // read_string decodes up to the closing quote, in place
    char* cursor = name.data();
    std::string_view decoded;
    if (!flags::json_reader::read_string(cursor, name.data() + name.size(), decoded)) return std::nullopt;
    at = skip_space(text, name_end);
    if (at >= text.size() || text[at] != ':') return std::nullopt;
    const std::size_t begin = skip_space(text, at + 1);
    const std::size_t end = value_end(text, begin);
    if (end == npos) return std::nullopt;
    object.members.push_back({std::string(decoded), begin, end});
    at = skip_space(text, end);
  }
  if (at >= text.size()) return std::nullopt;
  object.close = at;
  return object;
}

std::optional<Object> read_root(std::string_view text) {
  return read_object(text, skip_space(text, text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0));
}

}  // namespace flagport::json_members
