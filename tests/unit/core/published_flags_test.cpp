// The compiled-flag cache: copies beyond the byte budget are dropped, least recently used
// first.
#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>

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

