// The Lambda Runtime API (2018-06-01): next, response, invocation error, init error.
// One RuntimeConnection, kept alive across events.
#pragma once

#include <string>
#include <string_view>

#include "bindings/lambda/result.hpp"
#include "bindings/lambda/runtime/invocation.hpp"
#include "bindings/lambda/runtime/runtime_connection.hpp"

namespace flagport::lambda {

// What the Runtime API records about a failure ({errorType, errorMessage, stackTrace}).
struct ErrorReport {
  std::string type;     // e.g. "Runtime.HandlerFailed"; also sent as Lambda-Runtime-Function-Error-Type
  std::string message;
};

class RuntimeClient {
 public:
  // `api` is AWS_LAMBDA_RUNTIME_API ("host:port").
  explicit RuntimeClient(std::string api);

  // Blocks until the next event (no timeout: the process is frozen between events).
  // Sets _X_AMZN_TRACE_ID for the invocation.
  Result<Invocation> next();
  Result<Unit> respond(const std::string& request_id, std::string_view body);
  Result<Unit> fail(const std::string& request_id, const ErrorReport& error);
  Result<Unit> init_error(const ErrorReport& error);

 private:
  Result<Unit> post(const std::string& path, std::string_view body, const std::string& error_type);

  RuntimeConnection connection_;
};

}  // namespace flagport::lambda
