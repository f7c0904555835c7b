#include "core/store/published_copy.hpp"

#include <vector>

#include "core/ports/log.hpp"
#include "core/task/scheduler.hpp"

namespace flagport::store::published_copy {
namespace {

// How often a reader overtaken by publishes reads the value again before it gives up.
constexpr int kReadAttempts = 3;
// The digits the header may gain once it knows how many parts there are.
constexpr std::size_t kPartsDigits = 12;

std::string part_key(std::string_view project, std::int64_t revision, std::int64_t part) {
  std::string key = "parts:";
  key += project;
  key += ':';
  key += std::to_string(revision);
  key += ':';
  key += std::to_string(part);
  return key;
}

constexpr std::size_t kLimit = kv::kMaxValueBytes;

Task<void> remove_parts(std::string project, PublishedRecord replaced) {
  std::vector<Effect> removals;
  for (std::int64_t part = 1; part < replaced.parts; ++part)
    removals.push_back(kv::remove(part_key(project, replaced.revision, part)).effect);
  Batch batch{std::move(removals)};  // named: GCC 12 destroys braced temporaries in co_await twice
  std::vector<EffectResult> results = co_await batch;
  for (const auto& result : results)
    if (!result.ok())
      log::warn("kv.parts_left", {{"project", project}, {"revision", replaced.revision}, {"reason", result.body}});
}

}  // namespace

Copy Copy::of(EffectResult value) {
  Copy copy{std::move(value), std::nullopt};
  if (copy.value.ok()) copy.header = PublishedRecord::decode_header(copy.value.body);
  return copy;
}

Task<EffectResult> publish(const std::string& project, std::string record) {
  const std::string key = published_key(project);
  // Only where parts can be does a publish read what it replaces, to delete its parts.
  if (!kMayHaveParts) co_return co_await kv::put(key, std::move(record));

  std::optional<PublishedRecord> header = PublishedRecord::decode_header(record);
  if (!header) co_return EffectResult::failure("not a published record");
  EffectResult before = co_await kv::get(key);
  std::optional<PublishedRecord> replaced;
  if (before.ok()) replaced = PublishedRecord::decode_header(before.body);

  std::string value;
  if (record.size() <= kLimit) {
    value = std::move(record);
  } else {
    const std::string_view definition = PublishedRecord::definition_of(record);
    header->parts = 2;
    header->definition_bytes = static_cast<std::int64_t>(definition.size());
    const std::size_t first = kLimit - header->header_line().size() - 1 - kPartsDigits;
    header->parts = 1 + static_cast<std::int64_t>((definition.size() - first + kLimit - 1) / kLimit);
    std::vector<Effect> parts;
    for (std::int64_t part = 1; part < header->parts; ++part)
      parts.push_back(kv::put(part_key(project, header->revision, part),
                              std::string(definition.substr(first + static_cast<std::size_t>(part - 1) * kLimit, kLimit)))
                          .effect);
    Batch batch{std::move(parts)};  // named: GCC 12 destroys braced temporaries in co_await twice
    std::vector<EffectResult> written = co_await batch;
    for (auto& result : written)
      if (!result.ok()) co_return std::move(result);  // no value names them: the next try rewrites them
    value = header->header_line();
    value.push_back('\n');
    value += definition.substr(0, first);
  }
  EffectResult put = co_await kv::put(key, std::move(value));
  if (put.ok() && replaced && replaced->parts > 1 && replaced->revision < header->revision)
    co_await remove_parts(project, std::move(*replaced));
  co_return put;
}

Task<std::optional<std::string>> definition(const std::string& project, Copy& copy, std::int64_t edge_cache_seconds) {
  for (int attempt = 0; attempt < kReadAttempts; ++attempt) {
    if (!copy.header) co_return std::nullopt;
    std::string text(PublishedRecord::definition_of(copy.value.body));
    const PublishedRecord& header = *copy.header;
    if (header.parts <= 1) co_return text;

    std::vector<Effect> reads;
    for (std::int64_t part = 1; part < header.parts; ++part)
      reads.push_back(kv::get(part_key(project, header.revision, part), edge_cache_seconds).effect);
    Batch batch{std::move(reads)};  // named: GCC 12 destroys braced temporaries in co_await twice
    std::vector<EffectResult> results = co_await batch;
    bool overtaken = false;
    for (const auto& result : results) {
      if (result.outcome == Outcome::NotFound) overtaken = true;
      else if (!result.ok()) {
        log::error("kv.part_read_failed", {{"project", project}, {"revision", header.revision}, {"reason", result.body}});
        co_return std::nullopt;
      }
    }
    if (!overtaken) {
      for (const auto& result : results) text += result.body;
      if (text.size() == static_cast<std::size_t>(header.definition_bytes)) co_return text;
      log::error("kv.parts_mismatch", {{"project", project}, {"revision", header.revision}});
      co_return std::nullopt;
    }
    EffectResult again = co_await kv::get(published_key(project), edge_cache_seconds);
    copy = Copy::of(std::move(again));
  }
  log::error("kv.parts_missing", {{"project", project}});
  co_return std::nullopt;
}

}  // namespace flagport::store::published_copy
