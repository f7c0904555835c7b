#include "core/access/directory_object.hpp"

#include <algorithm>
#include <set>

#include "core/access/access_token.hpp"
#include "core/access/directory_state.hpp"
#include "core/audit/audit_entry.hpp"
#include "core/flags/load_error.hpp"
#include "core/flags/ordered_json_parse.hpp"
#include "core/http/limits.hpp"
#include "core/json_fields.hpp"
#include "core/ports/log.hpp"
#include "core/ports/crypto.hpp"
#include "core/ports/object_storage.hpp"
#include "core/store/object_args.hpp"
#include "core/store/client_key.hpp"
#include "core/store/object_reply.hpp"
#include "core/store/project_id.hpp"

namespace flagport::access {
namespace {

using store::ObjectReply;

struct Loaded {
  bool ok = false;
  DirectoryState state;
};

Task<Loaded> load() {
  EffectResult got = co_await storage::get(std::string(storage::kStateKey));
  if (got.outcome == Outcome::NotFound) co_return Loaded{true, {}};
  auto state = got.ok() ? DirectoryState::decode(got.body) : std::nullopt;
  if (!state) {
    log::error("directory.state_unreadable", {{"reason", got.body.substr(0, 200)}});
    co_return Loaded{};
  }
  co_return Loaded{true, std::move(*state)};
}

Response unavailable() { return Response::fail(Status::Error, "the token directory is unavailable; try again"); }

// Writes the state with the audit entry of `change` (and the page it may fill), one batch.
Task<bool> save(DirectoryState& state, const Json& args, std::optional<audit::Change> change) {
  std::vector<Effect> writes;
  if (change) {
    audit::append(state.audit,
                  audit::entry(json_fields::object_or_empty(args, "actor"), json_fields::string_or(args, "requestId"),
                               json_fields::string_or(args, "source"), json_fields::int_or(args, "now"),
                               std::move(*change)),
                  writes);
  }
  writes.push_back(storage::put(std::string(storage::kStateKey), state.encode()).effect);
  Batch batch{std::move(writes)};  // named: GCC 12 destroys braced temporaries in co_await twice
  auto results = co_await batch;
  for (const auto& result : results) {
    if (result.ok()) continue;
    log::error("directory.commit_failed", {{"reason", result.body}});
    co_return false;
  }
  co_return true;
}

// Whether `who` may see and revoke `token`: every token when unscoped; otherwise those
// scoped to projects of its own.
bool manages(const Actor& who, const Actor& token) {
  if (!who.projects) return true;
  if (!token.projects) return false;
  return std::all_of(token.projects->begin(), token.projects->end(), [&](const auto& p) { return who.sees(p); });
}

// The body of POST /v1/tokens as a token's actor, or the field errors.
std::optional<Actor> read_token_request(std::string_view body, std::vector<FieldError>& errors) {
  Json doc = flags::parse_ordered_json(body);
  if (!doc.is_object()) {
    errors.push_back({"", "the body must be a JSON object {name, role, projects?}"});
    return std::nullopt;
  }
  Actor token;
  const Json* name = json_fields::member(doc, "name");
  if (!name || !name->is_string() || name->get_ref<const std::string&>().empty() ||
      name->get_ref<const std::string&>().size() > limits::kMaxTokenNameBytes)
    errors.push_back({"/name", "required: a string of 1 to 64 bytes"});
  else
    token.name = name->get<std::string>();
  auto role = role_named(json_fields::string_or(doc, "role"));
  if (!role) errors.push_back({"/role", "required: reader, writer or owner"});
  else token.role = *role;
  if (const Json* projects = json_fields::member(doc, "projects")) {
    std::set<std::string> seen;
    if (!projects->is_array() || projects->empty() || projects->size() > limits::kMaxTokenProjects) {
      errors.push_back({"/projects", "must be a list of 1 to 100 project ids, or absent for every project"});
    } else {
      token.projects.emplace();
      for (std::size_t i = 0; i < projects->size(); ++i) {
        const Json& p = (*projects)[i];
        if (!p.is_string() || !store::valid_project_id(p.get_ref<const std::string&>()))
          errors.push_back({"/projects/" + std::to_string(i), store::kProjectIdRule});
        else if (seen.insert(p.get<std::string>()).second)
          token.projects->push_back(p.get<std::string>());
      }
    }
  }
  for (auto it = doc.begin(); it != doc.end(); ++it)
    if (it.key() != "name" && it.key() != "role" && it.key() != "projects")
      errors.push_back({flags::pointer_append("", it.key()), "unknown field"});
  if (!errors.empty()) return std::nullopt;
  return token;
}

Task<ObjectReply> create_token(const Json& args, std::string_view body) {
  auto who = actor_from_grant(json_fields::object_or_empty(args, "actor"));
  TokenEntry entry;
  std::vector<FieldError> errors;
  auto token = read_token_request(body, errors);
  if (!token) co_return Response::invalid(std::move(errors), "invalid token request");
  entry.actor = std::move(*token);
  entry.created_at = json_fields::int_or(args, "now");
  if (!who) co_return Response::invalid({{"", "create_token needs the actor"}});
  entry.created_by = who->named();
  if (!manages(*who, entry.actor))
    co_return Response::fail(Status::Unauthorized,
                             "a token scoped to projects may create tokens only for projects of its own");
  auto text = generate_access_token();
  EffectResult digest = EffectResult::failure("no entropy");
  if (text) digest = co_await crypto::sha256(text->text);
  if (!digest.ok() || digest.body.size() != 32) {
    log::error("tokens.create_failed", {{"reason", digest.body}});
    co_return Response::fail(Status::Error, "could not create a token; try again");
  }
  entry.actor.id = text->id;
  entry.digest = store::to_hex(digest.body);

  Loaded loaded = co_await load();
  if (!loaded.ok) co_return unavailable();
  if (loaded.state.tokens.size() >= limits::kMaxAccessTokens)
    co_return Response::fail(Status::Conflict, "the service holds at most " + std::to_string(limits::kMaxAccessTokens) +
                                                   " access tokens; revoke one first");
  Json view = entry.view();
  std::optional<audit::Change> change = audit::Change("tokens.create", entry.actor.id, view);
  change->summary.erase("id");
  loaded.state.tokens.push_back(std::move(entry));
  const bool saved = co_await save(loaded.state, args, std::move(change));
  if (!saved) co_return unavailable();
  view["token"] = text->text;  // shown this once
  co_return Response::success(std::move(view));
}

Task<ObjectReply> list_tokens(const Json& args) {
  auto who = actor_from_grant(json_fields::object_or_empty(args, "actor"));
  if (!who) co_return Response::invalid({{"", "list_tokens needs the actor"}});
  Loaded loaded = co_await load();
  if (!loaded.ok) co_return unavailable();
  Json list = Json::array();
  for (const auto& t : loaded.state.tokens)
    if (manages(*who, t.actor)) list.push_back(t.view());
  co_return Response::success({{"tokens", std::move(list)}});
}

Task<ObjectReply> revoke_token(const Json& args) {
  auto who = actor_from_grant(json_fields::object_or_empty(args, "actor"));
  const std::string id = json_fields::string_or(args, "id");
  if (!who) co_return Response::invalid({{"", "revoke_token needs the actor"}});
  Loaded loaded = co_await load();
  if (!loaded.ok) co_return unavailable();
  auto& tokens = loaded.state.tokens;
  auto it = std::find_if(tokens.begin(), tokens.end(), [&](const auto& t) { return t.actor.id == id; });
  // One you may not manage is as good as absent: its existence is not yours to learn.
  if (it == tokens.end() || !manages(*who, it->actor))
    co_return Response::fail(Status::NotFound, "no such access token", {{"id", id}});
  Json summary = it->view();
  summary.erase("id");
  tokens.erase(it);
  std::optional<audit::Change> change = audit::Change("tokens.revoke", id, std::move(summary));
  const bool saved = co_await save(loaded.state, args, std::move(change));
  if (!saved) co_return unavailable();
  co_return Response::success({{"id", id}, {"revoked", true}});
}

Task<ObjectReply> snapshot() {
  Loaded loaded = co_await load();
  if (!loaded.ok) co_return unavailable();
  Json list = Json::array();
  for (const auto& t : loaded.state.tokens) {
    Json item = t.actor.grant();
    item["digest"] = t.digest;
    list.push_back(std::move(item));
  }
  co_return Response::success({{"tokens", std::move(list)}});
}

Task<ObjectReply> register_project(const Json& args) {
  const std::string project = json_fields::string_or(args, "project");
  if (!store::valid_project_id(project)) co_return Response::invalid({{"/project", store::kProjectIdRule}});
  Loaded loaded = co_await load();
  if (!loaded.ok) co_return unavailable();
  auto& projects = loaded.state.projects;
  auto place = std::lower_bound(projects.begin(), projects.end(), project);
  if (place != projects.end() && *place == project) co_return Response::success(Json::object());
  if (projects.size() >= limits::kMaxListedProjects) {
    log::warn("directory.projects_full", {{"project", project}});
    co_return Response::success(Json::object());
  }
  projects.insert(place, project);
  std::optional<audit::Change> no_entry;
  const bool saved = co_await save(loaded.state, args, std::move(no_entry));
  if (!saved) co_return unavailable();
  co_return Response::success(Json::object());
}

Task<ObjectReply> read_audit(const Json& args) {
  Loaded loaded = co_await load();
  if (!loaded.ok) co_return unavailable();
  co_return co_await audit::answer(loaded.state.audit, json_fields::string_or(args, "query"));
}

// GET /v1/me: who the caller is.
ObjectReply me(const Json& args) {
  Json grant = json_fields::object_or_empty(args, "actor");
  Json out = {{"actor", actor_from_grant(grant) ? actor_from_grant(grant)->named() : Json(nullptr)},
              {"role", grant["role"]},
              {"projects", grant["projects"]}};
  return Response::success(std::move(out));
}

// GET /v1/projects: a scoped token's own projects, published or not yet; every listed one
// for the others.
Task<ObjectReply> projects(const Json& args) {
  auto who = actor_from_grant(json_fields::object_or_empty(args, "actor"));
  if (who && who->projects) co_return Response::success({{"projects", *who->projects}});
  Loaded loaded = co_await load();
  if (!loaded.ok) co_return unavailable();
  co_return Response::success({{"projects", loaded.state.projects}});
}

}  // namespace

Task<std::string> call_directory_object(std::string method, std::string args, RequestInfo) {
  auto call = store::read_object_args(args);
  if (!call) co_return encode_reply(ObjectReply(Response::invalid({{"", "object arguments must be a JSON object"}})));
  const Json& parsed = call->parsed;
  ObjectReply reply;
  if (method == "snapshot") reply = co_await snapshot();
  else if (method == "create_token") reply = co_await create_token(parsed, call->attached);
  else if (method == "list_tokens") reply = co_await list_tokens(parsed);
  else if (method == "revoke_token") reply = co_await revoke_token(parsed);
  else if (method == "register_project") reply = co_await register_project(parsed);
  else if (method == "audit") reply = co_await read_audit(parsed);
  else if (method == "me") reply = me(parsed);
  else if (method == "projects") reply = co_await projects(parsed);
  else {
    log::error("object.unknown_method", {{"object", kDirectoryObject}, {"method", method}});
    reply = ObjectReply(Response::fail(Status::NotImplemented, "unknown object method"));
  }
  co_return encode_reply(reply);
}

}  // namespace flagport::access
