// An object's audit log (README "Audit log"). Each entry is appended in the same commit as
// the change it describes, by the object that makes the change, so neither exists without
// the other; entries are never rewritten.
//
// Within the object storage contract (ports/object_storage.hpp): the newest entries live in
// the object's state record; once kInlineEntries of them (or kInlineBytes) are there, the
// commit moves them all to a write-once page and the state keeps the page's key and seq
// range. The newest kPagesKept pages are kept; an older page is deleted whole by the commit
// that pushes it out. So the state holds at most ~kInlineBytes of entries and
// kPagesKept page references, and a read of `limit` entries touches at most a few pages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/response.hpp"
#include "core/json.hpp"
#include "core/task/effect.hpp"
#include "core/task/task.hpp"

namespace flagport::audit {

inline constexpr std::size_t kInlineEntries = 32;
inline constexpr std::size_t kInlineBytes = 32 * 1024;
inline constexpr std::size_t kPagesKept = 256;
inline constexpr std::int64_t kMaxReadLimit = 100;
inline constexpr std::int64_t kDefaultReadLimit = 50;

struct Page {
  std::string key;
  std::int64_t first = 0;  // seq of its oldest entry
  std::int64_t last = 0;   // seq of its newest entry
};

struct AuditLog {
  std::int64_t next_seq = 1;
  std::vector<Json> recent;  // newest first
  std::vector<Page> pages;   // newest first

  Json stored() const;
  static std::optional<AuditLog> from_stored(const Json& stored);  // null or {}: an empty log
};

// Gives `entry` the next seq and appends it; adds to `writes` the page it completes and the
// deletes of the pages past retention.
void append(AuditLog& log, Json entry, std::vector<Effect>& writes);

// Up to `limit` entries with a seq below `before` (0: from the newest), newest first, and
// `next`, the `before` of the following page (null at the oldest kept entry):
// {"entries": [...], "next": seq|null}. nullopt when a page could not be read (logged).
Task<std::optional<Json>> read(const AuditLog& log, std::int64_t limit, std::int64_t before);

// What GET .../audit answers for its query string: `limit` 1 to kMaxReadLimit (default
// kDefaultReadLimit) and `before`, an entry's seq; badRequest for others, error when the
// store failed.
Task<Response> answer(const AuditLog& log, std::string_view query);

}  // namespace flagport::audit
