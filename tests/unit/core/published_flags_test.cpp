// The compiled-flag cache: past the TTL a copy answers at once and one refresh per project
// runs after the response; never-held or too-stale projects are read while the request
// waits; an unchanged revision is not decoded; copies beyond the byte budget are dropped,
// least recently used first.
#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>

#include "core/evaluation/copy_bytes.hpp"
#include "core/evaluation/published_flags.hpp"
#include "core/store/published_record.hpp"
#include "core/task/run.hpp"

using namespace flagport;
using evaluation::PublishedFlagsCache;

namespace {

constexpr std::int64_t kStart = 1'700'000'000'000;
constexpr std::int64_t kTtlMs = 5'000;

std::string definition(const std::string& colour) {
  return R"({"flags":{"colour":{"state":"ENABLED","variants":{"c":")" + colour + R"("},"defaultVariant":"c"}}})";
}

std::string record(std::int64_t revision, const std::string& text) {
  return store::PublishedRecord{revision, revision, 0, 1, {}, text, {}}.encode();
}

Settings settings(std::int64_t ttl_seconds = kTtlMs / 1000) {
  Settings s;
  s.cache_ttl_seconds = ttl_seconds;
  s.max_staleness_seconds = 60;
  return s;
}

// The cache with a KV of its own: counts the reads it is asked for.
struct Cache {
  explicit Cache(const Settings& s) : cache(s) {}

  std::shared_ptr<const evaluation::PublishedFlags> get(const std::string& project, std::int64_t now_ms) {
    Run<PublishedFlagsCache::Lookup> run(cache.get(project, now_ms));
    run.start();
    drive(run);
    return run.take_result().flags;
  }

  std::unique_ptr<Run<void>> start_refresh(std::int64_t now_ms) {
    auto run = std::make_unique<Run<void>>(cache.refresh(now_ms));
    run->start();
    return run;
  }

  void refresh(std::int64_t now_ms) { drive(*start_refresh(now_ms)); }

  template <class T>
  void drive(Run<T>& run) {
    while (!run.done()) {
      std::vector<EffectResult> results;
      for (const Effect& effect : run.pending()) {
        REQUIRE(effect.kind == EffectKind::KvGet);
        ++reads;
        auto it = kv.find(effect.target);
        results.push_back(it == kv.end() ? EffectResult::not_found() : EffectResult::success(it->second));
      }
      run.resume(std::move(results));
    }
  }

  std::string colour(const std::string& project, std::int64_t now_ms) {
    auto flags = get(project, now_ms);
    return flags ? flags->flag_set->find("colour")->variants["c"].get<std::string>() : "none";
  }

  PublishedFlagsCache cache;
  std::map<std::string, std::string> kv;
  int reads = 0;
};

}  // namespace

TEST_CASE("past the TTL a copy answers at once and one refresh is wanted, which brings the new revision") {
  Cache c(settings());
  c.kv["flags:shop"] = record(1, definition("red"));
  CHECK(c.colour("shop", kStart) == "red");
  CHECK(c.reads == 1);
  CHECK_FALSE(c.cache.refresh_wanted());

  c.kv["flags:shop"] = record(2, definition("blue"));
  CHECK(c.colour("shop", kStart + kTtlMs - 1) == "red");  // fresh: nothing wanted
  CHECK_FALSE(c.cache.refresh_wanted());
  CHECK(c.colour("shop", kStart + kTtlMs) == "red");  // stale: answered without a read
  CHECK(c.reads == 1);
  CHECK(c.cache.refresh_wanted());
  CHECK(c.colour("shop", kStart + kTtlMs + 1) == "red");  // marked once

  c.refresh(kStart + kTtlMs + 2);
  CHECK(c.reads == 2);  // one read for both stale answers
  CHECK_FALSE(c.cache.refresh_wanted());
  CHECK(c.colour("shop", kStart + kTtlMs + 3) == "blue");
  CHECK(c.reads == 2);
}

TEST_CASE("a request while the refresh runs answers from the copy and wants no other refresh") {
  Cache c(settings());
  c.kv["flags:shop"] = record(1, definition("red"));
  c.get("shop", kStart);
  c.kv["flags:shop"] = record(2, definition("blue"));
  c.get("shop", kStart + kTtlMs);
  auto running = c.start_refresh(kStart + kTtlMs);
  REQUIRE(running->pending().size() == 1);  // the refresh waits for its read

  CHECK(c.colour("shop", kStart + kTtlMs + 1) == "red");
  CHECK_FALSE(c.cache.refresh_wanted());
  CHECK(c.reads == 1);

  c.drive(*running);
  CHECK(c.colour("shop", kStart + kTtlMs + 2) == "blue");
  CHECK(c.reads == 2);
}

TEST_CASE("a refresh its host dropped unfinished leaves the project free to be marked again") {
  Cache c(settings());
  c.kv["flags:shop"] = record(1, definition("red"));
  c.get("shop", kStart);
  c.get("shop", kStart + kTtlMs);
  c.start_refresh(kStart + kTtlMs).reset();  // e.g. the Worker's waitUntil cut short
  CHECK_FALSE(c.cache.refresh_wanted());
  c.get("shop", kStart + kTtlMs + 1);
  CHECK(c.cache.refresh_wanted());
}

TEST_CASE("past the max staleness, and for a project not held, the request waits for KV") {
  Cache c(settings());
  c.kv["flags:shop"] = record(1, definition("red"));
  CHECK(c.colour("shop", kStart) == "red");
  c.kv["flags:shop"] = record(2, definition("blue"));
  CHECK(c.colour("shop", kStart + 60'001) == "blue");  // KV confirmed the copy 60.001 s ago
  CHECK(c.reads == 2);
  CHECK_FALSE(c.cache.refresh_wanted());
}

TEST_CASE("with TTL 0 every lookup reads KV first") {
  Cache c(settings(0));
  c.kv["flags:shop"] = record(1, definition("red"));
  CHECK(c.colour("shop", kStart) == "red");
  c.kv["flags:shop"] = record(2, definition("blue"));
  CHECK(c.colour("shop", kStart) == "blue");
  CHECK(c.reads == 2);
  CHECK_FALSE(c.cache.refresh_wanted());
}

TEST_CASE("a refresh that finds the same revision keeps the compiled copy and never decodes the definition") {
  Cache c(settings());
  c.kv["flags:shop"] = record(1, definition("red"));
  auto first = c.get("shop", kStart);
  // Same revision, a definition no loader would accept: only the header may be read.
  c.kv["flags:shop"] = record(1, "{not json");
  c.get("shop", kStart + kTtlMs);
  c.refresh(kStart + kTtlMs);
  CHECK(c.reads == 2);
  CHECK(c.get("shop", kStart + kTtlMs + 1) == first);
  CHECK_FALSE(c.cache.refresh_wanted());  // the refresh confirmed it: fresh for another TTL
}

TEST_CASE("a failed refresh keeps the copy, which is asked about again after a TTL") {
  Cache c(settings());
  c.kv["flags:shop"] = record(1, definition("red"));
  c.get("shop", kStart);
  c.kv["flags:shop"] = "no header line";
  c.get("shop", kStart + kTtlMs);
  c.refresh(kStart + kTtlMs);
  CHECK(c.colour("shop", kStart + 2 * kTtlMs - 1) == "red");
  CHECK_FALSE(c.cache.refresh_wanted());
  CHECK(c.colour("shop", kStart + 2 * kTtlMs) == "red");
  CHECK(c.cache.refresh_wanted());
}

TEST_CASE("copies beyond the byte budget are dropped, least recently used first") {
  std::size_t one = 0;
  {
    Cache probe(settings());
    probe.kv["flags:a"] = record(1, definition("red"));
    probe.get("a", kStart);
    one = probe.cache.bytes();
  }
  REQUIRE(one > 0);
  Settings s = settings();
  s.cache_budget_bytes = static_cast<std::int64_t>(one * 2 + one / 2);  // room for two
  Cache c(s);
  for (const char* p : {"a", "b", "c"}) c.kv[std::string("flags:") + p] = record(1, definition("red"));
  c.get("a", kStart);
  c.get("b", kStart);
  c.get("a", kStart + 1);  // a is now used more recently than b
  c.get("c", kStart + 2);  // over the budget: b goes
  CHECK(c.cache.projects() == 2);
  CHECK(c.cache.bytes() <= static_cast<std::size_t>(s.cache_budget_bytes));
  CHECK(c.reads == 3);
  c.get("a", kStart + 3);
  CHECK(c.reads == 3);  // still held
  c.get("b", kStart + 4);
  CHECK(c.reads == 4);  // read again
}

TEST_CASE("a project bigger than the whole budget is still served, held alone") {
  Settings s = settings();
  s.cache_budget_bytes = 1;
  Cache c(s);
  c.kv["flags:a"] = record(1, definition("red"));
  c.kv["flags:b"] = record(1, definition("blue"));
  CHECK(c.colour("a", kStart) == "red");
  CHECK(c.colour("b", kStart) == "blue");
  CHECK(c.cache.projects() == 1);
  CHECK(c.colour("b", kStart + 1) == "blue");
  CHECK(c.reads == 2);
}

TEST_CASE("a project dropped before its refresh ran is not read by it") {
  std::size_t one = 0;
  {
    Cache probe(settings());
    probe.kv["flags:a"] = record(1, definition("red"));
    probe.get("a", kStart);
    one = probe.cache.bytes();
  }
  Settings s = settings();
  s.cache_budget_bytes = static_cast<std::int64_t>(one + one / 2);  // room for one
  Cache c(s);
  c.kv["flags:a"] = record(1, definition("red"));
  c.kv["flags:b"] = record(1, definition("blue"));
  c.get("a", kStart);
  c.get("a", kStart + kTtlMs);  // a wants a refresh
  c.get("b", kStart + kTtlMs);  // and is dropped for b
  c.refresh(kStart + kTtlMs);
  CHECK(c.reads == 2);
  CHECK_FALSE(c.cache.refresh_wanted());
}

TEST_CASE("a copy's estimate counts its long strings, held once per text written from them") {
  auto estimate = [](std::size_t value_chars) {
    const std::string set = R"({"flags":{"f":{"state":"ENABLED","variants":{"on":")" + std::string(value_chars, 'x') +
                            R"(","off":"o"},"defaultVariant":"off","metadata":{"note":")" + std::string(value_chars, 'y') +
                            R"("}}}})";
    flags::LoadResult loaded = flags::load_flag_set(set);
    REQUIRE(loaded.ok());
    evaluation::PublishedFlags copy;
    copy.flag_set = std::move(loaded.flag_set);
    return evaluation::copy_bytes(evaluation::shape_of(copy));
  };
  // 2,000 more characters in a variant (its JSON value, value text and OFREP head) and in
  // metadata (its value and the flag's metadata text): five copies' worth at least.
  CHECK(estimate(2005) - estimate(5) >= 5 * 2000);
}
