// What evaluation works from: a project's published record, compiled once per revision
// and kept in the isolate / process (DESIGN §4) for the cache TTL before KV is asked
// again. A publish therefore reaches evaluations within that TTL plus KV's own delay.
// When KV cannot be read, the last copy read keeps answering (last known good, as flag SDKs
// and flagd do) for at most the max staleness since it was last confirmed; only a project
// never read, or read too long ago, answers that it is unavailable.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/evaluation/flag_texts.hpp"
#include "core/flags/flag_set.hpp"
#include "core/ports/settings.hpp"
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

  explicit PublishedFlagsCache(const Settings& settings)
      : ttl_ms_(settings.cache_ttl_seconds * 1000),
        max_staleness_ms_(settings.max_staleness_seconds * 1000),
        kv_cache_ttl_seconds_(settings.kv_cache_ttl_seconds),
        read_fault_(settings.fault("kv-read")) {}

  // The project's compiled flags as of `now_ms`, from memory while fresh, else from KV
  // (recompiled only when the revision changed), else the last known good copy.
  Task<Lookup> get(std::string project, std::int64_t now_ms);

 private:
  struct Entry {
    std::shared_ptr<const PublishedFlags> flags;
    std::int64_t checked_at_ms = 0;    // KV last asked (answered or not): the TTL counts from here
    std::int64_t confirmed_at_ms = 0;  // KV last answered: the staleness counts from here
  };
  Task<Lookup> read(const std::string& project, std::int64_t now_ms);
  bool injected_read_failure(std::string_view project) const;

  std::int64_t ttl_ms_;
  std::int64_t max_staleness_ms_;
  std::int64_t kv_cache_ttl_seconds_;
  bool read_fault_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace flagport::evaluation
