// The access API (README "Access tokens"): POST/GET /v1/tokens, DELETE /v1/tokens/{tokenId},
// GET /v1/me, GET /v1/projects and GET /v1/audit. App::routes gates each (gate.hpp); the
// directory object does the work (validation, the token's text and digest, the lists), so
// the request path carries none of that code.
#pragma once

#include "core/http/route_context.hpp"

namespace flagport::access {

Task<Response> directory_route(const RouteContext& ctx);

}  // namespace flagport::access
