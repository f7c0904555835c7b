#include "bindings/lambda/host/table_setup.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/ports/log.hpp"
#include "bindings/lambda/host/due_index.hpp"

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

// The objects table's index of due times (due_index.hpp).
nlohmann::json with_due_index(nlohmann::json definition) {
  for (auto& attribute : due_index::attribute_definitions()) definition["AttributeDefinitions"].push_back(attribute);
  definition["GlobalSecondaryIndexes"] = nlohmann::json::array({due_index::definition()});
  return definition;
}

bool active(const nlohmann::json& table) {
  if (table.value("TableStatus", std::string{}) != "ACTIVE") return false;
  for (const auto& index : table.value("GlobalSecondaryIndexes", nlohmann::json::array()))
    if (index.value("IndexStatus", std::string{}) != "ACTIVE") return false;
  return true;
}

Result<nlohmann::json> wait_active(DynamoDb& db, const std::string& name) {
  for (int i = 0; i < 300; ++i) {
    DynamoReply reply = db.call({"DescribeTable", {{"TableName", name}}}, kTimeoutMs);
    if (!reply.ok) return Failure{"DescribeTable " + name + ": " + reply.error_type + " " + reply.message};
    auto table = reply.body.find("Table");
    if (table != reply.body.end() && table->is_object() && active(*table)) return *table;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return Failure{"table " + name + " did not become ACTIVE in 30 s"};
}

// A table that already existed may lack an index added since: CreateTable does not add it.
Result<Unit> check_indexes(const nlohmann::json& definition, const nlohmann::json& table) {
  const auto present = table.value("GlobalSecondaryIndexes", nlohmann::json::array());
  for (const auto& wanted : definition.value("GlobalSecondaryIndexes", nlohmann::json::array())) {
    const std::string name = wanted.value("IndexName", std::string{});
    auto same = [&](const nlohmann::json& index) { return index.value("IndexName", std::string{}) == name; };
    if (std::none_of(present.begin(), present.end(), same))
      return Failure{"table " + definition.value("TableName", std::string{}) + " exists without the index " + name +
                     ": add it (bindings/lambda/README.md, Tables)"};
  }
  return Unit{};
}

Result<Unit> create(DynamoDb& db, const nlohmann::json& definition) {
  const std::string name = definition["TableName"].get<std::string>();
  DynamoReply reply = db.call({"CreateTable", definition}, kTimeoutMs);
  if (!reply.ok && !reply.is("ResourceInUseException"))
    return Failure{"CreateTable " + name + ": " + reply.error_type + " " + reply.message};
  log::info("lambda.tables", {{"table", name}, {"created", reply.ok}});
  auto table = wait_active(db, name);
  if (!table) return Failure{table.reason()};
  return check_indexes(definition, *table);
}

}  // namespace

Result<Unit> create_tables(DynamoDb& db, const Tables& tables) {
  if (auto kv = create(db, table_definition(tables.kv, {{"key", "HASH"}})); !kv) return kv;
  if (auto objects = create(db, with_due_index(table_definition(tables.objects, {{"object", "HASH"}, {"key", "RANGE"}})));
      !objects)
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
