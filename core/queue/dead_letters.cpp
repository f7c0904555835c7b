#include "core/queue/dead_letters.hpp"

#include "core/ports/log.hpp"

namespace flagport::queue {

namespace {
constexpr std::string_view kSuffix = "-dlq";
constexpr std::size_t kBodyShown = 256;
}  // namespace

bool is_dead_letter_queue(std::string_view queue_name) {
  return queue_name.size() > kSuffix.size() && queue_name.substr(queue_name.size() - kSuffix.size()) == kSuffix;
}

std::vector<MessageOutcome> log_dead_letters(const std::vector<QueueMessage>& batch, const RequestInfo& info) {
  for (const auto& message : batch) {
    std::string_view shown = std::string_view(message.body).substr(0, kBodyShown);
    log::error("queue.dead_letter", {{"message", message.id},
                                     {"attempts", message.attempts},
                                     {"bytes", message.body.size()},
                                     {"body", std::string(shown)},
                                     {"requestId", info.request_id}});
  }
  return std::vector<MessageOutcome>(batch.size(), MessageOutcome::Done);
}

}  // namespace flagport::queue
