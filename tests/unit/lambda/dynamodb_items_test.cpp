// The DynamoDB requests the ports send and how their answers read back.
#include <doctest/doctest.h>

#include "bindings/lambda/base64.hpp"
#include "bindings/lambda/host/due_index.hpp"
#include "bindings/lambda/host/kv_table.hpp"
#include "bindings/lambda/host/object_table.hpp"

using namespace flagport;
using namespace flagport::lambda;

TEST_CASE("KV put stores the value as binary with an expiry when a TTL is given") {
  KvTable kv("flagport-kv");
  auto request = kv.request(Effect{EffectKind::KvPut, "published/demo", {}, std::string("\x00{}", 3), 60}, 1000);
  CHECK(request.operation == "PutItem");
  CHECK(request.body["TableName"] == "flagport-kv");
  CHECK(request.body["Item"]["key"]["S"] == "published/demo");
  CHECK(request.body["Item"]["value"]["B"] == base64::encode(std::string("\x00{}", 3)));
  CHECK(request.body["Item"]["expires"]["N"] == "1060");
  auto forever = kv.request(Effect{EffectKind::KvPut, "k", {}, "v", 0}, 1000);
  CHECK_FALSE(forever.body["Item"].contains("expires"));
}

TEST_CASE("KV get: the value, nothing, or nothing once expired") {
  KvTable kv("flagport-kv");
  Effect get{EffectKind::KvGet, "k", {}, {}, 0};
  DynamoReply found{true, {{"Item", {{"key", {{"S", "k"}}}, {"value", {{"B", "aGk="}}}, {"expires", {{"N", "2000"}}}}}}, {}, {}};
  CHECK(kv.result(get, found, 1000).body == "hi");
  CHECK(kv.result(get, found, 2000).outcome == Outcome::NotFound);
  CHECK(kv.result(get, DynamoReply{true, nlohmann::json::object(), {}, {}}, 1000).outcome == Outcome::NotFound);
  CHECK(kv.result(get, DynamoReply{false, {}, "ResourceNotFoundException", "no table"}, 1000).outcome == Outcome::Failed);
}

TEST_CASE("the state write is conditioned on the revision loaded, or on not existing") {
  ObjectTable objects("flagport-objects");
  auto next = objects.put_state("demo", "s", 4, std::nullopt);
  CHECK(next.body["Item"]["rev"]["N"] == "5");
  CHECK(next.body["ConditionExpression"] == "#rev = :expected");
  CHECK(next.body["ExpressionAttributeValues"][":expected"]["N"] == "4");
  auto first = objects.put_state("demo", "s", std::nullopt, std::nullopt);
  CHECK(first.body["Item"]["rev"]["N"] == "1");
  CHECK(first.body["ConditionExpression"] == "attribute_not_exists(#key)");
}

TEST_CASE("object reads are consistent and give the state's revision and alarm") {
  ObjectTable objects("flagport-objects");
  CHECK(objects.get("demo", "state").body["ConsistentRead"] == true);
  DynamoReply reply{true, {{"Item", {{"value", {{"B", "aGk="}}}, {"rev", {{"N", "12"}}}}}}, {}, {}};
  auto loaded = objects.loaded("state", reply);
  CHECK(loaded.result.body == "hi");
  CHECK(loaded.revision == std::optional<std::int64_t>(12));
  CHECK_FALSE(loaded.due);
  reply.body["Item"]["due"] = {{"N", "1767225602000"}};
  CHECK(objects.loaded("state", reply).due == std::optional<std::int64_t>(1767225602000));
}

TEST_CASE("a state written with an alarm carries it in the due index's keys; without one, neither") {
  ObjectTable objects("flagport-objects");
  auto with = objects.put_state("demo", "s", 4, 1767225602000);
  CHECK(with.body["Item"]["due"]["N"] == "1767225602000");
  CHECK(with.body["Item"]["dueShard"]["S"] == due_index::kShard);
  auto without = objects.put_state("demo", "s", 4, std::nullopt);
  CHECK_FALSE(without.body["Item"].contains("due"));
  CHECK_FALSE(without.body["Item"].contains("dueShard"));
}

TEST_CASE("an alarm alone updates the state item at the loaded revision, as a revision of its own") {
  ObjectTable objects("flagport-objects");
  auto set = objects.update_due("demo", 4, 1767225602000);
  CHECK(set.operation == "UpdateItem");
  CHECK(set.body["Key"]["key"]["S"] == "state");
  CHECK(set.body["UpdateExpression"] == "SET #due = :due, #shard = :shard, #rev = :next");
  CHECK(set.body["ExpressionAttributeValues"][":due"]["N"] == "1767225602000");
  CHECK(set.body["ExpressionAttributeValues"][":next"]["N"] == "5");
  CHECK(set.body["ConditionExpression"] == "#rev = :expected");
  CHECK(set.body["ExpressionAttributeValues"][":expected"]["N"] == "4");
  CHECK(set.body["ExpressionAttributeNames"]["#rev"] == "rev");
  auto cleared = objects.update_due("demo", 4, std::nullopt);
  CHECK(cleared.body["UpdateExpression"] == "REMOVE #due, #shard SET #rev = :next");
  CHECK_FALSE(cleared.body["ExpressionAttributeValues"].contains(":due"));
  CHECK(cleared.body["ConditionExpression"] == "#rev = :expected");
}

TEST_CASE("the due objects: a Query of the index up to now, page after page") {
  auto first = due_index::query("flagport-objects", 1767225602000, nlohmann::json::object());
  CHECK(first.operation == "Query");
  CHECK(first.body["IndexName"] == "due-index");
  CHECK(first.body["KeyConditionExpression"] == "#shard = :shard AND #due <= :now");
  CHECK(first.body["ExpressionAttributeValues"][":now"]["N"] == "1767225602000");
  CHECK_FALSE(first.body.contains("ConsistentRead"));  // not offered on global secondary indexes
  CHECK_FALSE(first.body.contains("ExclusiveStartKey"));

  nlohmann::json last = {{"object", {{"S", "b"}}}, {"key", {{"S", "state"}}}, {"due", {{"N", "2"}}},
                         {"dueShard", {{"S", "due"}}}};
  DynamoReply reply{true, {{"Items", {{{"object", {{"S", "a"}}}}, {{"object", {{"S", "b"}}}}}}, {"LastEvaluatedKey", last}},
                    {}, {}};
  auto page = due_index::page(reply);
  CHECK(page.objects == std::vector<std::string>{"a", "b"});
  CHECK(page.next == last);
  CHECK(due_index::query("flagport-objects", 1, page.next).body["ExclusiveStartKey"] == last);
  CHECK(due_index::page(DynamoReply{true, {{"Items", nlohmann::json::array()}}, {}, {}}).next.empty());
}

TEST_CASE("only refusals count as certainly not applied") {
  CHECK(DynamoReply{false, {}, "ConditionalCheckFailedException", ""}.certainly_not_applied());
  CHECK_FALSE(DynamoReply{false, {}, "", "timeout"}.certainly_not_applied());
  CHECK_FALSE(DynamoReply{false, {}, "InternalServerError", ""}.certainly_not_applied());
}
