// Response: what a handler answers. HttpResponse: what goes on the wire.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/http/status.hpp"

namespace flagport {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct FieldError {
  std::string path;  // JSON pointer into the request body ("" = the whole body)
  std::string message;
};

struct Response {
  Status status = Status::Success;
  std::string message;
  nlohmann::json data = nullptr;  // object or null
  Headers headers;                // extra headers (ETag, Allow, ...)

  static Response success(nlohmann::json data) { return {Status::Success, "", std::move(data), {}}; }
  static Response fail(Status status, std::string message, nlohmann::json data = nullptr) {
    return {status, std::move(message), std::move(data), {}};
  }
  static Response invalid(std::vector<FieldError> errors, std::string message = "validation failed");
};

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;
};

}  // namespace flagport
