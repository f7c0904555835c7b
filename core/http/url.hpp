#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flagport {

// Percent-decodes one path segment; nullopt for a malformed escape.
std::optional<std::string> percent_decode(std::string_view segment);

}  // namespace flagport
