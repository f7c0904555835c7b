#include "bindings/lambda/host/object_attempt.hpp"

#include <doctest/doctest.h>

using namespace flagport;
using namespace flagport::lambda;

TEST_CASE("an attempt reads its own writes and caches what it loaded") {
  ObjectAttempt attempt("demo");
  CHECK_FALSE(attempt.local_read("state"));
  attempt.loaded("state", EffectResult::success("v1"), 7);
  CHECK(attempt.local_read("state")->body == "v1");
  attempt.put("state", "v2");
  CHECK(attempt.local_read("state")->body == "v2");
  attempt.put("history/2", "h");
  attempt.remove("history/2");
  CHECK(attempt.local_read("history/2")->outcome == Outcome::NotFound);
}

TEST_CASE("the plan: write-once puts, the state at the loaded revision, then deletes") {
  ObjectAttempt attempt("demo");
  attempt.loaded("state", EffectResult::success("v1"), 7);
  attempt.put("history/8", "h8");
  attempt.put("state", "v2");
  attempt.remove("history/1");
  CommitPlan plan = attempt.plan();
  REQUIRE(plan.write_once.size() == 1);
  CHECK(plan.write_once[0].first == "history/8");
  CHECK(plan.state == std::optional<std::string>("v2"));
  CHECK(plan.state_revision_known);
  CHECK(plan.expected_revision == std::optional<std::int64_t>(7));
  CHECK(plan.deletes == std::vector<std::string>{"history/1"});
}

TEST_CASE("a new object commits on the state not existing; a read-only attempt commits nothing") {
  ObjectAttempt fresh("demo");
  fresh.loaded("state", EffectResult::not_found(), std::nullopt);
  fresh.put("state", "v1");
  CommitPlan plan = fresh.plan();
  CHECK(plan.state_revision_known);
  CHECK_FALSE(plan.expected_revision);

  ObjectAttempt reader("demo");
  reader.loaded("state", EffectResult::success("v1"), 1);
  CHECK(reader.plan().empty());
}

TEST_CASE("a failed read is not cached, and a blind state write does not know its revision") {
  ObjectAttempt attempt("demo");
  attempt.loaded("state", EffectResult::failure("timeout"), std::nullopt);
  CHECK_FALSE(attempt.local_read("state"));
  attempt.put("state", "v9");
  CHECK_FALSE(attempt.plan().state_revision_known);
}
