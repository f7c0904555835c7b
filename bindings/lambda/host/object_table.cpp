#include "bindings/lambda/host/object_table.hpp"

#include <charconv>

#include "core/ports/object_storage.hpp"
#include "bindings/lambda/base64.hpp"
#include "bindings/lambda/host/due_index.hpp"

namespace flagport::lambda {
namespace {

nlohmann::json key_of(const std::string& object, const std::string& key) {
  return {{"object", {{"S", object}}}, {"key", {{"S", key}}}};
}

std::optional<std::int64_t> number(const nlohmann::json& item, const char* name) {
  auto it = item.find(name);
  if (it == item.end() || !it->is_object()) return std::nullopt;
  auto n = it->find("N");
  if (n == it->end() || !n->is_string()) return std::nullopt;
  const auto& text = n->get_ref<const std::string&>();
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

nlohmann::json number_value(std::int64_t n) { return {{"N", std::to_string(n)}}; }

// The optimistic-concurrency condition of every state write: still at `expected`.
void at_revision(nlohmann::json& body, std::int64_t expected) {
  body["ConditionExpression"] = "#rev = :expected";
  body["ExpressionAttributeNames"]["#rev"] = "rev";
  body["ExpressionAttributeValues"][":expected"] = number_value(expected);
}

}  // namespace

DynamoRequest ObjectTable::get(const std::string& object, const std::string& key) const {
  return {"GetItem", {{"TableName", table_}, {"Key", key_of(object, key)}, {"ConsistentRead", true}}};
}

ObjectTable::Loaded ObjectTable::loaded(const std::string& key, const DynamoReply& reply) const {
  if (!reply.ok) return {EffectResult::failure("dynamodb " + reply.error_type + ": " + reply.message), {}, {}};
  auto item = reply.body.find("Item");
  if (item == reply.body.end() || !item->is_object()) return {EffectResult::not_found(), {}, {}};
  auto value = item->find("value");
  if (value == item->end() || !value->is_object() || !value->contains("B") || !(*value)["B"].is_string())
    return {EffectResult::failure("object item " + key + " has no binary value"), {}, {}};
  auto bytes = base64::decode((*value)["B"].get_ref<const std::string&>());
  if (!bytes) return {EffectResult::failure("object item " + key + " value is not base64"), {}, {}};
  return {EffectResult::success(std::move(*bytes)), number(*item, "rev"), number(*item, due_index::kDueAttribute)};
}

DynamoRequest ObjectTable::put_once(const std::string& object, const std::string& key, const std::string& value) const {
  nlohmann::json item = key_of(object, key);
  item["value"] = {{"B", base64::encode(value)}};
  return {"PutItem", {{"TableName", table_}, {"Item", std::move(item)}}};
}

DynamoRequest ObjectTable::put_state(const std::string& object, const std::string& value,
                                     std::optional<std::int64_t> expected, std::optional<std::int64_t> due) const {
  nlohmann::json item = key_of(object, std::string(storage::kStateKey));
  item["value"] = {{"B", base64::encode(value)}};
  item["rev"] = number_value(expected.value_or(0) + 1);
  if (due) {
    item[due_index::kDueAttribute] = number_value(*due);
    item[due_index::kShardAttribute] = {{"S", due_index::kShard}};
  }
  nlohmann::json body = {{"TableName", table_}, {"Item", std::move(item)}};
  if (expected) {
    at_revision(body, *expected);
  } else {
    body["ConditionExpression"] = "attribute_not_exists(#key)";
    body["ExpressionAttributeNames"] = {{"#key", "key"}};
  }
  return {"PutItem", std::move(body)};
}

DynamoRequest ObjectTable::update_due(const std::string& object, std::int64_t expected,
                                      std::optional<std::int64_t> due) const {
  nlohmann::json body = {{"TableName", table_},
                         {"Key", key_of(object, std::string(storage::kStateKey))},
                         {"ExpressionAttributeNames", {{"#due", due_index::kDueAttribute},
                                                       {"#shard", due_index::kShardAttribute}}},
                         {"ExpressionAttributeValues", {{":next", number_value(expected + 1)}}}};
  if (due) {
    body["UpdateExpression"] = "SET #due = :due, #shard = :shard, #rev = :next";
    body["ExpressionAttributeValues"][":due"] = number_value(*due);
    body["ExpressionAttributeValues"][":shard"] = {{"S", due_index::kShard}};
  } else {
    body["UpdateExpression"] = "REMOVE #due, #shard SET #rev = :next";
  }
  at_revision(body, expected);
  return {"UpdateItem", std::move(body)};
}

DynamoRequest ObjectTable::remove(const std::string& object, const std::string& key) const {
  return {"DeleteItem", {{"TableName", table_}, {"Key", key_of(object, key)}}};
}

}  // namespace flagport::lambda
