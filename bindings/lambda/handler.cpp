#include "bindings/lambda/handler.hpp"

#include "core/http/envelope.hpp"
#include "bindings/lambda/events/api_gateway_v1.hpp"
#include "bindings/lambda/events/api_gateway_v2.hpp"
#include "bindings/lambda/events/event_json.hpp"
#include "bindings/lambda/events/event_kind.hpp"
#include "bindings/lambda/events/scheduled_event.hpp"

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
  RequestInfo info{event->request_id.empty() ? invocation.request_id : event->request_id, now_ms()};
  auto response = host.serve(std::move(event->request), std::move(info));
  if (!response) return Failure{response.reason()};
  return to_response(*response);
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
      return Failure{"SQS events are not served by this version"};
    case EventKind::Unknown:
      break;
  }
  return Failure{"unrecognised event: none of requestContext.http, httpMethod, source/detail-type, Records[]"};
}

}  // namespace flagport::lambda
