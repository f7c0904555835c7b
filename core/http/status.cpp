#include "core/http/status.hpp"

namespace flagport {

std::string_view status_name(Status status) {
  switch (status) {
    case Status::Success: return "success";
    case Status::Skipped: return "skipped";
    case Status::BadRequest: return "badRequest";
    case Status::NotAuthenticated: return "notAuthenticated";
    case Status::Unauthorized: return "unauthorized";
    case Status::NotFound: return "notFound";
    case Status::Conflict: return "conflict";
    case Status::TooManyRequests: return "tooManyRequests";
    case Status::Error: return "error";
    case Status::NotImplemented: return "notImplemented";
  }
  return "error";
}

int http_code(Status status) {
  switch (status) {
    case Status::Success: return 200;
    case Status::Skipped: return 200;
    case Status::BadRequest: return 400;
    case Status::NotAuthenticated: return 401;
    case Status::Unauthorized: return 403;
    case Status::NotFound: return 404;
    case Status::Conflict: return 409;
    case Status::TooManyRequests: return 429;
    case Status::Error: return 500;
    case Status::NotImplemented: return 501;
  }
  return 500;
}

}  // namespace flagport
