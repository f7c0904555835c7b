#include <algorithm>

#include "core/flags/flag_set.hpp"
#include "core/http/limits.hpp"
#include "core/ports/log.hpp"
#include "core/ports/object_storage.hpp"
#include "core/store/blob.hpp"
#include "core/store/flag_set_changes.hpp"
#include "core/store/object_io.hpp"
#include "core/store/project_methods.hpp"
#include "core/json_fields.hpp"

namespace flagport::store::methods {
namespace {

std::vector<ScheduleEntry>::iterator find_schedule(ProjectState& state, std::string_view id) {
  return std::find_if(state.schedules.begin(), state.schedules.end(), [&](const auto& s) { return s.id == id; });
}

std::vector<ScheduleEntry>::iterator first_finished(ProjectState& state) {
  return std::find_if(state.schedules.begin(), state.schedules.end(), [](const auto& s) { return !s.pending(); });
}

// Moves a pending schedule to the front of the finished ones (newest first), keeping the
// last kFinishedSchedulesKept of those.
void finish(ProjectState& state, std::string_view id, std::string status, std::int64_t now, std::int64_t version,
            std::string reason) {
  auto it = find_schedule(state, id);
  ScheduleEntry entry = std::move(*it);
  state.schedules.erase(it);
  entry.status = std::move(status);
  entry.done_at = now;
  entry.version = version;
  entry.reason = std::move(reason);
  state.schedules.insert(first_finished(state), std::move(entry));
  auto finished = static_cast<std::size_t>(state.schedules.end() - first_finished(state));
  for (; finished > limits::kFinishedSchedulesKept; --finished) state.schedules.pop_back();
}

// Why a change was refused, in one line: its message and, for a validation failure, the errors.
std::string reason_of(const Response& refusal) {
  std::string reason = refusal.message;
  if (!refusal.data.is_object()) return reason;
  auto errors = refusal.data.find("errors");
  if (errors == refusal.data.end() || !errors->is_array()) return reason;
  for (const auto& e : *errors) reason += "; " + json_fields::string_or(e, "path") + ": " + json_fields::string_or(e, "message");
  return reason;
}

// Applies one due schedule's change to `state`, as the admin route would with its If-Match.
Task<ObjectReply> apply(ProjectState& state, const ScheduleEntry& entry, const Intent& intent,
                        const Settings& settings) {
  const Json& change = entry.change;
  const std::string type = json_fields::string_or(change, "type");
  if (type == "patch") {
    FlagPatch changes;
    if (auto s = change.find("state"); s != change.end() && s->is_string()) changes.state = s->get<std::string>();
    if (auto v = change.find("defaultVariant"); v != change.end())
      changes.default_variant = v->is_string() ? std::optional(v->get<std::string>()) : std::nullopt;
    co_return co_await patch_one_flag(state, json_fields::string_or(change, "flagKey"), changes, intent, settings);
  }
  if (type == "rollback")
    co_return co_await roll_back(state, json_fields::int_or(change, "version"), intent, settings);
  if (type == "publish") {
    std::optional<std::string> text = co_await read_blob(entry.blob, entry.parts);
    if (!text) co_return store_unavailable();
    // Checked again: what this build cannot compile is never published, whenever it was scheduled.
    auto loaded = flags::load_flag_set(*text);
    if (!loaded.ok()) {
      std::vector<FieldError> errors;
      for (auto& e : loaded.errors) errors.push_back({std::move(e.path), std::move(e.message)});
      co_return Response::invalid(std::move(errors), "the flag set no longer validates");
    }
    const auto flags = static_cast<std::int64_t>(loaded.flag_set->flags().size());
    co_return co_await publish_text(state, std::move(*text), flags, intent, settings);
  }
  co_return Response::invalid({{"/change/type", "unknown change type '" + type + "'"}});
}

}  // namespace

Task<ObjectReply> add_schedule(const Json& args, std::string_view definition, const Settings& settings) {
  auto intent = Intent::from(args);
  ScheduleEntry entry;
  entry.id = json_fields::string_or(args, "id");
  entry.at = json_fields::int_or(args, "at");
  entry.created_at = intent.now;
  entry.created_by = intent.actor;
  entry.change = json_fields::object_or_empty(args, "change");
  entry.if_match = intent.if_match;
  const bool publishes = json_fields::string_or(entry.change, "type") == "publish";
  if (entry.id.empty() || entry.at <= 0 || !entry.change.is_object() || publishes == definition.empty())
    co_return Response::invalid({{"", "add_schedule needs an id, a time and a change (a publish with its definition)"}});

  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  ProjectState& state = loaded.state;
  if (auto conflict = stale(state, intent)) co_return std::move(*conflict);
  if (static_cast<std::size_t>(std::count_if(state.schedules.begin(), state.schedules.end(),
                                             [](const auto& s) { return s.pending(); })) >= limits::kMaxPendingSchedules)
    co_return Response::fail(Status::Conflict, "the project has " + std::to_string(limits::kMaxPendingSchedules) +
                                                   " pending schedules, the most it may have; cancel one first");
  if (find_schedule(state, entry.id) != state.schedules.end())
    co_return Response::fail(Status::Conflict, "schedule id already taken; try again");

  std::vector<Effect> writes;
  if (publishes) {
    entry.blob = schedule_blob_key(entry.id);
    entry.parts = blob_parts(definition.size());
    put_blob(writes, entry.blob, definition);
  }
  // Pending ones in the order they fall due; equal times in the order they were made.
  auto place = std::find_if(state.schedules.begin(), state.schedules.end(),
                            [&](const auto& s) { return !s.pending() || s.at > entry.at; });
  Json view = entry.view();
  audit::Change change{"schedules.create", entry.id, {{"at", entry.at}, {"change", entry.change}}};
  state.schedules.insert(place, std::move(entry));
  if (!co_await save(state, std::move(writes), intent, settings, std::move(change), false))
    co_return store_unavailable();
  co_return Response::success(std::move(view));
}

Task<ObjectReply> list_schedules() {
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  Json list = Json::array();
  for (const auto& s : loaded.state.schedules) list.push_back(s.view());
  co_return Response::success({{"schedules", std::move(list)}});
}

Task<ObjectReply> cancel_schedule(const Json& args, const Settings& settings) {
  auto intent = Intent::from(args);
  const std::string id = json_fields::string_or(args, "id");
  Loaded loaded = co_await load_state();
  if (!loaded.ok) co_return store_unavailable();
  ProjectState& state = loaded.state;
  auto it = find_schedule(state, id);
  if (it == state.schedules.end())
    co_return Response::fail(Status::NotFound, "no schedule '" + id + "' in this project", {{"id", id}});
  if (!it->pending())
    co_return Response::fail(Status::Conflict, "the schedule is " + it->status + " already; only a pending one can be cancelled",
                             {{"id", id}, {"status", it->status}});
  std::vector<Effect> writes;
  if (!it->blob.empty()) remove_blob(writes, it->blob, it->parts);
  audit::Change change{"schedules.cancel", id, {{"at", it->at}, {"change", it->change}}};
  finish(state, id, "cancelled", intent.now, 0, "");
  if (!co_await save(state, std::move(writes), intent, settings, std::move(change), false))
    co_return store_unavailable();
  co_return Response::success(find_schedule(state, id)->view());
}

Task<bool> apply_due_schedules(ProjectState& state, const RequestInfo& info, const Settings& settings) {
  for (;;) {
    // Pending schedules are kept in the order they fall due.
    auto due = std::find_if(state.schedules.begin(), state.schedules.end(),
                            [&](const auto& s) { return s.pending() && s.at <= info.now_ms; });
    if (due == state.schedules.end()) co_return true;
    const ScheduleEntry entry = *due;  // a copy: the state is replaced below
    Intent intent;
    intent.actor = {{"kind", "schedule"}, {"id", entry.id}, {"createdBy", entry.created_by}};
    intent.request_id = info.request_id;
    intent.now = intent.object_now = info.now_ms;
    intent.if_match = entry.if_match;
    intent.schedule = entry.id;

    // Marked applied in the state its own commit writes, so the version and its record agree.
    ProjectState attempt = state;
    finish(attempt, entry.id, "applied", info.now_ms, attempt.version + 1, "");
    ObjectReply reply = co_await apply(attempt, entry, intent, settings);
    if (reply.response.status == Status::Success) {
      log::info("schedule.applied", {{"schedule", entry.id}, {"version", attempt.version}});
      state = std::move(attempt);
      if (!entry.blob.empty()) {  // garbage if it fails, never wrong
        std::vector<Effect> removals;
        remove_blob(removals, entry.blob, entry.parts);
        Batch batch{std::move(removals)};  // named: GCC 12 destroys braced temporaries in co_await twice
        co_await batch;
      }
      continue;
    }
    if (reply.response.status == Status::Error) co_return false;  // the store failed: try again later
    // Refused (If-Match no longer holds, no such flag or version, invalid): recorded, nothing applied.
    std::vector<Effect> writes;
    if (!entry.blob.empty()) remove_blob(writes, entry.blob, entry.parts);
    ProjectState failed = state;
    finish(failed, entry.id, "failed", info.now_ms, 0, reason_of(reply.response));
    log::warn("schedule.failed", {{"schedule", entry.id}, {"reason", reason_of(reply.response)}});
    audit::Change change{"schedules.fail", entry.id, {{"reason", reason_of(reply.response)}, {"change", entry.change}}};
    if (!co_await save(failed, std::move(writes), intent, settings, std::move(change), false)) co_return false;
    state = std::move(failed);
  }
}

}  // namespace flagport::store::methods
