// The DynamoDB requests the ports send and how their answers read back.
#include <doctest/doctest.h>

#include "bindings/lambda/base64.hpp"
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
  auto next = objects.put_state("demo", "s", 4);
  CHECK(next.body["Item"]["rev"]["N"] == "5");
  CHECK(next.body["ConditionExpression"] == "#rev = :expected");
  CHECK(next.body["ExpressionAttributeValues"][":expected"]["N"] == "4");
  auto first = objects.put_state("demo", "s", std::nullopt);
  CHECK(first.body["Item"]["rev"]["N"] == "1");
  CHECK(first.body["ConditionExpression"] == "attribute_not_exists(#key)");
}

TEST_CASE("object reads are consistent and give the state's revision") {
  ObjectTable objects("flagport-objects");
  CHECK(objects.get("demo", "state").body["ConsistentRead"] == true);
  DynamoReply reply{true, {{"Item", {{"value", {{"B", "aGk="}}}, {"rev", {{"N", "12"}}}}}}, {}, {}};
  auto loaded = objects.loaded("state", reply);
  CHECK(loaded.result.body == "hi");
  CHECK(loaded.revision == std::optional<std::int64_t>(12));
}

TEST_CASE("only refusals count as certainly not applied") {
  CHECK(DynamoReply{false, {}, "ConditionalCheckFailedException", ""}.certainly_not_applied());
  CHECK_FALSE(DynamoReply{false, {}, "", "timeout"}.certainly_not_applied());
  CHECK_FALSE(DynamoReply{false, {}, "InternalServerError", ""}.certainly_not_applied());
}
