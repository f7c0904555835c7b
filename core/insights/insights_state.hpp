// What a project's insights object keeps (its object id: insights_object_id(project)).
//
// The state record (the only record rewritten, per the object storage contract) holds an
// index; the counts live in write-once parts it names. Each hour of counts, and the flags'
// last evaluation times, are a list of parts: a commit appends one part with what it adds,
// and once kMergeAfter parts have been appended since the last merge, the commit merges them
// all into fresh parts (at most kPartBytes each) and deletes the old ones. So a commit
// writes a few records whatever the number of messages it applies, and a reader merges at
// most kMergeAfter parts beyond the merged ones.
//
// `seen` remembers, per producer (tally.hpp), which of its seq numbers for this project
// were applied: all up to `base`, and those in `above`.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace flagport::insights {

inline constexpr std::size_t kMergeAfter = 8;
inline constexpr std::size_t kPartBytes = 192 * 1024;
inline constexpr std::size_t kMaxAbove = 64;  // a gap older than this many later seqs is given up
inline constexpr std::int64_t kHourMs = 3'600'000;
inline constexpr std::int64_t kSeenKeptMs = 7 * 24 * kHourMs;  // past the queues' 4-day retention

std::string insights_object_id(std::string_view project);
// The project of an insights object id; nullopt for other objects.
std::optional<std::string> insights_project(std::string_view object_id);

struct PartList {
  std::vector<std::string> parts;  // storage keys
  std::size_t merged = 0;          // the first `merged` parts are merged ones
};

struct HourParts {
  std::int64_t hour_ms = 0;
  PartList list;
};

struct Producer {
  std::string id;
  std::uint64_t base = 0;
  std::set<std::uint64_t> above;
  std::int64_t at_ms = 0;  // last applied
};

struct InsightsState {
  std::uint64_t next_part = 1;
  std::vector<HourParts> hours;  // by hour
  PartList last;
  std::vector<Producer> seen;

  std::string encode() const;
  static std::optional<InsightsState> decode(std::string_view text);

  HourParts& hour(std::int64_t hour_ms);  // added in order when absent
  // Whether (producer, seq) was applied already; marks it applied otherwise.
  bool apply_once(std::string_view producer, std::uint64_t seq, std::int64_t now_ms);
};

}  // namespace flagport::insights
