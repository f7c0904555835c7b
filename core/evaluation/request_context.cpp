#include "core/evaluation/request_context.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

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

struct Span {
  std::size_t start;
  std::size_t end;
};

// Where the top-level "context" member's value is, by a scan that trusts the body to be a
// JSON object (whether it is, is decided after, by the caller).
std::optional<Span> context_value(std::string_view body, std::size_t i) {
  ++i;  // '{'
  skip_space(body, i);
  while (i < body.size() && body[i] == '"') {
    const std::size_t key_start = i + 1;
    skip_string(body, i);
    const std::string_view key = body.substr(key_start, std::min(i, body.size()) - 1 - key_start);
    skip_space(body, i);
    ++i;  // ':'
    skip_space(body, i);
    if (i >= body.size()) break;
    const std::size_t value_start = i;
    skip_value(body, i);
    if (key == "context") return Span{value_start, std::min(i, body.size())};
    skip_space(body, i);
    if (i < body.size() && body[i] == ',') ++i;
    skip_space(body, i);
  }
  return std::nullopt;
}

RequestContext fail(std::string message) { return {std::nullopt, std::move(message)}; }

}  // namespace

RequestContext decode_request_context(std::string_view body, const flags::ContextNeeds* needs) {
  constexpr std::string_view kNotAnObject = "the body must be a JSON object";
  std::size_t i = 0;
  skip_space(body, i);
  if (i == body.size()) return {flags::decode_context("{}", needs).context, {}};  // no body: the empty context
  const bool object_body = body[i] == '{';
  const std::optional<Span> value = object_body ? context_value(body, i) : std::nullopt;
  if (!value || body[value->start] != '{') {
    if (!object_body || !is_json(body)) return fail(std::string(kNotAnObject));
    if (value) return fail("context must be a JSON object");
    return {flags::decode_context("{}", needs).context, {}};
  }
  // One pass over the context: the decoder checks it as it reads it, and the body around
  // it is checked with {} in its place (a valid value put for a valid value keeps it JSON).
  std::string around(body.substr(0, value->start));
  around += "{}";
  around += body.substr(value->end);
  auto decoded = flags::decode_context(body.substr(value->start, value->end - value->start), needs);
  if (!decoded.context || !is_json(around)) return fail(std::string(kNotAnObject));
  return {std::move(decoded.context), {}};
}

}  // namespace flagport::evaluation
