#include "bindings/lambda/host/queues.hpp"

#include <doctest/doctest.h>

using namespace flagport::lambda;

TEST_CASE("the insights queue is the URL in FLAGPORT_INSIGHTS_QUEUE_URL") {
  auto queues = Queues::from({{"FLAGPORT_INSIGHTS_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/1/insights"}});
  auto url = queues.url_of("insights");
  REQUIRE(url);
  CHECK(*url == "https://sqs.us-east-1.amazonaws.com/1/insights");
  auto other = queues.url_of("audit");
  REQUIRE_FALSE(other);
  CHECK(other.reason() == "no queue is named audit");
}

TEST_CASE("without the variable, sends to the insights queue fail and say why") {
  auto url = Queues::from({}).url_of("insights");
  REQUIRE_FALSE(url);
  CHECK(url.reason() == "FLAGPORT_INSIGHTS_QUEUE_URL is not set");
}
