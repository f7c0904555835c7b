#include "core/ofrep/cors.hpp"

#include <algorithm>

namespace flagport::ofrep {

Headers answer_cors_headers(std::optional<std::string_view> origin, const AllowedOrigins* project_origins) {
  if (!origin) return {};
  Headers out;
  if (!project_origins) {
    out.emplace_back("access-control-allow-origin", "*");
  } else if (project_origins->empty()) {
    out.emplace_back("access-control-allow-origin", "*");
    out.emplace_back("access-control-expose-headers", "ETag");
  } else if (std::find(project_origins->begin(), project_origins->end(), *origin) != project_origins->end()) {
    out.emplace_back("access-control-allow-origin", std::string(*origin));
    out.emplace_back("access-control-expose-headers", "ETag");
  }
  out.emplace_back("vary", "Origin");
  return out;
}

void add_cors_headers(const HttpRequest& request, HttpResponse& response, const AllowedOrigins* project_origins) {
  for (auto& header : answer_cors_headers(request.header(RequestHeader::origin), project_origins))
    response.headers.push_back(std::move(header));
}

HttpResponse preflight(const HttpRequest& request) {
  HttpResponse out;
  out.status = 204;
  if (request.header(RequestHeader::origin)) {
    out.headers.emplace_back("access-control-allow-origin", "*");
    out.headers.emplace_back("access-control-allow-methods", "POST, OPTIONS");
    out.headers.emplace_back("access-control-allow-headers", "Authorization, X-API-Key, Content-Type, If-None-Match");
    out.headers.emplace_back("access-control-max-age", "86400");
    out.headers.emplace_back("vary", "Origin");
  }
  return out;
}

}  // namespace flagport::ofrep
