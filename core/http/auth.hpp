// Bearer-token checks shared by every authenticated route.
#pragma once

#include <optional>
#include <string_view>

#include "core/http/request.hpp"
#include "core/http/response.hpp"
#include "core/ports/settings.hpp"

namespace flagport {

// An admin token shorter than this is refused (a guessable token guards everything).
inline constexpr std::size_t kMinAdminTokenBytes = 32;
// The token of local runs (.dev.vars, scripts/serve-*): public, so refused unless the
// run is local, even if a deploy carries it.
inline constexpr std::string_view kLocalAdminToken = "flagport-local-admin-token-for-dev-only";

// Why `token` may not be the admin token (unset, too short, the local one outside a
// local run), or nullopt. The reason never contains the token.
std::optional<std::string_view> admin_token_refusal(std::string_view token, bool local_run);

// The token of "Authorization: Bearer <token>" (scheme case-insensitive), if any.
std::optional<std::string_view> bearer_token(const HttpRequest& request);

// Comparison whose time does not depend on where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// nullopt when the request carries the admin token; otherwise the envelope to answer.
std::optional<Response> require_admin(const HttpRequest& request, const Settings& settings);

}  // namespace flagport
