// Messages that reached a dead-letter queue after the queue's retries: kept in the log
// (Workers Logs / CloudWatch), not applied.
#pragma once

#include <string_view>
#include <vector>

#include "core/http/request.hpp"
#include "core/queue/queue_message.hpp"

namespace flagport::queue {

// "flagport-insights-dlq" and the like.
bool is_dead_letter_queue(std::string_view queue_name);

// One log line per message (its id, deliveries, size and first bytes); all Done.
std::vector<MessageOutcome> log_dead_letters(const std::vector<QueueMessage>& batch, const RequestInfo& info);

}  // namespace flagport::queue
