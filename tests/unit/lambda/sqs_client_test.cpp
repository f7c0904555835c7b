// SendMessageBatch as the SQS client writes and reads it (the calls themselves: against
// fauxqs in tests/lambda/sqs.test.mjs).
#include "bindings/lambda/aws/sqs_client.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using namespace flagport::lambda;

namespace {

std::vector<std::size_t> all(std::size_t n) {
  std::vector<std::size_t> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = i;
  return out;
}

HttpReply answer(long status, std::string body) { return HttpReply{status, {}, std::move(body), {}}; }

}  // namespace

TEST_CASE("calls go to the queue URL's scheme and host") {
  CHECK(*sqs::endpoint_of("https://sqs.eu-west-1.amazonaws.com/123456789012/flagport-insights") ==
        "https://sqs.eu-west-1.amazonaws.com/");
  CHECK(*sqs::endpoint_of("http://127.0.0.1:4566/000000000000/flagport-insights") == "http://127.0.0.1:4566/");
  CHECK(*sqs::endpoint_of("http://127.0.0.1:4566") == "http://127.0.0.1:4566/");
  CHECK_FALSE(sqs::endpoint_of("flagport-insights"));
  CHECK_FALSE(sqs::endpoint_of("https:///123/queue"));
}

TEST_CASE("batches hold at most 10 messages and 256 KiB of bodies, in order") {
  std::vector<std::string_view> small(23, "{}");
  auto b = sqs::batches(small, all(small.size()));
  REQUIRE(b.size() == 3);
  CHECK(b[0].size() == 10);
  CHECK(b[1].front() == 10);
  CHECK(b[2] == std::vector<std::size_t>{20, 21, 22});

  std::string kib96(96 * 1024, 'x');
  std::string over(kSqsBatchBytes + 1, 'y');
  std::vector<std::string_view> big{kib96, kib96, kib96, "{}", over, "{}"};
  auto cut = sqs::batches(big, all(big.size()));
  REQUIRE(cut.size() == 4);
  CHECK(cut[0] == std::vector<std::size_t>{0, 1});
  CHECK(cut[1] == std::vector<std::size_t>{2, 3});
  CHECK(cut[2] == std::vector<std::size_t>{4});
  CHECK(cut[3] == std::vector<std::size_t>{5});

  CHECK(sqs::batches(small, {4, 7}) == std::vector<std::vector<std::size_t>>{{4, 7}});
  CHECK(sqs::batches(small, {}).empty());
}

TEST_CASE("the request names the queue and numbers the entries of the call") {
  std::vector<std::string_view> messages{R"({"v":1,"id":"p-1"})", "second\tline", "third"};
  auto body = nlohmann::json::parse(sqs::batch_request("http://127.0.0.1:1/000000000000/q", messages, {2, 0}));
  CHECK(body["QueueUrl"] == "http://127.0.0.1:1/000000000000/q");
  REQUIRE(body["Entries"].size() == 2);
  CHECK(body["Entries"][0] == nlohmann::json{{"Id", "0"}, {"MessageBody", "third"}});
  CHECK(body["Entries"][1] == nlohmann::json{{"Id", "1"}, {"MessageBody", R"({"v":1,"id":"p-1"})"}});
}

TEST_CASE("the answer's Successful[] entries are accepted; Failed[] ones and any missing are not") {
  auto all_ok = sqs::read_batch_reply(answer(200, R"({"Successful":[{"Id":"1","MessageId":"m1","MD5OfMessageBody":"x"},
                                                      {"Id":"0","MessageId":"m0"}],"Failed":[]})"),
                                      2);
  CHECK(all_ok.accepted == std::vector<bool>{true, true});
  CHECK(all_ok.error.empty());

  auto some = sqs::read_batch_reply(
      answer(200, R"({"Successful":[{"Id":"0","MessageId":"m0"}],"Failed":[{"Id":"2","SenderFault":true,
        "Code":"InvalidMessageContents","Message":"Invalid characters found."}]})"),
      3);
  CHECK(some.accepted == std::vector<bool>{true, false, false});
  CHECK(some.error == "InvalidMessageContents: Invalid characters found.");

  auto missing = sqs::read_batch_reply(answer(200, R"({"Successful":[{"Id":"0"},{"Id":"7"},{"Id":"x"}]})"), 2);
  CHECK(missing.accepted == std::vector<bool>{true, false});
  CHECK(missing.error == "entries missing from the answer");
}

TEST_CASE("a refused or lost call accepts nothing, and says why") {
  auto refused = sqs::read_batch_reply(
      answer(400, R"({"__type":"com.amazonaws.sqs#QueueDoesNotExist",)"
                  R"("message":"The specified queue does not exist."})"),
      2);
  CHECK(refused.accepted == std::vector<bool>{false, false});
  CHECK(refused.error == "HTTP 400 QueueDoesNotExist: The specified queue does not exist.");
  CHECK(sqs::read_batch_reply(answer(503, "<html>"), 1).error == "HTTP 503");
  HttpReply lost;
  lost.transport_error = "Couldn't connect to server";
  CHECK(sqs::read_batch_reply(lost, 1).error == "Couldn't connect to server");
}
