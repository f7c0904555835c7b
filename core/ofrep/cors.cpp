#include "core/ofrep/cors.hpp"

#include <string>

namespace flagport::ofrep {

void add_cors_headers(const HttpRequest& request, HttpResponse& response) {
  if (!request.header("origin")) return;
  response.headers.emplace_back("access-control-allow-origin", "*");
  response.headers.emplace_back("access-control-expose-headers", "ETag");
  response.headers.emplace_back("vary", "Origin");
}

HttpResponse preflight(const HttpRequest& request) {
  HttpResponse out;
  out.status = 204;
  add_cors_headers(request, out);
  if (request.header("origin")) {
    out.headers.emplace_back("access-control-allow-methods", "POST, OPTIONS");
    out.headers.emplace_back("access-control-allow-headers", "Authorization, X-API-Key, Content-Type, If-None-Match");
    out.headers.emplace_back("access-control-max-age", "86400");
  }
  return out;
}

}  // namespace flagport::ofrep
