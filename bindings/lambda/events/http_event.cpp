#include "bindings/lambda/events/http_event.hpp"

#include <algorithm>
#include <cctype>

#include "core/http/json_text.hpp"
#include "bindings/lambda/base64.hpp"
#include "bindings/lambda/events/json_fields.hpp"

namespace flagport::lambda::http_event {

std::string lower(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name;
}

Result<std::string> body(const nlohmann::json& event) {
  auto text = fields::string(event, "body");
  if (!text) return std::string{};
  if (!fields::boolean(event, "isBase64Encoded")) return std::move(*text);
  auto bytes = base64::decode(*text);
  if (!bytes) return Failure{"body is marked isBase64Encoded but is not base64"};
  return std::move(*bytes);
}

bool is_text(const HttpResponse& response) {
  for (const auto& [name, value] : response.headers) {
    if (name != "content-type") continue;
    std::string type = lower(value);
    return type.rfind("text/", 0) == 0 || type.find("json") != std::string::npos ||
           type.find("xml") != std::string::npos || type.find("javascript") != std::string::npos;
  }
  return response.body.empty();
}

std::string response_event(std::string_view fields, const HttpResponse& response) {
  const bool text = is_text(response);
  std::string out;
  out.reserve(fields.size() + response.body.size() + response.body.size() / 4 + 64);
  out += '{';
  out += fields;
  out += text ? ",\"isBase64Encoded\":false,\"body\":" : ",\"isBase64Encoded\":true,\"body\":";
  json_text::append_string(out, text ? response.body : base64::encode(response.body));
  out += '}';
  return out;
}

}  // namespace flagport::lambda::http_event
