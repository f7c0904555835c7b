#include "core/evaluation/published_flags.hpp"

#include <algorithm>
#include <limits>

#include "core/evaluation/copy_bytes.hpp"
#include "core/http/auth.hpp"
#include "core/ports/kv.hpp"
#include "core/ports/log.hpp"
#include "core/store/published_copy.hpp"

namespace flagport::evaluation {

bool PublishedFlags::accepts_digest(std::string_view digest_hex) const {
  bool found = false;
  for (const auto& digest : key_digests) found |= constant_time_equal(digest, digest_hex);
  return found;
}

namespace {

PublishedFlagsCache::Lookup answer_from(const std::shared_ptr<const PublishedFlags>& flags) {
  return {flags->version ? PublishedFlagsCache::Outcome::Found : PublishedFlagsCache::Outcome::NotPublished, flags};
}

}  // namespace

// size_t has 32 bits in wasm: a budget past it bounds nothing there.
std::size_t cache_budget(const Settings& settings) {
  const auto bytes = static_cast<std::uint64_t>(std::max<std::int64_t>(settings.cache_budget_bytes, 0));
  return static_cast<std::size_t>(std::min<std::uint64_t>(bytes, std::numeric_limits<std::size_t>::max()));
}

// The projects one refresh run took: marked Running while it lasts, unmarked when its frame
// goes, whether it finished or its host dropped it.
class PublishedFlagsCache::RunningRefreshes {
 public:
  explicit RunningRefreshes(PublishedFlagsCache& cache) : cache_(cache) {}
  RunningRefreshes(const RunningRefreshes&) = delete;
  RunningRefreshes& operator=(const RunningRefreshes&) = delete;
  ~RunningRefreshes() {
    for (const auto& project : projects)
      if (Entry* entry = cache_.entries_.peek(project)) entry->refresh = Refresh::None;
  }
  std::vector<std::string> projects;

 private:
  PublishedFlagsCache& cache_;
};

PublishedFlagsCache::PublishedFlagsCache(const Settings& settings)
    : ttl_ms_(settings.cache_ttl_seconds * 1000),
      max_staleness_ms_(settings.max_staleness_seconds * 1000),
      kv_cache_ttl_seconds_(settings.kv_cache_ttl_seconds),
      read_fault_(settings.fault("kv-read")),
      entries_(cache_budget(settings)) {}

// FLAGPORT_FAULTS=kv-read (tests only): KV cannot be read for kv-read-fault-* projects once
// this isolate / process holds a copy of them, and never for kv-read-fault-cold-* ones.
bool PublishedFlagsCache::injected_read_failure(std::string_view project) {
  if (!read_fault_ || project.rfind("kv-read-fault-", 0) != 0) return false;
  return project.rfind("kv-read-fault-cold-", 0) == 0 || entries_.peek(project) != nullptr;
}

Task<PublishedFlagsCache::Lookup> PublishedFlagsCache::get(std::string project, std::int64_t now_ms) {
  if (Entry* cached = entries_.use(project)) {
    if (now_ms - cached->checked_at_ms < ttl_ms_) co_return answer_from(cached->flags);
    if (ttl_ms_ > 0 && now_ms - cached->confirmed_at_ms <= max_staleness_ms_) {
      if (cached->refresh == Refresh::None) {
        cached->refresh = Refresh::Wanted;
        wanted_.push_back(project);
      }
      co_return answer_from(cached->flags);
    }
  }
  EffectResult got = EffectResult::failure("injected fault: kv-read");
  if (!injected_read_failure(project)) got = co_await kv::get(store::published_key(project), kv_cache_ttl_seconds_);
  // The map may have changed while the read was suspended: apply() looks again.
  Read read{store::published_copy::Copy::of(std::move(got)), std::nullopt};
  if (store::published_copy::kMayHaveParts) co_await complete(project, read);
  Lookup fresh = apply(project, read, now_ms);
  if (fresh.outcome != Outcome::Unavailable) co_return fresh;
  co_return last_known_good(project, now_ms);
}

Task<void> PublishedFlagsCache::refresh(std::int64_t now_ms) {
  RunningRefreshes running(*this);
  std::vector<Effect> reads;
  std::size_t taken = 0;
  for (; taken < wanted_.size() && running.projects.size() < kRefreshesPerRun; ++taken) {
    Entry* entry = entries_.peek(wanted_[taken]);
    if (!entry || entry->refresh != Refresh::Wanted) continue;  // evicted, or taken already
    entry->refresh = Refresh::Running;
    running.projects.push_back(wanted_[taken]);
  }
  wanted_.erase(wanted_.begin(), wanted_.begin() + static_cast<std::ptrdiff_t>(taken));

  std::vector<EffectResult> results(running.projects.size(), EffectResult::failure("injected fault: kv-read"));
  std::vector<std::size_t> asked;  // results[asked[k]] answers reads[k]
  for (std::size_t i = 0; i < running.projects.size(); ++i) {
    if (injected_read_failure(running.projects[i])) continue;
    reads.push_back(kv::get(store::published_key(running.projects[i]), kv_cache_ttl_seconds_).effect);
    asked.push_back(i);
  }
  Batch batch{std::move(reads)};  // named: GCC 12 destroys braced temporaries in co_await twice
  std::vector<EffectResult> answers = co_await batch;
  for (std::size_t k = 0; k < asked.size(); ++k) results[asked[k]] = std::move(answers[k]);

  for (std::size_t i = 0; i < running.projects.size(); ++i) {
    const std::string& project = running.projects[i];
    // A project dropped from memory meanwhile stays dropped: it is read again when asked.
    if (!entries_.peek(project)) continue;
    Read read{store::published_copy::Copy::of(std::move(results[i])), std::nullopt};
    if (store::published_copy::kMayHaveParts) co_await complete(project, read);
    if (apply(project, read, now_ms).outcome == Outcome::Unavailable) last_known_good(project, now_ms);
  }
}

bool PublishedFlagsCache::needs_parts(const std::string& project, const store::published_copy::Copy& copy) {
  if (!copy.header || copy.header->parts <= 1) return false;
  const Entry* held = entries_.peek(project);
  return !held || held->flags->revision != copy.header->revision;
}

Task<void> PublishedFlagsCache::complete(const std::string& project, Read& read) {
  if (needs_parts(project, read.copy))
    read.definition = co_await store::published_copy::definition(project, read.copy, kv_cache_ttl_seconds_);
}

PublishedFlagsCache::Lookup PublishedFlagsCache::apply(const std::string& project, Read& read,
                                                       std::int64_t now_ms) {
  const EffectResult& got = read.copy.value;
  if (got.outcome == flagport::Outcome::NotFound) {
    entries_.erase(project);  // nothing is published: no copy may answer for it
    return Lookup{Outcome::NotPublished, nullptr};
  }
  if (!got.ok()) {
    log::error("kv.read_failed", {{"project", project}, {"reason", got.body}});
    return Lookup{};
  }
  if (!read.copy.header) {
    log::error("kv.record_unreadable", {{"project", project}});
    return Lookup{};
  }
  store::PublishedRecord& header = *read.copy.header;
  Entry* held = entries_.peek(project);
  if (held && held->flags->revision == header.revision) {
    held->checked_at_ms = held->confirmed_at_ms = now_ms;
    return answer_from(held->flags);
  }
  // A record in parts whose parts could not be read (logged) cannot be compiled.
  if (header.parts > 1 && !read.definition) return Lookup{};

  std::string_view definition =
      read.definition ? std::string_view(*read.definition) : store::PublishedRecord::definition_of(got.body);
  auto flags = std::make_shared<PublishedFlags>();
  flags->revision = header.revision;
  flags->version = header.version;
  flags->key_digests = std::move(header.key_digests);
  flags->allowed_origins = std::move(header.allowed_origins);
  if (header.version) {
    auto loaded = flags::load_flag_set(definition);
    if (!loaded.ok()) {
      // Publish validates with the same loader, so only a record from an older build gets here.
      log::error("flags.published_set_invalid", {{"project", project}, {"revision", header.revision}});
      return Lookup{};
    }
    flags->flag_set = std::move(loaded.flag_set);
    flags->texts.emplace(*flags->flag_set);
  }
  // A refresh running for the project still ends with its run (RunningRefreshes).
  Refresh refresh = held ? held->refresh : Refresh::None;
  flags->estimated_bytes = copy_bytes(shape_of(*flags));
  entries_.put(project, Entry{flags, now_ms, now_ms, refresh}, flags->estimated_bytes);
  return answer_from(flags);
}

PublishedFlagsCache::Lookup PublishedFlagsCache::last_known_good(const std::string& project, std::int64_t now_ms) {
  Entry* held = entries_.peek(project);
  if (!held || now_ms - held->confirmed_at_ms > max_staleness_ms_) return Lookup{};
  held->checked_at_ms = now_ms;  // KV is asked again after a TTL, not by every request
  log::warn("flags.last_known_good",
            {{"project", project}, {"revision", held->flags->revision}, {"staleMs", now_ms - held->confirmed_at_ms}});
  return answer_from(held->flags);
}

}  // namespace flagport::evaluation
