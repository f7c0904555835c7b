#include "core/evaluation/request_context.hpp"

#include <string>

#include "core/flags/json_reader.hpp"

namespace flagport::evaluation {
namespace {

// Accepts every SAX event: parsing with it only checks that the text is JSON.
struct Checker {
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number(double) { return true; }
  bool string(std::string_view) { return true; }
  bool key(std::string_view) { return true; }
  bool start_object() { return true; }
  bool end_object() { return true; }
  bool start_array() { return true; }
  bool end_array() { return true; }
};

// The reader accepts exactly what nlohmann's parser does, and faster; it parses in place.
bool is_json(std::string_view text) {
  std::string copy(text);
  Checker checker;
  return flags::json_reader::parse(copy.data(), copy.data() + copy.size(), checker);
}

void skip_space(std::string_view s, std::size_t& i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
}

// i at an opening quote; afterwards just past the closing one.
void skip_string(std::string_view s, std::size_t& i) {
  for (++i; i < s.size() && s[i] != '"'; ++i)
    if (s[i] == '\\') ++i;
  ++i;
}

// A value the whole body has already been checked to be valid JSON around.
void skip_value(std::string_view s, std::size_t& i) {
  if (s[i] == '"') return skip_string(s, i);
  if (s[i] == '{' || s[i] == '[') {
    int depth = 0;
    for (; i < s.size(); ++i) {
      if (s[i] == '"') {
        skip_string(s, i);
        --i;
      } else if (s[i] == '{' || s[i] == '[') {
        ++depth;
      } else if ((s[i] == '}' || s[i] == ']') && --depth == 0) {
        ++i;
        return;
      }
    }
    return;
  }
  while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\n' && s[i] != '\t' &&
         s[i] != '\r')
    ++i;
}

}  // namespace

ContextText context_text(std::string_view body) {
  std::size_t i = 0;
  skip_space(body, i);
  if (i == body.size()) return {};  // no body: the empty context
  if (body[i] != '{' || !is_json(body)) return {"the body must be a JSON object", "{}"};
  ++i;
  skip_space(body, i);
  while (i < body.size() && body[i] == '"') {
    std::size_t key_start = i + 1;
    skip_string(body, i);
    std::string_view key = body.substr(key_start, i - key_start - 1);
    skip_space(body, i);
    ++i;  // ':'
    skip_space(body, i);
    std::size_t value_start = i;
    skip_value(body, i);
    if (key == "context") {
      if (body[value_start] != '{') return {"context must be a JSON object", "{}"};
      return {std::nullopt, body.substr(value_start, i - value_start)};
    }
    skip_space(body, i);
    if (i < body.size() && body[i] == ',') ++i;
    skip_space(body, i);
  }
  return {};
}

}  // namespace flagport::evaluation
