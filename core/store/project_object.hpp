// The project object: single writer and source of truth for one project's flag set,
// client keys and allowed origins (DESIGN §4). Its methods (project_methods.hpp) run
// inside the object, one at a time, and reach storage only through the storage port.
#pragma once

#include <string>

#include "core/http/request.hpp"
#include "core/ports/settings.hpp"
#include "core/task/task.hpp"

namespace flagport::store {

// The reply is an encoded Response (object_reply.hpp). `info` is the object's own
// (real) clock; timestamps users see come from the caller's args.
Task<std::string> call_project_object(std::string project, std::string method, std::string args, RequestInfo info,
                                      const Settings& settings);

// The object's alarm, also run by the method "wake" (a scheduled sweep, store/sweep.hpp):
// apply the scheduled changes that are due, make sure KV holds the current revision (the
// "must converge" half of §4), and set the alarm for what is left.
Task<void> wake_project(std::string project, RequestInfo info, const Settings& settings);

}  // namespace flagport::store
