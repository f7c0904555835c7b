#include "core/evaluation/request_context.hpp"

#include <optional>
#include <span>
#include <string>
#include <utility>

#include "core/flags/context_decoder.hpp"
#include "core/flags/json_reader.hpp"

namespace flagport::evaluation {
namespace {

// The body's SAX events, read in one pass: those of the top-level "context" member's
// value go on to the context decoder, the rest are only checked. Keys are compared
// decoded, and a repeated "context" replaces the earlier one, as JSON.parse reads them.
class BodyReader {
public:
  explicit BodyReader(flags::ContextDecoder& decoder) : decoder_(decoder) {}

  bool null() { return scalar() && (!routing_ || decoder_.null()); }
  bool boolean(bool b) { return scalar() && (!routing_ || decoder_.boolean(b)); }
  bool number(double n) { return scalar() && (!routing_ || decoder_.number(n)); }
  bool string(std::string_view s) { return scalar() && (!routing_ || decoder_.string(s)); }
  bool key(std::string_view k) {
    if (routing_) return decoder_.key(k);
    if (depth_ == 1) next_is_context_ = k == "context";
    return true;
  }
  bool start_object() {
    if (depth_ == 0) {  // the body is an object
      depth_ = 1;
      return true;
    }
    if (!routing_ && context_value_starts()) {
      routing_ = true;
      route_depth_ = depth_;
      context_is_object_ = true;
    }
    ++depth_;
    return !routing_ || decoder_.start_object();
  }
  bool end_object() {
    --depth_;
    if (!routing_) return true;
    if (depth_ == route_depth_) routing_ = false;
    return decoder_.end_object();
  }
  bool start_array() {
    if (depth_ == 0) return false;  // not an object
    if (!routing_ && context_value_starts()) context_is_object_ = false;
    ++depth_;
    return !routing_ || decoder_.start_array();
  }
  bool end_array() {
    --depth_;
    return !routing_ || decoder_.end_array();
  }

  bool saw_context() const { return context_is_object_.has_value(); }
  bool context_is_object() const { return context_is_object_.value_or(false); }

private:
  // A scalar at the top is not an object; one as "context" is not an object context.
  bool scalar() {
    if (depth_ == 0) return false;
    if (!routing_ && context_value_starts()) context_is_object_ = false;
    return true;
  }
  bool context_value_starts() {
    if (depth_ != 1 || !next_is_context_) return false;
    next_is_context_ = false;
    return true;
  }

  flags::ContextDecoder& decoder_;
  int depth_ = 0;
  int route_depth_ = 0;
  bool routing_ = false;
  bool next_is_context_ = false;
  std::optional<bool> context_is_object_;  // of the last "context" member
};

RequestContext fail(std::string message) { return {std::nullopt, std::move(message)}; }

bool blank(std::string_view body) {
  for (char c : body)
    if (!flags::json_reader::is_space(c)) return false;
  return true;
}

}  // namespace

RequestContext decode_request_context(std::string_view body, const flags::ContextNeeds* needs) {
  flags::EvaluationContext context;
  flags::ContextDecoder decoder(context, needs);
  if (!blank(body)) {
    BodyReader reader(decoder);
    const std::span<char> text = decoder.own_copy(body);
    if (!flags::json_reader::parse(text.data(), text.data() + text.size(), reader)) {
      return fail("the body must be a JSON object");
    }
    if (reader.saw_context() && !reader.context_is_object()) return fail("context must be a JSON object");
    if (reader.saw_context()) return {std::move(context), {}};
  }
  decoder.start_object();  // no body, or no "context": the empty context
  decoder.end_object();
  return {std::move(context), {}};
}

}  // namespace flagport::evaluation
