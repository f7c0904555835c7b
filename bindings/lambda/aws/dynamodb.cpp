#include "bindings/lambda/aws/dynamodb.hpp"

#include <chrono>
#include <thread>

namespace flagport::lambda {
namespace {

constexpr int kThrottleRetries = 3;

bool throttled(const DynamoReply& reply) {
  return reply.is("ProvisionedThroughputExceededException") || reply.is("ThrottlingException") ||
         reply.is("RequestLimitExceeded");
}

DynamoReply from_http(const HttpReply& http) {
  DynamoReply out;
  if (!http.answered()) {
    out.message = http.transport_error;
    return out;
  }
  auto body = nlohmann::json::parse(http.body, nullptr, false);
  if (http.status == 200 && !body.is_discarded()) {
    out.ok = true;
    out.body = std::move(body);
    return out;
  }
  // "__type": "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException"
  if (body.is_object()) {
    if (auto it = body.find("__type"); it != body.end() && it->is_string()) {
      const auto& type = it->get_ref<const std::string&>();
      out.error_type = type.substr(type.find('#') == std::string::npos ? 0 : type.find('#') + 1);
    }
    for (const char* key : {"message", "Message"})
      if (auto it = body.find(key); it != body.end() && it->is_string()) out.message = it->get<std::string>();
  }
  if (out.message.empty()) out.message = "HTTP " + std::to_string(http.status);
  return out;
}

}  // namespace

bool DynamoReply::certainly_not_applied() const {
  // 4xx answers are refusals; a transport failure or a 5xx may have been applied.
  return !ok && !error_type.empty() && error_type != "InternalServerError" && error_type != "ServiceUnavailable";
}

DynamoDb::DynamoDb(HttpClient& http, AwsSettings settings)
    : http_(http),
      settings_(std::move(settings)),
      sigv4_(settings_.sigv4("dynamodb")),
      credentials_(settings_.credentials()),
      token_header_(settings_.token_header()) {}

HttpCall DynamoDb::to_call(const DynamoRequest& request, long timeout_ms) const {
  HttpCall call;
  call.method = "POST";
  call.url = settings_.dynamodb_endpoint + "/";
  call.headers = {"Content-Type: application/x-amz-json-1.0", "X-Amz-Target: DynamoDB_20120810." + request.operation};
  if (!token_header_.empty()) call.headers.push_back(token_header_);
  call.body = request.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  call.timeout_ms = timeout_ms;
  call.aws_sigv4 = sigv4_;
  call.aws_credentials = credentials_;
  return call;
}

DynamoReply DynamoDb::call(const DynamoRequest& request, long timeout_ms) {
  return std::move(call_all({request}, timeout_ms).front());
}

std::vector<DynamoReply> DynamoDb::call_all(const std::vector<DynamoRequest>& requests, long timeout_ms) {
  std::vector<DynamoReply> replies(requests.size());
  std::vector<std::size_t> todo(requests.size());
  for (std::size_t i = 0; i < todo.size(); ++i) todo[i] = i;
  // Throttling is a refusal, so retrying it is always safe; nothing else is retried here.
  for (int round = 0; !todo.empty(); ++round) {
    if (round > 0) std::this_thread::sleep_for(std::chrono::milliseconds(25 << round));
    std::vector<HttpCall> calls;
    for (std::size_t i : todo) calls.push_back(to_call(requests[i], timeout_ms));
    auto answers = http_.perform_all(calls);
    std::vector<std::size_t> again;
    for (std::size_t k = 0; k < todo.size(); ++k) {
      replies[todo[k]] = from_http(answers[k]);
      if (throttled(replies[todo[k]]) && round < kThrottleRetries) again.push_back(todo[k]);
    }
    todo = std::move(again);
  }
  return replies;
}

}  // namespace flagport::lambda
