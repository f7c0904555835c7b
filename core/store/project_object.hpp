// The project object: single writer and source of truth for one project's flag set
// (DESIGN §4). Its methods run inside the object, one at a time, and reach storage
// only through the storage port.
//
// Methods (args and replies are JSON; replies are encoded Responses, object_reply.hpp):
//   publish  {definition, ifMatch?, requestId, now}        -> {version, flags, updatedAt, definition}
//   patch    {flagKey, state?, defaultVariant?, ifMatch?, requestId, now} -> same
//   rollback {version, ifMatch?, requestId, now}            -> same
//   current  {}  -> {version, updatedAt, definition}
//   versions {}  -> {version, versions: [{version, createdAt, action, flags, rolledBackFrom?}]}
#pragma once

#include <string>

#include "core/http/request.hpp"
#include "core/ports/settings.hpp"
#include "core/task/task.hpp"

namespace flagport::store {

Task<std::string> call_project_object(std::string project, std::string method, std::string args,
                                      const Settings& settings);

// Alarm: make sure KV holds the current version (the "must converge" half of §4).
Task<void> reconcile_project(std::string project, RequestInfo info, const Settings& settings);

}  // namespace flagport::store
