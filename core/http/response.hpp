// Response: what a handler answers. HttpResponse: what goes on the wire.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.hpp"

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
  Json data = nullptr;  // object or null
  Headers headers;                // extra headers (ETag, Allow, ...)
  // A data object already written as JSON text; when set it replaces `data`. Hot
  // answers are built this way, from texts kept with the compiled flag set.
  std::string data_text;

  static Response success(Json data) { return {Status::Success, "", std::move(data), {}, {}}; }
  static Response fail(Status status, std::string message, Json data = nullptr) {
    return {status, std::move(message), std::move(data), {}, {}};
  }
  static Response rendered(Status status, std::string message, std::string data_text) {
    return {status, std::move(message), nullptr, {}, std::move(data_text)};
  }
  static Response invalid(std::vector<FieldError> errors, std::string message = "validation failed");
};

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;
};

}  // namespace flagport
