#include "bindings/lambda/events/api_gateway_v2.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>
#include <vector>

#include "core/http/json_text.hpp"
#include "bindings/lambda/events/json_fields.hpp"

namespace flagport::lambda::api_gateway_v2 {

Result<HttpEvent> to_request(const nlohmann::json& event) {
  const auto* context = fields::object(event, "requestContext");
  const auto* http = context ? fields::object(*context, "http") : nullptr;
  if (!http) return Failure{"not a payload 2.0 event: no requestContext.http"};
  auto method = fields::string(*http, "method");
  if (!method || method->empty()) return Failure{"requestContext.http.method is missing"};

  HttpEvent out;
  std::transform(method->begin(), method->end(), method->begin(), [](unsigned char c) { return std::toupper(c); });
  out.request.method = std::move(*method);
  out.request.path = fields::string(event, "rawPath").value_or(fields::string(*http, "path").value_or("/"));
  out.request.query = fields::string(event, "rawQueryString").value_or("");
  out.request_id = fields::string(*context, "requestId").value_or("");
  out.source_ip = fields::string(*http, "sourceIp").value_or("");

  if (const auto* headers = fields::object(event, "headers"))
    for (const auto& [name, value] : headers->items())
      if (value.is_string()) out.request.headers.emplace_back(http_event::lower(name), value.get<std::string>());

  // Payload 2.0 moves cookies out of the headers; the core reads one cookie header.
  if (const auto* cookies = fields::member(event, "cookies"); cookies && cookies->is_array() && !cookies->empty()) {
    std::string joined;
    for (const auto& cookie : *cookies)
      if (cookie.is_string()) joined.append(joined.empty() ? "" : "; ").append(cookie.get_ref<const std::string&>());
    out.request.headers.emplace_back("cookie", std::move(joined));
  }

  if (auto body = http_event::read_body(event, out.request); !body) return Failure{body.reason()};
  return out;
}

std::string to_response(const HttpResponse& response) {
  // One member per header name, repeated names joined by commas; Set-Cookie values go to
  // "cookies", which payload 2.0 keeps apart.
  std::vector<std::pair<std::string_view, std::string>> headers;
  std::vector<std::string_view> cookies;
  for (const auto& [name, value] : response.headers) {
    if (name == "set-cookie") {
      cookies.push_back(value);
      continue;
    }
    auto same = std::find_if(headers.begin(), headers.end(), [&](const auto& h) { return h.first == name; });
    if (same == headers.end())
      headers.emplace_back(name, value);
    else
      same->second.append(",").append(value);
  }
  std::string fields = "\"statusCode\":" + std::to_string(response.status) + ",\"headers\":{";
  for (const auto& [name, value] : headers) {
    if (fields.back() != '{') fields += ',';
    json_text::append_string(fields, name);
    fields += ':';
    json_text::append_string(fields, value);
  }
  fields += '}';
  if (!cookies.empty()) {
    fields += ",\"cookies\":[";
    for (std::string_view cookie : cookies) {
      if (fields.back() != '[') fields += ',';
      json_text::append_string(fields, cookie);
    }
    fields += ']';
  }
  return http_event::response_event(fields, response);
}

}  // namespace flagport::lambda::api_gateway_v2
