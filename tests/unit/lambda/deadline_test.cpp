#include "bindings/lambda/runtime/invocation.hpp"

#include <doctest/doctest.h>

using namespace flagport::lambda;
using namespace std::chrono;

TEST_CASE("Lambda-Runtime-Deadline-Ms: a future epoch time is the deadline") {
  system_clock::time_point now{milliseconds(1'800'000'000'000)};
  auto deadline = plausible_deadline("1800000003000", now);
  REQUIRE(deadline);
  CHECK(duration_cast<milliseconds>(*deadline - now).count() == 3000);
}

TEST_CASE("Lambda-Runtime-Deadline-Ms: @vercel/fun's constant, the past and garbage mean unknown") {
  system_clock::time_point now{milliseconds(1'800'000'000'000)};
  CHECK_FALSE(plausible_deadline("5000", now));           // fun 1.3.6 sends this constant
  CHECK_FALSE(plausible_deadline("1799999999000", now));  // already past: unknown, not expired
  CHECK_FALSE(plausible_deadline("", now));
  CHECK_FALSE(plausible_deadline("12abc", now));
}
