#include "core/access/directory_state.hpp"

#include "core/flags/ordered_json_parse.hpp"
#include "core/json_fields.hpp"

namespace flagport::access {

Json TokenEntry::view() const {
  Json out = actor.grant();
  out.erase("kind");
  out["createdAt"] = created_at;
  if (!created_by.is_null()) out["createdBy"] = created_by;
  return out;
}

std::string DirectoryState::encode() const {
  Json token_list = Json::array();
  for (const auto& t : tokens) {
    Json item = t.view();
    item["digest"] = t.digest;
    token_list.push_back(std::move(item));
  }
  Json out = {{"tokens", std::move(token_list)}, {"projects", projects}, {"audit", audit.stored()}};
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::optional<DirectoryState> DirectoryState::decode(std::string_view bytes) {
  Json doc = flags::parse_ordered_json(bytes);
  const Json* tokens = json_fields::member(doc, "tokens");
  const Json* projects = json_fields::member(doc, "projects");
  if (!tokens || !tokens->is_array() || !projects || !projects->is_array()) return std::nullopt;
  DirectoryState state;
  for (const auto& item : *tokens) {
    Json grant = item;
    grant["kind"] = "token";
    auto actor = actor_from_grant(grant);
    if (!actor) return std::nullopt;
    TokenEntry entry{std::move(*actor), json_fields::string_or(item, "digest"), json_fields::int_or(item, "createdAt")};
    if (const Json* by = json_fields::member(item, "createdBy")) entry.created_by = *by;
    state.tokens.push_back(std::move(entry));
  }
  for (const auto& p : *projects)
    if (p.is_string()) state.projects.push_back(p.get<std::string>());
  auto audit = audit::AuditLog::from_stored(json_fields::object_or_empty(doc, "audit"));
  if (!audit) return std::nullopt;
  state.audit = std::move(*audit);
  return state;
}

}  // namespace flagport::access
