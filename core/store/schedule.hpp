// A scheduled change of a project's flag set, as the project object keeps it in its state
// record: what to apply, when, and, once it ran, how it went.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"

namespace flagport::store {

struct ScheduleEntry {
  std::string id;         // "sch_" + 16 hex digits
  std::int64_t at = 0;    // epoch ms: due from then on
  std::int64_t created_at = 0;
  Json created_by = nullptr;  // the actor who made it (access/actor.hpp named()); its audit entries name it
  // {"type":"patch","flagKey":..,"state"?,"defaultVariant"?} | {"type":"rollback","version":N}
  // | {"type":"publish","flags":N}, whose definition is the write-once blob `blob`
  Json change = Json::object();
  std::string blob;
  std::int64_t parts = 1;  // of the blob (store/blob.hpp)
  std::optional<std::int64_t> if_match;  // the version it must still replace when it runs
  std::string status = "pending";        // pending | applied | failed | cancelled
  std::int64_t done_at = 0;              // when it ran or was cancelled
  std::int64_t version = 0;              // applied: the version it made
  std::string reason;                    // failed: why

  bool pending() const { return status == "pending"; }
  Json stored() const;  // as the state record keeps it
  static std::optional<ScheduleEntry> from_stored(const Json& item);
  Json view() const;    // as the admin API shows it
};

// The earliest `at` of the pending schedules, if any.
std::optional<std::int64_t> next_due(const std::vector<ScheduleEntry>& schedules);

// The storage key of a scheduled definition: written once, deleted once it ran or was cancelled.
std::string schedule_blob_key(const std::string& id);

}  // namespace flagport::store
