// Failure injection for the crash-safety tests (FLAGPORT_FAULTS=crash only):
// POST /v1/_crash/{kind} fails the way a real bug would.
#pragma once

#include "core/http/route_context.hpp"

namespace flagport::fault {

// kinds: abort, out-of-bounds, stack-overflow (traps in wasm; kill a native process),
// throw (an exception natively: a Lambda invocation error; a trap in wasm, which has none).
Task<Response> crash(const RouteContext& ctx);

}  // namespace flagport::fault
