// Evaluation counts held in the isolate / process until a flush sends them to the
// insights queue (DESIGN §10: after the response, never on the request's path).
//
// Counting is an array increment: each compiled flag set that answers gets, per hour, one
// counter per (flag, variant or none, reason evaluation gives with it), laid out flag by
// flag, so an evaluation adds 1 at an offset it computes from pointers it already holds,
// with no hashing and no strings.
// A flag's last evaluation time is kept per flag for single evaluations and once per copy
// for bulk ones (a bulk request evaluates every flag). Names are written only at the flush.
//
// What a process that dies or is frozen for good can lose: the counts it holds, that is the
// evaluations since its last flush; a flush is due once the oldest count is flush_seconds
// old or flush_evaluations are held, checked after every response, so at most the last
// flush_seconds of its traffic, and never more than flush_evaluations.
//
// The counts keep the copies they counted alive until the flush writes their names, copies
// the cache may have dropped meanwhile: a flush is also due once the copies only the tally
// still holds take a quarter of the cache's budget (estimated as the cache does), so that an
// isolate serving many projects stays within the budget and a quarter; once the cache has
// dropped any, the copies held flush at that quarter whoever holds them (a cache that
// churns). Copies the cache still holds cost nothing more, so many projects that fit the
// cache do not flush early.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/evaluation/published_flags.hpp"
#include "core/flags/evaluation.hpp"
#include "core/insights/insights_message.hpp"
#include "core/ports/settings.hpp"

namespace flagport::insights {

class Tally {
 public:
  explicit Tally(const Settings& settings);

  bool enabled() const { return enabled_; }

  // One flag answered from `flags` at `now_ms` (the request's clock: it picks the hour).
  // A flag that was not found is not counted (its name is the caller's, not the set's).
  void count(const std::string& project, const std::shared_ptr<const evaluation::PublishedFlags>& flags,
             const flags::Resolution& resolution, std::int64_t now_ms, std::int64_t host_now_ms);
  // Every flag of a bulk answer.
  void count_all(const std::string& project, const std::shared_ptr<const evaluation::PublishedFlags>& flags,
                 const std::vector<flags::BulkEntry>& entries, std::int64_t now_ms, std::int64_t host_now_ms);

  // Whether a flush is due (cheap; asked after every response).
  bool flush_due() const;
  // The counts held, as messages of at most kMaxMessageBytes each (after those a failed
  // send gave back), and forgets them.
  std::vector<std::string> take_messages();
  // Messages a send failed for: sent first at the next flush. At most kMaxUnsent are kept
  // (the oldest go, logged): what a queue that stays down for long loses.
  void give_back(std::vector<std::string> messages);
  static constexpr std::size_t kMaxUnsent = 16;

  std::uint64_t held_evaluations() const { return evaluations_; }

 private:
  // A copy's counters, where an evaluation's is found.
  struct Counters {
    const flags::Flag* first_flag;
    const std::uint32_t* first_slot;
    std::uint32_t* slots;
    std::uint32_t& of(const flags::Resolution& resolution) const;
  };

  // Counts against one compiled copy in one hour.
  struct CopyCounts {
    std::string project;
    std::shared_ptr<const evaluation::PublishedFlags> flags;  // kept alive for the names
    std::int64_t hour_ms = 0;
    std::vector<std::uint32_t> first_slot;  // per flag
    std::vector<std::uint32_t> slots;       // per flag: see slot_in_flag (tally.cpp)
    std::vector<std::int64_t> last_ms;  // per flag, single evaluations
    std::int64_t bulk_last_ms = 0;

    Counters counters();
  };

  CopyCounts& counts_for(const std::string& project, const std::shared_ptr<const evaluation::PublishedFlags>& flags,
                         std::int64_t now_ms, std::int64_t host_now_ms);
  // Sums the copies only the tally holds, when the copies held have grown enough since the
  // last look that they could be over the limit.
  void look_for_dropped_copies();

  bool enabled_;
  std::int64_t flush_ms_;
  std::uint64_t flush_evaluations_;
  std::string producer_;  // random, per process: with message_number_, the messages' ids
  std::uint64_t message_number_ = 0;
  std::unordered_map<std::string, std::uint64_t> project_seq_;  // the last seq per project
  std::vector<std::string> unsent_;
  std::vector<CopyCounts> copies_;
  std::unordered_map<const evaluation::PublishedFlags*, std::size_t> copy_index_;  // the copy of the current hour
  std::uint64_t evaluations_ = 0;
  std::size_t held_copy_bytes_ = 0;  // estimated, of the copies in copies_
  std::size_t max_dropped_copy_bytes_;
  std::size_t next_look_at_held_bytes_;
  bool dropped_copies_over_limit_ = false;
  std::int64_t oldest_host_ms_ = 0;
  std::int64_t newest_host_ms_ = 0;
};

}  // namespace flagport::insights
