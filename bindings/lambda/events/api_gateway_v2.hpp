// API Gateway HTTP API payload format 2.0, which Lambda Function URLs share.
// Request: requestContext.http.method, rawPath, rawQueryString, headers (already
// comma-joined), cookies[] (folded back into one cookie header), body/isBase64Encoded.
// Response: {statusCode, headers, cookies (the set-cookie values), body, isBase64Encoded}.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "bindings/lambda/events/http_event.hpp"

namespace flagport::lambda::api_gateway_v2 {

Result<HttpEvent> to_request(const nlohmann::json& event);
std::string to_response(const HttpResponse& response);

}  // namespace flagport::lambda::api_gateway_v2
