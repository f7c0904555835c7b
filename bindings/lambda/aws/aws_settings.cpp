#include "bindings/lambda/aws/aws_settings.hpp"

namespace flagport::lambda {
namespace {

std::string get(const std::map<std::string, std::string>& env, const std::string& name) {
  auto it = env.find(name);
  return it == env.end() ? std::string{} : it->second;
}

}  // namespace

Result<AwsSettings> AwsSettings::from(const std::map<std::string, std::string>& env) {
  AwsSettings s;
  s.region = get(env, "AWS_REGION");
  if (s.region.empty()) s.region = get(env, "AWS_DEFAULT_REGION");
  s.access_key_id = get(env, "AWS_ACCESS_KEY_ID");
  s.secret_access_key = get(env, "AWS_SECRET_ACCESS_KEY");
  s.session_token = get(env, "AWS_SESSION_TOKEN");
  s.dynamodb_endpoint = get(env, "DYNAMODB_ENDPOINT");
  if (s.region.empty()) return Failure{"AWS_REGION is not set"};
  if (s.access_key_id.empty() || s.secret_access_key.empty())
    return Failure{"AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set"};
  if (s.dynamodb_endpoint.empty()) s.dynamodb_endpoint = "https://dynamodb." + s.region + ".amazonaws.com";
  while (!s.dynamodb_endpoint.empty() && s.dynamodb_endpoint.back() == '/') s.dynamodb_endpoint.pop_back();
  return s;
}

}  // namespace flagport::lambda
