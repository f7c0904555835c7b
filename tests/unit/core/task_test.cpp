#include <doctest/doctest.h>

#include "core/ports/kv.hpp"
#include "core/task/all.hpp"
#include "core/task/run.hpp"

using namespace flagport;

namespace {

Task<int> add_one(int x) { co_return x + 1; }

Task<std::string> read_two() {
  auto [a, b] = co_await all(kv::get("a"), kv::get("b"));
  co_return a.body + "+" + (b.found() ? b.body : std::string("missing"));
}

Task<int> nested() {
  int x = co_await add_one(1);
  EffectResult r = co_await kv::get("k");
  co_return x + static_cast<int>(r.body.size());
}

}  // namespace

TEST_CASE("a task without effects completes on start") {
  Run<int> run(add_one(41));
  run.start();
  REQUIRE(run.done());
  CHECK(run.take_result() == 42);
}

TEST_CASE("all() hands out independent effects as one batch") {
  Run<std::string> run(read_two());
  run.start();
  REQUIRE_FALSE(run.done());
  REQUIRE(run.pending().size() == 2);
  CHECK(run.pending()[0].target == "a");
  CHECK(run.pending()[1].target == "b");
  run.resume({EffectResult::success("1"), EffectResult::not_found()});
  REQUIRE(run.done());
  CHECK(run.take_result() == "1+missing");
}

TEST_CASE("nested tasks share the run and resume in order") {
  Run<int> run(nested());
  run.start();
  REQUIRE(run.pending().size() == 1);
  CHECK(run.pending()[0].kind == EffectKind::KvGet);
  run.resume({EffectResult::success("abc")});
  REQUIRE(run.done());
  CHECK(run.take_result() == 5);
}

TEST_CASE("a result the host did not deliver counts as a failure") {
  Run<std::string> run(read_two());
  run.start();
  run.resume({EffectResult::success("x")});
  REQUIRE(run.done());
  CHECK(run.take_result() == "x+missing");
}

TEST_CASE("runs are independent: two in flight at once") {
  Run<int> first(nested());
  Run<int> second(nested());
  first.start();
  second.start();
  second.resume({EffectResult::success("")});
  first.resume({EffectResult::success("zz")});
  CHECK(first.take_result() == 4);
  CHECK(second.take_result() == 2);
}
