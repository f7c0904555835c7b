// What evaluation keeps across requests in one isolate / process: compiled flag sets,
// key digests and the evaluation counts not yet flushed. Owned by App; never per-request.
#pragma once

#include "core/evaluation/credentials.hpp"
#include "core/evaluation/published_flags.hpp"
#include "core/insights/tally.hpp"
#include "core/ports/settings.hpp"

namespace flagport::evaluation {

struct State {
  explicit State(const Settings& settings)
      : flags(settings), tally(settings) {}
  PublishedFlagsCache flags;
  KeyDigests digests;
  insights::Tally tally;
};

}  // namespace flagport::evaluation
