#include "bindings/lambda/events/event_kind.hpp"

#include "bindings/lambda/events/json_fields.hpp"

namespace flagport::lambda {

EventKind classify_event(const nlohmann::json& event) {
  if (!event.is_object()) return EventKind::Unknown;
  if (const auto* context = fields::object(event, "requestContext"); context && fields::object(*context, "http"))
    return EventKind::HttpApiV2;
  if (fields::string(event, "httpMethod")) return EventKind::RestApiV1;
  if (fields::string(event, "source") == "aws.events" && fields::string(event, "detail-type") == "Scheduled Event")
    return EventKind::ScheduledEvent;
  if (const auto* records = fields::member(event, "Records"); records && records->is_array() && !records->empty() &&
                                                                fields::string(records->front(), "eventSource") == "aws:sqs")
    return EventKind::SqsBatch;
  return EventKind::Unknown;
}

}  // namespace flagport::lambda
