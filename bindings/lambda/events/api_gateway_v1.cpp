#include "bindings/lambda/events/api_gateway_v1.hpp"

#include <algorithm>
#include <cctype>

#include "core/http/json_text.hpp"
#include "bindings/lambda/events/json_fields.hpp"

namespace flagport::lambda::api_gateway_v1 {
namespace {

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// The multi-value form when present (it holds every value), else the single-value one.
std::vector<std::pair<std::string, std::string>> pairs(const nlohmann::json& event, std::string_view multi_name,
                                                       std::string_view single_name) {
  std::vector<std::pair<std::string, std::string>> out;
  if (const auto* multi = fields::object(event, multi_name)) {
    for (const auto& [name, values] : multi->items())
      if (values.is_array())
        for (const auto& value : values)
          if (value.is_string()) out.emplace_back(name, value.get<std::string>());
    return out;
  }
  if (const auto* single = fields::object(event, single_name))
    for (const auto& [name, value] : single->items())
      if (value.is_string()) out.emplace_back(name, value.get<std::string>());
  return out;
}

}  // namespace

Result<HttpEvent> to_request(const nlohmann::json& event) {
  auto method = fields::string(event, "httpMethod");
  if (!method || method->empty()) return Failure{"not a payload 1.0 event: no httpMethod"};

  HttpEvent out;
  std::transform(method->begin(), method->end(), method->begin(), [](unsigned char c) { return std::toupper(c); });
  out.request.method = std::move(*method);
  out.request.path = fields::string(event, "path").value_or("/");
  if (const auto* context = fields::object(event, "requestContext")) {
    out.request_id = fields::string(*context, "requestId").value_or("");
    if (const auto* identity = fields::object(*context, "identity"))
      out.source_ip = fields::string(*identity, "sourceIp").value_or("");
  }

  for (const auto& [name, value] : pairs(event, "multiValueQueryStringParameters", "queryStringParameters")) {
    if (!out.request.query.empty()) out.request.query += '&';
    out.request.query += percent_encode(name);
    out.request.query += '=';
    out.request.query += percent_encode(value);
  }

  // Repeated headers become one comma-joined header, as payload 2.0 delivers them.
  for (auto& [name, value] : pairs(event, "multiValueHeaders", "headers")) {
    std::string key = http_event::lower(name);
    auto same = std::find_if(out.request.headers.begin(), out.request.headers.end(),
                             [&](const auto& header) { return header.first == key; });
    if (same == out.request.headers.end())
      out.request.headers.emplace_back(std::move(key), std::move(value));
    else
      same->second.append(key == "cookie" ? "; " : ",").append(value);
  }

  if (auto body = http_event::read_body(event, out.request); !body) return Failure{body.reason()};
  return out;
}

std::string to_response(const HttpResponse& response) {
  // Every value of a header name in one list, in the order the core gave them.
  std::string fields = "\"statusCode\":" + std::to_string(response.status) + ",\"multiValueHeaders\":{";
  const auto& all = response.headers;
  for (auto at = all.begin(); at != all.end(); ++at) {
    if (std::any_of(all.begin(), at, [&](const auto& h) { return h.first == at->first; })) continue;  // listed already
    if (fields.back() != '{') fields += ',';
    json_text::append_string(fields, at->first);
    fields += ":[";
    for (auto value = at; value != all.end(); ++value) {
      if (value->first != at->first) continue;
      if (fields.back() != '[') fields += ',';
      json_text::append_string(fields, value->second);
    }
    fields += ']';
  }
  fields += '}';
  return http_event::response_event(fields, response);
}

}  // namespace flagport::lambda::api_gateway_v1
