#include "bindings/lambda/events/sqs_event.hpp"

#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace flagport;
using namespace flagport::lambda;
using flagport::lambda::test::fixture;

namespace {

// Answers Retry for the bodies that start with "retry", Done for the others; records its calls.
struct FakeRun {
  std::vector<std::pair<std::string, std::vector<QueueMessage>>> calls;

  sqs_event::QueueRun run() {
    return [this](const std::string& queue, std::vector<QueueMessage> batch) -> Result<std::vector<MessageOutcome>> {
      std::vector<MessageOutcome> outcomes;
      for (const auto& m : batch)
        outcomes.push_back(m.body.rfind("retry", 0) == 0 ? MessageOutcome::Retry : MessageOutcome::Done);
      calls.emplace_back(queue, std::move(batch));
      return outcomes;
    };
  }
};

nlohmann::json record(std::string id, std::string body, std::string queue = "flagport-insights") {
  return {{"messageId", std::move(id)},
          {"receiptHandle", "handle"},
          {"body", std::move(body)},
          {"attributes", {{"ApproximateReceiveCount", "2"}}},
          {"messageAttributes", nlohmann::json::object()},
          {"eventSource", "aws:sqs"},
          {"eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:" + queue},
          {"awsRegion", "us-east-1"}};
}

nlohmann::json event_of(std::vector<nlohmann::json> records) { return {{"Records", std::move(records)}}; }

}  // namespace

TEST_CASE("AWS's sample SQS event: the message, its deliveries, the queue named by the ARN") {
  auto records = sqs_event::records(fixture("sqs.json"));
  REQUIRE(records.size() == 1);
  CHECK(records[0].problem.empty());
  CHECK(records[0].queue_name == "my-queue");
  CHECK(records[0].message.id == "059f36b4-87a3-44ab-83d2-661975830a7d");
  CHECK(records[0].message.body == "test");
  CHECK(records[0].message.attempts == 1);

  auto insights = sqs_event::records(fixture("sqs-insights.json"));
  REQUIRE(insights.size() == 2);
  CHECK(insights[0].queue_name == "flagport-insights");
  CHECK(insights[0].message.attempts == 3);
  CHECK(insights[1].message.id == "2e1424d4-f796-459a-8184-9c92662be6da");
}

TEST_CASE("the answer names only the messages to deliver again; none when all are done") {
  FakeRun fake;
  auto event = event_of({record("a", "ok"), record("b", "retry me"), record("c", "ok")});
  CHECK(sqs_event::answer(sqs_event::records(event), fake.run()) ==
        R"({"batchItemFailures":[{"itemIdentifier":"b"}]})");
  REQUIRE(fake.calls.size() == 1);
  CHECK(fake.calls[0].first == "flagport-insights");
  REQUIRE(fake.calls[0].second.size() == 3);
  CHECK(fake.calls[0].second[1].id == "b");
  CHECK(fake.calls[0].second[1].body == "retry me");
  CHECK(fake.calls[0].second[1].attempts == 2);

  CHECK(sqs_event::answer(sqs_event::records(event_of({record("a", "ok")})), fake.run()) ==
        R"({"batchItemFailures":[]})");
}

TEST_CASE("one run per queue, each in the batch's order") {
  FakeRun fake;
  auto event = event_of({record("a", "ok", "one"), record("b", "retry", "two-dlq"), record("c", "ok", "one")});
  CHECK(sqs_event::answer(sqs_event::records(event), fake.run()) ==
        R"({"batchItemFailures":[{"itemIdentifier":"b"}]})");
  REQUIRE(fake.calls.size() == 2);
  CHECK(fake.calls[0].first == "one");
  REQUIRE(fake.calls[0].second.size() == 2);
  CHECK(fake.calls[0].second[1].id == "c");
  CHECK(fake.calls[1].first == "two-dlq");
}

TEST_CASE("a failed run, or one with the wrong count, fails every message it had") {
  auto event = sqs_event::records(event_of({record("a", "ok"), record("b", "ok")}));
  auto failing = [](const std::string&, std::vector<QueueMessage>) -> Result<std::vector<MessageOutcome>> {
    return Failure{"DynamoDB is down"};
  };
  CHECK(sqs_event::answer(event, failing) ==
        R"({"batchItemFailures":[{"itemIdentifier":"a"},{"itemIdentifier":"b"}]})");
  auto short_answer = [](const std::string&, std::vector<QueueMessage>) -> Result<std::vector<MessageOutcome>> {
    return std::vector<MessageOutcome>{MessageOutcome::Done};
  };
  CHECK(sqs_event::answer(event, short_answer) ==
        R"({"batchItemFailures":[{"itemIdentifier":"a"},{"itemIdentifier":"b"}]})");
}

TEST_CASE("records that cannot be read are not run: named when they can be, else the whole batch fails") {
  auto no_body = record("b", "");
  no_body.erase("body");
  auto no_arn = record("c", "ok");
  no_arn["eventSourceARN"] = 42;
  auto other_source = record("d", "ok");
  other_source["eventSource"] = "aws:kinesis";
  auto bad_count = record("e", "ok");
  bad_count["attributes"]["ApproximateReceiveCount"] = "many";
  auto records = sqs_event::records(event_of({record("a", "ok"), no_body, no_arn, other_source, bad_count}));
  REQUIRE(records.size() == 5);
  CHECK(records[1].problem == "no body");
  CHECK(records[2].problem == "no queue name in eventSourceARN");
  CHECK(records[3].problem == "eventSource is not aws:sqs");
  CHECK(records[4].problem.empty());
  CHECK(records[4].message.attempts == 1);
  FakeRun fake;
  CHECK(sqs_event::answer(records, fake.run()) ==
        R"({"batchItemFailures":[{"itemIdentifier":"b"},{"itemIdentifier":"c"},{"itemIdentifier":"d"}]})");
  REQUIRE(fake.calls.size() == 1);
  CHECK(fake.calls[0].second.size() == 2);

  auto unnamed = record("", "ok");
  unnamed.erase("messageId");
  auto with_unnamed = sqs_event::records(event_of({record("a", "ok"), unnamed, nlohmann::json("not a record")}));
  CHECK(with_unnamed[1].problem == "no messageId");
  CHECK(with_unnamed[2].problem == "no messageId");
  CHECK(sqs_event::answer(with_unnamed, fake.run()) == R"({"batchItemFailures":[{"itemIdentifier":""}]})");
}

TEST_CASE("an event without records answers an empty batch response") {
  FakeRun fake;
  CHECK(sqs_event::records(nlohmann::json::parse(R"({"Records":{}})")).empty());
  CHECK(sqs_event::answer({}, fake.run()) == R"({"batchItemFailures":[]})");
  CHECK(fake.calls.empty());
}
