// Calls into an authoritative object (a Durable Object; a DynamoDB item on Lambda).
// The host routes the call to App::object(), running inside that object serially.
#pragma once

#include <cstdint>
#include <string>

#include "core/task/scheduler.hpp"

namespace flagport::objects {

inline EffectAwaitable call(std::string object_id, std::string method, std::string args) {
  return {Effect{EffectKind::ObjectCall, std::move(object_id), std::move(method), std::move(args), 0}};
}

// The objects to wake at `now_ms`, one id per line. Lambda: those whose alarm time is due,
// from an index of the objects' due times. Cloudflare, where each object's own alarm fires by
// itself: every object with a published copy, the KV keys under `published_prefix` less the
// prefix (a backstop sweep; KV's listing may lag by a minute).
inline EffectAwaitable due(std::int64_t now_ms, std::string published_prefix) {
  return {Effect{EffectKind::ObjectsDue, std::move(published_prefix), {}, {}, now_ms}};
}

}  // namespace flagport::objects
