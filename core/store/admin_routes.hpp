// The admin flag-set store API (README "API"): authenticated by the admin token,
// validated here, committed by the project object, then published to KV.
#pragma once

#include "core/http/route_context.hpp"

namespace flagport::store {

Task<Response> put_flags(const RouteContext& ctx);       // PUT   /v1/projects/{project}/flags
Task<Response> get_flags(const RouteContext& ctx);       // GET   /v1/projects/{project}/flags
Task<Response> patch_flag(const RouteContext& ctx);      // PATCH /v1/projects/{project}/flags/{flagKey}
Task<Response> get_versions(const RouteContext& ctx);    // GET   /v1/projects/{project}/versions
Task<Response> post_rollback(const RouteContext& ctx);   // POST  /v1/projects/{project}/rollback
Task<Response> get_published(const RouteContext& ctx);   // GET   /v1/projects/{project}/published

}  // namespace flagport::store
