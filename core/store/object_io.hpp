// What every project-object method shares: reading the state record and definitions,
// the caller's intent, and building the record published to KV.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"

#include "core/audit/audit_entry.hpp"

#include "core/http/response.hpp"
#include "core/ports/settings.hpp"
#include "core/store/project_state.hpp"
#include "core/store/published_record.hpp"
#include "core/task/effect.hpp"
#include "core/task/task.hpp"

namespace flagport::store {

struct Loaded {
  bool ok = false;
  ProjectState state;  // empty (version 0) for a new project
};
Task<Loaded> load_state();

// A definition blob: its text as stored (what is published, and read back).
struct LoadedDefinition {
  bool ok = false;
  std::string text;
};
Task<LoadedDefinition> load_definition(const VersionEntry& entry);

// The current version's text, or empty text when there is none yet.
Task<LoadedDefinition> load_current_definition(const ProjectState& state);

// Who asked, when, from where, and which flag-set version they expect to replace.
struct Intent {
  Json actor = {{"kind", "root"}};  // access::Actor::named(), or the schedule applying a change
  std::string source;               // the client's address, when the host knows it
  std::string request_id;
  std::int64_t now = 0;         // the caller's time: what timestamps record
  std::int64_t object_now = 0;  // the object's time: what alarms are set from
  std::optional<std::int64_t> if_match;
  std::string schedule;  // the scheduled change being applied, if one is
  static Intent from(const Json& args);
};

// A conflict envelope when If-Match names another version than the current one.
std::optional<Response> stale(const ProjectState& state, const Intent& intent);

// The KV record for `state` with `definition_text` as its flag set.
std::string record_for(const ProjectState& state, std::string definition_text);

// When the object wakes next: to re-check KV after the publish retry delay when `recheck`,
// or for the earliest pending scheduled change, whichever comes first; nullopt: never.
std::optional<std::int64_t> next_alarm(const ProjectState& state, bool recheck, std::int64_t object_now,
                                       const Settings& settings);

// Commits a changed state: bumps its revision when the change `publishes` (what KV holds
// changes with it), appends the audit entry of `change`, then writes `writes` (write-once
// blobs, deletes), an audit page if one filled, the state record and an alarm that re-checks
// KV later, as one batch. False (and a log line) if any write failed.
Task<bool> save(ProjectState& state, std::vector<Effect> writes, const Intent& intent, const Settings& settings,
                audit::Change change, bool publishes = true);

Response store_unavailable();
Response no_flag_set();

}  // namespace flagport::store
