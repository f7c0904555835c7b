// The layout of the tally's counters, shared by counting (tally.cpp) and by the flush that
// writes them (tally_messages.cpp). Internal to core/insights.
#pragma once

#include <cstdint>

#include "core/flags/evaluation.hpp"

namespace flagport::insights::tally_slots {

// Per flag, a group of counters for "no variant" and one per variant, each counter a reason.
// Evaluation (flags/evaluation.cpp) answers a variant with STATIC, TARGETING_MATCH or DEFAULT,
// and no variant with DEFAULT, DISABLED or ERROR: four counters a group (the fourth UNKNOWN, for
// any other reason) rather than one per reason leave a bulk request a third less to touch.
inline constexpr std::uint32_t kGroupSlots = 4;
inline constexpr flags::Reason kNoVariantReasons[kGroupSlots] = {flags::Reason::Default, flags::Reason::Disabled,
                                                                 flags::Reason::Error, flags::Reason::Unknown};
inline constexpr flags::Reason kVariantReasons[kGroupSlots] = {flags::Reason::Static, flags::Reason::TargetingMatch,
                                                               flags::Reason::Default, flags::Reason::Unknown};

// `reason`'s counter within its group.
inline std::uint32_t reason_slot(bool variant, flags::Reason reason) {
  switch (reason) {
    case flags::Reason::Static: return variant ? 0 : 3;
    case flags::Reason::TargetingMatch: return variant ? 1 : 3;
    case flags::Reason::Default: return variant ? 2 : 0;
    case flags::Reason::Disabled: return variant ? 3 : 1;
    case flags::Reason::Error: return variant ? 3 : 2;
    default: return 3;
  }
}

}  // namespace flagport::insights::tally_slots
