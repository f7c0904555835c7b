// Which kind of event an invocation carries, told by one deciding field per format.
#pragma once

#include <nlohmann/json.hpp>

namespace flagport::lambda {

enum class EventKind {
  HttpApiV2,       // API Gateway HTTP API payload 2.0 and Function URLs: requestContext.http
  RestApiV1,       // API Gateway REST API (payload 1.0): httpMethod
  ScheduledEvent,  // EventBridge schedule: source "aws.events", detail-type "Scheduled Event"
  SqsBatch,        // SQS: Records[].eventSource "aws:sqs"
  Unknown,
};

EventKind classify_event(const nlohmann::json& event);

}  // namespace flagport::lambda
