#include "core/store/flag_set_changes.hpp"

#include "core/audit/flag_set_diff.hpp"
#include "core/http/limits.hpp"
#include "core/store/blob.hpp"

namespace flagport::store {
namespace {

// Writes the definition `bytes` as the next version: its blob once, older blobs past the kept
// history deleted, and the state record with the audit entry of the change from `before`
// (the current definition's text).
Task<ObjectReply> commit(ProjectState& state, std::string bytes, std::int64_t flags, std::string action,
                         std::int64_t rolled_back_from, std::string_view before, std::string target,
                         const Intent& intent, const Settings& settings) {
  if (bytes.size() > limits::kMaxFlagSetBytes)
    co_return Response::invalid({{"", "the flag set exceeds " + std::to_string(limits::kMaxFlagSetBytes) + " bytes"}});

  VersionEntry entry;
  entry.version = state.version + 1;
  entry.created_at = intent.now;
  entry.action = std::move(action);
  entry.flags = flags;
  entry.blob = blob_key(entry.version, intent.request_id);
  entry.parts = blob_parts(bytes.size());
  entry.rolled_back_from = rolled_back_from;
  entry.schedule = intent.schedule;
  ProjectState next = state;
  next.version = entry.version;
  next.history.insert(next.history.begin(), entry);

  std::vector<Effect> writes;
  put_blob(writes, entry.blob, bytes);
  while (next.history.size() > limits::kVersionsKept) {
    remove_blob(writes, next.history.back().blob, next.history.back().parts);
    next.history.pop_back();
  }
  audit::Change change{"flags." + entry.action, std::move(target), audit::flag_set_diff(before, bytes), state.version,
                       entry.version};
  if (rolled_back_from) change.summary["restored"] = rolled_back_from;
  if (!co_await save(next, std::move(writes), intent, settings, std::move(change))) co_return store_unavailable();
  state = std::move(next);
  co_return ObjectReply(Response::success({{"version", entry.version}, {"flags", entry.flags}}),
                        record_for(state, std::move(bytes)));
}

}  // namespace

Task<ObjectReply> publish_text(ProjectState& state, std::string text, std::int64_t flags, const Intent& intent,
                               const Settings& settings) {
  if (auto conflict = stale(state, intent)) co_return std::move(*conflict);
  LoadedDefinition before = co_await load_current_definition(state);
  if (!before.ok) co_return store_unavailable();
  co_return co_await commit(state, std::move(text), flags, "publish", 0, before.text, "flags", intent, settings);
}

Task<ObjectReply> patch_one_flag(ProjectState& state, const std::string& flag_key, const FlagPatch& changes,
                                 const Intent& intent, const Settings& settings) {
  if (!state.current()) co_return no_flag_set();
  if (auto conflict = stale(state, intent)) co_return std::move(*conflict);
  LoadedDefinition def = co_await load_definition(*state.current());
  if (!def.ok) co_return store_unavailable();
  const std::string before = def.text;
  switch (patch_flag(def.text, flag_key, changes)) {
    case PatchOutcome::Patched: break;
    case PatchOutcome::NoSuchFlag:
      co_return Response::fail(Status::NotFound, "no flag '" + flag_key + "' in the current flag set",
                               {{"flagKey", flag_key}});
    case PatchOutcome::UnknownVariant:
      co_return Response::invalid({{"/defaultVariant", "names no variant of flag '" + flag_key + "'"}});
    case PatchOutcome::Unreadable: co_return store_unavailable();
  }
  const std::int64_t flags = state.current()->flags;  // a patch adds and removes none
  co_return co_await commit(state, std::move(def.text), flags, "patch", 0, before, flag_key, intent, settings);
}

Task<ObjectReply> roll_back(ProjectState& state, std::int64_t version, const Intent& intent, const Settings& settings) {
  if (auto conflict = stale(state, intent)) co_return std::move(*conflict);
  const VersionEntry* target = state.find(version);
  if (!target)
    co_return Response::fail(Status::NotFound,
                             "version " + std::to_string(version) + " is not in the kept history (the last " +
                                 std::to_string(limits::kVersionsKept) + " versions)",
                             {{"version", version}});
  const std::int64_t flags = target->flags;
  LoadedDefinition def = co_await load_definition(*target);
  LoadedDefinition before = co_await load_current_definition(state);
  if (!def.ok || !before.ok) co_return store_unavailable();
  co_return co_await commit(state, std::move(def.text), flags, "rollback", version, before.text, "flags", intent,
                            settings);
}

}  // namespace flagport::store
