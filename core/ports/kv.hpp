// KV: the published, read-optimised copy (Workers KV; a DynamoDB table on Lambda).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/task/scheduler.hpp"

namespace flagport::kv {

// The longest value one KV value holds where this core runs: Workers KV takes 25 MiB (the
// core runs as wasm only there); Lambda's KV table is DynamoDB, whose items take 400 KB, key
// and attribute names included. Longer records are kept in parts (store/published_copy.hpp).
#ifdef __wasm__
inline constexpr std::size_t kMaxValueBytes = 25 * 1024 * 1024;
#else
inline constexpr std::size_t kMaxValueBytes = 384 * 1024;
#endif

// `edge_cache_seconds`: how long the platform may serve this read from its edge cache
// (Workers KV cacheTtl, at least 60 there); 0: ask the store.
inline EffectAwaitable get(std::string key, std::int64_t edge_cache_seconds = 0) {
  return {Effect{EffectKind::KvGet, std::move(key), {}, {}, edge_cache_seconds}};
}
inline EffectAwaitable put(std::string key, std::string value, std::int64_t ttl_seconds = 0) {
  return {Effect{EffectKind::KvPut, std::move(key), {}, std::move(value), ttl_seconds}};
}
inline EffectAwaitable remove(std::string key) {
  return {Effect{EffectKind::KvDelete, std::move(key), {}, {}, 0}};
}

}  // namespace flagport::kv
