#include "core/http/envelope.hpp"

#include <string>

namespace flagport {

Response Response::invalid(std::vector<FieldError> errors, std::string message) {
  nlohmann::json list = nlohmann::json::array();
  for (auto& e : errors) list.push_back({{"path", std::move(e.path)}, {"message", std::move(e.message)}});
  return fail(Status::BadRequest, std::move(message), {{"errors", std::move(list)}});
}

HttpResponse render_envelope(const Response& response, std::string_view provider, std::string_view request_id) {
  using nlohmann::json;
  const json& data = response.data.is_object() ? response.data : json(nullptr);
  std::string body = "{\"status\":";
  body += json(std::string(status_name(response.status))).dump();
  body += ",\"message\":";
  body += json(response.message).dump(-1, ' ', false, json::error_handler_t::replace);
  body += ",\"data\":";
  body += data.dump(-1, ' ', false, json::error_handler_t::replace);
  body += '}';

  HttpResponse out;
  out.status = http_code(response.status);
  out.body = std::move(body);
  out.headers.emplace_back("content-type", "application/json; charset=utf-8");
  out.headers.emplace_back("x-flagport-provider", std::string(provider));
  out.headers.emplace_back("x-request-id", std::string(request_id));
  for (const auto& header : response.headers) out.headers.push_back(header);
  return out;
}

Response internal_error(std::string_view request_id) {
  return Response::fail(Status::Error, "internal error; quote the request id when reporting it",
                        {{"requestId", std::string(request_id)}});
}

}  // namespace flagport
