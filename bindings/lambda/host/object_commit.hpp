// Commits an ObjectAttempt to the objects table, once per method, as object_storage.hpp's
// contract says: write-once puts, then the state item conditioned on the revision the
// attempt loaded, then deletes. The object's alarm rides on the state item (due_index.hpp):
// a rewritten state carries the alarm the method set, else the one it had; an alarm set or
// cleared without a state write is an update of the state item under the same condition.
// A lost race undoes the write-once puts (best effort) and says Conflict, so that the
// caller re-runs the method from scratch.
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
