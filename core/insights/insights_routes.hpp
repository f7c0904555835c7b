// GET /v1/projects/{project}/insights?from=&to=&flag=&staleDays= (admin).
#pragma once

#include "core/http/route_context.hpp"

namespace flagport::insights {

Task<Response> get_insights(const RouteContext& ctx);

}  // namespace flagport::insights
