#include "core/store/object_io.hpp"

#include "core/ports/log.hpp"
#include "core/ports/object_storage.hpp"
#include "core/store/blob.hpp"
#include "core/task/scheduler.hpp"

namespace flagport::store {

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

Task<LoadedDefinition> load_definition(const VersionEntry& entry) {
  std::optional<std::string> text = co_await read_blob(entry.blob, entry.parts);
  if (!text) co_return LoadedDefinition{};
  co_return LoadedDefinition{true, std::move(*text)};
}

Task<LoadedDefinition> load_current_definition(const ProjectState& state) {
  if (!state.current()) co_return LoadedDefinition{true, {}};
  co_return co_await load_definition(*state.current());
}

Intent Intent::from(const Json& args) {
  Intent intent;
  if (auto it = args.find("actor"); it != args.end() && it->is_object()) intent.actor = *it;
  if (auto it = args.find("source"); it != args.end() && it->is_string()) intent.source = it->get<std::string>();
  if (auto it = args.find("requestId"); it != args.end() && it->is_string()) intent.request_id = it->get<std::string>();
  if (auto it = args.find("now"); it != args.end() && it->is_number_integer()) intent.now = it->get<std::int64_t>();
  if (auto it = args.find("objectNow"); it != args.end() && it->is_number_integer())
    intent.object_now = it->get<std::int64_t>();
  if (auto it = args.find("ifMatch"); it != args.end() && it->is_number_integer()) intent.if_match = it->get<std::int64_t>();
  return intent;
}

std::optional<Response> stale(const ProjectState& state, const Intent& intent) {
  if (!intent.if_match || *intent.if_match == state.version) return std::nullopt;
  return Response::fail(Status::Conflict,
                        "the flag set changed: If-Match names version " + std::to_string(*intent.if_match) +
                            ", the current version is " + std::to_string(state.version),
                        {{"currentVersion", state.version}});
}

std::string record_for(const ProjectState& state, std::string definition_text) {
  PublishedRecord record;
  record.revision = state.revision;
  record.version = state.version;
  record.updated_at = state.current() ? state.current()->created_at : 0;
  record.flags = state.current() ? state.current()->flags : 0;
  for (const auto& key : state.keys) record.key_digests.push_back(key.digest);
  record.allowed_origins = state.allowed_origins;
  record.definition = std::move(definition_text);
  return record.encode();
}

std::optional<std::int64_t> next_alarm(const ProjectState& state, bool recheck, std::int64_t object_now,
                                       const Settings& settings) {
  std::optional<std::int64_t> next = next_due(state.schedules);
  if (recheck) {
    const std::int64_t retry = object_now + settings.publish_retry_seconds * 1000;
    if (!next || retry < *next) next = retry;
  }
  return next;
}

Task<bool> save(ProjectState& state, std::vector<Effect> writes, const Intent& intent, const Settings& settings,
                audit::Change change, bool publishes) {
  if (publishes) state.revision += 1;
  if (!change.version_before) change.version_before = state.version;
  if (!change.version_after) change.version_after = state.version;
  audit::append(state.audit, audit::entry(intent.actor, intent.request_id, intent.source, intent.now, std::move(change)),
                writes);
  writes.push_back(storage::put(std::string(storage::kStateKey), state.encode()).effect);
  // Always a re-check: an earlier publish may still be waiting for its retry (one alarm per object).
  writes.push_back(storage::set_alarm(*next_alarm(state, true, intent.object_now, settings)).effect);
  Batch batch{std::move(writes)};  // named: GCC 12 destroys braced temporaries in co_await twice
  auto results = co_await batch;
  for (const auto& result : results) {
    if (result.ok()) continue;
    log::error("object.commit_failed", {{"revision", state.revision}, {"reason", result.body}});
    co_return false;
  }
  co_return true;
}

Response no_flag_set() { return Response::fail(Status::NotFound, "the project has no flag set yet"); }

Response store_unavailable() { return Response::fail(Status::Error, "the project store is unavailable; try again"); }

}  // namespace flagport::store
