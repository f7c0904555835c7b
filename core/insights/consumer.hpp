// The insights queue's consumer: adds each message's counts into the projects' insights.
#pragma once

#include <vector>

#include "core/http/request.hpp"
#include "core/ports/settings.hpp"
#include "core/queue/queue_message.hpp"
#include "core/task/task.hpp"

namespace flagport::insights {

// One outcome per message, in the batch's order. A message that is not an insights message
// is logged and retried, so the queue's retry limit moves it to the dead-letter queue.
Task<std::vector<MessageOutcome>> consume(std::vector<QueueMessage> batch, RequestInfo info, const Settings& settings);

}  // namespace flagport::insights
