#include "core/http/limits.hpp"
#include "core/ports/object_storage.hpp"
#include "core/store/object_io.hpp"
#include "core/store/project_methods.hpp"

namespace flagport::store::methods {

using nlohmann::json;

namespace {

std::int64_t count_flags(const json& definition) {
  auto flags = definition.find("flags");
  return flags != definition.end() && flags->is_object() ? static_cast<std::int64_t>(flags->size()) : 0;
}

Response no_flag_set() { return Response::fail(Status::NotFound, "the project has no flag set yet"); }

std::string compact(const json& definition) { return definition.dump(-1, ' ', false, json::error_handler_t::replace); }

// Writes the definition `bytes` as the next version: its blob once, older blobs past the kept
// history deleted, and the state record.
Task<ObjectReply> commit(ProjectState state, std::string bytes, std::int64_t flags, std::string action,
                         std::int64_t rolled_back_from, const Intent& intent, const Settings& settings) {
  if (bytes.size() > limits::kMaxFlagSetBytes)
    co_return Response::invalid({{"", "the flag set exceeds " + std::to_string(limits::kMaxFlagSetBytes) + " bytes"}});

  VersionEntry entry;
  entry.version = state.version + 1;
  entry.created_at = intent.now;
  entry.action = std::move(action);
  entry.flags = flags;
  entry.blob = blob_key(entry.version, intent.request_id);
  entry.rolled_back_from = rolled_back_from;
  state.version = entry.version;
  state.history.insert(state.history.begin(), entry);

  std::vector<Effect> writes;
  writes.push_back(storage::put(entry.blob, bytes).effect);
  while (state.history.size() > limits::kVersionsKept) {
    writes.push_back(storage::remove(state.history.back().blob).effect);
    state.history.pop_back();
  }
  if (!co_await save(state, std::move(writes), intent, settings)) co_return store_unavailable();
  co_return ObjectReply(Response::success({{"version", entry.version}, {"flags", entry.flags}}),
                       record_for(state, std::move(bytes)));
}

}  // namespace

Task<ObjectReply> publish(const json& args, const Settings& settings) {
  auto intent = Intent::from(args);
  auto definition = args.find("definition");
  if (definition == args.end() || !definition->is_object())
    co_return Response::invalid({{"", "publish needs a definition object"}});
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  if (auto conflict = stale(loaded.state, intent)) co_return std::move(*conflict);
  co_return co_await commit(std::move(loaded.state), compact(*definition), count_flags(*definition), "publish", 0,
                            intent, settings);
}

Task<ObjectReply> patch(const json& args, const Settings& settings) {
  auto intent = Intent::from(args);
  auto key = args.find("flagKey");
  if (key == args.end() || !key->is_string()) co_return Response::invalid({{"", "patch needs a flagKey"}});
  const std::string& flag_key = key->get_ref<const std::string&>();

  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  if (!loaded.state.current()) co_return no_flag_set();
  if (auto conflict = stale(loaded.state, intent)) co_return std::move(*conflict);
  LoadedDefinition def = co_await load_definition(*loaded.state.current(), true);
  if (!def.ok) co_return store_unavailable();

  json& flags = def.parsed["flags"];
  if (!flags.is_object() || !flags.contains(flag_key))
    co_return Response::fail(Status::NotFound, "no flag '" + flag_key + "' in the current flag set",
                             {{"flagKey", flag_key}});
  json& flag = flags[flag_key];
  if (!flag.is_object()) co_return store_unavailable();
  if (auto state = args.find("state"); state != args.end()) flag["state"] = *state;
  if (auto variant = args.find("defaultVariant"); variant != args.end()) {
    bool known = variant->is_null() || (flag.contains("variants") && flag["variants"].is_object() &&
                                        flag["variants"].contains(variant->get_ref<const std::string&>()));
    if (!known) co_return Response::invalid({{"/defaultVariant", "names no variant of flag '" + flag_key + "'"}});
    flag["defaultVariant"] = *variant;
  }
  co_return co_await commit(std::move(loaded.state), compact(def.parsed), count_flags(def.parsed), "patch", 0, intent,
                            settings);
}

Task<ObjectReply> rollback(const json& args, const Settings& settings) {
  auto intent = Intent::from(args);
  auto wanted = args.find("version");
  if (wanted == args.end() || !wanted->is_number_integer())
    co_return Response::invalid({{"/version", "must be an integer version"}});
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  if (auto conflict = stale(loaded.state, intent)) co_return std::move(*conflict);
  std::int64_t version = wanted->get<std::int64_t>();
  const VersionEntry* target = loaded.state.find(version);
  if (!target)
    co_return Response::fail(Status::NotFound,
                             "version " + std::to_string(version) + " is not in the kept history (the last " +
                                 std::to_string(limits::kVersionsKept) + " versions)",
                             {{"version", version}});
  std::int64_t flags = target->flags;
  LoadedDefinition def = co_await load_definition(*target, false);
  if (!def.ok) co_return store_unavailable();
  co_return co_await commit(std::move(loaded.state), std::move(def.text), flags, "rollback", version, intent,
                            settings);
}

Task<ObjectReply> current() {
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  const VersionEntry* entry = loaded.state.current();
  if (!entry) co_return no_flag_set();
  LoadedDefinition def = co_await load_definition(*entry, true);
  if (!def.ok) co_return store_unavailable();
  co_return Response::success(
      {{"version", entry->version}, {"updatedAt", entry->created_at}, {"definition", std::move(def.parsed)}});
}

Task<ObjectReply> versions() {
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  if (loaded.state.history.empty()) co_return no_flag_set();
  json list = json::array();
  for (const auto& e : loaded.state.history) {
    json item = {{"version", e.version}, {"createdAt", e.created_at}, {"action", e.action}, {"flags", e.flags}};
    if (e.rolled_back_from) item["rolledBackFrom"] = e.rolled_back_from;
    list.push_back(std::move(item));
  }
  co_return Response::success({{"version", loaded.state.version}, {"versions", std::move(list)}});
}

}  // namespace flagport::store::methods
