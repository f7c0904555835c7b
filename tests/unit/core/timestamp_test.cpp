#include <doctest/doctest.h>

#include "core/http/timestamp.hpp"

using flagport::timestamp::parse_rfc3339;

TEST_CASE("RFC 3339 date-times are read as epoch milliseconds") {
  CHECK(parse_rfc3339("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_rfc3339("2026-12-07T09:00:00Z") == 1796634000000);
  CHECK(parse_rfc3339("2026-12-07T10:00:00+01:00") == 1796634000000);
  CHECK(parse_rfc3339("2026-12-07T04:30:00-04:30") == 1796634000000);
  CHECK(parse_rfc3339("2026-12-07t09:00:00z") == 1796634000000);
  CHECK(parse_rfc3339("2026-12-07T09:00:00.5Z") == 1796634000500);
  CHECK(parse_rfc3339("2026-12-07T09:00:00.123456Z") == 1796634000123);
  CHECK(parse_rfc3339("2028-02-29T00:00:00Z") == 1835395200000);
}

TEST_CASE("anything short of a full RFC 3339 date-time with an offset is refused") {
  for (const char* text : {"", "2026-12-07", "2026-12-07T09:00:00", "2026-12-07 09:00:00Z", "2026-12-07T09:00Z",
                           "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-12-07T24:00:00Z",
                           "2026-12-07T09:60:00Z", "2026-12-07T09:00:60Z", "2026-12-07T09:00:00.Z",
                           "2026-12-07T09:00:00+0100", "2026-12-07T09:00:00+24:00", "2026-12-07T09:00:00Zx",
                           "1969-12-31T23:59:59Z", "+2026-12-07T09:00:00Z", "2026-12-07T09:00:00 Z"})
    CHECK_MESSAGE(!parse_rfc3339(text), text);
}
