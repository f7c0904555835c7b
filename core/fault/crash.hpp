// Failure injection for the crash-safety tests (FLAGPORT_FAULTS=crash only): fail the
// way a real bug would, in a request or inside a project object.
#pragma once

#include <string_view>

#include "core/http/route_context.hpp"

namespace flagport::fault {

// kinds: abort, out-of-bounds, stack-overflow (traps in wasm; kill a native process),
// throw (an exception natively: a Lambda invocation error; a trap in wasm, which has none).
// Returns only for an unknown kind.
void crash_now(std::string_view kind);

// POST /v1/_crash/{kind}
Task<Response> crash(const RouteContext& ctx);
// POST /v1/projects/{project}/_crash/{kind}: the same, inside the project's object.
Task<Response> crash_in_object(const RouteContext& ctx);

}  // namespace flagport::fault
