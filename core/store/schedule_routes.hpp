// Scheduled changes of a project's flag set (admin token): made, listed, cancelled. The
// project object applies each at its time through the same path as an admin write.
#pragma once

#include "core/http/route_context.hpp"

namespace flagport::store {

// POST /v1/projects/{project}/schedules  {at, change} (If-Match: must still hold when it runs)
//   change: {type: "patch", flagKey, state?, defaultVariant?} | {type: "rollback", version}
//         | {type: "publish", definition}
Task<Response> create_schedule(const RouteContext& ctx);
Task<Response> list_schedules(const RouteContext& ctx);   // GET    .../schedules
Task<Response> get_schedule(const RouteContext& ctx);     // GET    .../schedules/{scheduleId}
Task<Response> cancel_schedule(const RouteContext& ctx);  // DELETE .../schedules/{scheduleId}

}  // namespace flagport::store
