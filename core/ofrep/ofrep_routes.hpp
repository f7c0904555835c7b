// OFREP (../shared/ofrep/openapi.yaml), authenticated by a client key
// (Authorization: Bearer or X-API-Key), the project taken from the key:
//   POST /ofrep/v1/evaluate/flags/{key}   one flag
//   POST /ofrep/v1/evaluate/flags         every flag, with ETag / If-None-Match (304)
#pragma once

#include "core/http/route_context.hpp"

namespace flagport::ofrep {

using OfrepHandler = Task<HttpResponse> (*)(const RouteContext&);

Task<HttpResponse> evaluate_flag(const RouteContext& ctx);
Task<HttpResponse> evaluate_flags(const RouteContext& ctx);

}  // namespace flagport::ofrep
