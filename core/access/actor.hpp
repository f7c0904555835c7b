// Who an admin request acts as: the root credential (the platform secret ADMIN_TOKEN) or an
// access token with its role and projects. Audit entries name it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/role.hpp"
#include "core/json.hpp"

namespace flagport::access {

struct Actor {
  bool root = false;
  std::string id;    // a token's id ("tok_..."); empty for root
  std::string name;  // a token's name
  Role role = Role::owner;
  std::optional<std::vector<std::string>> projects;  // nullopt: every project

  static Actor root_actor() { return Actor{true, {}, {}, Role::owner, std::nullopt}; }
  bool sees(std::string_view project) const;
  // {"kind":"root"} or {"kind":"token","id","name"}: how audit entries name the actor.
  Json named() const;
  // named() with the role and projects: what GET /v1/me answers, and what object methods
  // that check scope receive.
  Json grant() const;
};

// A grant() read back (an object method's `actor` argument); nullopt when malformed.
std::optional<Actor> actor_from_grant(const Json& grant);

}  // namespace flagport::access
