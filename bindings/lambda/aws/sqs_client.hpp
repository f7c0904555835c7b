// SQS's JSON API (x-amz-json-1.0, "AmazonSQS.*") over HttpClient, signed with libcurl's SigV4:
// SendMessageBatch. Calls go to the queue URL's scheme and host, so a local server's queue URL
// needs no setting of its own.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bindings/lambda/aws/aws_settings.hpp"
#include "bindings/lambda/aws/http_client.hpp"
#include "bindings/lambda/result.hpp"

namespace flagport::lambda {

// SendMessageBatch's limits: entries per call, and the bodies' bytes added up.
inline constexpr std::size_t kSqsBatchEntries = 10;
inline constexpr std::size_t kSqsBatchBytes = 256 * 1024;

class SqsClient {
 public:
  SqsClient(HttpClient& http, const AwsSettings& settings);

  // Sends every message to the queue at `queue_url`: as few SendMessageBatch calls as the
  // limits allow, side by side. The messages SQS did not accept (its Failed[] entries, or
  // every entry of a call that failed) are sent once more. Ok when every one was accepted.
  Result<Unit> send(const std::string& queue_url, const std::vector<std::string_view>& messages, long timeout_ms);

 private:
  HttpClient& http_;
  std::string sigv4_;
  std::string credentials_;
  std::string token_header_;
};

namespace sqs {

// "https://sqs.REGION.amazonaws.com/ACCOUNT/NAME" -> "https://sqs.REGION.amazonaws.com/".
Result<std::string> endpoint_of(std::string_view queue_url);

// The messages named by `which`, in order, cut into calls within the limits; each call holds
// positions in `messages`. A message over the byte limit goes alone (SQS then refuses it).
std::vector<std::vector<std::size_t>> batches(const std::vector<std::string_view>& messages,
                                              const std::vector<std::size_t>& which);

// SendMessageBatch's body; entry i of the call has the Id "i".
std::string batch_request(const std::string& queue_url, const std::vector<std::string_view>& messages,
                          const std::vector<std::size_t>& batch);

struct BatchReply {
  std::vector<bool> accepted;  // per entry of the call: listed in Successful[]
  std::string error;           // why the others were not ("" when all were)
};
BatchReply read_batch_reply(const HttpReply& reply, std::size_t entries);

}  // namespace sqs
}  // namespace flagport::lambda
