#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/audit/audit_log.hpp"
#include "core/audit/flag_set_diff.hpp"
#include "tests/unit/support/admin.hpp"
#include "tests/unit/support/memory_host.hpp"

using namespace flagport;
using testing::kAdmin;
using nlohmann::json;

namespace {

json flag(const std::string& state, const std::string& default_variant = "on") {
  return {{"state", state}, {"variants", {{"on", true}, {"off", false}}}, {"defaultVariant", default_variant}};
}

json body(const HttpResponse& r) { return json::parse(r.body); }

struct Project {
  testing::MemoryHost host{testing::admin_settings()};

  int publish(const json& flags, std::vector<std::pair<std::string, std::string>> headers = kAdmin) {
    return host.http("PUT", "/v1/projects/shop/flags", json{{"flags", flags}}.dump(), std::move(headers)).status;
  }
  json audit(const std::string& query = "") {
    HttpRequest request{"GET", "/v1/projects/shop/audit", query, kAdmin, {}};
    auto r = host.http(std::move(request));
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return body(r)["data"];
  }
  json entries() { return audit()["entries"]; }
};

}  // namespace

TEST_CASE("a flag-set diff names the flags added, removed and changed, and the changed fields") {
  const json before = {{"flags", {{"a", flag("ENABLED")}, {"b", flag("ENABLED")}, {"c", flag("ENABLED")}}}};
  json after = {{"flags", {{"a", flag("DISABLED", "off")}, {"c", flag("ENABLED")}, {"d", flag("ENABLED")}}},
                {"$evaluators", json::object()}};
  json diff = audit::flag_set_diff(before.dump(), after.dump());
  CHECK(diff["added"] == json{"d"});
  CHECK(diff["removed"] == json{"b"});
  CHECK(diff["changed"] == json{{"a", {"defaultVariant", "state"}}});  // in the member order written
  CHECK(diff["set"] == json{"$evaluators"});
  CHECK(diff["counts"] == json{{"added", 1}, {"removed", 1}, {"changed", 1}});

  CHECK(audit::flag_set_diff("", before.dump())["added"] == json{"a", "b", "c"});
  json many = {{"flags", json::object()}};
  for (int i = 0; i < 80; ++i) many["flags"]["f" + std::to_string(i)] = flag("ENABLED");
  json capped = audit::flag_set_diff("", many.dump());
  CHECK(capped["added"].size() == audit::kMaxNamed);
  CHECK(capped["counts"]["added"] == 80);
}

TEST_CASE("each flag change appends one entry: actor, action, versions and what changed") {
  Project p;
  REQUIRE(p.publish({{"a", flag("ENABLED")}}) == 200);
  REQUIRE(p.host.http("PATCH", "/v1/projects/shop/flags/a", R"({"state":"DISABLED"})", kAdmin).status == 200);
  REQUIRE(p.host.http("POST", "/v1/projects/shop/rollback", R"({"version":1})", kAdmin).status == 200);

  json entries = p.entries();
  REQUIRE(entries.size() == 3);
  CHECK(entries[0]["seq"] == 3);
  CHECK(entries[0]["action"] == "flags.rollback");
  CHECK(entries[0]["versionBefore"] == 2);
  CHECK(entries[0]["versionAfter"] == 3);
  CHECK(entries[0]["summary"]["restored"] == 1);
  CHECK(entries[0]["summary"]["changed"] == json{{"a", {"state"}}});
  CHECK(entries[1]["action"] == "flags.patch");
  CHECK(entries[1]["target"] == "a");
  CHECK(entries[1]["summary"]["changed"] == json{{"a", {"state"}}});
  CHECK(entries[2]["action"] == "flags.publish");
  CHECK(entries[2]["versionBefore"] == 0);
  CHECK(entries[2]["summary"]["added"] == json{"a"});
  for (const auto& e : entries) {
    CHECK(e["actor"] == json{{"kind", "root"}});
    CHECK(e["requestId"].get<std::string>().rfind("req-", 0) == 0);
    CHECK(e["at"] == p.host.now_ms);
  }
}

TEST_CASE("keys, origins and schedules are audited; a token's change names the token") {
  Project p;
  REQUIRE(p.publish({{"a", flag("ENABLED")}}) == 200);
  auto token = body(p.host.http("POST", "/v1/tokens", R"({"name":"deployer","role":"owner"})", kAdmin))["data"];
  const std::vector<std::pair<std::string, std::string>> as{{"authorization", "Bearer " + token["token"].get<std::string>()}};
  auto key = body(p.host.http("POST", "/v1/projects/shop/keys", R"({"name":"web"})", as))["data"];
  REQUIRE(p.host.http("DELETE", "/v1/projects/shop/keys/" + key["id"].get<std::string>(), {}, as).status == 200);
  REQUIRE(p.host.http("PUT", "/v1/projects/shop/origins", R"({"allowedOrigins":["https://a.example"]})", as).status == 200);
  const json change = {{"at", p.host.now_ms + 60'000}, {"change", {{"type", "patch"}, {"flagKey", "a"}, {"state", "DISABLED"}}}};
  auto schedule = body(p.host.http("POST", "/v1/projects/shop/schedules", change.dump(), as))["data"];

  json entries = p.entries();
  REQUIRE(entries.size() == 5);
  const json actor = {{"kind", "token"}, {"id", token["id"]}, {"name", "deployer"}};
  CHECK(entries[0]["action"] == "schedules.create");
  CHECK(entries[0]["target"] == schedule["id"]);
  CHECK(entries[1]["action"] == "origins.set");
  CHECK(entries[1]["summary"] == json{{"before", json::array()}, {"after", {"https://a.example"}}});
  CHECK(entries[2]["action"] == "keys.revoke");
  CHECK(entries[3]["action"] == "keys.create");
  CHECK(entries[3]["summary"] == json{{"name", "web"}});
  for (int i = 0; i < 4; ++i) CHECK(entries[i]["actor"] == actor);

  // The change a schedule applies names the schedule and who made it.
  p.host.now_ms += 61'000;
  p.host.scheduled();
  json applied = p.entries()[0];
  CHECK(applied["action"] == "flags.patch");
  CHECK(applied["actor"] == json{{"kind", "schedule"}, {"id", schedule["id"]}, {"createdBy", actor}});

  json tokens = body(p.host.http("GET", "/v1/audit", {}, kAdmin))["data"]["entries"];
  REQUIRE(tokens.size() == 1);
  CHECK(tokens[0]["action"] == "tokens.create");
  CHECK(tokens[0]["target"] == token["id"]);
  CHECK(tokens[0]["summary"]["role"] == "owner");
}

TEST_CASE("a change that fails leaves no entry") {
  Project p;
  REQUIRE(p.publish({{"a", flag("ENABLED")}}) == 200);
  // Refused by validation, by If-Match, for a flag that does not exist.
  CHECK(p.host.http("PUT", "/v1/projects/shop/flags", R"({"flags":{"a":{"state":"ON"}}})", kAdmin).status == 400);
  auto stale = kAdmin;
  stale.emplace_back("if-match", "\"7\"");
  CHECK(p.host.http("PATCH", "/v1/projects/shop/flags/a", R"({"state":"DISABLED"})", stale).status == 409);
  CHECK(p.host.http("PATCH", "/v1/projects/shop/flags/zz", R"({"state":"DISABLED"})", kAdmin).status == 404);
  // The store fails the commit.
  p.host.failing_state_puts.insert("shop");
  CHECK(p.publish({{"a", flag("DISABLED")}}) == 500);
  p.host.failing_state_puts.clear();
  CHECK(p.entries().size() == 1);
  CHECK(p.audit()["next"].is_null());
}

TEST_CASE("entries page newest first across write-once pages, and `next` walks to the oldest") {
  Project p;
  REQUIRE(p.publish({{"a", flag("ENABLED")}}) == 200);
  const int changes = 2 * static_cast<int>(audit::kInlineEntries) + 7;
  for (int i = 1; i < changes; ++i)
    REQUIRE(p.host.http("PATCH", "/v1/projects/shop/flags/a", json{{"state", i % 2 ? "DISABLED" : "ENABLED"}}.dump(), kAdmin).status == 200);
  int pages = 0;
  for (const auto& [key, value] : p.host.objects["shop"]) pages += key.rfind("audit:", 0) == 0;
  CHECK(pages == 2);

  std::vector<std::int64_t> seqs;
  std::string query = "limit=30";
  for (;;) {
    json page = p.audit(query);
    for (const auto& e : page["entries"]) seqs.push_back(e["seq"].get<std::int64_t>());
    if (page["next"].is_null()) break;
    query = "limit=30&before=" + std::to_string(page["next"].get<std::int64_t>());
  }
  REQUIRE(seqs.size() == static_cast<std::size_t>(changes));
  for (std::size_t i = 0; i < seqs.size(); ++i) CHECK(seqs[i] == changes - static_cast<std::int64_t>(i));

  HttpRequest bad{"GET", "/v1/projects/shop/audit", "limit=0&before=x", kAdmin, {}};
  auto refused = p.host.http(std::move(bad));
  CHECK(refused.status == 400);
  CHECK(body(refused)["data"]["errors"].size() == 2);
}
