// Storage of the object a method runs in (Durable Object storage; DynamoDB items on Lambda).
//
// Contract every object honours, so that a host without multi-item transactions can
// still commit a method atomically: the key kStateKey is the only key ever rewritten;
// every other key is written once (its name is unique) and later only deleted.
// Lambda commits once a method is done, in one commit per method: write-once puts, then
// kStateKey (carrying the object's alarm) conditionally on the revision it loaded, then
// deletes; a lost race re-runs the method.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/task/scheduler.hpp"

namespace flagport::storage {

inline constexpr std::string_view kStateKey = "state";

inline EffectAwaitable get(std::string key) {
  return {Effect{EffectKind::StorageGet, std::move(key), {}, {}, 0}};
}
inline EffectAwaitable put(std::string key, std::string value) {
  return {Effect{EffectKind::StoragePut, std::move(key), {}, std::move(value), 0}};
}
inline EffectAwaitable remove(std::string key) {
  return {Effect{EffectKind::StorageDelete, std::move(key), {}, {}, 0}};
}
// Wakes the object at `epoch_ms` (App::alarm); an object has one alarm, the last one set.
// Durable Objects: the object's alarm. Lambda: the due time kept on the object's state
// item, indexed, which the scheduled event queries (objects::due). It is committed with
// the method's other writes, as an update of the state item when there are none.
inline EffectAwaitable set_alarm(std::int64_t epoch_ms) {
  return {Effect{EffectKind::AlarmSet, {}, {}, {}, epoch_ms}};
}
// No alarm any more.
inline EffectAwaitable clear_alarm() { return {Effect{EffectKind::AlarmSet, {}, {}, {}, 0}}; }

}  // namespace flagport::storage
