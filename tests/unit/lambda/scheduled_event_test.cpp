#include "bindings/lambda/events/scheduled_event.hpp"

#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace flagport::lambda;
using flagport::lambda::test::fixture;

TEST_CASE("an EventBridge schedule gives its id and time") {
  auto event = scheduled_event::from_event(fixture("eventbridge-scheduled.json"));
  REQUIRE(event);
  CHECK(event->id == "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa");
  CHECK(event->time == "2015-10-08T16:53:06Z");
  CHECK_FALSE(scheduled_event::from_event(fixture("sqs.json")));
}
