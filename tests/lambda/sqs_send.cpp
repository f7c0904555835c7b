// flagport_sqs_send QUEUE_URL < messages: sends stdin's lines to the queue with the bootstrap's
// SQS client (what a QueueSend effect does), with the bootstrap's AWS environment. Prints
// "sent N" or why not, and exits 0 or 1. tests/lambda/sqs.test.mjs runs it against fauxqs.
#include <cstring>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bindings/lambda/aws/aws_settings.hpp"
#include "bindings/lambda/aws/http_client.hpp"
#include "bindings/lambda/aws/sqs_client.hpp"

extern char** environ;

int main(int argc, char** argv) {
  using namespace flagport::lambda;
  if (argc != 2) {
    std::cerr << "usage: flagport_sqs_send QUEUE_URL < messages\n";
    return 2;
  }
  std::map<std::string, std::string> env;
  for (char** entry = environ; *entry; ++entry)
    if (const char* equals = std::strchr(*entry, '='))
      env.emplace(std::string(*entry, static_cast<std::size_t>(equals - *entry)), std::string(equals + 1));
  auto aws = AwsSettings::from(env);
  if (!aws) {
    std::cout << aws.reason() << "\n";
    return 1;
  }
  std::vector<std::string> lines;
  for (std::string line; std::getline(std::cin, line);) lines.push_back(std::move(line));
  std::vector<std::string_view> messages(lines.begin(), lines.end());

  HttpClient http;
  SqsClient sqs(http, *aws);
  auto sent = sqs.send(argv[1], messages, 5000);
  if (!sent) {
    std::cout << sent.reason() << "\n";
    return 1;
  }
  std::cout << "sent " << messages.size() << "\n";
  return 0;
}
