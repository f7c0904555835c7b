#include "bindings/lambda/host/object_attempt.hpp"

#include "core/ports/object_storage.hpp"

namespace flagport::lambda {

std::optional<std::int64_t> CommitPlan::due() const {
  if (!alarm) return loaded_due;
  if (*alarm > 0) return alarm;
  return std::nullopt;
}

bool CommitPlan::due_update() const {
  if (state || !alarm) return false;
  if (!state_revision_known) return true;
  return expected_revision && due() != loaded_due;
}

std::optional<EffectResult> ObjectAttempt::local_read(const std::string& key) const {
  if (auto w = writes_.find(key); w != writes_.end())
    return w->second ? EffectResult::success(*w->second) : EffectResult::not_found();
  if (auto r = reads_.find(key); r != reads_.end()) return r->second;
  return std::nullopt;
}

void ObjectAttempt::loaded(const std::string& key, const EffectResult& result, std::optional<std::int64_t> revision,
                           std::optional<std::int64_t> due) {
  if (result.outcome == Outcome::Failed) return;  // not cached: a later get tries again
  reads_.insert_or_assign(key, result);
  if (key == storage::kStateKey && !state_read_) {
    state_read_ = true;
    state_revision_ = result.found() ? revision.value_or(0) : std::optional<std::int64_t>{};
    state_due_ = result.found() ? due : std::nullopt;
  }
}

void ObjectAttempt::put(std::string key, std::string value) { writes_.insert_or_assign(std::move(key), std::move(value)); }

void ObjectAttempt::remove(std::string key) { writes_.insert_or_assign(std::move(key), std::nullopt); }

CommitPlan ObjectAttempt::plan() const {
  CommitPlan plan;
  for (const auto& [key, value] : writes_) {
    if (key == storage::kStateKey) {
      // The state is only ever rewritten (contract); deleting it is not part of the model.
      if (value) plan.state = *value;
    } else if (value) {
      plan.write_once.emplace_back(key, *value);
    } else {
      plan.deletes.push_back(key);
    }
  }
  plan.state_revision_known = state_read_;
  plan.expected_revision = state_revision_;
  plan.alarm = alarm_;
  plan.loaded_due = state_due_;
  return plan;
}

}  // namespace flagport::lambda
