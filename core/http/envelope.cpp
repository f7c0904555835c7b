#include "core/http/envelope.hpp"

#include <string>

#include "core/http/json_text.hpp"

namespace flagport {

Response Response::invalid(std::vector<FieldError> errors, std::string message) {
  Json list = Json::array();
  for (auto& e : errors) list.push_back({{"path", std::move(e.path)}, {"message", std::move(e.message)}});
  return fail(Status::BadRequest, std::move(message), {{"errors", std::move(list)}});
}

HttpResponse render_envelope(const Response& response, std::string_view provider, std::string_view request_id) {
  std::string body;
  body.reserve(64 + response.message.size() + response.data_text.size());
  body += "{\"status\":";
  json_text::append_string(body, status_name(response.status));
  body += ",\"message\":";
  json_text::append_string(body, response.message);
  body += ",\"data\":";
  if (!response.data_text.empty())
    body += response.data_text;
  else if (response.data.is_object())
    body += response.data.dump(-1, ' ', false, Json::error_handler_t::replace);
  else
    body += "null";
  body += '}';

  HttpResponse out;
  out.status = http_code(response.status);
  out.body = std::move(body);
  out.headers.reserve(3 + response.headers.size());
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
