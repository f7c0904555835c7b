// EventBridge "Scheduled Event": the trigger of App::scheduled, which wakes the objects
// whose alarm is due (on Lambda, what fires the alarms of objects).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "bindings/lambda/result.hpp"

namespace flagport::lambda {

struct ScheduledEvent {
  std::string id;    // the EventBridge event id (used as the request id of the run)
  std::string time;  // ISO 8601, when the schedule fired
};

namespace scheduled_event {

Result<ScheduledEvent> from_event(const nlohmann::json& event);

}  // namespace scheduled_event
}  // namespace flagport::lambda
