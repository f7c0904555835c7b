#include "bindings/lambda/events/scheduled_event.hpp"

#include "bindings/lambda/events/json_fields.hpp"

namespace flagport::lambda::scheduled_event {

Result<ScheduledEvent> from_event(const nlohmann::json& event) {
  if (fields::string(event, "source") != "aws.events" || fields::string(event, "detail-type") != "Scheduled Event")
    return Failure{"not an EventBridge scheduled event"};
  return ScheduledEvent{fields::string(event, "id").value_or(""), fields::string(event, "time").value_or("")};
}

}  // namespace flagport::lambda::scheduled_event
