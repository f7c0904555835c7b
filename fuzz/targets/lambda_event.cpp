// The Lambda event adapters: event_json (the event's text as a document), event_kind, the
// API Gateway v2 (and Function URL) and REST v1 requests, EventBridge schedules, SQS
// batches. Every event is offered to every adapter; a request read from it is answered with
// its own headers and body, and the response event must be JSON whose body gives the bytes
// back. SQS records are run with outcomes drawn from their bodies (and a failing run for one
// queue name), and the batch response must name exactly the messages not done.
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bindings/lambda/base64.hpp"
#include "bindings/lambda/events/api_gateway_v1.hpp"
#include "bindings/lambda/events/api_gateway_v2.hpp"
#include "bindings/lambda/events/event_json.hpp"
#include "bindings/lambda/events/event_kind.hpp"
#include "bindings/lambda/events/scheduled_event.hpp"
#include "bindings/lambda/events/sqs_event.hpp"
#include "fuzz/targets/fuzz_support.hpp"

namespace {

using namespace flagport;

template <class ToResponse>
void answer(const lambda::Result<lambda::HttpEvent>& event, ToResponse to_response) {
  if (!event) return;
  const HttpRequest& request = event->request;
  HttpResponse response{200, request.headers, request.body};
  const std::string text = to_response(response);
  const auto document = nlohmann::json::parse(text, nullptr, false);
  FUZZ_CHECK(!document.is_discarded() && document.is_object());
  const auto body = document.find("body");
  const auto base64 = document.find("isBase64Encoded");
  FUZZ_CHECK(body != document.end() && body->is_string() && base64 != document.end() && base64->is_boolean());
  if (base64->get<bool>()) {
    const auto bytes = lambda::base64::decode(body->get_ref<const std::string&>());
    FUZZ_CHECK(bytes && *bytes == response.body);
  }
}

// A message whose body starts with 'r' is answered Retry; the queue "failing" fails its run.
void answer_queue(const nlohmann::json& event) {
  const auto records = lambda::sqs_event::records(event);
  std::size_t runs = 0;
  const std::string text = lambda::sqs_event::answer(
      records, [&](const std::string& queue_name, std::vector<QueueMessage> batch)
                   -> lambda::Result<std::vector<MessageOutcome>> {
        ++runs;
        FUZZ_CHECK(!batch.empty() && !queue_name.empty());
        if (queue_name == "failing") return lambda::Failure{"failing"};
        std::vector<MessageOutcome> outcomes;
        for (const auto& message : batch)
          outcomes.push_back(message.body.rfind('r', 0) == 0 ? MessageOutcome::Retry : MessageOutcome::Done);
        return outcomes;
      });
  const auto document = nlohmann::json::parse(text, nullptr, false);
  FUZZ_CHECK(document.is_object() && document.size() == 1 && document.contains("batchItemFailures"));
  const auto& failures = document.at("batchItemFailures");
  FUZZ_CHECK(failures.is_array());
  std::set<std::string> named;
  std::size_t unnamed_answers = 0;
  for (const auto& item : failures) {
    FUZZ_CHECK(item.is_object() && item.size() == 1 && item.contains("itemIdentifier"));
    FUZZ_CHECK(item.at("itemIdentifier").is_string());
    const auto& id = item.at("itemIdentifier").get_ref<const std::string&>();
    if (id.empty()) ++unnamed_answers;
    else named.insert(id);
  }
  std::set<std::string> queues, failed;
  bool unnamed = false;
  for (const auto& record : records) {
    FUZZ_CHECK(record.message.attempts >= 1);
    FUZZ_CHECK(!record.message.id.empty() || !record.problem.empty());
    if (record.problem.empty()) queues.insert(record.queue_name);
    if (record.problem.empty() && record.queue_name != "failing" && record.message.body.rfind('r', 0) != 0) continue;
    if (record.message.id.empty()) unnamed = true;
    else failed.insert(record.message.id);
  }
  FUZZ_CHECK(named == failed);
  FUZZ_CHECK(unnamed_answers == (unnamed ? 1u : 0u));
  FUZZ_CHECK(runs == queues.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parsed = lambda::parse_event(std::string(fuzz::text(data, size)));
  if (!parsed) return 0;
  const nlohmann::json& event = *parsed;
  const lambda::EventKind kind = lambda::classify_event(event);
  const auto v2 = lambda::api_gateway_v2::to_request(event);
  const auto v1 = lambda::api_gateway_v1::to_request(event);
  answer(v2, &lambda::api_gateway_v2::to_response);
  answer(v1, &lambda::api_gateway_v1::to_response);
  answer_queue(event);
  const auto scheduled = lambda::scheduled_event::from_event(event);
  FUZZ_CHECK(scheduled.ok() == (kind == lambda::EventKind::ScheduledEvent) ||
             kind == lambda::EventKind::HttpApiV2 || kind == lambda::EventKind::RestApiV1);
  return 0;
}
