#include "bindings/lambda/host/object_attempt.hpp"

#include <doctest/doctest.h>

using namespace flagport;
using namespace flagport::lambda;

TEST_CASE("an attempt reads its own writes and caches what it loaded") {
  ObjectAttempt attempt("demo");
  CHECK_FALSE(attempt.local_read("state"));
  attempt.loaded("state", EffectResult::success("v1"), 7, std::nullopt);
  CHECK(attempt.local_read("state")->body == "v1");
  attempt.put("state", "v2");
  CHECK(attempt.local_read("state")->body == "v2");
  attempt.put("history/2", "h");
  attempt.remove("history/2");
  CHECK(attempt.local_read("history/2")->outcome == Outcome::NotFound);
}

TEST_CASE("the plan: write-once puts, the state at the loaded revision, then deletes") {
  ObjectAttempt attempt("demo");
  attempt.loaded("state", EffectResult::success("v1"), 7, std::nullopt);
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
  fresh.loaded("state", EffectResult::not_found(), std::nullopt, std::nullopt);
  fresh.put("state", "v1");
  CommitPlan plan = fresh.plan();
  CHECK(plan.state_revision_known);
  CHECK_FALSE(plan.expected_revision);

  ObjectAttempt reader("demo");
  reader.loaded("state", EffectResult::success("v1"), 1, std::nullopt);
  CHECK(reader.plan().empty());
}

TEST_CASE("a failed read is not cached, and a blind state write does not know its revision") {
  ObjectAttempt attempt("demo");
  attempt.loaded("state", EffectResult::failure("timeout"), std::nullopt, std::nullopt);
  CHECK_FALSE(attempt.local_read("state"));
  attempt.put("state", "v9");
  CHECK_FALSE(attempt.plan().state_revision_known);
}

TEST_CASE("the alarm: the last one set, written with the state, else the loaded one carried over") {
  ObjectAttempt publish("demo");
  publish.loaded("state", EffectResult::success("v1"), 3, 1000);
  publish.put("state", "v2");
  publish.set_alarm(5000);
  publish.set_alarm(7000);
  CommitPlan plan = publish.plan();
  CHECK(plan.due() == std::optional<std::int64_t>(7000));
  CHECK_FALSE(plan.due_update());  // it rides on the state write

  ObjectAttempt rename("demo");
  rename.loaded("state", EffectResult::success("v1"), 3, 1000);
  rename.put("state", "v2");
  CHECK(rename.plan().due() == std::optional<std::int64_t>(1000));

  ObjectAttempt cleared("demo");
  cleared.loaded("state", EffectResult::success("v1"), 3, 1000);
  cleared.put("state", "v2");
  cleared.set_alarm(9000);
  cleared.set_alarm(0);
  CHECK_FALSE(cleared.plan().due());
}

TEST_CASE("an alarm changed without a state write is an update of the existing state, only when it changed") {
  ObjectAttempt woken("demo");
  woken.loaded("state", EffectResult::success("v1"), 3, 1000);
  woken.set_alarm(0);
  CommitPlan plan = woken.plan();
  CHECK(plan.due_update());
  CHECK_FALSE(plan.due());
  CHECK(plan.expected_revision == std::optional<std::int64_t>(3));
  CHECK_FALSE(plan.empty());

  ObjectAttempt retry("demo");
  retry.loaded("state", EffectResult::success("v1"), 3, 1000);
  retry.set_alarm(61000);
  CHECK(retry.plan().due_update());
  CHECK(retry.plan().due() == std::optional<std::int64_t>(61000));

  ObjectAttempt same("demo");
  same.loaded("state", EffectResult::success("v1"), 3, 1000);
  same.set_alarm(1000);
  CHECK(same.plan().empty());

  ObjectAttempt none("demo");
  none.loaded("state", EffectResult::success("v1"), 3, std::nullopt);
  none.set_alarm(0);
  CHECK(none.plan().empty());

  ObjectAttempt missing("demo");  // no state item: nowhere to keep an alarm, nothing to commit
  missing.loaded("state", EffectResult::not_found(), std::nullopt, 1000);
  missing.set_alarm(5000);
  CHECK_FALSE(missing.plan().due_update());
  CHECK(missing.plan().empty());

  ObjectAttempt blind("demo");  // the state never read: the commit reads its revision first
  blind.set_alarm(5000);
  CHECK(blind.plan().due_update());
  CHECK_FALSE(blind.plan().state_revision_known);
}
