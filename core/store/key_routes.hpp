// Client keys of a project (admin token): created and returned once, listed, revoked.
// A change reaches evaluation through the published record, like a flag-set change.
#pragma once

#include "core/http/route_context.hpp"

namespace flagport::store {

Task<Response> create_key(const RouteContext& ctx);  // POST   /v1/projects/{project}/keys  {name?}
Task<Response> list_keys(const RouteContext& ctx);   // GET    /v1/projects/{project}/keys
Task<Response> revoke_key(const RouteContext& ctx);  // DELETE /v1/projects/{project}/keys/{keyId}

}  // namespace flagport::store
