#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/evaluation/copy_bytes.hpp"
#include "core/flags/flag_set.hpp"
#include "core/insights/insights_message.hpp"
#include "core/insights/insights_state.hpp"
#include "tests/unit/support/admin.hpp"
#include "tests/unit/support/memory_host.hpp"

using namespace flagport;
using testing::kAdmin;
using nlohmann::json;

namespace {

constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kDay = 24 * kHour;

Settings insight_settings() {
  Settings s = testing::admin_settings();
  s.insights_flush_seconds = 0;  // flush after every response
  return s;
}

std::string flag_set() {
  return json{{"flags",
               {{"checkout",
                 {{"state", "ENABLED"},
                  {"variants", {{"on", true}, {"off", false}}},
                  {"defaultVariant", "off"},
                  {"targeting", {{"if", {{{"==", {{{"var", "tier"}}, "gold"}}}, "on", nullptr}}}}}},
                {"banner", {{"state", "DISABLED"}, {"variants", {{"a", "A"}}}, {"defaultVariant", "a"}}},
                {"unused", {{"state", "ENABLED"}, {"variants", {{"x", 1}}}, {"defaultVariant", "x"}}}}}}
      .dump();
}

json body(const HttpResponse& r) { return json::parse(r.body); }

struct Project {
  testing::MemoryHost host{insight_settings()};
  std::string key;
  Project() {
    REQUIRE(host.http("PUT", "/v1/projects/shop/flags", flag_set(), kAdmin).status == 200);
    key = body(host.http("POST", "/v1/projects/shop/keys", R"({"name":"web"})", kAdmin))["data"]["key"].get<std::string>();
  }
  void evaluate(const std::string& flag, const json& context) {
    REQUIRE(host.http("POST", "/v1/projects/shop/evaluate/" + flag, json{{"context", context}}.dump(), kAdmin).status ==
            200);
  }
  void evaluate_all(const json& context) {
    REQUIRE(host.http("POST", "/v1/projects/shop/evaluate", json{{"context", context}}.dump(), kAdmin).status == 200);
  }
  void ofrep(const std::string& flag, const json& context) {
    host.http("POST", "/ofrep/v1/evaluate/flags/" + flag, json{{"context", context}}.dump(),
              {{"authorization", "Bearer " + key}});
  }
  void ofrep_all(const json& context) {
    REQUIRE(host.http("POST", "/ofrep/v1/evaluate/flags", json{{"context", context}}.dump(),
                      {{"authorization", "Bearer " + key}})
                .status == 200);
  }
  // Every message queued so far, handed to the consumer as one batch.
  std::vector<MessageOutcome> deliver() {
    std::vector<QueueMessage> batch;
    for (const auto& text : host.queued) batch.push_back({"q-" + std::to_string(batch.size()), text, 1});
    host.queued.clear();
    return host.queue("flagport-insights", std::move(batch));
  }
  json insights(const std::string& query = "") {
    HttpRequest request{"GET", "/v1/projects/shop/insights", query, kAdmin, {}};
    auto r = host.http(std::move(request));
    REQUIRE(r.status == 200);
    return body(r)["data"];
  }
};

// count of (flag, variant, reason) in the hours of an insights answer
std::int64_t count_of(const json& data, const std::string& flag, const json& variant, const std::string& reason) {
  std::int64_t n = 0;
  for (const auto& hour : data["hours"])
    for (const auto& c : hour["counts"])
      if (c["flag"] == flag && c["variant"] == variant && c["reason"] == reason) n += c["count"].get<std::int64_t>();
  return n;
}

}  // namespace

TEST_CASE("every evaluation is counted by flag, variant and reason, and reaches the project's insights") {
  Project p;
  p.evaluate("checkout", {{"tier", "gold"}});
  p.evaluate("checkout", {{"tier", "free"}});
  p.ofrep("checkout", {{"tier", "gold"}});
  p.evaluate_all({{"tier", "gold"}});
  p.ofrep_all({{"tier", "free"}});
  p.ofrep("banner", json::object());
  p.ofrep("nothing-here", json::object());  // not a flag of the set: not counted
  REQUIRE_FALSE(p.host.queued.empty());
  auto outcomes = p.deliver();
  for (auto o : outcomes) CHECK(o == MessageOutcome::Done);
  json data = p.insights();
  CHECK(count_of(data, "checkout", "on", "TARGETING_MATCH") == 3);
  CHECK(count_of(data, "checkout", "off", "DEFAULT") == 2);
  CHECK(count_of(data, "banner", nullptr, "DISABLED") == 3);
  CHECK(count_of(data, "unused", "x", "STATIC") == 2);
  CHECK(data["hours"].size() == 1);
  CHECK(data["hours"][0]["hour"] == p.host.now_ms - p.host.now_ms % kHour);
  for (const auto& f : data["flags"]) {
    CHECK(f["lastEvaluated"] == p.host.now_ms);
    if (f["key"] == "checkout") CHECK(f["evaluations"] == 5);
  }
  CHECK(data["flags"].size() == 3);
  CHECK(data["stale"].empty());
  CHECK(data["retentionDays"] == 30);
}

TEST_CASE("a bulk evaluation's time is sent once for all its flags; a later single one keeps its own") {
  Settings s = insight_settings();
  s.insights_flush_seconds = 60;
  testing::MemoryHost host{s};
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", flag_set(), kAdmin).status == 200);
  host.http("POST", "/v1/projects/shop/evaluate/unused", "{}", kAdmin);
  host.now_ms += 1000;
  const std::int64_t bulk = host.now_ms;
  host.http("POST", "/v1/projects/shop/evaluate", "{}", kAdmin);
  host.now_ms += 1000;
  host.http("POST", "/v1/projects/shop/evaluate/checkout", "{}", kAdmin);
  REQUIRE(host.queued.empty());
  host.now_ms += 60'000;
  host.http("POST", "/v1/projects/shop/evaluate/checkout", "{}", kAdmin);  // a flush is due
  REQUIRE(host.queued.size() == 1);
  auto message = insights::decode(host.queued[0]);
  REQUIRE(message);
  const auto& entry = message->projects.at(0);
  CHECK(entry.bulk_last_ms == bulk);
  REQUIRE(entry.last.size() == 1);  // the single evaluation after the bulk one; `unused`'s is older
  CHECK(entry.last[0].flag == "checkout");
  CHECK(entry.last[0].at_ms == host.now_ms);

  std::vector<QueueMessage> batch{{"q-0", host.queued[0], 1}};
  host.queued.clear();
  for (auto o : host.queue("flagport-insights", batch)) CHECK(o == MessageOutcome::Done);
  HttpRequest request{"GET", "/v1/projects/shop/insights", "", kAdmin, {}};
  json data = body(host.http(std::move(request)))["data"];
  REQUIRE(data["flags"].size() == 3);
  for (const auto& f : data["flags"]) CHECK(f["lastEvaluated"] == (f["key"] == "checkout" ? host.now_ms : bulk));
}

TEST_CASE("a message delivered twice counts once; a malformed one is retried alone") {
  Project p;
  p.evaluate("checkout", {{"tier", "gold"}});
  REQUIRE(p.host.queued.size() == 1);
  const std::string message = p.host.queued[0];
  std::vector<QueueMessage> batch{{"a", message, 1}, {"b", "{not json", 1}, {"c", message, 2},
                                  {"d", R"({"v":1,"id":"x-1","projects":[{"project":"BAD ID","seq":1,"hours":[],"last":[]}]})", 1}};
  p.host.queued.clear();
  auto outcomes = p.host.queue("flagport-insights", batch);
  CHECK(outcomes == std::vector<MessageOutcome>{MessageOutcome::Done, MessageOutcome::Retry, MessageOutcome::Done,
                                                 MessageOutcome::Retry});
  CHECK(p.host.queue("flagport-insights", {{"e", message, 3}}) == std::vector<MessageOutcome>{MessageOutcome::Done});
  CHECK(count_of(p.insights(), "checkout", "on", "TARGETING_MATCH") == 1);
}

TEST_CASE("a batch is applied with one commit per project touched, whatever its number of messages") {
  Project p;
  REQUIRE(p.host.http("PUT", "/v1/projects/other/flags", flag_set(), kAdmin).status == 200);
  std::vector<QueueMessage> batch;
  for (int i = 0; i < 40; ++i) {
    p.evaluate("checkout", {{"tier", "gold"}});
    p.host.http("POST", "/v1/projects/other/evaluate", "{}", kAdmin);
  }
  for (const auto& text : p.host.queued) batch.push_back({"m" + std::to_string(batch.size()), text, 1});
  p.host.queued.clear();
  REQUIRE(batch.size() == 80);
  p.host.storage_writes.clear();
  for (auto o : p.host.queue("flagport-insights", batch)) CHECK(o == MessageOutcome::Done);
  // one commit each: a part of counts, a part of last-evaluated times, the state
  CHECK(p.host.storage_writes["insights.shop"] == 3);
  CHECK(p.host.storage_writes["insights.other"] == 3);
  CHECK(count_of(p.insights(), "checkout", "on", "TARGETING_MATCH") == 40);
}

TEST_CASE("a dead-letter queue's messages are acknowledged, not applied") {
  Project p;
  p.evaluate("checkout", {{"tier", "gold"}});
  auto outcomes = p.host.queue("flagport-insights-dlq", {{"a", p.host.queued[0], 4}, {"b", "junk", 4}});
  CHECK(outcomes == std::vector<MessageOutcome>{MessageOutcome::Done, MessageOutcome::Done});
  CHECK(p.insights()["hours"].empty());
}

TEST_CASE("many commits merge their parts and keep the counts exact") {
  Project p;
  for (int round = 0; round < 3 * static_cast<int>(insights::kMergeAfter) + 1; ++round) {
    p.evaluate("checkout", {{"tier", "gold"}});
    p.evaluate_all({{"tier", "free"}});
    p.deliver();
  }
  const int rounds = 3 * static_cast<int>(insights::kMergeAfter) + 1;
  json data = p.insights();
  CHECK(count_of(data, "checkout", "on", "TARGETING_MATCH") == rounds);
  CHECK(count_of(data, "checkout", "off", "DEFAULT") == rounds);
  CHECK(count_of(data, "unused", "x", "STATIC") == rounds);
  // state + at most kMergeAfter parts per list (one hour, the last-evaluated times)
  CHECK(p.host.objects["insights.shop"].size() <= 1 + 2 * insights::kMergeAfter);
}

TEST_CASE("counts land in the hour of their evaluation; the cron prunes hours past retention") {
  Project p;
  const std::int64_t start = p.host.now_ms;
  p.evaluate("checkout", {{"tier", "gold"}});
  p.host.now_ms += 2 * kHour;
  p.evaluate("checkout", {{"tier", "gold"}});
  p.deliver();
  json both = p.insights("from=" + std::to_string(start - kHour));
  CHECK(both["hours"].size() == 2);
  CHECK(p.insights("from=" + std::to_string(start + kHour))["hours"].size() == 1);
  CHECK(p.insights("flag=banner&from=" + std::to_string(start - kHour))["hours"].empty());
  // Past retention the object's alarm (on Lambda, the schedule through the due index) prunes.
  REQUIRE(p.host.alarms.count("insights.shop"));
  p.host.now_ms = start + 30 * kDay + 3 * kHour;
  p.host.scheduled();
  json later = p.insights("from=" + std::to_string(start - kHour) + "&to=" + std::to_string(start + 3 * kHour));
  CHECK(later["hours"].empty());
  CHECK(later["stale"].size() == 3);  // no evaluation in the last 7 days
}

TEST_CASE("the counts a failed send gives back go with the next flush, under the same ids") {
  Project p;
  p.host.queue_down = true;
  p.evaluate("checkout", {{"tier", "gold"}});
  CHECK(p.host.queued.empty());
  p.host.queue_down = false;
  p.evaluate("checkout", {{"tier", "free"}});
  REQUIRE(p.host.queued.size() == 2);
  auto first = insights::decode(p.host.queued[0]);
  REQUIRE(first);
  p.deliver();
  json data = p.insights();
  CHECK(count_of(data, "checkout", "on", "TARGETING_MATCH") == 1);
  CHECK(count_of(data, "checkout", "off", "DEFAULT") == 1);
}

TEST_CASE("INSIGHTS=off counts nothing") {
  Settings s = insight_settings();
  s.insights_enabled = false;
  testing::MemoryHost host{s};
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", flag_set(), kAdmin).status == 200);
  host.http("POST", "/v1/projects/shop/evaluate", "{}", kAdmin);
  CHECK(host.queued.empty());
  CHECK_FALSE(host.has_pending_work());
}

TEST_CASE("a flush waits for its age or its size") {
  Settings s = insight_settings();
  s.insights_flush_seconds = 5;
  s.insights_flush_evaluations = 4;
  testing::MemoryHost host{s};
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", flag_set(), kAdmin).status == 200);
  host.http("POST", "/v1/projects/shop/evaluate/checkout", "{}", kAdmin);
  CHECK(host.queued.empty());
  host.now_ms += 5000;
  host.http("POST", "/v1/projects/shop/evaluate/checkout", "{}", kAdmin);
  CHECK(host.queued.size() == 1);
  host.http("POST", "/v1/projects/shop/evaluate", "{}", kAdmin);  // 3 flags
  CHECK(host.queued.size() == 1);
  host.http("POST", "/v1/projects/shop/evaluate/checkout", "{}", kAdmin);  // the 4th
  CHECK(host.queued.size() == 2);
}

TEST_CASE("a big flush is split into messages under the size limit, each applied") {
  json flags = json::object();
  for (int i = 0; i < 2000; ++i)
    flags["flag-with-a-rather-long-name-" + std::to_string(i)] = {
        {"state", "ENABLED"}, {"variants", {{"on", true}}}, {"defaultVariant", "on"}};
  testing::MemoryHost host{insight_settings()};
  REQUIRE(host.http("PUT", "/v1/projects/big/flags", json{{"flags", flags}}.dump(), kAdmin).status == 200);
  host.http("POST", "/v1/projects/big/evaluate", "{}", kAdmin);
  REQUIRE(host.queued.size() > 1);
  std::vector<QueueMessage> batch;
  for (const auto& m : host.queued) {
    CHECK(m.size() <= insights::kMaxMessageBytes);
    batch.push_back({"m" + std::to_string(batch.size()), m, 1});
  }
  for (auto o : host.queue("flagport-insights", batch)) CHECK(o == MessageOutcome::Done);
  HttpRequest request{"GET", "/v1/projects/big/insights", "flag=flag-with-a-rather-long-name-1999", kAdmin, {}};
  json data = body(host.http(std::move(request)))["data"];
  CHECK(count_of(data, "flag-with-a-rather-long-name-1999", "on", "STATIC") == 1);
  CHECK(data["flags"].size() == 1);
  CHECK(data["flags"][0]["lastEvaluated"] == host.now_ms);  // bulkLast, from the entry's last message
}

TEST_CASE("bad insights queries get badRequest with the parameter's path") {
  Project p;
  auto bad = [&](const std::string& query, const std::string& path) {
    HttpRequest request{"GET", "/v1/projects/shop/insights", query, kAdmin, {}};
    auto r = p.host.http(std::move(request));
    CHECK(r.status == 400);
    json answer = body(r);
    CHECK(answer["status"] == "badRequest");
    CHECK(answer["data"]["errors"][0]["path"] == path);
  };
  bad("from=yesterday", "query:from");
  bad("to=12x", "query:to");
  bad("from=2026-12-07T10:00:00Z&to=2026-12-07T09:00:00Z", "query:from");
  bad("from=2026-10-01T00:00:00Z&to=2026-12-07T09:00:00Z", "query:from");
  bad("staleDays=0", "query:staleDays");
  bad("staleDays=31", "query:staleDays");
  bad("flag=", "query:flag");
  bad("colour=blue", "query:colour");
  bad("flag=%zz", "query:flag");
  HttpRequest unauthenticated{"GET", "/v1/projects/shop/insights", "", {}, {}};
  CHECK(p.host.http(std::move(unauthenticated)).status == 401);
}

TEST_CASE("the copies the counts keep alive are bounded: a quarter of the cache's budget forces a flush") {
  Settings settings = testing::admin_settings();
  settings.insights_flush_seconds = 3600;  // neither age nor number would flush in this test
  settings.cache_budget_bytes = 64 * 1024;
  testing::MemoryHost host(settings);
  std::size_t flushed_after = 0;
  for (int i = 0; i < 200 && host.queued.empty(); ++i) {
    const std::string project = "p" + std::to_string(i);
    REQUIRE(host.http("PUT", "/v1/projects/" + project + "/flags", flag_set(), kAdmin).status == 200);
    REQUIRE(host.http("POST", "/v1/projects/" + project + "/evaluate/checkout", "{}", kAdmin).status == 200);
    flushed_after = i + 1;
  }
  REQUIRE_FALSE(host.queued.empty());
  // Three-flag copies of a few KB each: a flush after a handful of projects, not after all.
  CHECK(flushed_after > 1);
  CHECK(flushed_after < 50);
}

TEST_CASE("copies the cache still holds do not force a flush, however many projects they are") {
  flags::LoadResult loaded = flags::load_flag_set(flag_set());
  REQUIRE(loaded.ok());
  evaluation::PublishedFlags copy;
  copy.flag_set = std::move(loaded.flag_set);
  const std::size_t one = evaluation::copy_bytes(evaluation::shape_of(copy));
  REQUIRE(one > 0);
  Settings settings = testing::admin_settings();
  settings.insights_flush_seconds = 3600;
  settings.cache_budget_bytes = static_cast<std::int64_t>(40 * one);  // a quarter: ten copies
  testing::MemoryHost host(settings);
  auto evaluate = [&](int i) {
    const std::string project = "p" + std::to_string(i);
    REQUIRE(host.http("PUT", "/v1/projects/" + project + "/flags", flag_set(), kAdmin).status == 200);
    REQUIRE(host.http("POST", "/v1/projects/" + project + "/evaluate/checkout", "{}", kAdmin).status == 200);
  };
  for (int round = 0; round < 3; ++round)
    for (int i = 0; i < 20; ++i) evaluate(i);
  CHECK(host.queued.empty());  // twenty copies held, all of them in the cache
  for (int i = 20; i < 60; ++i) evaluate(i);
  CHECK_FALSE(host.queued.empty());  // the cache dropped twenty: more than a quarter of its budget
}
