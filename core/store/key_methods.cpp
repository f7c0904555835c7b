#include <algorithm>
#include <optional>

#include "core/http/limits.hpp"
#include "core/store/object_io.hpp"
#include "core/store/project_methods.hpp"

namespace flagport::store::methods {


namespace {

std::string string_arg(const Json& args, const char* name) {
  auto it = args.find(name);
  return it != args.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

// Keys change what evaluation accepts, so the reply carries the record to publish.
Task<std::optional<std::string>> record_after(const ProjectState& state) {
  LoadedDefinition def = co_await load_current_definition(state);
  if (!def.ok) co_return std::nullopt;
  co_return record_for(state, std::move(def.text));
}

}  // namespace

Task<ObjectReply> add_key(const Json& args, const Settings& settings) {
  auto intent = Intent::from(args);
  ClientKeyEntry key{string_arg(args, "id"), string_arg(args, "name"), string_arg(args, "digest"), intent.now};
  if (key.id.empty() || key.digest.size() != 64) co_return Response::invalid({{"", "add_key needs an id and a digest"}});
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  if (loaded.state.keys.size() >= limits::kMaxClientKeys)
    co_return Response::fail(Status::Conflict,
                             "a project holds at most " + std::to_string(limits::kMaxClientKeys) +
                                 " client keys; revoke one first");
  loaded.state.keys.push_back(key);
  audit::Change change{"keys.create", key.id, {{"name", key.name}}};
  if (!co_await save(loaded.state, {}, intent, settings, std::move(change))) co_return store_unavailable();
  auto record = co_await record_after(loaded.state);
  if (!record) co_return store_unavailable();
  co_return ObjectReply(Response::success({{"id", key.id}, {"name", key.name}, {"createdAt", key.created_at}}),
                       std::move(*record));
}

Task<ObjectReply> list_keys() {
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  Json list = Json::array();
  for (const auto& key : loaded.state.keys)
    list.push_back({{"id", key.id}, {"name", key.name}, {"createdAt", key.created_at}});
  co_return Response::success({{"keys", std::move(list)}});
}

Task<ObjectReply> revoke_key(const Json& args, const Settings& settings) {
  auto intent = Intent::from(args);
  std::string id = string_arg(args, "id");
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  auto& keys = loaded.state.keys;
  auto it = std::find_if(keys.begin(), keys.end(), [&](const ClientKeyEntry& k) { return k.id == id; });
  if (it == keys.end()) co_return Response::fail(Status::NotFound, "no such client key", {{"id", id}});
  audit::Change change{"keys.revoke", id, {{"name", it->name}}};
  keys.erase(it);
  if (!co_await save(loaded.state, {}, intent, settings, std::move(change))) co_return store_unavailable();
  auto record = co_await record_after(loaded.state);
  if (!record) co_return store_unavailable();
  co_return ObjectReply(Response::success({{"id", id}}), std::move(*record));
}

}  // namespace flagport::store::methods
