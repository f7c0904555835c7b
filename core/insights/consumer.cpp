#include "core/insights/consumer.hpp"

#include "core/insights/insights_message.hpp"
#include "core/ports/log.hpp"

namespace flagport::insights {

Task<std::vector<MessageOutcome>> consume(std::vector<QueueMessage> batch, RequestInfo info, const Settings&) {
  std::vector<MessageOutcome> outcomes(batch.size(), MessageOutcome::Done);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (decode(batch[i].body)) continue;
    log::error("insights.message.malformed",
               {{"message", batch[i].id}, {"attempts", batch[i].attempts}, {"requestId", info.request_id}});
    outcomes[i] = MessageOutcome::Retry;
  }
  co_return outcomes;
}

}  // namespace flagport::insights
