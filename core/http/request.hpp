// The HTTP request as every host hands it to the core.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/http/limits.hpp"
#include "core/http/request_headers.hpp"

namespace flagport {

struct HttpRequest {
  std::string method;  // upper case
  std::string path;    // without query string, not percent-decoded
  std::string query;   // without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names lower case
  std::string body;
  // The host stopped reading the body because it is longer than limits::kMaxReadBodyBytes
  // (its Content-Length said so, or more arrived): `body` then holds none of it. Hosts
  // never buffer more than that, so one large request cannot take their memory.
  bool body_too_large = false;

  // Whether the body is over `limit` (its route's), however the host learnt it.
  bool body_exceeds(std::size_t limit) const { return body_too_large || body.size() > limit; }

  std::optional<std::string_view> header(RequestHeader wanted) const {
    const std::string_view wanted_name = name_of(wanted);
    for (const auto& [name, value] : headers)
      if (name == wanted_name) return std::string_view(value);
    return std::nullopt;
  }
};

// What the host knows about the request beyond HTTP.
struct RequestInfo {
  std::string request_id;
  long long now_ms = 0;  // epoch milliseconds at arrival, as the answer tells it (the test clock when set)
  // The host's own clock at arrival, never fixed by the test clock: what cache lifetimes
  // follow, so that a publish still reaches evaluation in tests.
  long long host_now_ms = 0;
  // The client's address as the host saw it (Cloudflare's CF-Connecting-IP, API Gateway's
  // sourceIp); audit entries record it. Empty when unknown.
  std::string client_ip{};
};

}  // namespace flagport
