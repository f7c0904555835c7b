#include "bindings/lambda/host/object_commit.hpp"

#include "core/ports/log.hpp"
#include "core/ports/object_storage.hpp"

namespace flagport::lambda {
namespace {

void undo_write_once(DynamoDb& db, const ObjectTable& table, const std::string& object_id, const CommitPlan& plan,
                     long timeout_ms) {
  std::vector<DynamoRequest> removals;
  for (const auto& [key, value] : plan.write_once) removals.push_back(table.remove(object_id, key));
  auto replies = db.call_all(removals, timeout_ms);
  for (std::size_t i = 0; i < replies.size(); ++i)
    if (!replies[i].ok)
      log::warn("lambda.object.orphan", {{"object", object_id}, {"key", plan.write_once[i].first},
                                         {"error", replies[i].message}});
}

}  // namespace

CommitResult commit(DynamoDb& db, const ObjectTable& table, const std::string& object_id, const CommitPlan& given,
                    long timeout_ms) {
  if (given.empty()) return {CommitOutcome::Committed, {}};

  CommitPlan plan = given;
  if (!plan.state_revision_known && (plan.state || plan.alarm)) {
    // A blind rewrite still needs the revision it replaces, and the alarm it carries over.
    DynamoReply current = db.call(table.get(object_id, std::string(storage::kStateKey)), timeout_ms);
    auto loaded = table.loaded(std::string(storage::kStateKey), current);
    if (loaded.result.outcome == Outcome::Failed) return {CommitOutcome::Failed, loaded.result.body};
    plan.state_revision_known = true;
    plan.expected_revision = loaded.result.found() ? loaded.revision.value_or(0) : std::optional<std::int64_t>{};
    plan.loaded_due = loaded.result.found() ? loaded.due : std::nullopt;
  }

  std::vector<DynamoRequest> puts;
  for (const auto& [key, value] : plan.write_once) puts.push_back(table.put_once(object_id, key, value));
  auto put_replies = db.call_all(puts, timeout_ms);
  for (const auto& reply : put_replies) {
    if (reply.ok) continue;
    // Nothing refers to these keys until the state does: removing them is safe.
    undo_write_once(db, table, object_id, plan, timeout_ms);
    return {CommitOutcome::Failed, "write-once put: " + reply.error_type + " " + reply.message};
  }

  std::optional<DynamoRequest> state_write;
  if (plan.state) state_write = table.put_state(object_id, *plan.state, plan.expected_revision, plan.due());
  else if (plan.due_update()) state_write = table.update_due(object_id, *plan.expected_revision, plan.due());
  if (state_write) {
    DynamoReply reply = db.call(*state_write, timeout_ms);
    if (reply.is("ConditionalCheckFailedException")) {
      undo_write_once(db, table, object_id, plan, timeout_ms);
      return {CommitOutcome::Conflict, {}};
    }
    if (!reply.ok) {
      // The outcome may be unknown (timeout, 5xx): the new state may refer to the
      // write-once items, so they stay.
      if (reply.certainly_not_applied()) undo_write_once(db, table, object_id, plan, timeout_ms);
      return {CommitOutcome::Failed, "state " + state_write->operation + ": " + reply.error_type + " " + reply.message};
    }
  }

  std::vector<DynamoRequest> deletes;
  for (const auto& key : plan.deletes) deletes.push_back(table.remove(object_id, key));
  auto delete_replies = db.call_all(deletes, timeout_ms);
  for (std::size_t i = 0; i < delete_replies.size(); ++i)
    if (!delete_replies[i].ok)
      log::warn("lambda.object.delete_failed", {{"object", object_id}, {"key", plan.deletes[i]},
                                                {"error", delete_replies[i].message}});
  return {CommitOutcome::Committed, {}};
}

}  // namespace flagport::lambda
