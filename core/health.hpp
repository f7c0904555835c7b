#pragma once

#include "core/http/route_context.hpp"

namespace flagport {

// GET /v1/health: answered by the core, so it proves the whole path works.
Task<Response> health(const RouteContext& ctx);

}  // namespace flagport
