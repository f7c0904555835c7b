// What evaluation works from: a project's published record, compiled once per revision
// and kept in the isolate / process (DESIGN §4) within a byte budget, least recently used
// projects dropped first.
//
// A copy younger than the cache TTL answers alone. An older one still answers at once
// (stale-while-revalidate) and its project is marked for a refresh that the host runs after
// the response (App::after, DESIGN §10): one refresh per project at a time, and no request
// waits for KV while a copy exists. Only a project not held, or whose copy KV last confirmed
// longer than the max staleness ago, is read while the request waits. TTL 0 keeps the old
// rule: every evaluation reads KV first.
//
// When KV cannot be read, the copy keeps answering (last known good, as flag SDKs and flagd
// do) for at most the max staleness since KV last answered; only a project never read, or
// read too long ago, answers that it is unavailable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/evaluation/flag_texts.hpp"
#include "core/evaluation/lru_map.hpp"
#include "core/flags/flag_set.hpp"
#include "core/ports/settings.hpp"
#include "core/store/published_copy.hpp"
#include "core/task/effect.hpp"
#include "core/task/task.hpp"

namespace flagport::evaluation {

struct PublishedFlags {
  std::int64_t revision = 0;
  std::int64_t version = 0;  // of the flag set; 0: nothing published yet
  std::optional<flags::FlagSet> flag_set;
  std::optional<FlagSetTexts> texts;  // of flag_set, for the answers
  std::vector<std::string> key_digests;
  std::vector<std::string> allowed_origins;  // OFREP's CORS list; empty: any origin
  std::size_t estimated_bytes = 0;  // what the cache counts it for (copy_bytes.hpp), made once

  bool accepts_digest(std::string_view digest_hex) const;
};

// The byte budget of the compiled copies (Settings::cache_budget_bytes, as a size_t).
std::size_t cache_budget(const Settings& settings);

class PublishedFlagsCache {
 public:
  enum class Outcome { Found, NotPublished, Unavailable };
  struct Lookup {
    Outcome outcome = Outcome::Unavailable;
    std::shared_ptr<const PublishedFlags> flags;
  };

  // At most this many projects are refreshed by one run of refresh_wanted(), so that the
  // work after a response stays short; the rest wait for the next response.
  static constexpr std::size_t kRefreshesPerRun = 8;

  explicit PublishedFlagsCache(const Settings& settings);

  // The project's compiled flags as of `now_ms` (see above).
  Task<Lookup> get(std::string project, std::int64_t now_ms);

  // Whether get() marked projects for a refresh that no run has taken yet (cheap).
  bool refresh_wanted() const { return !wanted_.empty(); }
  // Refreshes up to kRefreshesPerRun marked projects: their KV reads go out together, then
  // each answer is applied (recompiled only when the revision changed). Whatever happens
  // to the run, even a host dropping it unfinished, its projects can be marked again.
  Task<void> refresh(std::int64_t now_ms);

  // The estimated bytes of the copies held, and how many there are.
  std::size_t bytes() const { return entries_.bytes(); }
  std::size_t projects() const { return entries_.size(); }

 private:
  enum class Refresh { None, Wanted, Running };
  struct Entry {
    std::shared_ptr<const PublishedFlags> flags;
    std::int64_t checked_at_ms = 0;    // KV last asked (answered or not): the TTL counts from here
    std::int64_t confirmed_at_ms = 0;  // KV last answered: the staleness counts from here
    Refresh refresh = Refresh::None;
  };
  class RunningRefreshes;

  // KV's answer for a project, and its definition when it had to be read from parts.
  struct Read {
    store::published_copy::Copy copy;
    std::optional<std::string> definition;
  };
  // Whether `copy` is a record in parts that this isolate / process does not hold yet.
  bool needs_parts(const std::string& project, const store::published_copy::Copy& copy);
  // Reads the parts when needs_parts() (only where records can have parts).
  Task<void> complete(const std::string& project, Read& read);
  // What that answer means: the held copy confirmed (same revision: the definition is not even
  // decoded), a new copy compiled and held, or Unavailable (logged).
  Lookup apply(const std::string& project, Read& read, std::int64_t now_ms);
  // After a failed read: the held copy while KV confirmed it within the max staleness.
  Lookup last_known_good(const std::string& project, std::int64_t now_ms);
  bool injected_read_failure(std::string_view project);

  std::int64_t ttl_ms_;
  std::int64_t max_staleness_ms_;
  std::int64_t kv_cache_ttl_seconds_;
  bool read_fault_;
  LruMap<Entry> entries_;
  std::vector<std::string> wanted_;  // projects marked Wanted, in order (may name evicted ones)
};

}  // namespace flagport::evaluation
