// Calls into an authoritative object (a Durable Object; a DynamoDB item on Lambda).
// The host routes the call to App::object(), running inside that object serially.
#pragma once

#include <string>

#include "core/task/scheduler.hpp"

namespace flagport::objects {

inline EffectAwaitable call(std::string object_id, std::string method, std::string args) {
  return {Effect{EffectKind::ObjectCall, std::move(object_id), std::move(method), std::move(args), 0}};
}

}  // namespace flagport::objects
