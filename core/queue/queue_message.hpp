// One message of a queue batch as the hosts hand it to App::queue, and what becomes of it.
#pragma once

#include <cstdint>
#include <string>

namespace flagport {

struct QueueMessage {
  std::string id;             // the platform's message id (Queues: message.id; SQS: messageId)
  std::string body;           // as sent (text)
  std::uint32_t attempts = 1; // deliveries so far, this one included (Queues: attempts;
                              // SQS: ApproximateReceiveCount)
};

enum class MessageOutcome : std::uint8_t {
  Done = 0,   // acknowledged: never delivered again
  Retry = 1,  // delivered again later; after the queue's maximum, to its dead-letter queue
};

}  // namespace flagport
