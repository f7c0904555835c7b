#include "bindings/lambda/events/http_event.hpp"

#include <algorithm>
#include <cctype>

#include "core/http/json_text.hpp"
#include "core/http/limits.hpp"
#include "bindings/lambda/base64.hpp"
#include "bindings/lambda/events/json_fields.hpp"

namespace flagport::lambda::http_event {

std::string lower(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name;
}

Result<Unit> read_body(const nlohmann::json& event, HttpRequest& request) {
  const nlohmann::json* member = fields::member(event, "body");
  if (!member || !member->is_string()) return Unit{};
  const std::string& text = member->get_ref<const std::string&>();
  const bool encoded = fields::boolean(event, "isBase64Encoded");
  // Base64 holds 3 bytes in 4 characters, less at most 2 of padding: a body over the
  // limit is known by its length, and neither decoded nor copied.
  std::size_t least_bytes = text.size();
  if (encoded) least_bytes = text.size() / 4 * 3 > 2 ? text.size() / 4 * 3 - 2 : 0;
  if (least_bytes > limits::kMaxReadBodyBytes) {
    request.body_too_large = true;
    return Unit{};
  }
  if (!encoded) {
    request.body = text;
    return Unit{};
  }
  auto bytes = base64::decode(text);
  if (!bytes) return Failure{"body is marked isBase64Encoded but is not base64"};
  request.body = std::move(*bytes);
  return Unit{};
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
