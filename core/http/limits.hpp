// The documented limits (README "Limits"); identical on both providers because
// only the core enforces them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace flagport::limits {

inline constexpr std::size_t kMaxBodyBytes = 256 * 1024;             // a request body, but:
inline constexpr std::size_t kMaxFlagSetBodyBytes = 4608 * 1024;     // one carrying a flag set
inline constexpr std::size_t kMaxFlagSetBytes = 4 * 1024 * 1024;     // a flag set, stored compactly
// What a host reads of any body at most: the largest limit above (it stops reading past it).
inline constexpr std::size_t kMaxReadBodyBytes = kMaxFlagSetBodyBytes;
inline constexpr std::size_t kMaxProjectIdLength = 64;       // [a-z0-9-]{1,64}
inline constexpr std::size_t kMaxFlagKeyBytes = 256;         // flag keys, variant names
inline constexpr std::size_t kVersionsKept = 20;             // history kept for rollback
inline constexpr std::size_t kMaxClientKeys = 50;            // per project
inline constexpr std::size_t kMaxKeyNameBytes = 64;          // a client key's label
inline constexpr std::size_t kMaxAllowedOrigins = 50;        // per project, for OFREP's CORS
inline constexpr std::size_t kMaxOriginHostBytes = 253;      // DNS's own limit for a name
inline constexpr std::size_t kMaxOriginBytes = 267;          // "https://" + host + ":65535"
inline constexpr std::size_t kMaxPendingSchedules = 100;     // per project
inline constexpr std::size_t kFinishedSchedulesKept = 50;    // applied, failed, cancelled ones
inline constexpr std::int64_t kMaxScheduleAheadMs = 366LL * 24 * 3600 * 1000;  // how far `at` may be
inline constexpr std::int64_t kScheduleGraceMs = 60 * 1000;  // how far in the past `at` may be
inline constexpr std::size_t kMaxAccessTokens = 200;          // in the whole service
inline constexpr std::size_t kMaxTokenNameBytes = 64;         // an access token's name
inline constexpr std::size_t kMaxTokenProjects = 100;         // the projects one token is scoped to
inline constexpr std::size_t kMaxListedProjects = 5000;       // what GET /v1/projects lists
// JSON nesting: flags::json_reader::kMaxDepth (core/flags needs nothing from here)

}  // namespace flagport::limits
