// One attempt at running an object method under optimistic concurrency: storage reads
// go to DynamoDB once (consistently) and are cached, writes and the alarm are buffered, and
// when the method is done the attempt says what to commit (object_storage.hpp's contract).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/task/effect.hpp"

namespace flagport::lambda {

struct CommitPlan {
  std::vector<std::pair<std::string, std::string>> write_once;  // new unique keys, written first
  std::optional<std::string> state;                             // the new state, when rewritten
  bool state_revision_known = false;                            // whether expected_revision is meaningful
  std::optional<std::int64_t> expected_revision;                // nullopt: no state existed
  std::vector<std::string> deletes;                             // after the state commit
  std::optional<std::int64_t> alarm;       // the last alarm the method set, 0: cleared; nullopt: untouched
  std::optional<std::int64_t> loaded_due;  // the alarm the state had when loaded (nullopt: none)

  // The alarm the state item carries after the commit: the method's, else the loaded one.
  std::optional<std::int64_t> due() const;
  // The method changed the alarm without rewriting the state: the state item is updated
  // (when it exists; a revision not known yet is read first, as for a blind rewrite).
  bool due_update() const;
  bool empty() const { return write_once.empty() && !state && !due_update() && deletes.empty(); }
};

class ObjectAttempt {
 public:
  explicit ObjectAttempt(std::string object_id) : object_id_(std::move(object_id)) {}

  const std::string& object_id() const { return object_id_; }

  // The answer to a storage get that needs no DynamoDB call: this attempt's own
  // write, or an earlier read.
  std::optional<EffectResult> local_read(const std::string& key) const;
  // Records what DynamoDB answered for `key`; for the state item, its revision and alarm.
  void loaded(const std::string& key, const EffectResult& result, std::optional<std::int64_t> revision,
              std::optional<std::int64_t> due);
  void put(std::string key, std::string value);
  void remove(std::string key);
  void set_alarm(std::int64_t epoch_ms) { alarm_ = epoch_ms; }  // an object has one alarm: the last set

  CommitPlan plan() const;

 private:
  std::string object_id_;
  std::map<std::string, EffectResult, std::less<>> reads_;
  std::map<std::string, std::optional<std::string>, std::less<>> writes_;  // nullopt: deleted
  bool state_read_ = false;
  std::optional<std::int64_t> state_revision_;
  std::optional<std::int64_t> state_due_;
  std::optional<std::int64_t> alarm_;
};

}  // namespace flagport::lambda
