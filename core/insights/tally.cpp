#include "core/insights/tally.hpp"

#include <algorithm>

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

// Writes the text of insights messages (insights_message.hpp) as rows come, with no document
// in between: one project entry per compiled copy and hour, its counts then its last
// evaluation times. A row that would take a message past kMaxMessageBytes closes the entry and
// the message, and the entry goes on in the next message under a new seq.
class MessageWriter {
 public:
  MessageWriter(const std::string& producer, std::uint64_t& message_number,
                std::unordered_map<std::string, std::uint64_t>& project_seq)
      : producer_(producer), message_number_(message_number), project_seq_(project_seq) {}

  void begin(const std::string& project, std::int64_t hour_ms) {
    project_ = &project;
    hour_ms_ = hour_ms;
    section_ = Section::None;
  }
  void count_row(const std::string& row) { add(Section::Counts, row); }
  void last_row(const std::string& row) { add(Section::Last, row); }
  void end() { close_entry(); }

  std::vector<std::string> finish() {
    close_message();
    return std::move(done_);
  }

 private:
  enum class Section { None, Counts, Last };

  void add(Section section, const std::string& row) {
    if (section_ != Section::None && text_.size() + row.size() + 16 > kMaxMessageBytes) {
      close_message();
      section_ = Section::None;
    }
    if (section_ == Section::None) open_entry(section);
    else if (section_ != section) text_ += "]}],\"last\":[";  // counts done, last begins
    else text_ += ',';
    section_ = section;
    text_ += row;
  }

  void open_entry(Section section) {
    if (text_.empty()) {
      text_ = "{\"v\":1,\"id\":";
      json_text::append_string(text_, producer_ + "-" + std::to_string(++message_number_));
      text_ += ",\"projects\":[";
    } else {
      text_ += ',';
    }
    text_ += "{\"project\":";
    json_text::append_string(text_, *project_);
    text_ += ",\"seq\":" + std::to_string(++project_seq_[*project_]);
    if (section == Section::Counts) text_ += ",\"hours\":[{\"hour\":" + std::to_string(hour_ms_) + ",\"counts\":[";
    else text_ += ",\"hours\":[],\"last\":[";
  }

  void close_entry() {
    if (section_ == Section::Counts) text_ += "]}],\"last\":[]}";
    else if (section_ == Section::Last) text_ += "]}";
    section_ = Section::None;
  }

  void close_message() {
    close_entry();
    if (text_.empty()) return;
    text_ += "]}";
    done_.push_back(std::move(text_));
    text_.clear();
  }

  const std::string& producer_;
  std::uint64_t& message_number_;
  std::unordered_map<std::string, std::uint64_t>& project_seq_;
  const std::string* project_ = nullptr;
  std::int64_t hour_ms_ = 0;
  Section section_ = Section::None;
  std::string text_;
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
  if (producer_.empty()) producer_ = producer_id();
  if (producer_.empty()) producer_ = "t" + std::to_string(newest_host_ms_);  // no entropy: never expected
  MessageWriter writer(producer_, message_number_, project_seq_);
  std::string row;
  for (const CopyCounts& counts : copies_) {
    const auto& all = counts.flags->flag_set->flags();
    writer.begin(counts.project, counts.hour_ms);
    for (std::size_t f = 0; f < all.size(); ++f) {
      const auto& flag = all[f];
      for (std::size_t v = 0; v <= flag.variant_list.size(); ++v) {
        for (std::uint32_t r = 0; r < kReasonSlots; ++r) {
          const std::uint32_t n = counts.slots[counts.first_slot[f] + v * kReasonSlots + r];
          if (n == 0) continue;
          row = "[";
          json_text::append_string(row, flag.key);
          row += ',';
          if (v) json_text::append_string(row, flag.variant_list[v - 1].name);
          else row += "null";
          row += ',';
          row += flags::quoted_wire_name(kSlotReasons[r]);
          row += ',' + std::to_string(n) + ']';
          writer.count_row(row);
        }
      }
    }
    for (std::size_t f = 0; f < all.size(); ++f) {
      // A bulk evaluation counted every flag of the set.
      const std::int64_t last = std::max(counts.last_ms[f], counts.bulk_last_ms);
      if (last == 0) continue;
      row = "[";
      json_text::append_string(row, all[f].key);
      row += ',' + std::to_string(last) + ']';
      writer.last_row(row);
    }
    writer.end();
  }
  copies_.clear();
  copy_index_.clear();
  evaluations_ = 0;
  std::vector<std::string> out = std::move(unsent_);
  unsent_.clear();
  for (auto& message : writer.finish()) out.push_back(std::move(message));
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
