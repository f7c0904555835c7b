// The objects' alarms on DynamoDB. An object whose alarm is set has its due time on its state
// item (ObjectTable writes it): `due` (N, epoch ms) beside `dueShard` (S, always kShard), so
// that a global secondary index on the two can hold only the objects with an alarm (sparse).
// kShard is one partition for the whole index: each write of a due time is a write to it, far
// below a partition's throughput at a feature-flag service's write rates.
#pragma once

namespace flagport::lambda::due_index {

inline constexpr char kDueAttribute[] = "due";          // the index's sort key
inline constexpr char kShardAttribute[] = "dueShard";   // the index's partition key
inline constexpr char kShard[] = "due";

}  // namespace flagport::lambda::due_index
