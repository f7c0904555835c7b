// One event handed out by the Lambda Runtime API.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace flagport::lambda {

struct Invocation {
  std::string request_id;    // Lambda-Runtime-Aws-Request-Id
  std::string function_arn;  // Lambda-Runtime-Invoked-Function-Arn
  std::string trace_id;      // Lambda-Runtime-Trace-Id (X-Ray), may be empty
  // Lambda-Runtime-Deadline-Ms. Unknown (nullopt) when missing or implausible: @vercel/fun
  // sends the constant 5000, which must never read as "already expired".
  std::optional<std::chrono::system_clock::time_point> deadline;
  std::string payload;  // the event JSON
};

// The deadline header's value, or nullopt when it is not a future epoch time.
std::optional<std::chrono::system_clock::time_point> plausible_deadline(std::string_view header,
                                                                        std::chrono::system_clock::time_point now);

}  // namespace flagport::lambda
