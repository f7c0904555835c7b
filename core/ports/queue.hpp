// Messages to a queue (a Cloudflare Queue; SQS on Lambda), consumed by App::queue.
#pragma once

#include <string>
#include <string_view>

#include "core/task/scheduler.hpp"

namespace flagport::queue {

// The queue of evaluation counts (core/insights): the Worker's producer binding
// INSIGHTS_QUEUE; on Lambda the SQS queue at FLAGPORT_INSIGHTS_QUEUE_URL.
inline constexpr std::string_view kInsights = "insights";

// Sends `messages`, one per line (each one line of compact JSON, at most
// insights::kMaxMessageBytes), in as few platform calls as the platform allows
// (sendBatch; SendMessageBatch of up to 10). Ok once every one is accepted.
inline EffectAwaitable send(std::string_view queue_name, std::string messages) {
  return {Effect{EffectKind::QueueSend, std::string(queue_name), {}, std::move(messages), 0}};
}

}  // namespace flagport::queue
