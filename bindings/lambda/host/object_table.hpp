// Object storage as DynamoDB items of the objects table: one item per (object, key).
// The "state" item carries `rev`, the revision a commit is conditioned on, and the object's
// alarm while one is set (due_index.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/task/effect.hpp"
#include "bindings/lambda/aws/dynamodb.hpp"

namespace flagport::lambda {

class ObjectTable {
 public:
  explicit ObjectTable(std::string table) : table_(std::move(table)) {}

  const std::string& name() const { return table_; }

  struct Loaded {
    EffectResult result;                  // the value, not found, or why it failed
    std::optional<std::int64_t> revision; // of a found state item
    std::optional<std::int64_t> due;      // of a found state item: its alarm, if set
  };

  DynamoRequest get(const std::string& object, const std::string& key) const;  // strongly consistent
  Loaded loaded(const std::string& key, const DynamoReply& reply) const;
  DynamoRequest put_once(const std::string& object, const std::string& key, const std::string& value) const;
  // Writes the state at revision expected+1, on condition that it is still at `expected`
  // (nullopt: that no state exists yet), with the alarm `due` (nullopt: none).
  DynamoRequest put_state(const std::string& object, const std::string& value, std::optional<std::int64_t> expected,
                          std::optional<std::int64_t> due) const;
  // Sets (or, for nullopt, removes) the alarm of the state at `expected`, on the same
  // condition as put_state and as a revision of its own, so that a racing writer which
  // loaded the old alarm cannot write it back.
  DynamoRequest update_due(const std::string& object, std::int64_t expected, std::optional<std::int64_t> due) const;
  DynamoRequest remove(const std::string& object, const std::string& key) const;

 private:
  std::string table_;
};

}  // namespace flagport::lambda
