// The closed set of envelope statuses and their HTTP codes (DESIGN §2).
#pragma once

#include <string_view>

namespace flagport {

enum class Status {
  Success,
  Skipped,
  BadRequest,
  NotAuthenticated,
  Unauthorized,
  NotFound,
  Conflict,
  TooManyRequests,
  Error,
  NotImplemented,
};

std::string_view status_name(Status status);
int http_code(Status status);

}  // namespace flagport
