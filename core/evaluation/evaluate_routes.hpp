// The Flagport evaluation API (a client key of the project, or the admin token):
//   POST /v1/projects/{project}/evaluate/{flagKey}  {context?}  -> one flag
//   POST /v1/projects/{project}/evaluate            {context?}  -> {version, flags: [...]}
#pragma once

#include "core/http/route_context.hpp"

namespace flagport::evaluation {

Task<Response> evaluate_flag(const RouteContext& ctx);
Task<Response> evaluate_all_flags(const RouteContext& ctx);

}  // namespace flagport::evaluation
