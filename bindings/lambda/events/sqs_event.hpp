// SQS events from an event source mapping: Records[] with messageId, receiptHandle, body,
// attributes.ApproximateReceiveCount, eventSource "aws:sqs" and eventSourceARN, whose last
// ':' part is the queue's name. The answer is the partial batch response (the mapping's
// FunctionResponseTypes: ReportBatchItemFailures): {"batchItemFailures":[{"itemIdentifier":
// messageId}]} naming the messages to deliver again; Lambda deletes the others.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/queue/queue_message.hpp"
#include "bindings/lambda/result.hpp"

namespace flagport::lambda {

struct SqsRecord {
  std::string queue_name;  // the last ':' part of eventSourceARN
  QueueMessage message;    // id: messageId ("" when the record has none); attempts:
                           // ApproximateReceiveCount (1 when unreadable)
  std::string problem;     // why the record cannot be run; "" when it can
};

namespace sqs_event {

// Every record of Records[], in order, readable or not.
std::vector<SqsRecord> records(const nlohmann::json& event);

// Runs one queue's messages: an outcome per message, in order, or a failure.
using QueueRun =
    std::function<Result<std::vector<MessageOutcome>>(const std::string& queue_name, std::vector<QueueMessage> batch)>;

// Runs the readable records, once per queue (a mapping's batch comes from one queue), and
// answers the batch response. Named in it: the messages a run answered Retry, every message
// of a run that failed or answered the wrong count, every record with a problem. A record
// without a messageId cannot be named: it is answered with an empty itemIdentifier, which
// Lambda takes as the whole batch failing, so that it comes back rather than being deleted.
std::string answer(const std::vector<SqsRecord>& records, const QueueRun& run);

}  // namespace sqs_event
}  // namespace flagport::lambda
