// The flush's half of the tally: the counts held, written as insights messages. Apart from
// counting (tally.cpp), which is on the request path, so that the module builds it for size.
#include <charconv>

#include "core/http/json_text.hpp"
#include "core/insights/tally.hpp"
#include "core/insights/tally_slots.hpp"
#include "core/ports/log.hpp"
#include "core/ports/random.hpp"

namespace flagport::insights {

using namespace tally_slots;

namespace {

// A number's decimal text, for a row whose length is needed before it is written.
class Digits {
 public:
  explicit Digits(std::int64_t n) : end_(std::to_chars(text_, text_ + sizeof text_, n).ptr) {}
  std::string_view text() const { return {text_, static_cast<std::size_t>(end_ - text_)}; }

 private:
  char text_[20];
  char* end_;
};

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
// in between: one project entry per compiled copy and hour, its counts then the last
// evaluation times a bulk one does not cover. A row that would take a message past
// kMaxMessageBytes closes the entry and the message, and the entry goes on in the next
// message under a new seq (with the same bulkLast, which covers the flags counted in each).
class MessageWriter {
 public:
  MessageWriter(const std::string& producer, std::uint64_t& message_number,
                std::unordered_map<std::string, std::uint64_t>& project_seq)
      : producer_(producer), message_number_(message_number), project_seq_(project_seq) {}

  void begin(const std::string& project, std::int64_t hour_ms, std::int64_t bulk_last_ms) {
    project_ = &project;
    hour_ms_ = hour_ms;
    bulk_last_ms_ = bulk_last_ms;
    section_ = Section::None;
  }
  // [flag,variant,reason,n]; flag, variant and reason as JSON text.
  void count_row(std::string_view flag, std::string_view variant, std::string_view reason, std::uint32_t n) {
    const Digits count(n);
    start_row(Section::Counts, flag.size() + variant.size() + reason.size() + count.text().size() + 5);
    text_ += '[';
    text_ += flag;
    text_ += ',';
    text_ += variant;
    text_ += ',';
    text_ += reason;
    text_ += ',';
    text_ += count.text();
    text_ += ']';
  }
  // [flag,at_ms]; flag as JSON text.
  void last_row(std::string_view flag, std::int64_t at_ms) {
    const Digits at(at_ms);
    start_row(Section::Last, flag.size() + at.text().size() + 3);
    text_ += '[';
    text_ += flag;
    text_ += ',';
    text_ += at.text();
    text_ += ']';
  }
  void end() { close_entry(); }

  std::vector<std::string> finish() {
    close_message();
    return std::move(done_);
  }

 private:
  enum class Section { None, Counts, Last };

  // What comes before a row of `row_bytes` in `section`.
  void start_row(Section section, std::size_t row_bytes) {
    if (section_ != Section::None && text_.size() + row_bytes + 16 > kMaxMessageBytes) {
      close_message();
      section_ = Section::None;
    }
    if (section_ == Section::None) open_entry(section);
    else if (section_ != section) text_ += "]}],\"last\":[";  // counts done, last begins
    else text_ += ',';
    section_ = section;
  }

  void open_entry(Section section) {
    if (text_.empty()) {
      text_.reserve(kMaxMessageBytes);  // grown once, not by doubling
      text_ = "{\"v\":1,\"id\":";
      json_text::append_string(text_, producer_ + "-" + std::to_string(++message_number_));
      text_ += ",\"projects\":[";
    } else {
      text_ += ',';
    }
    text_ += "{\"project\":";
    json_text::append_string(text_, *project_);
    text_ += ",\"seq\":" + std::to_string(++project_seq_[*project_]);
    if (bulk_last_ms_ != 0) text_ += ",\"bulkLast\":" + std::to_string(bulk_last_ms_);
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
  std::int64_t bulk_last_ms_ = 0;
  Section section_ = Section::None;
  std::string text_;
  std::vector<std::string> done_;
};

}  // namespace

std::vector<std::string> Tally::take_messages() {
  if (producer_.empty()) producer_ = producer_id();
  if (producer_.empty()) producer_ = "t" + std::to_string(newest_host_ms_);  // no entropy: never expected
  MessageWriter writer(producer_, message_number_, project_seq_);
  for (const CopyCounts& counts : copies_) {
    // Keys and variant names as the answers write them: JSON string literals, made once per copy.
    const auto& texts = *counts.flags->texts;
    const auto& all = counts.flags->flag_set->flags();
    writer.begin(counts.project, counts.hour_ms, counts.bulk_last_ms);
    for (std::size_t f = 0; f < all.size(); ++f) {
      const auto& names = texts.of(all[f]);
      const std::uint32_t* group = &counts.slots[counts.first_slot[f]];
      for (std::size_t v = 0; v <= names.variants.size(); ++v, group += kGroupSlots) {
        for (std::uint32_t r = 0; r < kGroupSlots; ++r) {
          if (group[r] == 0) continue;
          writer.count_row(names.key, v ? std::string_view(names.variants[v - 1].name) : std::string_view("null"),
                           flags::quoted_wire_name(v ? kVariantReasons[r] : kNoVariantReasons[r]), group[r]);
        }
      }
    }
    // A bulk evaluation counted every flag of the set: bulkLast says when, for them all.
    for (std::size_t f = 0; f < all.size(); ++f)
      if (counts.last_ms[f] > counts.bulk_last_ms) writer.last_row(texts.of(all[f]).key, counts.last_ms[f]);
    writer.end();
  }
  copies_.clear();
  copy_index_.clear();
  held_copy_bytes_ = 0;
  next_look_at_held_bytes_ = max_dropped_copy_bytes_;
  dropped_copies_over_limit_ = false;
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
