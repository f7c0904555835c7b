// The project object's one mutable record (storage key "state"): version counter, the
// kept history, client-key digests, allowed origins, scheduled changes and the newest audit
// entries. Definitions and older audit pages live in write-once blobs the record points at.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/audit_log.hpp"
#include "core/store/schedule.hpp"

namespace flagport::store {

struct VersionEntry {
  std::int64_t version = 0;
  std::int64_t created_at = 0;  // epoch ms
  std::string action;           // publish | patch | rollback
  std::int64_t flags = 0;       // number of flags in that definition
  std::string blob;             // storage key of the definition (store/blob.hpp)
  std::int64_t parts = 1;       // of that blob
  std::int64_t rolled_back_from = 0;  // rollback: the version restored
  std::string schedule;               // the id of the scheduled change that made it, if one did
};

// A client key as the object keeps it: never the key itself, only its SHA-256.
struct ClientKeyEntry {
  std::string id;
  std::string name;
  std::string digest;  // lower-case hex SHA-256 of the key text
  std::int64_t created_at = 0;
};

struct ProjectState {
  std::int64_t version = 0;   // of the flag set: publish, patch and rollback bump it
  std::int64_t revision = 0;  // of everything published to KV (flag set, keys, origins)
  std::vector<VersionEntry> history;  // newest first; history.front() is current
  std::vector<ClientKeyEntry> keys;
  std::vector<std::string> allowed_origins;  // OFREP's CORS list; empty: any origin
  std::vector<ScheduleEntry> schedules;      // pending ones, then finished ones, newest first
  audit::AuditLog audit;                     // every change above, in commit order

  const VersionEntry* current() const { return history.empty() ? nullptr : &history.front(); }
  const VersionEntry* find(std::int64_t version) const;
  const ClientKeyEntry* find_key(std::string_view id) const;

  std::string encode() const;
  // nullopt for bytes that are not a state record this code wrote.
  static std::optional<ProjectState> decode(std::string_view bytes);
};

// Storage key of a definition blob: unique per (version, request), never rewritten.
std::string blob_key(std::int64_t version, std::string_view request_id);

}  // namespace flagport::store
