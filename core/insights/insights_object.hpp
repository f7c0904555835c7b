// A project's insights object: hourly evaluation counts and each flag's last evaluation,
// kept for Settings::insights_retention_days (insights_state.hpp says how).
//
// Methods (arguments: a JSON object, then after a newline the attached lines):
//   add    {requestId, now}, lines: single-project insights messages. Applies those not
//          applied before (by producer and seq) in one commit; prunes what is past retention.
//   query  {from, to, flag?, staleDays, now}: the counts of the hours from the one holding
//          `from` to the one holding `to`, and for
//          each flag of the set published now its evaluations in them, its last evaluation
//          time, and whether it is stale (not evaluated for staleDays).
//   wake   {now}: prunes (the object's alarm, or Lambda's schedule through the due index).
// Alarms are set on the object's clock, for when the oldest hour passes retention, an hour
// from now at the earliest.
#pragma once

#include <string>

#include "core/http/request.hpp"
#include "core/ports/settings.hpp"
#include "core/task/task.hpp"

namespace flagport::insights {

Task<std::string> call_insights_object(std::string project, std::string method, std::string args, RequestInfo info,
                                       const Settings& settings);

}  // namespace flagport::insights
