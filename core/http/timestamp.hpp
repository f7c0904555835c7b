// Instants as the API reads them: RFC 3339 date-times ("2026-12-07T09:00:00Z",
// "2026-12-07T10:00:00.250+01:00"), as epoch milliseconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace flagport::timestamp {

// nullopt unless `text` is a full RFC 3339 date-time with an offset (Z or ±HH:MM), years
// 1970 to 9999; fractions beyond milliseconds are truncated. Leap seconds (:60) are refused.
std::optional<std::int64_t> parse_rfc3339(std::string_view text);

}  // namespace flagport::timestamp
