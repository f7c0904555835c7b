#include "bindings/lambda/runtime/runtime_client.hpp"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

namespace flagport::lambda {
namespace {

// Anything before 2020 cannot be a real deadline (fun's "5000" is 5 s after the epoch).
constexpr std::int64_t kEarliestPlausibleMs = 1'577'836'800'000;

constexpr std::string_view kBase = "/2018-06-01/runtime/";
constexpr int kPostTimeoutMs = 10'000;

// A request id goes into a request path as it is: Lambda's are UUIDs.
bool path_safe(std::string_view id) {
  for (unsigned char c : id)
    if (!(std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')) return false;
  return !id.empty();
}

std::string error_document(const ErrorReport& error) {
  return nlohmann::json{{"errorMessage", error.message}, {"errorType", error.type}, {"stackTrace", nlohmann::json::array()}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> plausible_deadline(std::string_view header,
                                                                        std::chrono::system_clock::time_point now) {
  std::int64_t ms = 0;
  auto [end, ec] = std::from_chars(header.data(), header.data() + header.size(), ms);
  if (ec != std::errc{} || end != header.data() + header.size() || ms < kEarliestPlausibleMs) return std::nullopt;
  std::chrono::system_clock::time_point deadline{std::chrono::milliseconds(ms)};
  if (deadline <= now) return std::nullopt;
  return deadline;
}

RuntimeClient::RuntimeClient(std::string api) : connection_(std::move(api)) {}

Result<Invocation> RuntimeClient::next() {
  HttpReply reply = connection_.exchange("GET", std::string(kBase) + "invocation/next", {}, {}, 0);
  if (!reply.answered()) return Failure{"runtime api next: " + reply.transport_error};
  if (reply.status != 200) return Failure{"runtime api next: HTTP " + std::to_string(reply.status)};
  Invocation out;
  out.request_id = std::string(reply.header("lambda-runtime-aws-request-id").value_or(""));
  if (!path_safe(out.request_id))
    return Failure{"runtime api next: Lambda-Runtime-Aws-Request-Id missing or not a plain id: " + out.request_id};
  out.function_arn = std::string(reply.header("lambda-runtime-invoked-function-arn").value_or(""));
  out.trace_id = std::string(reply.header("lambda-runtime-trace-id").value_or(""));
  out.deadline = plausible_deadline(reply.header("lambda-runtime-deadline-ms").value_or(""),
                                    std::chrono::system_clock::now());
  out.payload = std::move(reply.body);
  // The X-Ray SDK convention: the current invocation's trace header, in the environment.
  if (out.trace_id.empty())
    ::unsetenv("_X_AMZN_TRACE_ID");
  else
    ::setenv("_X_AMZN_TRACE_ID", out.trace_id.c_str(), 1);
  return out;
}

Result<Unit> RuntimeClient::respond(const std::string& request_id, std::string_view body) {
  return post("invocation/" + request_id + "/response", body, {});
}

Result<Unit> RuntimeClient::fail(const std::string& request_id, const ErrorReport& error) {
  return post("invocation/" + request_id + "/error", error_document(error), error.type);
}

Result<Unit> RuntimeClient::init_error(const ErrorReport& error) {
  return post("init/error", error_document(error), error.type);
}

Result<Unit> RuntimeClient::post(const std::string& path, std::string_view body, const std::string& error_type) {
  std::string headers = "Content-Type: application/json\r\n";
  if (!error_type.empty()) headers += "Lambda-Runtime-Function-Error-Type: " + error_type + "\r\n";
  HttpReply reply = connection_.exchange("POST", std::string(kBase) + path, headers, body, kPostTimeoutMs);
  if (!reply.answered()) return Failure{"runtime api " + path + ": " + reply.transport_error};
  if (reply.status != 202) return Failure{"runtime api " + path + ": HTTP " + std::to_string(reply.status) + " " + reply.body};
  return Unit{};
}

}  // namespace flagport::lambda
