#pragma once

#include <string>
#include <string_view>

namespace flagport::flags {

// Why a flag set cannot be loaded: `path` is a JSON pointer into the submitted document
// ("/flags/my-flag/targeting/if/0"), `message` says what is wrong there.
struct LoadError {
  std::string path;
  std::string message;
};

// Appends one reference token to a JSON pointer, escaping '~' and '/'.
std::string pointer_append(const std::string& pointer, std::string_view token);

}  // namespace flagport::flags
