// The scheduled entry point's work (a cron trigger on Cloudflare, the EventBridge schedule on
// Lambda): wake every object whose alarm is due. What an object does when woken is its own
// alarm's work (project_object.hpp), so a sweep and a platform alarm can never disagree.
#pragma once

#include <cstdint>
#include <string>

#include "core/http/request.hpp"
#include "core/task/task.hpp"

namespace flagport::store {

struct SweepReport {
  std::int64_t woken = 0;   // objects whose wake answered success
  std::int64_t failed = 0;  // objects whose wake failed (logged one by one); they stay due
  bool listed = true;       // false: the host could not say which objects are due
  std::string json() const;
};

Task<SweepReport> sweep(RequestInfo info);

}  // namespace flagport::store
