// Creates the KV and objects tables (tables.hpp; the objects table with its due index) when
// they do not exist yet, waits until they are ACTIVE, refuses an existing table that lacks
// an index, and turns on the KV table's TTL. `bootstrap --create-tables` runs it.
#pragma once

#include "bindings/lambda/aws/dynamodb.hpp"
#include "bindings/lambda/host/tables.hpp"
#include "bindings/lambda/result.hpp"

namespace flagport::lambda {

Result<Unit> create_tables(DynamoDb& db, const Tables& tables);

}  // namespace flagport::lambda
