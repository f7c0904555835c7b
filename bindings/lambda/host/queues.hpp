// The SQS queues behind the core's queue names (core/ports/queue.hpp), by URL from the
// environment:
//   insights  FLAGPORT_INSIGHTS_QUEUE_URL (the SAM template's InsightsQueue)
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "bindings/lambda/result.hpp"

namespace flagport::lambda {

struct Queues {
  std::string insights_url;

  static Queues from(const std::map<std::string, std::string>& env);

  // The URL of the queue the core calls `name`, or why there is none.
  Result<std::string> url_of(std::string_view name) const;
};

}  // namespace flagport::lambda
