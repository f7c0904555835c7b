#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/unit/support/admin.hpp"
#include "tests/unit/support/memory_host.hpp"

using namespace flagport;
using testing::kAdmin;
using nlohmann::json;

namespace {

std::string flag_set(const std::string& default_variant = "off") {
  return json{{"flags",
               {{"checkout",
                 {{"state", "ENABLED"}, {"variants", {{"on", true}, {"off", false}}}, {"defaultVariant", default_variant}}}}}}
      .dump();
}

json body(const HttpResponse& r) { return json::parse(r.body); }

struct Project {
  testing::MemoryHost host{testing::store_settings()};
  Project() { REQUIRE(host.http("PUT", "/v1/projects/shop/flags", flag_set(), kAdmin).status == 200); }

  HttpResponse schedule(const json& request, std::vector<std::pair<std::string, std::string>> headers = kAdmin) {
    return host.http("POST", "/v1/projects/shop/schedules", request.dump(), std::move(headers));
  }
  json schedules() { return body(host.http("GET", "/v1/projects/shop/schedules", {}, kAdmin))["data"]["schedules"]; }
  json definition() { return body(host.http("GET", "/v1/projects/shop/flags", {}, kAdmin))["data"]["definition"]; }
  json versions() { return body(host.http("GET", "/v1/projects/shop/versions", {}, kAdmin))["data"]["versions"]; }
  // The clock moves on and the periodic entry point runs, as EventBridge's or a cron would.
  json tick(std::int64_t to_ms) {
    host.now_ms = to_ms;
    return json::parse(host.scheduled());
  }
};

json errors_of(const HttpResponse& r) {
  json paths = json::array();
  const json answer = body(r);
  for (const auto& e : answer["data"]["errors"]) paths.push_back(e["path"]);
  return paths;
}

}  // namespace

TEST_CASE("a scheduled patch applies at its time, as a version that names it") {
  Project p;
  const std::int64_t at = p.host.now_ms + 3'600'000;
  auto made = p.schedule({{"at", at}, {"change", {{"type", "patch"}, {"flagKey", "checkout"}, {"defaultVariant", "on"}}}});
  REQUIRE(made.status == 200);
  const json schedule = body(made)["data"];
  CHECK(schedule["status"] == "pending");
  CHECK(schedule["at"] == at);
  CHECK(schedule["project"] == "shop");
  CHECK(schedule["id"].get<std::string>().rfind("sch_", 0) == 0);

  // Woken before its time (the publish re-check): nothing applies, the alarm moves to `at`.
  CHECK(p.tick(p.host.now_ms + 10'000) == json{{"woken", 1}, {"failed", 0}, {"listed", true}});
  CHECK(p.definition()["flags"]["checkout"]["defaultVariant"] == "off");
  CHECK(p.host.alarms["shop"] == at);
  CHECK(p.tick(at - 1)["woken"] == 0);

  CHECK(p.tick(at)["woken"] == 1);
  CHECK(p.definition()["flags"]["checkout"]["defaultVariant"] == "on");
  const json versions = p.versions();
  CHECK(versions[0]["version"] == 2);
  CHECK(versions[0]["action"] == "patch");
  CHECK(versions[0]["schedule"] == schedule["id"]);
  CHECK(!versions[1].contains("schedule"));
  const json done = p.schedules()[0];
  CHECK(done["status"] == "applied");
  CHECK(done["version"] == 2);
  CHECK(done["doneAt"] == at);
  // Published to KV and nothing left to do: no alarm, and the next sweep wakes nobody.
  CHECK(json::parse(p.host.kv["flags:shop"].substr(0, p.host.kv["flags:shop"].find('\n')))["version"] == 2);
  CHECK(p.host.alarms.count("shop") == 0);
  CHECK(p.tick(at + 60'000)["woken"] == 0);
}

TEST_CASE("the platform alarm applies a due schedule as the sweep does") {
  Project p;
  const std::int64_t at = p.host.now_ms + 60'000;
  REQUIRE(p.schedule({{"at", at}, {"change", {{"type", "patch"}, {"flagKey", "checkout"}, {"state", "DISABLED"}}}})
              .status == 200);
  p.host.now_ms = at;
  p.host.alarm("shop");
  CHECK(p.definition()["flags"]["checkout"]["state"] == "DISABLED");
}

TEST_CASE("a schedule whose If-Match no longer holds fails with the reason and applies nothing") {
  Project p;
  const std::int64_t at = p.host.now_ms + 60'000;
  auto headers = kAdmin;
  headers.emplace_back("if-match", "\"1\"");
  REQUIRE(p.schedule({{"at", at}, {"change", {{"type", "rollback"}, {"version", 1}}}}, headers).status == 200);
  CHECK(p.schedules()[0]["ifMatch"] == 1);
  REQUIRE(p.host.http("PUT", "/v1/projects/shop/flags", flag_set("on"), kAdmin).status == 200);

  p.tick(at);
  const json failed = p.schedules()[0];
  CHECK(failed["status"] == "failed");
  CHECK(failed["reason"].get<std::string>().find("If-Match names version 1, the current version is 2") !=
        std::string::npos);
  CHECK(p.versions().size() == 2);
  CHECK(p.definition()["flags"]["checkout"]["defaultVariant"] == "on");

  // And a stale If-Match is refused when the schedule is made.
  CHECK(p.schedule({{"at", at}, {"change", {{"type", "rollback"}, {"version", 1}}}}, headers).status == 409);
}

TEST_CASE("a scheduled patch of a flag that is gone fails; a rollback to a kept version applies") {
  Project p;
  const std::int64_t at = p.host.now_ms + 60'000;
  REQUIRE(p.schedule({{"at", at}, {"change", {{"type", "patch"}, {"flagKey", "gone"}, {"state", "DISABLED"}}}})
              .status == 200);
  REQUIRE(p.host.http("PUT", "/v1/projects/shop/flags", flag_set("on"), kAdmin).status == 200);
  REQUIRE(p.schedule({{"at", at + 1}, {"change", {{"type", "rollback"}, {"version", 1}}}}).status == 200);
  p.tick(at + 1);
  const json list = p.schedules();
  REQUIRE(list.size() == 2);
  CHECK(list[0]["status"] == "applied");  // finished ones newest first
  CHECK(list[0]["change"] == json{{"type", "rollback"}, {"version", 1}});
  CHECK(list[1]["status"] == "failed");
  CHECK(list[1]["reason"] == "no flag 'gone' in the current flag set");
  CHECK(p.versions()[0]["rolledBackFrom"] == 1);
  CHECK(p.definition()["flags"]["checkout"]["defaultVariant"] == "off");
}

TEST_CASE("a scheduled publish stores the definition as written and applies it whole") {
  Project p;
  const std::int64_t at = p.host.now_ms + 60'000;
  const std::string definition =
      R"({"flags":{"cfg":{"state":"ENABLED","variants":{"v":{"zeta":1,"alpha":1.0}},"defaultVariant":"v"}}})";
  const std::string request = R"({"change": {"type": "publish", "definition": )" + definition +
                              R"(}, "at": )" + std::to_string(at) + "}";
  auto made = p.host.http("POST", "/v1/projects/shop/schedules", request, kAdmin);
  REQUIRE(made.status == 200);
  CHECK(body(made)["data"]["change"] == json{{"type", "publish"}, {"flags", 1}});
  p.tick(at);
  auto got = p.host.http("GET", "/v1/projects/shop/flags", {}, kAdmin);
  CHECK(got.body.find(R"("definition":)" + definition) != std::string::npos);
  for (const auto& [key, value] : p.host.objects["shop"]) CHECK(key.rfind("sch:", 0) != 0);  // its blob is gone
}

TEST_CASE("cancelling: only a pending schedule, and it never applies") {
  Project p;
  const std::int64_t at = p.host.now_ms + 60'000;
  auto made = p.schedule({{"at", at}, {"change", {{"type", "patch"}, {"flagKey", "checkout"}, {"state", "DISABLED"}}}});
  const std::string id = body(made)["data"]["id"].get<std::string>();
  auto one = p.host.http("GET", "/v1/projects/shop/schedules/" + id, {}, kAdmin);
  CHECK(body(one)["data"]["id"] == id);
  auto cancelled = p.host.http("DELETE", "/v1/projects/shop/schedules/" + id, {}, kAdmin);
  REQUIRE(cancelled.status == 200);
  CHECK(body(cancelled)["data"]["status"] == "cancelled");
  CHECK(p.host.http("DELETE", "/v1/projects/shop/schedules/" + id, {}, kAdmin).status == 409);
  CHECK(p.host.http("DELETE", "/v1/projects/shop/schedules/sch_nope", {}, kAdmin).status == 404);
  CHECK(p.host.http("GET", "/v1/projects/shop/schedules/sch_nope", {}, kAdmin).status == 404);
  p.tick(at);
  CHECK(p.definition()["flags"]["checkout"]["state"] == "ENABLED");
  CHECK(p.versions().size() == 1);
}

TEST_CASE("schedules are applied in the order they fall due") {
  Project p;
  const std::int64_t at = p.host.now_ms + 60'000;
  REQUIRE(p.schedule({{"at", at + 2}, {"change", {{"type", "patch"}, {"flagKey", "checkout"}, {"defaultVariant", "off"}}}})
              .status == 200);
  REQUIRE(p.schedule({{"at", at + 1}, {"change", {{"type", "patch"}, {"flagKey", "checkout"}, {"defaultVariant", "on"}}}})
              .status == 200);
  CHECK(p.schedules()[0]["at"] == at + 1);
  p.tick(at + 5);
  CHECK(p.definition()["flags"]["checkout"]["defaultVariant"] == "off");
  CHECK(p.versions()[0]["version"] == 3);
}

TEST_CASE("bad schedule requests are refused with paths and store nothing") {
  Project p;
  const std::int64_t now = p.host.now_ms;
  CHECK(errors_of(p.schedule(json::object())) == json{"/at", "/change"});
  CHECK(errors_of(p.schedule({{"at", "tomorrow"}, {"change", {{"type", "rollback"}, {"version", 1}}}})) == json{"/at"});
  CHECK(errors_of(p.schedule({{"at", now - 120'000}, {"change", {{"type", "rollback"}, {"version", 1}}}})) ==
        json{"/at"});
  CHECK(errors_of(p.schedule({{"at", now + 400LL * 86'400'000}, {"change", {{"type", "rollback"}, {"version", 1}}}})) ==
        json{"/at"});
  CHECK(errors_of(p.schedule({{"at", now}, {"change", {{"type", "merge"}}}, {"extra", 1}})) ==
        json{"/change/type", "/extra"});
  CHECK(errors_of(p.schedule({{"at", now}, {"change", {{"type", "patch"}, {"state", "ON"}, {"x", 1}}}})) ==
        json{"/change/flagKey", "/change/state", "/change/x"});
  CHECK(errors_of(p.schedule({{"at", now}, {"change", {{"type", "patch"}, {"flagKey", "checkout"}}}})) ==
        json{"/change"});
  CHECK(errors_of(p.schedule({{"at", now}, {"change", {{"type", "rollback"}, {"version", 0}}}})) ==
        json{"/change/version"});
  auto broken = p.schedule(
      {{"at", now}, {"change", {{"type", "publish"}, {"definition", {{"flags", {{"f", {{"state", "ON"}}}}}}}}}});
  CHECK(body(broken)["status"] == "badRequest");
  for (const auto& path : errors_of(broken)) CHECK(path.get<std::string>().rfind("/change/definition/flags/f", 0) == 0);
  CHECK(p.host.http("POST", "/v1/projects/shop/schedules", "[]", kAdmin).status == 400);
  CHECK(p.host.http("POST", "/v1/projects/shop/schedules", "{}").status == 401);
  CHECK(p.schedules().empty());
}

TEST_CASE("at most 100 pending schedules per project; the time may be RFC 3339") {
  Project p;
  p.host.now_ms = 1796547600000;  // 2026-12-06T09:00:00Z
  for (int i = 0; i < 100; ++i)
    REQUIRE(p.schedule({{"at", "2026-12-07T09:00:00Z"}, {"change", {{"type", "rollback"}, {"version", 1}}}}).status ==
            200);
  CHECK(p.schedules()[0]["at"] == 1796634000000);
  auto refused = p.schedule({{"at", "2026-12-07T09:00:00Z"}, {"change", {{"type", "rollback"}, {"version", 1}}}});
  CHECK(refused.status == 409);
}
