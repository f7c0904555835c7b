// A project's allowed origins for OFREP's CORS (admin token): read, and replaced as a
// whole. A change reaches evaluation through the published record, like a key change:
// a new revision, not a new flag-set version.
#pragma once

#include "core/http/route_context.hpp"

namespace flagport::store {

Task<Response> get_origins(const RouteContext& ctx);  // GET /v1/projects/{project}/origins
Task<Response> put_origins(const RouteContext& ctx);  // PUT /v1/projects/{project}/origins  {allowedOrigins}

}  // namespace flagport::store
