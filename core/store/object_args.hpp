// What an object method is called with: a JSON object of arguments and, after a newline,
// bytes attached as they are (a definition's text, insights messages).
#pragma once

#include <optional>
#include <string_view>

#include "core/json.hpp"

namespace flagport::store {

struct ObjectArgs {
  Json parsed;                // an object
  std::string_view attached;  // into the call's text
};

// Nothing when the arguments are not a JSON object (empty arguments are {}).
std::optional<ObjectArgs> read_object_args(std::string_view call);

}  // namespace flagport::store
