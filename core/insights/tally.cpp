#include "core/insights/tally.hpp"

#include <map>
#include <optional>
#include <tuple>

#include "core/http/json_text.hpp"
#include "core/ports/log.hpp"
#include "core/ports/random.hpp"

namespace flagport::insights {

namespace {

constexpr std::int64_t kHourMs = 3'600'000;

// The reasons evaluation gives, one counter each per (flag, variant or none).
constexpr std::uint32_t kReasonSlots = 6;
std::uint32_t reason_slot(flags::Reason reason) {
  switch (reason) {
    case flags::Reason::Static: return 0;
    case flags::Reason::TargetingMatch: return 1;
    case flags::Reason::Default: return 2;
    case flags::Reason::Disabled: return 3;
    case flags::Reason::Error: return 4;
    default: return 5;
  }
}
constexpr flags::Reason kSlotReasons[kReasonSlots] = {flags::Reason::Static,   flags::Reason::TargetingMatch,
                                                       flags::Reason::Default,  flags::Reason::Disabled,
                                                       flags::Reason::Error,    flags::Reason::Unknown};

std::string producer_id() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  if (auto bytes = random::bytes(8)) {
    for (unsigned char b : *bytes) {
      id += kHex[b >> 4];
      id += kHex[b & 15];
    }
  }
  return id;
}

// Rows of one project, merged across the copies that counted them.
struct ProjectRows {
  std::map<std::int64_t, std::map<std::tuple<std::string, std::optional<std::string>, std::string>, std::int64_t>> hours;
  std::map<std::string, std::int64_t> last;
};

std::size_t row_bytes(std::string_view a, std::string_view b = {}, std::string_view c = {}) {
  std::string scratch;
  json_text::append_string(scratch, a);
  json_text::append_string(scratch, b);
  json_text::append_string(scratch, c);
  return scratch.size() + 32;  // brackets, commas, a number
}

// Packs rows into messages of at most kMaxMessageBytes (a project or an hour may span several).
class MessagePacker {
 public:
  MessagePacker(std::string producer, std::uint64_t& message_number,
                std::unordered_map<std::string, std::uint64_t>& project_seq)
      : producer_(std::move(producer)), message_number_(message_number), project_seq_(project_seq) {}

  void count(const std::string& project, std::int64_t hour_ms, Count row) {
    std::size_t bytes = row_bytes(row.flag, row.variant.value_or(""), row.reason);
    HourCounts& hour = hour_of(project, hour_ms, bytes);
    hour.counts.push_back(std::move(row));
    bytes_ += bytes;
  }

  void last(const std::string& project, LastEvaluated row) {
    std::size_t bytes = row_bytes(row.flag);
    ProjectCounts& p = project_of(project, bytes);
    p.last.push_back(std::move(row));
    bytes_ += bytes;
  }

  std::vector<std::string> finish() {
    close();
    return std::move(done_);
  }

 private:
  ProjectCounts& project_of(const std::string& project, std::size_t row) {
    if (bytes_ + row + project.size() + 96 > kMaxMessageBytes) close();
    if (current_.projects.empty() || current_.projects.back().project != project) {
      current_.projects.push_back(ProjectCounts{project, ++project_seq_[project], {}, {}});
      bytes_ += project.size() + 64;
    }
    return current_.projects.back();
  }

  HourCounts& hour_of(const std::string& project, std::int64_t hour_ms, std::size_t row) {
    ProjectCounts& p = project_of(project, row + 48);
    if (p.hours.empty() || p.hours.back().hour_ms != hour_ms) {
      p.hours.push_back(HourCounts{hour_ms, {}});
      bytes_ += 48;
    }
    return p.hours.back();
  }

  void close() {
    if (current_.projects.empty()) return;
    current_.id = producer_ + "-" + std::to_string(++message_number_);
    done_.push_back(encode(current_));
    current_ = Message{};
    bytes_ = 64;
  }

  std::string producer_;
  std::uint64_t& message_number_;
  std::unordered_map<std::string, std::uint64_t>& project_seq_;
  Message current_;
  std::size_t bytes_ = 64;
  std::vector<std::string> done_;
};

}  // namespace

Tally::Tally(const Settings& settings)
    : enabled_(settings.insights_enabled),
      flush_ms_(settings.insights_flush_seconds * 1000),
      flush_evaluations_(static_cast<std::uint64_t>(settings.insights_flush_evaluations)) {}

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
    next += static_cast<std::uint32_t>(flag.variant_list.size() + 1) * kReasonSlots;
  }
  counts.slots.assign(next, 0);
  counts.last_ms.assign(all.size(), 0);
  copy_index_[flags.get()] = copies_.size();
  copies_.push_back(std::move(counts));
  return copies_.back();
}

void Tally::add(CopyCounts& counts, const flags::Resolution& r) {
  const auto& all = counts.flags->flag_set->flags();
  const std::size_t flag = static_cast<std::size_t>(r.flag - all.data());
  const std::size_t variant =
      r.chosen ? static_cast<std::size_t>(r.chosen - r.flag->variant_list.data()) + 1 : 0;  // 0: none
  ++counts.slots[counts.first_slot[flag] + variant * kReasonSlots + reason_slot(r.reason)];
  ++evaluations_;
}

void Tally::count(const std::string& project, const std::shared_ptr<const evaluation::PublishedFlags>& flags,
                  const flags::Resolution& resolution, std::int64_t now_ms, std::int64_t host_now_ms) {
  if (!enabled_ || !resolution.flag || !flags || !flags->flag_set) return;
  CopyCounts& counts = counts_for(project, flags, now_ms, host_now_ms);
  add(counts, resolution);
  counts.last_ms[static_cast<std::size_t>(resolution.flag - counts.flags->flag_set->flags().data())] = now_ms;
}

void Tally::count_all(const std::string& project, const std::shared_ptr<const evaluation::PublishedFlags>& flags,
                      const std::vector<flags::BulkEntry>& entries, std::int64_t now_ms, std::int64_t host_now_ms) {
  if (!enabled_ || entries.empty() || !flags || !flags->flag_set) return;
  CopyCounts& counts = counts_for(project, flags, now_ms, host_now_ms);
  for (const auto& entry : entries)
    if (entry.resolution.flag) add(counts, entry.resolution);
  counts.bulk_last_ms = now_ms;
}

bool Tally::flush_due() const {
  return evaluations_ != 0 && (evaluations_ >= flush_evaluations_ || newest_host_ms_ - oldest_host_ms_ >= flush_ms_);
}

std::vector<std::string> Tally::take_messages() {
  std::map<std::string, ProjectRows> projects;
  for (const CopyCounts& counts : copies_) {
    ProjectRows& rows = projects[counts.project];
    const auto& all = counts.flags->flag_set->flags();
    for (std::size_t f = 0; f < all.size(); ++f) {
      const auto& flag = all[f];
      bool counted = false;
      for (std::size_t v = 0; v <= flag.variant_list.size(); ++v) {
        for (std::uint32_t r = 0; r < kReasonSlots; ++r) {
          std::uint32_t n = counts.slots[counts.first_slot[f] + v * kReasonSlots + r];
          if (n == 0) continue;
          counted = true;
          std::optional<std::string> variant;
          if (v) variant = std::string(flag.variant_list[v - 1].name);
          rows.hours[counts.hour_ms][{flag.key, std::move(variant), std::string(flags::wire_name(kSlotReasons[r]))}] += n;
        }
      }
      std::int64_t last = std::max(counts.last_ms[f], counted ? counts.bulk_last_ms : 0);
      if (last > 0) {
        auto& kept = rows.last[flag.key];
        kept = std::max(kept, last);
      }
    }
  }
  if (producer_.empty()) producer_ = producer_id();
  if (producer_.empty()) producer_ = "t" + std::to_string(newest_host_ms_);  // no entropy: never expected
  MessagePacker packer(producer_, message_number_, project_seq_);
  for (auto& [project, rows] : projects) {
    for (auto& [hour, counted] : rows.hours)
      for (auto& [key, n] : counted)
        packer.count(project, hour, Count{std::get<0>(key), std::get<1>(key), std::get<2>(key), n});
    for (auto& [flag, at] : rows.last) packer.last(project, LastEvaluated{flag, at});
  }
  copies_.clear();
  copy_index_.clear();
  evaluations_ = 0;
  std::vector<std::string> out = std::move(unsent_);
  unsent_.clear();
  for (auto& message : packer.finish()) out.push_back(std::move(message));
  return out;
}

void Tally::give_back(std::vector<std::string> messages) {
  if (messages.size() > kMaxUnsent) {
    log::error("insights.dropped", {{"messages", messages.size() - kMaxUnsent}});
    messages.erase(messages.begin(), messages.end() - kMaxUnsent);
  }
  unsent_ = std::move(messages);
}

}  // namespace flagport::insights
