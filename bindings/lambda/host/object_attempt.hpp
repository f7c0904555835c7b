// One attempt at running an object method under optimistic concurrency: storage reads
// go to DynamoDB once (consistently) and are cached, writes are buffered, and when the
// method is done the attempt says what to commit (object_storage.hpp's contract).
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

  bool empty() const { return write_once.empty() && !state && deletes.empty(); }
};

class ObjectAttempt {
 public:
  explicit ObjectAttempt(std::string object_id) : object_id_(std::move(object_id)) {}

  const std::string& object_id() const { return object_id_; }

  // The answer to a storage get that needs no DynamoDB call: this attempt's own
  // write, or an earlier read.
  std::optional<EffectResult> local_read(const std::string& key) const;
  // Records what DynamoDB answered for `key`; for the state item, its revision.
  void loaded(const std::string& key, const EffectResult& result, std::optional<std::int64_t> revision);
  void put(std::string key, std::string value);
  void remove(std::string key);

  CommitPlan plan() const;

 private:
  std::string object_id_;
  std::map<std::string, EffectResult, std::less<>> reads_;
  std::map<std::string, std::optional<std::string>, std::less<>> writes_;  // nullopt: deleted
  bool state_read_ = false;
  std::optional<std::int64_t> state_revision_;
};

}  // namespace flagport::lambda
