#include "core/evaluation/published_flags.hpp"

#include "core/http/auth.hpp"
#include "core/ports/kv.hpp"
#include "core/ports/log.hpp"
#include "core/store/published_record.hpp"

namespace flagport::evaluation {

bool PublishedFlags::accepts_digest(std::string_view digest_hex) const {
  bool found = false;
  for (const auto& digest : key_digests) found |= constant_time_equal(digest, digest_hex);
  return found;
}

namespace {

PublishedFlagsCache::Outcome outcome_of(const PublishedFlags& flags) {
  return flags.version ? PublishedFlagsCache::Outcome::Found : PublishedFlagsCache::Outcome::NotPublished;
}

}  // namespace

// FLAGPORT_FAULTS=kv-read (tests only): KV cannot be read for kv-read-fault-* projects once
// this isolate / process holds a copy of them, and never for kv-read-fault-cold-* ones.
bool PublishedFlagsCache::injected_read_failure(std::string_view project) const {
  if (!read_fault_ || project.rfind("kv-read-fault-", 0) != 0) return false;
  return project.rfind("kv-read-fault-cold-", 0) == 0 || entries_.find(project) != entries_.end();
}

Task<PublishedFlagsCache::Lookup> PublishedFlagsCache::get(std::string project, std::int64_t now_ms) {
  auto cached = entries_.find(project);
  if (cached != entries_.end() && now_ms - cached->second.checked_at_ms < ttl_ms_)
    co_return Lookup{outcome_of(*cached->second.flags), cached->second.flags};

  Lookup fresh = co_await read(project, now_ms);
  if (fresh.outcome != Outcome::Unavailable) co_return fresh;
  // The map may have changed while the read was suspended: look again.
  cached = entries_.find(project);
  if (cached == entries_.end() || now_ms - cached->second.confirmed_at_ms > max_staleness_ms_) co_return fresh;
  cached->second.checked_at_ms = now_ms;  // KV is asked again after a TTL, not by every request
  log::warn("flags.last_known_good", {{"project", project},
                                      {"revision", cached->second.flags->revision},
                                      {"staleMs", now_ms - cached->second.confirmed_at_ms}});
  co_return Lookup{outcome_of(*cached->second.flags), cached->second.flags};
}

Task<PublishedFlagsCache::Lookup> PublishedFlagsCache::read(const std::string& project, std::int64_t now_ms) {
  EffectResult got = EffectResult::failure("injected fault: kv-read");
  if (!injected_read_failure(project)) got = co_await kv::get(store::published_key(project), kv_cache_ttl_seconds_);
  if (got.outcome == flagport::Outcome::NotFound) co_return Lookup{Outcome::NotPublished, nullptr};
  if (!got.ok()) {
    log::error("kv.read_failed", {{"project", project}, {"reason", got.body}});
    co_return Lookup{};
  }
  auto record = store::PublishedRecord::decode(got.body);
  if (!record) {
    log::error("kv.record_unreadable", {{"project", project}});
    co_return Lookup{};
  }
  // The map may have changed while this task was suspended: look again.
  auto cached = entries_.find(project);
  if (cached != entries_.end() && cached->second.flags->revision == record->revision) {
    cached->second.checked_at_ms = cached->second.confirmed_at_ms = now_ms;
    co_return Lookup{outcome_of(*cached->second.flags), cached->second.flags};
  }

  auto flags = std::make_shared<PublishedFlags>();
  flags->revision = record->revision;
  flags->version = record->version;
  flags->key_digests = std::move(record->key_digests);
  flags->allowed_origins = std::move(record->allowed_origins);
  if (record->version) {
    auto loaded = flags::load_flag_set(record->definition);
    if (!loaded.ok()) {
      // Publish validates with the same loader, so only a record from an older build gets here.
      log::error("flags.published_set_invalid", {{"project", project}, {"revision", record->revision}});
      co_return Lookup{};
    }
    flags->flag_set = std::move(loaded.flag_set);
    flags->texts.emplace(*flags->flag_set);
  }
  entries_[project] = Entry{flags, now_ms, now_ms};
  co_return Lookup{outcome_of(*flags), std::move(flags)};
}

}  // namespace flagport::evaluation
