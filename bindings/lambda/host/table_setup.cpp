#include "bindings/lambda/host/table_setup.hpp"

#include <chrono>
#include <thread>

#include "core/ports/log.hpp"

namespace flagport::lambda {
namespace {

constexpr long kTimeoutMs = 10'000;

nlohmann::json table_definition(const std::string& name, const std::vector<std::pair<std::string, std::string>>& keys) {
  nlohmann::json attributes = nlohmann::json::array();
  nlohmann::json schema = nlohmann::json::array();
  for (const auto& [attribute, role] : keys) {
    attributes.push_back({{"AttributeName", attribute}, {"AttributeType", "S"}});
    schema.push_back({{"AttributeName", attribute}, {"KeyType", role}});
  }
  return {{"TableName", name}, {"AttributeDefinitions", attributes}, {"KeySchema", schema},
          {"BillingMode", "PAY_PER_REQUEST"}};
}

Result<Unit> wait_active(DynamoDb& db, const std::string& name) {
  for (int i = 0; i < 300; ++i) {
    DynamoReply reply = db.call({"DescribeTable", {{"TableName", name}}}, kTimeoutMs);
    if (!reply.ok) return Failure{"DescribeTable " + name + ": " + reply.error_type + " " + reply.message};
    auto table = reply.body.find("Table");
    if (table != reply.body.end() && table->value("TableStatus", std::string{}) == "ACTIVE") return Unit{};
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return Failure{"table " + name + " did not become ACTIVE in 30 s"};
}

Result<Unit> create(DynamoDb& db, const nlohmann::json& definition) {
  const std::string name = definition["TableName"].get<std::string>();
  DynamoReply reply = db.call({"CreateTable", definition}, kTimeoutMs);
  if (!reply.ok && !reply.is("ResourceInUseException"))
    return Failure{"CreateTable " + name + ": " + reply.error_type + " " + reply.message};
  log::info("lambda.tables", {{"table", name}, {"created", reply.ok}});
  return wait_active(db, name);
}

}  // namespace

Result<Unit> create_tables(DynamoDb& db, const Tables& tables) {
  if (auto kv = create(db, table_definition(tables.kv, {{"key", "HASH"}})); !kv) return kv;
  if (auto objects = create(db, table_definition(tables.objects, {{"object", "HASH"}, {"key", "RANGE"}})); !objects)
    return objects;
  // KvTable also ignores expired items itself, so TTL is housekeeping, not correctness:
  // a store without it (dynalite) or with it already on is fine.
  DynamoReply ttl = db.call({"UpdateTimeToLive",
                             {{"TableName", tables.kv},
                              {"TimeToLiveSpecification", {{"Enabled", true}, {"AttributeName", "expires"}}}}},
                            kTimeoutMs);
  if (!ttl.ok) log::info("lambda.tables.ttl", {{"table", tables.kv}, {"skipped", ttl.error_type + " " + ttl.message}});
  return Unit{};
}

}  // namespace flagport::lambda
