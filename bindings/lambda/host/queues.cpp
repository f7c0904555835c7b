#include "bindings/lambda/host/queues.hpp"

#include "core/ports/queue.hpp"

namespace flagport::lambda {

Queues Queues::from(const std::map<std::string, std::string>& env) {
  Queues q;
  if (auto it = env.find("FLAGPORT_INSIGHTS_QUEUE_URL"); it != env.end()) q.insights_url = it->second;
  return q;
}

Result<std::string> Queues::url_of(std::string_view name) const {
  if (name != queue::kInsights) return Failure{"no queue is named " + std::string(name)};
  if (insights_url.empty()) return Failure{"FLAGPORT_INSIGHTS_QUEUE_URL is not set"};
  return insights_url;
}

}  // namespace flagport::lambda
