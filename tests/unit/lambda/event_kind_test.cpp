#include "bindings/lambda/events/event_kind.hpp"

#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace flagport::lambda;
using flagport::lambda::test::fixture;

TEST_CASE("each documented event is recognised by its deciding field") {
  CHECK(classify_event(fixture("http-api-v2.json")) == EventKind::HttpApiV2);
  CHECK(classify_event(fixture("function-url.json")) == EventKind::HttpApiV2);
  CHECK(classify_event(fixture("rest-api-v1.json")) == EventKind::RestApiV1);
  CHECK(classify_event(fixture("eventbridge-scheduled.json")) == EventKind::ScheduledEvent);
  CHECK(classify_event(fixture("sqs.json")) == EventKind::SqsBatch);
}

TEST_CASE("anything else is unknown") {
  CHECK(classify_event(nlohmann::json::parse("{}")) == EventKind::Unknown);
  CHECK(classify_event(nlohmann::json::parse("[1,2]")) == EventKind::Unknown);
  CHECK(classify_event(nlohmann::json::parse(R"({"source":"aws.events","detail-type":"Other"})")) == EventKind::Unknown);
  CHECK(classify_event(nlohmann::json::parse(R"({"requestContext":{"http":"GET"}})")) == EventKind::Unknown);
}
