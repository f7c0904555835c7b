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

Task<PublishedFlagsCache::Lookup> PublishedFlagsCache::get(std::string project, std::int64_t now_ms) {
  auto cached = entries_.find(project);
  if (cached != entries_.end() && now_ms - cached->second.fetched_at_ms < ttl_ms_)
    co_return Lookup{cached->second.flags->version ? Outcome::Found : Outcome::NotPublished, cached->second.flags};

  EffectResult got = co_await kv::get(store::published_key(project), kv_cache_ttl_seconds_);
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
  cached = entries_.find(project);
  if (cached != entries_.end() && cached->second.flags->revision == record->revision) {
    cached->second.fetched_at_ms = now_ms;
    auto flags = cached->second.flags;
    co_return Lookup{flags->version ? Outcome::Found : Outcome::NotPublished, flags};
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
  entries_[project] = Entry{flags, now_ms};
  co_return Lookup{flags->version ? Outcome::Found : Outcome::NotPublished, std::move(flags)};
}

}  // namespace flagport::evaluation
