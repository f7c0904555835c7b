// The Lambda event adapters: event_json (the event's text as a document), event_kind, the
// API Gateway v2 (and Function URL) and REST v1 requests, EventBridge schedules. Every
// event is offered to every adapter; a request read from it is answered with its own
// headers and body, and the response event must be JSON whose body gives the bytes back.
#include <nlohmann/json.hpp>

#include "bindings/lambda/base64.hpp"
#include "bindings/lambda/events/api_gateway_v1.hpp"
#include "bindings/lambda/events/api_gateway_v2.hpp"
#include "bindings/lambda/events/event_json.hpp"
#include "bindings/lambda/events/event_kind.hpp"
#include "bindings/lambda/events/scheduled_event.hpp"
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
  const auto scheduled = lambda::scheduled_event::from_event(event);
  FUZZ_CHECK(scheduled.ok() == (kind == lambda::EventKind::ScheduledEvent) ||
             kind == lambda::EventKind::HttpApiV2 || kind == lambda::EventKind::RestApiV1);
  return 0;
}
