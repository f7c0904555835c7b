// What requests keep across requests in one isolate / process: compiled flag sets, key and
// token digests, the evaluation counts not yet flushed, the access tokens' directory and the
// projects this instance has listed in it.
// Owned by App; never per-request.
#pragma once

#include "core/access/project_registry.hpp"
#include "core/access/token_cache.hpp"
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
  access::TokenCache tokens;
  access::ProjectRegistry projects;
};

}  // namespace flagport::evaluation
