// What the HTTP event adapters share: the request they extract and the helpers both
// formats need (lower-cased headers, base64 bodies, text-or-binary responses).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/http/request.hpp"
#include "core/http/response.hpp"
#include "bindings/lambda/result.hpp"

namespace flagport::lambda {

struct HttpEvent {
  HttpRequest request;
  std::string request_id;  // requestContext.requestId, empty when absent
  std::string source_ip;   // the client's address: requestContext.http.sourceIp (2.0), .identity.sourceIp (1.0)
};

namespace http_event {

std::string lower(std::string name);
// The event's body into `request` as bytes, base64-decoded when the event says
// isBase64Encoded; a body longer than the core's limit is neither copied nor decoded,
// only marked (request.body_too_large), as the Worker marks one it stops reading.
Result<Unit> read_body(const nlohmann::json& event, HttpRequest& request);
// Whether a response body can travel as JSON text; binary types go base64.
bool is_text(const HttpResponse& response);
// The response event's text: `fields`, the format's own members as JSON member text
// ("statusCode":200,"headers":{...}), then isBase64Encoded and the body (base64 when not
// text). Everything is written as text, the body escaped once, straight into the event.
std::string response_event(std::string_view fields, const HttpResponse& response);

}  // namespace http_event
}  // namespace flagport::lambda
