#pragma once
// A strict JSON reader for evaluation contexts. It accepts exactly what nlohmann-json's
// parser accepts (RFC 8259, a leading UTF-8 BOM, no comments, no trailing content, finite
// numbers only) and parses a writable copy of the text in place: strings and keys are views
// into that copy (escapes are decoded where they stand, since decoding never lengthens
// them), so reading allocates nothing but the nesting stack. Nesting is tracked on a heap
// stack, not by recursion, so deep documents cannot overflow the (wasm) call stack.
//
// The handler receives SAX events and returns false to stop:
//   null() boolean(bool) number(double) string(string_view) key(string_view)
//   start_object() end_object() start_array() end_array()
// A handler may take number(double, string_view token) instead, to see how it was written.

#include <cstdint>
#include <string>
#include <string_view>

namespace flagport::flags::json_reader {

// The deepest nesting of arrays and objects any JSON text may have (request bodies, flag
// sets, contexts, Lambda events): what reads documents (answers, ETags, the rule compiler,
// the interpreter) recurses once per level, and a 256 KiB body of brackets would otherwise
// overflow the native stack and trap the wasm module's.
inline constexpr std::size_t kMaxDepth = 128;

// Decodes, in place, the string whose opening quote precedes `at`. On success `at` is past
// the closing quote and `out` views the decoded text; false on malformed text (control
// characters, bad escapes or surrogates, invalid UTF-8, no closing quote).
bool read_string(char*& at, const char* end, std::string_view& out);

// Reads a number token at `at` (a '-' or a digit). Integers are converted like nlohmann's
// integer path (so "-0" is 0), other numbers with strtod; non-finite results are refused.
bool read_number(char*& at, const char* end, double& out);

inline bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

inline bool read_literal(char*& at, const char* end, std::string_view word) {
  if (static_cast<std::size_t>(end - at) < word.size() || std::string_view(at, word.size()) != word) return false;
  at += word.size();
  return true;
}

// Parses [begin, end) in place; true when the text is one JSON value, nested at most
// kMaxDepth deep, and the handler accepted every event.
template <typename Handler>
bool parse(char* begin, char* end, Handler& handler) {
  char* at = begin;
  if (end - at >= 1 && static_cast<unsigned char>(*at) == 0xEF) {  // nlohmann skips a UTF-8 BOM
    if (end - at < 3 || static_cast<unsigned char>(at[1]) != 0xBB || static_cast<unsigned char>(at[2]) != 0xBF) return false;
    at += 3;
  }
  const auto skip = [&] {
    while (at != end && is_space(*at)) ++at;
  };
  const auto key = [&]() -> bool {  // "name" : at an object member
    skip();
    if (at == end || *at != '"') return false;
    ++at;
    std::string_view name;
    if (!read_string(at, end, name) || !handler.key(name)) return false;
    skip();
    if (at == end || *at != ':') return false;
    ++at;
    return true;
  };
  std::string open;  // the open containers, innermost last: 'o' object, 'a' array
  for (;;) {
    // a value
    skip();
    if (at == end) return false;
    switch (*at) {
      case '{':
        if (open.size() >= kMaxDepth) return false;
        ++at;
        if (!handler.start_object()) return false;
        skip();
        if (at != end && *at == '}') {
          ++at;
          if (!handler.end_object()) return false;
          break;
        }
        if (!key()) return false;
        open.push_back('o');
        continue;
      case '[':
        if (open.size() >= kMaxDepth) return false;
        ++at;
        if (!handler.start_array()) return false;
        skip();
        if (at != end && *at == ']') {
          ++at;
          if (!handler.end_array()) return false;
          break;
        }
        open.push_back('a');
        continue;
      case '"': {
        ++at;
        std::string_view text;
        if (!read_string(at, end, text) || !handler.string(text)) return false;
        break;
      }
      case 't':
        if (!read_literal(at, end, "true") || !handler.boolean(true)) return false;
        break;
      case 'f':
        if (!read_literal(at, end, "false") || !handler.boolean(false)) return false;
        break;
      case 'n':
        if (!read_literal(at, end, "null") || !handler.null()) return false;
        break;
      default: {
        char* const token = at;
        double n;
        if (!read_number(at, end, n)) return false;
        if constexpr (requires { handler.number(n, std::string_view()); }) {
          if (!handler.number(n, std::string_view(token, static_cast<std::size_t>(at - token)))) return false;
        } else {
          if (!handler.number(n)) return false;
        }
        break;
      }
    }
    // after a value: close containers until one continues
    for (;;) {
      skip();
      if (open.empty()) return at == end;
      if (at == end) return false;
      const char c = *at++;
      if (c == ',') {
        if (open.back() == 'o' && !key()) return false;
        break;
      }
      if (c != (open.back() == 'o' ? '}' : ']')) return false;
      const bool closed = open.back() == 'o' ? handler.end_object() : handler.end_array();
      if (!closed) return false;
      open.pop_back();
    }
  }
}

}  // namespace flagport::flags::json_reader
