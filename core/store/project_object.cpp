#include "core/store/project_object.hpp"

#include <algorithm>

#include "core/http/limits.hpp"
#include "core/ports/kv.hpp"
#include "core/ports/log.hpp"
#include "core/ports/object_storage.hpp"
#include "core/store/object_reply.hpp"
#include "core/store/project_state.hpp"
#include "core/store/published_record.hpp"
#include "core/task/scheduler.hpp"

namespace flagport::store {

using nlohmann::json;

namespace {

struct Loaded {
  bool ok = false;
  ProjectState state;
};

Task<Loaded> load_state() {
  EffectResult result = co_await storage::get(std::string(storage::kStateKey));
  if (result.outcome == Outcome::NotFound) co_return Loaded{true, {}};
  if (!result.ok()) {
    log::error("object.state_read_failed", {{"reason", result.body}});
    co_return Loaded{};
  }
  auto state = ProjectState::decode(result.body);
  if (!state) {
    log::error("object.state_unreadable");
    co_return Loaded{};
  }
  co_return Loaded{true, std::move(*state)};
}

struct LoadedDefinition {
  bool ok = false;
  json definition;
};

Task<LoadedDefinition> load_definition(const VersionEntry& entry) {
  EffectResult result = co_await storage::get(entry.blob);
  if (!result.ok()) {
    log::error("object.definition_read_failed", {{"blob", entry.blob}, {"reason", result.body}});
    co_return LoadedDefinition{};
  }
  json definition = json::parse(result.body, nullptr, false);
  if (!definition.is_object()) {
    log::error("object.definition_unreadable", {{"blob", entry.blob}});
    co_return LoadedDefinition{};
  }
  co_return LoadedDefinition{true, std::move(definition)};
}

Response store_unavailable() { return Response::fail(Status::Error, "the project store is unavailable; try again"); }

std::int64_t count_flags(const json& definition) {
  auto flags = definition.find("flags");
  return flags != definition.end() && flags->is_object() ? static_cast<std::int64_t>(flags->size()) : 0;
}

// Who asked, when, and which version they expect to replace.
struct Intent {
  std::string request_id;
  std::int64_t now = 0;
  std::optional<std::int64_t> if_match;

  static Intent from(const json& args) {
    Intent intent;
    if (auto it = args.find("requestId"); it != args.end() && it->is_string()) intent.request_id = it->get<std::string>();
    if (auto it = args.find("now"); it != args.end() && it->is_number_integer()) intent.now = it->get<std::int64_t>();
    if (auto it = args.find("ifMatch"); it != args.end() && it->is_number_integer()) intent.if_match = it->get<std::int64_t>();
    return intent;
  }
};

std::optional<Response> stale(const ProjectState& state, const Intent& intent) {
  if (!intent.if_match || *intent.if_match == state.version) return std::nullopt;
  return Response::fail(Status::Conflict,
                        "the flag set changed: If-Match names version " + std::to_string(*intent.if_match) +
                            ", the current version is " + std::to_string(state.version),
                        {{"currentVersion", state.version}});
}

// Writes `definition` as the next version: the blob once, then the state record, and
// an alarm that re-checks KV in case the caller's publish to KV does not happen.
Task<Response> commit(ProjectState state, json definition, std::string action, std::int64_t rolled_back_from,
                      const Intent& intent, const Settings& settings) {
  std::string bytes = definition.dump(-1, ' ', false, json::error_handler_t::replace);
  if (bytes.size() > limits::kMaxFlagSetBytes)
    co_return Response::invalid({{"", "the flag set exceeds " + std::to_string(limits::kMaxFlagSetBytes) + " bytes"}});

  VersionEntry entry;
  entry.version = state.version + 1;
  entry.created_at = intent.now;
  entry.action = std::move(action);
  entry.flags = count_flags(definition);
  entry.blob = blob_key(entry.version, intent.request_id);
  entry.rolled_back_from = rolled_back_from;
  state.version = entry.version;
  state.history.insert(state.history.begin(), entry);

  std::vector<Effect> writes;
  writes.push_back(storage::put(entry.blob, std::move(bytes)).effect);
  while (state.history.size() > limits::kVersionsKept) {
    writes.push_back(storage::remove(state.history.back().blob).effect);
    state.history.pop_back();
  }
  writes.push_back(storage::put(std::string(storage::kStateKey), state.encode()).effect);
  writes.push_back(storage::set_alarm(intent.now + settings.publish_retry_seconds * 1000).effect);

  Batch batch{std::move(writes)};  // named: GCC 12 destroys braced temporaries in co_await twice
  auto results = co_await batch;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (results[i].ok()) continue;
    log::error("object.commit_failed", {{"version", entry.version}, {"reason", results[i].body}});
    co_return store_unavailable();
  }
  co_return Response::success({{"version", entry.version},
                               {"flags", entry.flags},
                               {"updatedAt", entry.created_at},
                               {"definition", std::move(definition)}});
}

Task<Response> publish(const json& args, const Settings& settings) {
  auto intent = Intent::from(args);
  auto definition = args.find("definition");
  if (definition == args.end() || !definition->is_object())
    co_return Response::invalid({{"", "publish needs a definition object"}});
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  if (auto conflict = stale(loaded.state, intent)) co_return std::move(*conflict);
  co_return co_await commit(std::move(loaded.state), *definition, "publish", 0, intent, settings);
}

Task<Response> patch(const json& args, const Settings& settings) {
  auto intent = Intent::from(args);
  auto key = args.find("flagKey");
  if (key == args.end() || !key->is_string()) co_return Response::invalid({{"", "patch needs a flagKey"}});
  const std::string& flag_key = key->get_ref<const std::string&>();

  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  const VersionEntry* current = loaded.state.current();
  if (!current) co_return Response::fail(Status::NotFound, "the project has no flag set yet");
  if (auto conflict = stale(loaded.state, intent)) co_return std::move(*conflict);
  LoadedDefinition def = co_await load_definition(*current);
  if (!def.ok) co_return store_unavailable();

  json& flags = def.definition["flags"];
  if (!flags.is_object() || !flags.contains(flag_key))
    co_return Response::fail(Status::NotFound, "no flag '" + flag_key + "' in the current flag set",
                             {{"flagKey", flag_key}});
  json& flag = flags[flag_key];
  if (!flag.is_object()) co_return store_unavailable();
  if (auto state = args.find("state"); state != args.end()) flag["state"] = *state;
  if (auto variant = args.find("defaultVariant"); variant != args.end()) {
    if (variant->is_string() && !(flag.contains("variants") && flag["variants"].is_object() &&
                                  flag["variants"].contains(variant->get_ref<const std::string&>())))
      co_return Response::invalid({{"/defaultVariant", "names no variant of flag '" + flag_key + "'"}});
    flag["defaultVariant"] = *variant;
  }
  co_return co_await commit(std::move(loaded.state), std::move(def.definition), "patch", 0, intent, settings);
}

Task<Response> rollback(const json& args, const Settings& settings) {
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
  LoadedDefinition def = co_await load_definition(*target);
  if (!def.ok) co_return store_unavailable();
  co_return co_await commit(std::move(loaded.state), std::move(def.definition), "rollback", version, intent, settings);
}

Task<Response> current() {
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  const VersionEntry* entry = loaded.state.current();
  if (!entry) co_return Response::fail(Status::NotFound, "the project has no flag set yet");
  LoadedDefinition def = co_await load_definition(*entry);
  if (!def.ok) co_return store_unavailable();
  co_return Response::success(
      {{"version", entry->version}, {"updatedAt", entry->created_at}, {"definition", std::move(def.definition)}});
}

Task<Response> versions() {
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  if (loaded.state.history.empty()) co_return Response::fail(Status::NotFound, "the project has no flag set yet");
  json list = json::array();
  for (const auto& e : loaded.state.history) {
    json item = {{"version", e.version}, {"createdAt", e.created_at}, {"action", e.action}, {"flags", e.flags}};
    if (e.rolled_back_from) item["rolledBackFrom"] = e.rolled_back_from;
    list.push_back(std::move(item));
  }
  co_return Response::success({{"version", loaded.state.version}, {"versions", std::move(list)}});
}

}  // namespace

Task<std::string> call_project_object(std::string project, std::string method, std::string args,
                                      const Settings& settings) {
  json parsed = args.empty() ? json::object() : json::parse(args, nullptr, false);
  if (!parsed.is_object()) co_return encode_reply(Response::invalid({{"", "object arguments must be a JSON object"}}));
  Response reply;
  if (method == "publish") reply = co_await publish(parsed, settings);
  else if (method == "patch") reply = co_await patch(parsed, settings);
  else if (method == "rollback") reply = co_await rollback(parsed, settings);
  else if (method == "current") reply = co_await current();
  else if (method == "versions") reply = co_await versions();
  else {
    log::error("object.unknown_method", {{"project", project}, {"method", method}});
    reply = Response::fail(Status::NotImplemented, "unknown object method");
  }
  co_return encode_reply(reply);
}

Task<void> reconcile_project(std::string project, RequestInfo info, const Settings& settings) {
  Loaded loaded = co_await load_state();
  if (!loaded.ok || !loaded.state.current()) co_return;
  const VersionEntry& entry = *loaded.state.current();

  EffectResult published = co_await kv::get(published_key(project));
  if (published.ok()) {
    auto record = PublishedRecord::decode(published.body);
    if (record && record->version >= entry.version) co_return;
  }
  LoadedDefinition def = co_await load_definition(entry);
  if (!def.ok) co_return;
  PublishedRecord record{entry.version, entry.created_at, std::move(def.definition)};
  EffectResult put = co_await kv::put(published_key(project), record.encode());
  if (put.ok()) {
    log::info("publish.reconciled", {{"project", project}, {"version", entry.version}});
    co_return;
  }
  log::warn("publish.retry_later", {{"project", project}, {"version", entry.version}, {"reason", put.body}});
  co_await storage::set_alarm(info.now_ms + settings.publish_retry_seconds * 1000);
}

}  // namespace flagport::store
