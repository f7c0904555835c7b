#include "core/insights/tally.hpp"

#include "core/insights/tally_slots.hpp"

namespace flagport::insights {

using namespace tally_slots;

namespace {

constexpr std::int64_t kHourMs = 3'600'000;

// The counter of `r` from its flag's first one: the no-variant group, then one per variant.
[[gnu::always_inline]] inline std::uint32_t slot_in_flag(const flags::Resolution& r) {
  if (!r.chosen) return reason_slot(false, r.reason);
  const auto variant = static_cast<std::uint32_t>(r.chosen - r.flag->variant_list.data());
  return (variant + 1) * kGroupSlots + reason_slot(true, r.reason);
}

}  // namespace

Tally::Tally(const Settings& settings)
    : enabled_(settings.insights_enabled),
      flush_ms_(settings.insights_flush_seconds * 1000),
      flush_evaluations_(static_cast<std::uint64_t>(settings.insights_flush_evaluations)),
      max_dropped_copy_bytes_(evaluation::cache_budget(settings) / 4),
      next_look_at_held_bytes_(max_dropped_copy_bytes_) {}

Tally::CopyCounts& Tally::counts_for(const std::string& project,
                                     const std::shared_ptr<const evaluation::PublishedFlags>& flags,
                                     std::int64_t now_ms, std::int64_t host_now_ms) {
  if (evaluations_ == 0) oldest_host_ms_ = host_now_ms;
  newest_host_ms_ = host_now_ms;
  const std::int64_t hour = now_ms - now_ms % kHourMs;
  auto found = copy_index_.find(flags.get());
  if (found != copy_index_.end() && copies_[found->second].hour_ms == hour) return copies_[found->second];
  CopyCounts counts;
  counts.project = project;
  counts.flags = flags;
  counts.hour_ms = hour;
  const auto& all = flags->flag_set->flags();
  counts.first_slot.reserve(all.size());
  std::uint32_t next = 0;
  for (const auto& flag : all) {
    counts.first_slot.push_back(next);
    next += static_cast<std::uint32_t>(flag.variant_list.size() + 1) * kGroupSlots;
  }
  counts.slots.assign(next, 0);
  counts.last_ms.assign(all.size(), 0);
  held_copy_bytes_ += flags->estimated_bytes;
  copy_index_[flags.get()] = copies_.size();
  copies_.push_back(std::move(counts));
  if (held_copy_bytes_ >= next_look_at_held_bytes_) look_for_dropped_copies();
  return copies_.back();
}

// A copy the tally alone holds is one the cache dropped (one a request in flight still holds
// counts as held). The cache drops copies to make room for others or to replace them, which
// the tally takes when they answer, so dropped bytes grow about as held bytes do: the next
// look is due once those have grown by what is left under the limit. Once the cache drops
// any, it is full and turning over: the copies held then flush at the limit, as in a cache
// that churns they are soon all dropped.
void Tally::look_for_dropped_copies() {
  std::size_t dropped = 0;
  for (const CopyCounts& counts : copies_)
    if (counts.flags.use_count() == 1) dropped += counts.flags->estimated_bytes;
  if (dropped >= max_dropped_copy_bytes_ || (dropped > 0 && held_copy_bytes_ >= max_dropped_copy_bytes_))
    dropped_copies_over_limit_ = true;
  else
    next_look_at_held_bytes_ = held_copy_bytes_ + (max_dropped_copy_bytes_ - dropped);
}

Tally::Counters Tally::CopyCounts::counters() {
  return {flags->flag_set->flags().data(), first_slot.data(), slots.data()};
}

// Inlined, as slot_in_flag: at -Os (the wasm build) each would be a call per flag of a bulk
// request.
[[gnu::always_inline]] inline std::uint32_t& Tally::Counters::of(const flags::Resolution& r) const {
  return slots[first_slot[static_cast<std::size_t>(r.flag - first_flag)] + slot_in_flag(r)];
}

void Tally::count(const std::string& project, const std::shared_ptr<const evaluation::PublishedFlags>& flags,
                  const flags::Resolution& resolution, std::int64_t now_ms, std::int64_t host_now_ms) {
  if (!enabled_ || !resolution.flag || !flags || !flags->flag_set) return;
  CopyCounts& counts = counts_for(project, flags, now_ms, host_now_ms);
  ++counts.counters().of(resolution);
  ++evaluations_;
  counts.last_ms[static_cast<std::size_t>(resolution.flag - counts.flags->flag_set->flags().data())] = now_ms;
}

void Tally::count_all(const std::string& project, const std::shared_ptr<const evaluation::PublishedFlags>& flags,
                      const std::vector<flags::BulkEntry>& entries, std::int64_t now_ms, std::int64_t host_now_ms) {
  if (!enabled_ || entries.empty() || !flags || !flags->flag_set) return;
  CopyCounts& counts = counts_for(project, flags, now_ms, host_now_ms);
  // Where the counters are, read once: written through, the copy's members would be read again
  // for every flag.
  const Counters counters = counts.counters();
  std::uint64_t counted = 0;
  for (const auto& entry : entries) {
    if (!entry.resolution.flag) continue;
    ++counters.of(entry.resolution);
    ++counted;
  }
  evaluations_ += counted;
  counts.bulk_last_ms = now_ms;
}

bool Tally::flush_due() const {
  return evaluations_ != 0 && (evaluations_ >= flush_evaluations_ || newest_host_ms_ - oldest_host_ms_ >= flush_ms_ ||
                               dropped_copies_over_limit_);
}

}  // namespace flagport::insights
