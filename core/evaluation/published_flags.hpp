// What evaluation works from: a project's published record, compiled once per revision
// and kept in the isolate / process (DESIGN §4) for `cache_ttl_ms` before KV is asked
// again. A publish therefore reaches evaluations within that TTL plus KV's own delay.
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

  PublishedFlagsCache(std::int64_t cache_ttl_ms, std::int64_t kv_cache_ttl_seconds)
      : ttl_ms_(cache_ttl_ms), kv_cache_ttl_seconds_(kv_cache_ttl_seconds) {}

  // The project's compiled flags as of `now_ms`, from memory while fresh, else from KV
  // (recompiled only when the revision changed).
  Task<Lookup> get(std::string project, std::int64_t now_ms);

 private:
  struct Entry {
    std::shared_ptr<const PublishedFlags> flags;
    std::int64_t fetched_at_ms = 0;
  };
  std::int64_t ttl_ms_;
  std::int64_t kv_cache_ttl_seconds_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace flagport::evaluation
