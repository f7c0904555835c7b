#include "core/http/limits.hpp"
#include "core/ports/object_storage.hpp"
#include "core/store/flag_patch.hpp"
#include "core/store/object_io.hpp"
#include "core/store/project_methods.hpp"

namespace flagport::store::methods {


namespace {

Response no_flag_set() { return Response::fail(Status::NotFound, "the project has no flag set yet"); }

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

// `definition` is the text the route validated; `flags` in args, how many flags it has.
Task<ObjectReply> publish(const Json& args, std::string_view definition, const Settings& settings) {
  auto intent = Intent::from(args);
  auto flags = args.find("flags");
  if (definition.empty() || flags == args.end() || !flags->is_number_integer())
    co_return Response::invalid({{"", "publish needs a definition and its number of flags"}});
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  if (auto conflict = stale(loaded.state, intent)) co_return std::move(*conflict);
  co_return co_await commit(std::move(loaded.state), std::string(definition), flags->get<std::int64_t>(), "publish", 0,
                            intent, settings);
}

Task<ObjectReply> patch(const Json& args, const Settings& settings) {
  auto intent = Intent::from(args);
  auto key = args.find("flagKey");
  if (key == args.end() || !key->is_string()) co_return Response::invalid({{"", "patch needs a flagKey"}});
  const std::string& flag_key = key->get_ref<const std::string&>();

  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  if (!loaded.state.current()) co_return no_flag_set();
  if (auto conflict = stale(loaded.state, intent)) co_return std::move(*conflict);
  LoadedDefinition def = co_await load_definition(*loaded.state.current());
  if (!def.ok) co_return store_unavailable();

  FlagPatch changes;
  if (auto state = args.find("state"); state != args.end() && state->is_string())
    changes.state = state->get<std::string>();
  if (auto variant = args.find("defaultVariant"); variant != args.end())
    changes.default_variant = variant->is_string() ? std::optional(variant->get<std::string>()) : std::nullopt;
  switch (patch_flag(def.text, flag_key, changes)) {
    case PatchOutcome::Patched: break;
    case PatchOutcome::NoSuchFlag:
      co_return Response::fail(Status::NotFound, "no flag '" + flag_key + "' in the current flag set",
                               {{"flagKey", flag_key}});
    case PatchOutcome::UnknownVariant:
      co_return Response::invalid({{"/defaultVariant", "names no variant of flag '" + flag_key + "'"}});
    case PatchOutcome::Unreadable: co_return store_unavailable();
  }
  const std::int64_t flags = loaded.state.current()->flags;  // a patch adds and removes none
  co_return co_await commit(std::move(loaded.state), std::move(def.text), flags, "patch", 0, intent, settings);
}

Task<ObjectReply> rollback(const Json& args, const Settings& settings) {
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
  LoadedDefinition def = co_await load_definition(*target);
  if (!def.ok) co_return store_unavailable();
  co_return co_await commit(std::move(loaded.state), std::move(def.text), flags, "rollback", version, intent,
                            settings);
}

Task<ObjectReply> current() {
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  const VersionEntry* entry = loaded.state.current();
  if (!entry) co_return no_flag_set();
  LoadedDefinition def = co_await load_definition(*entry);
  if (!def.ok) co_return store_unavailable();
  co_return ObjectReply(Response::success({{"version", entry->version}, {"updatedAt", entry->created_at}}),
                       std::move(def.text));
}

Task<ObjectReply> versions() {
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  if (loaded.state.history.empty()) co_return no_flag_set();
  Json list = Json::array();
  for (const auto& e : loaded.state.history) {
    Json item = {{"version", e.version}, {"createdAt", e.created_at}, {"action", e.action}, {"flags", e.flags}};
    if (e.rolled_back_from) item["rolledBackFrom"] = e.rolled_back_from;
    list.push_back(std::move(item));
  }
  co_return Response::success({{"version", loaded.state.version}, {"versions", std::move(list)}});
}

}  // namespace flagport::store::methods
