// Serialized origins (RFC 6454 §6.2) as a project lists them for OFREP's CORS: exactly
// the text a browser sends in its Origin header, because the list is matched byte for
// byte. scheme "://" host [":" port]: http or https, a lower-case host (punycode for
// non-ASCII names, or a bracketed IPv6 address), no default port, nothing after it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"

#include "core/http/response.hpp"

namespace flagport::ofrep {

// Why `text` is not an origin a browser would send; nullopt when it is one.
std::optional<std::string> origin_problem(std::string_view text);

// The errors of an allowed-origins list found at JSON pointer `path`: an array of at
// most limits::kMaxAllowedOrigins distinct origins. Empty when the list is valid.
std::vector<FieldError> allowed_origins_errors(const Json& list, const std::string& path);

}  // namespace flagport::ofrep
