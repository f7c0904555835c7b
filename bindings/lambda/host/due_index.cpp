#include "bindings/lambda/host/due_index.hpp"

#include "bindings/lambda/events/json_fields.hpp"

namespace flagport::lambda::due_index {
namespace {

nlohmann::json attribute(const char* name, const char* type) {
  return {{"AttributeName", name}, {"AttributeType", type}};
}

nlohmann::json key(const char* name, const char* role) { return {{"AttributeName", name}, {"KeyType", role}}; }

}  // namespace

nlohmann::json attribute_definitions() {
  return nlohmann::json::array({attribute(kShardAttribute, "S"), attribute(kDueAttribute, "N")});
}

// KEYS_ONLY: the sweep needs the object ids, which are the table's partition key.
nlohmann::json definition() {
  return {{"IndexName", kName},
          {"KeySchema", nlohmann::json::array({key(kShardAttribute, "HASH"), key(kDueAttribute, "RANGE")})},
          {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}};
}

DynamoRequest query(const std::string& table, std::int64_t now_ms, const nlohmann::json& start) {
  nlohmann::json body = {
      {"TableName", table},
      {"IndexName", kName},
      {"KeyConditionExpression", "#shard = :shard AND #due <= :now"},
      {"ProjectionExpression", "#object"},
      {"ExpressionAttributeNames", {{"#shard", kShardAttribute}, {"#due", kDueAttribute}, {"#object", "object"}}},
      {"ExpressionAttributeValues", {{":shard", {{"S", kShard}}}, {":now", {{"N", std::to_string(now_ms)}}}}},
  };
  if (start.is_object() && !start.empty()) body["ExclusiveStartKey"] = start;
  return {"Query", std::move(body)};
}

Page page(const DynamoReply& reply) {
  Page out;
  if (const nlohmann::json* items = fields::member(reply.body, "Items"); items && items->is_array()) {
    for (const auto& item : *items) {
      const nlohmann::json* id = fields::object(item, "object");
      if (!id) continue;
      if (auto text = fields::string(*id, "S")) out.objects.push_back(std::move(*text));
    }
  }
  if (const nlohmann::json* next = fields::object(reply.body, "LastEvaluatedKey")) out.next = *next;
  return out;
}

}  // namespace flagport::lambda::due_index
