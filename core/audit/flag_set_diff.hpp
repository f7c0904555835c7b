// What a flag-set change changed, for its audit entry: the flags added, removed and changed,
// and for each changed flag which of its fields (state, defaultVariant, variants, targeting,
// metadata, ...); `set` names the top-level members besides `flags` that changed
// ($evaluators, metadata). Each list names at most kMaxNamed flags; `counts` has the totals.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/json.hpp"

namespace flagport::audit {

inline constexpr std::size_t kMaxNamed = 50;

// {"added":[..],"removed":[..],"changed":{"flag":["state",..]},"set":[..],
//  "counts":{"added":n,"removed":n,"changed":n}}; `before` may be empty (the first publish).
Json flag_set_diff(std::string_view before, std::string_view after);

}  // namespace flagport::audit
