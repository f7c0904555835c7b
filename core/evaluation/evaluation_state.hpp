// What evaluation keeps across requests in one isolate / process: compiled flag sets
// and key digests. Owned by App; never per-request.
#pragma once

#include "core/evaluation/credentials.hpp"
#include "core/evaluation/published_flags.hpp"
#include "core/ports/settings.hpp"

namespace flagport::evaluation {

struct State {
  explicit State(const Settings& settings)
      : flags(settings) {}
  PublishedFlagsCache flags;
  KeyDigests digests;
};

}  // namespace flagport::evaluation
