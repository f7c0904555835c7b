// Sends the evaluation counts an isolate / process holds to the insights queue: the work
// App::after does once Tally::flush_due() says so.
#pragma once

#include "core/insights/tally.hpp"
#include "core/task/task.hpp"

namespace flagport::insights {

// One QueueSend of every message; on failure they are given back to the tally (logged).
Task<void> flush(Tally& tally);

}  // namespace flagport::insights
