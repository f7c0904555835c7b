// API Gateway REST API (payload format 1.0).
// Request: httpMethod, path, multiValueQueryStringParameters / queryStringParameters
// (decoded values, so the query string is rebuilt percent-encoded), multiValueHeaders /
// headers, body/isBase64Encoded. Response: {statusCode, multiValueHeaders, body, isBase64Encoded}.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "bindings/lambda/events/http_event.hpp"

namespace flagport::lambda::api_gateway_v1 {

Result<HttpEvent> to_request(const nlohmann::json& event);
std::string to_response(const HttpResponse& response);

}  // namespace flagport::lambda::api_gateway_v1
