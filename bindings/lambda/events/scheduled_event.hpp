// EventBridge "Scheduled Event": the trigger of the scheduled reconciliation, which on
// Lambda stands in for Durable Object alarms.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "bindings/lambda/result.hpp"

namespace flagport::lambda {

struct ScheduledEvent {
  std::string id;    // the EventBridge event id (used as the request id of the run)
  std::string time;  // ISO 8601, when the schedule fired
};

struct ReconcileReport {
  std::size_t objects = 0;  // project objects visited
  std::size_t failed = 0;   // of which the alarm run failed (logged one by one)
};

namespace scheduled_event {

Result<ScheduledEvent> from_event(const nlohmann::json& event);
std::string to_response(const ReconcileReport& report);

}  // namespace scheduled_event
}  // namespace flagport::lambda
