// The two DynamoDB tables behind the ports, named by the environment.
//   KV table       (FLAGPORT_KV_TABLE, default "flagport-kv"):
//                  key (S, partition key), value (B), expires (N, epoch seconds; the TTL attribute)
//   objects table  (FLAGPORT_OBJECTS_TABLE, default "flagport-objects"):
//                  object (S, partition key), key (S, sort key), value (B);
//                  the item with key "state" also holds rev (N), the optimistic-concurrency revision,
//                  and while the object's alarm is set due (N) and dueShard (S), the keys of
//                  the global secondary index due-index (due_index.hpp)
#pragma once

#include <map>
#include <string>

namespace flagport::lambda {

struct Tables {
  std::string kv = "flagport-kv";
  std::string objects = "flagport-objects";

  static Tables from(const std::map<std::string, std::string>& env);
};

}  // namespace flagport::lambda
