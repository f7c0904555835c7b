#include "bindings/lambda/aws/sqs_client.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

#include "core/http/json_text.hpp"

namespace flagport::lambda {
namespace sqs {

Result<std::string> endpoint_of(std::string_view queue_url) {
  auto scheme = queue_url.find("://");
  if (scheme == std::string_view::npos || scheme == 0) return Failure{"not a queue URL: " + std::string(queue_url)};
  auto path = queue_url.find('/', scheme + 3);
  if (path == scheme + 3) return Failure{"not a queue URL: " + std::string(queue_url)};
  return std::string(queue_url.substr(0, path)) + "/";
}

std::vector<std::vector<std::size_t>> batches(const std::vector<std::string_view>& messages,
                                              const std::vector<std::size_t>& which) {
  std::vector<std::vector<std::size_t>> out;
  std::size_t bytes = 0;
  for (std::size_t i : which) {
    std::size_t size = messages[i].size();
    if (out.empty() || out.back().size() == kSqsBatchEntries || bytes + size > kSqsBatchBytes) {
      out.emplace_back();
      bytes = 0;
    }
    out.back().push_back(i);
    bytes += size;
  }
  return out;
}

std::string batch_request(const std::string& queue_url, const std::vector<std::string_view>& messages,
                          const std::vector<std::size_t>& batch) {
  std::string body = "{\"QueueUrl\":";
  json_text::append_string(body, queue_url);
  body += ",\"Entries\":[";
  for (std::size_t k = 0; k < batch.size(); ++k) {
    if (k) body += ',';
    body += "{\"Id\":\"" + std::to_string(k) + "\",\"MessageBody\":";
    json_text::append_string(body, messages[batch[k]]);
    body += '}';
  }
  body += "]}";
  return body;
}

BatchReply read_batch_reply(const HttpReply& reply, std::size_t entries) {
  BatchReply out{std::vector<bool>(entries, false), {}};
  if (!reply.answered()) {
    out.error = reply.transport_error;
    return out;
  }
  auto body = nlohmann::json::parse(reply.body, nullptr, false);
  auto text = [&](const nlohmann::json& object, const char* name) {
    auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
  };
  if (reply.status != 200 || !body.is_object()) {
    // "__type": "com.amazonaws.sqs#QueueDoesNotExist"
    std::string type = body.is_object() ? text(body, "__type") : std::string{};
    out.error = "HTTP " + std::to_string(reply.status);
    if (!type.empty()) out.error += " " + type.substr(type.find('#') == std::string::npos ? 0 : type.find('#') + 1);
    if (body.is_object() && !text(body, "message").empty()) out.error += ": " + text(body, "message");
    return out;
  }
  // The entry an answer's Id names; `entries` for none.
  auto entry = [&](const nlohmann::json& item) {
    std::string id = item.is_object() ? text(item, "Id") : std::string{};
    std::size_t k = entries;
    auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), k);
    return error == std::errc{} && end == id.data() + id.size() && k < entries ? k : entries;
  };
  if (auto ok = body.find("Successful"); ok != body.end() && ok->is_array())
    for (const auto& item : *ok)
      if (std::size_t k = entry(item); k < entries) out.accepted[k] = true;
  if (auto failed = body.find("Failed"); failed != body.end() && failed->is_array() && !failed->empty()) {
    const auto& first = failed->front();
    out.error = first.is_object() ? text(first, "Code") + ": " + text(first, "Message") : "refused";
  }
  for (bool accepted : out.accepted)
    if (!accepted && out.error.empty()) out.error = "entries missing from the answer";
  return out;
}

}  // namespace sqs

SqsClient::SqsClient(HttpClient& http, const AwsSettings& settings)
    : http_(http),
      sigv4_(settings.sigv4("sqs")),
      credentials_(settings.credentials()),
      token_header_(settings.token_header()) {}

Result<Unit> SqsClient::send(const std::string& queue_url, const std::vector<std::string_view>& messages,
                             long timeout_ms) {
  auto endpoint = sqs::endpoint_of(queue_url);
  if (!endpoint) return Failure{endpoint.reason()};
  std::vector<std::size_t> todo(messages.size());
  for (std::size_t i = 0; i < todo.size(); ++i) todo[i] = i;
  std::string error;
  // An entry refused for a passing reason (throttling, a server error) often passes the second
  // time. A call lost in transport may have been applied: its messages may then arrive twice,
  // which the consumer recognises by the id each message carries.
  for (int round = 0; round < 2 && !todo.empty(); ++round) {
    auto batches = sqs::batches(messages, todo);
    std::vector<HttpCall> calls;
    for (const auto& batch : batches) {
      HttpCall call;
      call.method = "POST";
      call.url = *endpoint;
      call.headers = {"Content-Type: application/x-amz-json-1.0", "X-Amz-Target: AmazonSQS.SendMessageBatch"};
      if (!token_header_.empty()) call.headers.push_back(token_header_);
      call.body = sqs::batch_request(queue_url, messages, batch);
      call.timeout_ms = timeout_ms;
      call.aws_sigv4 = sigv4_;
      call.aws_credentials = credentials_;
      calls.push_back(std::move(call));
    }
    auto replies = http_.perform_all(calls);
    std::vector<std::size_t> again;
    for (std::size_t b = 0; b < batches.size(); ++b) {
      auto read = sqs::read_batch_reply(replies[b], batches[b].size());
      for (std::size_t k = 0; k < batches[b].size(); ++k)
        if (!read.accepted[k]) again.push_back(batches[b][k]);
      if (!read.error.empty()) error = std::move(read.error);
    }
    todo = std::move(again);
  }
  if (todo.empty()) return Unit{};
  return Failure{std::to_string(todo.size()) + " of " + std::to_string(messages.size()) + " messages not accepted by " +
                 queue_url + ": " + error};
}

}  // namespace flagport::lambda
