// What an access token may do (README "Access tokens"): each role may do what the one
// before it may, and more.
//   reader  every GET of the admin API (flags, versions, keys, origins, schedules, insights,
//           audit) and evaluation through Flagport's API
//   writer  + flag-set changes: publish, patch, rollback, schedules
//   owner   + client keys, allowed origins, access tokens
#pragma once

#include <optional>
#include <string_view>

namespace flagport::access {

enum class Role { reader = 0, writer = 1, owner = 2 };

std::optional<Role> role_named(std::string_view name);
std::string_view role_name(Role role);

inline bool role_allows(Role held, Role needed) { return static_cast<int>(held) >= static_cast<int>(needed); }

}  // namespace flagport::access
