// DynamoDB's JSON API (x-amz-json-1.0) over HttpClient, signed with libcurl's SigV4.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bindings/lambda/aws/aws_settings.hpp"
#include "bindings/lambda/aws/http_client.hpp"

namespace flagport::lambda {

struct DynamoRequest {
  std::string operation;  // "GetItem", "PutItem", ... (the X-Amz-Target suffix)
  nlohmann::json body;
};

struct DynamoReply {
  bool ok = false;
  nlohmann::json body;     // the answer on success
  std::string error_type;  // e.g. "ConditionalCheckFailedException"; "" for transport failures
  std::string message;     // why it failed, for the log

  bool is(std::string_view type) const { return error_type == type; }
  // Whether DynamoDB certainly did not apply the request (safe to retry or to undo around).
  bool certainly_not_applied() const;
};

class DynamoDb {
 public:
  DynamoDb(HttpClient& http, AwsSettings settings);

  DynamoReply call(const DynamoRequest& request, long timeout_ms);
  // Independent requests, sent concurrently; replies in the same order.
  std::vector<DynamoReply> call_all(const std::vector<DynamoRequest>& requests, long timeout_ms);

 private:
  HttpCall to_call(const DynamoRequest& request, long timeout_ms) const;

  HttpClient& http_;
  AwsSettings settings_;
  std::string sigv4_;
  std::string credentials_;
  std::string token_header_;
};

}  // namespace flagport::lambda
