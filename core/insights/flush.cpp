#include "core/insights/flush.hpp"

#include "core/ports/log.hpp"
#include "core/ports/queue.hpp"

namespace flagport::insights {

Task<void> flush(Tally& tally) {
  std::vector<std::string> messages = tally.take_messages();
  if (messages.empty()) co_return;
  std::string lines;
  for (const auto& message : messages) {
    if (!lines.empty()) lines += '\n';
    lines += message;
  }
  EffectResult sent = co_await queue::send(queue::kInsights, std::move(lines));
  if (sent.ok()) co_return;
  log::warn("insights.flush_failed", {{"messages", messages.size()}, {"reason", sent.body}});
  tally.give_back(std::move(messages));
}

}  // namespace flagport::insights
