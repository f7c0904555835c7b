// The bulk answer's entity tag: the flag-set version and the evaluation context (only
// the attributes the rules can read, in canonical order), so a client whose context
// changed never gets a stale 304. Pure function of bytes: the same on both providers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/flags/evaluation_context.hpp"

namespace flagport::ofrep {

std::string bulk_etag(std::string_view project, std::int64_t version, const flags::EvaluationContext& context);

// True when an If-None-Match header value names `etag` (a list, or *).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

}  // namespace flagport::ofrep
