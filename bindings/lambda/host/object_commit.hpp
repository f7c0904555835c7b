// Commits an ObjectAttempt to the objects table, as object_storage.hpp's contract says:
// write-once puts, then the state item conditioned on the revision the attempt loaded,
// then deletes. A lost race undoes the write-once puts (best effort) and says Conflict,
// so that the caller re-runs the method from scratch.
#pragma once

#include <string>

#include "bindings/lambda/aws/dynamodb.hpp"
#include "bindings/lambda/host/object_attempt.hpp"
#include "bindings/lambda/host/object_table.hpp"

namespace flagport::lambda {

enum class CommitOutcome { Committed, Conflict, Failed };

struct CommitResult {
  CommitOutcome outcome = CommitOutcome::Failed;
  std::string reason;  // for Failed
};

CommitResult commit(DynamoDb& db, const ObjectTable& table, const std::string& object_id, const CommitPlan& plan,
                    long timeout_ms);

}  // namespace flagport::lambda
