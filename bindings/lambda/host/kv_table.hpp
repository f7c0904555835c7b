// The KV port's effects (KvGet / KvPut / KvDelete) as DynamoDB requests on the KV table.
#pragma once

#include <cstdint>
#include <string>

#include "core/task/effect.hpp"
#include "bindings/lambda/aws/dynamodb.hpp"

namespace flagport::lambda {

class KvTable {
 public:
  explicit KvTable(std::string table) : table_(std::move(table)) {}

  DynamoRequest request(const Effect& effect, std::int64_t now_seconds) const;
  // An item whose TTL has passed is not found, even before DynamoDB's sweeper removes it.
  EffectResult result(const Effect& effect, const DynamoReply& reply, std::int64_t now_seconds) const;

 private:
  std::string table_;
};

}  // namespace flagport::lambda
