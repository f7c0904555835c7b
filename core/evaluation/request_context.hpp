// The evaluation context of a request body {"context": {...}}, located without building
// a DOM of the body: the context's own text goes to the flag set's SAX decoder.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flagport::evaluation {

struct ContextText {
  std::optional<std::string> error;  // the body is not a JSON object, or context is not one
  std::string_view text = "{}";      // the context object's text ("{}" when absent)
};

ContextText context_text(std::string_view body);

}  // namespace flagport::evaluation
