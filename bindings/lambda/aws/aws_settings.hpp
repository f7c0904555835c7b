// Where and as whom the bootstrap talks to AWS: the Lambda environment's credentials
// and region, and DYNAMODB_ENDPOINT (dynalite locally) when set.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "bindings/lambda/result.hpp"

namespace flagport::lambda {

struct AwsSettings {
  std::string region;             // AWS_REGION (else AWS_DEFAULT_REGION)
  std::string access_key_id;      // AWS_ACCESS_KEY_ID
  std::string secret_access_key;  // AWS_SECRET_ACCESS_KEY
  std::string session_token;      // AWS_SESSION_TOKEN, sent as x-amz-security-token
  std::string dynamodb_endpoint;  // DYNAMODB_ENDPOINT, else https://dynamodb.REGION.amazonaws.com

  // Fails when the region or the credentials are missing: nothing could be signed.
  static Result<AwsSettings> from(const std::map<std::string, std::string>& env);

  // libcurl's SigV4 settings for calls to `service` ("dynamodb", "sqs"): CURLOPT_AWS_SIGV4,
  // CURLOPT_USERPWD, and the session token's header line ("" without a token).
  std::string sigv4(std::string_view service) const { return "aws:amz:" + region + ":" + std::string(service); }
  std::string credentials() const { return access_key_id + ":" + secret_access_key; }
  std::string token_header() const {
    return session_token.empty() ? std::string{} : "X-Amz-Security-Token: " + session_token;
  }
};

}  // namespace flagport::lambda
