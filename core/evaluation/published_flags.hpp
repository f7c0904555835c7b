// What evaluation works from: a project's published record, compiled once per revision
// and kept in the isolate / process (DESIGN §4) within a byte budget, least recently used
// projects dropped first, for the cache TTL before KV is asked again. A publish therefore
// reaches evaluations within that TTL plus KV's own delay.
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

  bool accepts_digest(std::string_view digest_hex) const;
};

class PublishedFlagsCache {
 public:
  enum class Outcome { Found, NotPublished, Unavailable };
  struct Lookup {
    Outcome outcome = Outcome::Unavailable;
    std::shared_ptr<const PublishedFlags> flags;
  };

  explicit PublishedFlagsCache(const Settings& settings);

  // The project's compiled flags as of `now_ms`, from memory while fresh, else from KV
  // (recompiled only when the revision changed), else the last known good copy.
  Task<Lookup> get(std::string project, std::int64_t now_ms);

  // The estimated bytes of the copies held, and how many there are.
  std::size_t bytes() const { return entries_.bytes(); }
  std::size_t projects() const { return entries_.size(); }

 private:
  struct Entry {
    std::shared_ptr<const PublishedFlags> flags;
    std::int64_t checked_at_ms = 0;    // KV last asked (answered or not): the TTL counts from here
    std::int64_t confirmed_at_ms = 0;  // KV last answered: the staleness counts from here
  };

  // What KV's answer for `project` means: the held copy confirmed (same revision: the
  // definition is not even decoded), a new copy compiled and held, or Unavailable (logged).
  Lookup apply(const std::string& project, const EffectResult& got, std::int64_t now_ms);
  // After a failed read: the held copy while KV confirmed it within the max staleness.
  Lookup last_known_good(const std::string& project, std::int64_t now_ms);
  bool injected_read_failure(std::string_view project);

  std::int64_t ttl_ms_;
  std::int64_t max_staleness_ms_;
  std::int64_t kv_cache_ttl_seconds_;
  bool read_fault_;
  LruMap<Entry> entries_;
};

}  // namespace flagport::evaluation
