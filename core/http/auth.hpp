// Bearer-token checks shared by every authenticated route.
#pragma once

#include <optional>
#include <string_view>

#include "core/http/request.hpp"
#include "core/http/response.hpp"

namespace flagport {

// The token of "Authorization: Bearer <token>" (scheme case-insensitive), if any.
std::optional<std::string_view> bearer_token(const HttpRequest& request);

// Comparison whose time does not depend on where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// nullopt when the request carries the admin token; otherwise the envelope to answer.
std::optional<Response> require_admin(const HttpRequest& request, std::string_view admin_token);

}  // namespace flagport
