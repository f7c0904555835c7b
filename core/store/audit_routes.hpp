// GET /v1/projects/{project}/audit?limit=&before= (reader): the project object reads its
// audit log (audit/audit_log.hpp answer()).
#pragma once

#include "core/http/route_context.hpp"

namespace flagport::store {

Task<Response> get_project_audit(const RouteContext& ctx);

}  // namespace flagport::store
