#include "core/access/actor.hpp"

#include <algorithm>

#include "core/json_fields.hpp"

namespace flagport::access {

bool Actor::sees(std::string_view project) const {
  return !projects || std::find(projects->begin(), projects->end(), project) != projects->end();
}

Json Actor::named() const {
  if (root) return {{"kind", "root"}};
  return {{"kind", "token"}, {"id", id}, {"name", name}};
}

Json Actor::grant() const {
  Json out = named();
  out["role"] = role_name(role);
  out["projects"] = projects ? Json(*projects) : Json(nullptr);
  return out;
}

std::optional<Actor> actor_from_grant(const Json& grant) {
  if (!grant.is_object()) return std::nullopt;
  const std::string kind = json_fields::string_or(grant, "kind");
  if (kind == "root") return Actor::root_actor();
  auto role = role_named(json_fields::string_or(grant, "role"));
  if (kind != "token" || !role) return std::nullopt;
  Actor actor{false, json_fields::string_or(grant, "id"), json_fields::string_or(grant, "name"), *role, std::nullopt};
  if (const Json* projects = json_fields::member(grant, "projects"); projects && projects->is_array()) {
    actor.projects.emplace();
    for (const auto& p : *projects)
      if (p.is_string()) actor.projects->push_back(p.get<std::string>());
  }
  return actor;
}

}  // namespace flagport::access
