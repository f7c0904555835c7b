// The evaluation context of a request body {"context": {...}}, decoded in one pass and
// without a DOM of the body: the context's events go straight to the flag set's decoder.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/flags/evaluation_context.hpp"

namespace flagport::evaluation {

struct RequestContext {
  std::optional<flags::EvaluationContext> context;  // set unless `error` is
  std::string error;  // the body is not a JSON object, or its context is not one
};

// An empty body, or one without "context", is the empty context. `needs`: as decode_context.
RequestContext decode_request_context(std::string_view body, const flags::ContextNeeds* needs);

}  // namespace flagport::evaluation
