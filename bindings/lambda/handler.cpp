#include "bindings/lambda/handler.hpp"

#include "core/http/envelope.hpp"
#include "core/ports/log.hpp"
#include "bindings/lambda/console_assets.hpp"
#include "bindings/lambda/events/api_gateway_v1.hpp"
#include "bindings/lambda/events/api_gateway_v2.hpp"
#include "bindings/lambda/events/event_json.hpp"
#include "bindings/lambda/events/event_kind.hpp"
#include "bindings/lambda/events/scheduled_event.hpp"
#include "bindings/lambda/events/sqs_event.hpp"

namespace flagport::lambda {
namespace {

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

template <class ToResponse>
Result<std::string> serve_http(EffectHost& host, const Invocation& invocation, Result<HttpEvent> event,
                               ToResponse to_response) {
  if (!event) {
    // The gateway let through something malformed (e.g. a bad base64 body): the client's fault.
    Response refusal = Response::fail(Status::BadRequest, event.reason());
    return to_response(render_envelope(refusal, kProvider, invocation.request_id));
  }
  // The console's static files never reach the core, as on Workers (static assets).
  if (auto asset = console_assets::serve(event->request)) return to_response(*asset);
  RequestInfo info{event->request_id.empty() ? invocation.request_id : event->request_id, now_ms()};
  info.client_ip = std::move(event->source_ip);
  auto response = host.serve(std::move(event->request), std::move(info));
  if (!response) return Failure{response.reason()};
  return to_response(*response);
}

// A batch from an SQS event source mapping: always answered with the partial batch response,
// whatever failed, so that Lambda deletes exactly the messages that were done.
std::string serve_queue(EffectHost& host, const Invocation& invocation, const nlohmann::json& event) {
  RequestInfo info{invocation.request_id, now_ms()};
  auto records = sqs_event::records(event);
  for (const auto& record : records)
    if (!record.problem.empty())
      log::error("lambda.sqs.record.unreadable",
                 {{"message", record.message.id}, {"error", record.problem}, {"requestId", info.request_id}});
  return sqs_event::answer(records, [&](const std::string& queue_name, std::vector<QueueMessage> batch) {
    std::size_t count = batch.size();
    auto outcomes = host.queue(queue_name, std::move(batch), info);
    if (!outcomes)
      log::error("lambda.queue.failed", {{"queue", queue_name}, {"messages", count}, {"error", outcomes.reason()},
                                         {"requestId", info.request_id}});
    return outcomes;
  });
}

}  // namespace

Result<std::string> handle_invocation(EffectHost& host, const Invocation& invocation) {
  auto parsed = parse_event(invocation.payload);
  if (!parsed) return Failure{"the event is not JSON"};
  const nlohmann::json& event = *parsed;
  switch (classify_event(event)) {
    case EventKind::HttpApiV2:
      return serve_http(host, invocation, api_gateway_v2::to_request(event), &api_gateway_v2::to_response);
    case EventKind::RestApiV1:
      return serve_http(host, invocation, api_gateway_v1::to_request(event), &api_gateway_v1::to_response);
    case EventKind::ScheduledEvent: {
      auto scheduled = scheduled_event::from_event(event);
      if (!scheduled) return Failure{scheduled.reason()};
      RequestInfo info{scheduled->id.empty() ? invocation.request_id : scheduled->id, now_ms()};
      return host.scheduled(std::move(info));
    }
    case EventKind::SqsBatch:
      return serve_queue(host, invocation, event);
    case EventKind::Unknown:
      break;
  }
  return Failure{"unrecognised event: none of requestContext.http, httpMethod, source/detail-type, Records[]"};
}

}  // namespace flagport::lambda
