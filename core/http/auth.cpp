#include "core/http/auth.hpp"

#include <cctype>

namespace flagport {

std::optional<std::string_view> bearer_token(const HttpRequest& request) {
  auto header = request.header(RequestHeader::authorization);
  if (!header) return std::nullopt;
  std::string_view value = *header;
  constexpr std::string_view scheme = "bearer ";
  if (value.size() <= scheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(value[i])) != scheme[i]) return std::nullopt;
  value.remove_prefix(scheme.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  return value;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  return diff == 0;
}

std::optional<std::string_view> admin_token_refusal(std::string_view token, bool local_run) {
  if (token.empty()) return "ADMIN_TOKEN is not set";
  static_assert(kMinAdminTokenBytes == 32, "the reason below names the limit");
  if (token.size() < kMinAdminTokenBytes) return "ADMIN_TOKEN is shorter than 32 bytes";
  if (token == kLocalAdminToken && !local_run)
    return "ADMIN_TOKEN is the public local token, accepted only in a local run (FLAGPORT_LOCAL_RUN=1)";
  return std::nullopt;
}

std::optional<Response> require_admin(const HttpRequest& request, const Settings& settings) {
  auto token = bearer_token(request);
  if (!token)
    return Response::fail(Status::NotAuthenticated, "missing credentials: send Authorization: Bearer <admin token>");
  if (settings.admin_token.empty()) {
    auto why = settings.admin_disabled.empty() ? std::string_view("ADMIN_TOKEN is not set") : settings.admin_disabled;
    return Response::fail(Status::Unauthorized, "the admin API is disabled: " + std::string(why));
  }
  if (!constant_time_equal(*token, settings.admin_token))
    return Response::fail(Status::Unauthorized, "the admin token is not valid");
  return std::nullopt;
}

}  // namespace flagport
