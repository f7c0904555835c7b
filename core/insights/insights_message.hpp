// The message one flush of evaluation counts sends to the insights queue, and its reading.
//
//   {"v":1,"id":"<producer>-<n>","projects":[{"project":"shop","seq":<k>,"bulkLast":<epoch ms>,
//     "hours":[{"hour":<epoch ms, start of the hour>,"counts":[["flag","variant"|null,"REASON",n],...]}],
//     "last":[["flag",<epoch ms>],...]}]}
//
// A flag's last evaluation is the later of its `last` row and `bulkLast` (optional: the last
// bulk evaluation, which evaluates every flag), the latter for the flags the entry counts: a
// flush of bulk traffic names each flag once, not twice. A consumer that predates bulkLast
// ignores it and misses only last-evaluated times, which the next flush brings again.
//
// `id` is made once by the process that counted (a random producer id and its message
// number), and `seq` numbers that producer's messages about one project 1, 2, 3...: a project's
// insights remember, per producer, which numbers they applied, so a message delivered twice,
// or sent twice by a retried send, is recognised whatever id the queue gives it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flagport::insights {

// Under Cloudflare Queues' 128 KB per message (SQS takes 256 KiB): a flush with more is
// sent as several messages.
inline constexpr std::size_t kMaxMessageBytes = 96 * 1024;

struct Count {
  std::string flag;
  std::optional<std::string> variant;  // none: the caller's default value answered
  std::string reason;                  // OpenFeature's, "TARGETING_MATCH" ...
  std::int64_t n = 0;
};

struct HourCounts {
  std::int64_t hour_ms = 0;
  std::vector<Count> counts;
};

struct LastEvaluated {
  std::string flag;
  std::int64_t at_ms = 0;
};

struct ProjectCounts {
  std::string project;
  std::uint64_t seq = 0;
  std::int64_t bulk_last_ms = 0;  // none when 0
  std::vector<HourCounts> hours;
  std::vector<LastEvaluated> last;
};

struct Message {
  std::string id;
  std::vector<ProjectCounts> projects;

  // The producer part of the id (before its last '-').
  std::string_view producer() const;
};

std::string encode(const Message& message);

// Nothing when `text` is not a message of this version: not JSON, members missing or of
// the wrong type, a count below 1, an hour not on an hour boundary.
std::optional<Message> decode(std::string_view text);

}  // namespace flagport::insights
