// The objects' alarms on DynamoDB. An object whose alarm is set has its due time on its state
// item (ObjectTable writes it): `due` (N, epoch ms) beside `dueShard` (S, always kShard).
// A global secondary index on the two holds only the items that carry both (sparse), so the
// EventBridge schedule finds the due objects with one Query, at a cost that grows with them,
// not with the projects.
// kShard is one partition for the whole index: each write of a due time is a write to it, far
// below a partition's throughput at a feature-flag service's write rates.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bindings/lambda/aws/dynamodb.hpp"

namespace flagport::lambda::due_index {

inline constexpr char kName[] = "due-index";
inline constexpr char kDueAttribute[] = "due";          // the index's sort key
inline constexpr char kShardAttribute[] = "dueShard";   // the index's partition key
inline constexpr char kShard[] = "due";

// The index, for CreateTable: its attribute definitions and its GlobalSecondaryIndexes entry.
nlohmann::json attribute_definitions();
nlohmann::json definition();

// One page of the objects due at `now_ms` (their alarm time is not after it), oldest first;
// `start` continues after the page whose `next` it is. The index is eventually consistent:
// an alarm set a moment ago may show a minute later, a cleared one may still show (a wake
// too many, which sets or clears the alarm again).
DynamoRequest query(const std::string& table, std::int64_t now_ms, const nlohmann::json& start);

struct Page {
  std::vector<std::string> objects;
  nlohmann::json next = nlohmann::json::object();  // empty: the last page
};
Page page(const DynamoReply& reply);

}  // namespace flagport::lambda::due_index
