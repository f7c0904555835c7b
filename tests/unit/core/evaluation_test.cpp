#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/store/client_key.hpp"
#include "tests/unit/support/admin.hpp"
#include "tests/unit/support/memory_host.hpp"

using namespace flagport;
using testing::kAdmin;
using nlohmann::json;

namespace {


Settings settings() {
  Settings s = testing::admin_settings();
  s.cache_ttl_seconds = 5;
  return s;
}

const char* kFlags = R"({
  "metadata": {"team": "shop"},
  "flags": {
    "new-checkout": {
      "state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
      "targeting": {"if": [{"in": [{"var": "tier"}, ["gold", "platinum"]]}, "on", null]},
      "metadata": {"owner": "a"}
    },
    "colour": {"state": "ENABLED", "variants": {"red": "#f00"}, "defaultVariant": "red"},
    "retired": {"state": "DISABLED", "variants": {"x": 1}, "defaultVariant": "x"}
  }
})";

json body(const HttpResponse& r) { return json::parse(r.body); }

std::string header(const HttpResponse& r, const std::string& name) {
  for (auto& [k, v] : r.headers)
    if (k == name) return v;
  return {};
}

struct Published {
  testing::MemoryHost host{settings()};
  std::string key;
  std::string key_id;
  Published() {
    REQUIRE(host.http("PUT", "/v1/projects/shop/flags", kFlags, kAdmin).status == 200);
    auto created = body(host.http("POST", "/v1/projects/shop/keys", "", kAdmin))["data"];
    key = created["key"].get<std::string>();
    key_id = created["id"].get<std::string>();
  }
  std::vector<std::pair<std::string, std::string>> bearer() const { return {{"authorization", "Bearer " + key}}; }
};

}  // namespace

TEST_CASE("publish refuses targeting the evaluator cannot load, with its path") {
  testing::MemoryHost host(settings());
  auto r = host.http("PUT", "/v1/projects/shop/flags",
                     R"({"flags":{"f":{"state":"ENABLED","variants":{"a":1},"defaultVariant":"a","targeting":{"nope":[1]}}}})",
                     kAdmin);
  REQUIRE(r.status == 400);
  CHECK(body(r)["data"]["errors"][0]["path"].get<std::string>().rfind("/flags/f/targeting", 0) == 0);
  CHECK(host.objects["shop"].empty());
}

TEST_CASE("evaluate one flag with a client key") {
  Published p;
  auto r = p.host.http("POST", "/v1/projects/shop/evaluate/new-checkout", R"({"context":{"tier":"gold"}})", p.bearer());
  REQUIRE(r.status == 200);
  CHECK(body(r)["data"] == json{{"key", "new-checkout"},
                                {"value", true},
                                {"variant", "on"},
                                {"reason", "TARGETING_MATCH"},
                                {"metadata", {{"team", "shop"}, {"owner", "a"}}}});
  auto fallback = body(p.host.http("POST", "/v1/projects/shop/evaluate/new-checkout", R"({"context":{"tier":"tin"}})",
                                   {{"x-api-key", p.key}}))["data"];
  CHECK(fallback["reason"] == "DEFAULT");
  CHECK(fallback["value"] == false);
}

TEST_CASE("evaluation credentials") {
  Published p;
  CHECK(p.host.http("POST", "/v1/projects/shop/evaluate/colour", "{}").status == 401);
  CHECK(p.host.http("POST", "/v1/projects/shop/evaluate/colour", "{}", kAdmin).status == 200);
  // unknown keys are not authenticated (401); a key of another project is not allowed (403)
  CHECK(p.host.http("POST", "/v1/projects/shop/evaluate/colour", "{}", {{"authorization", "Bearer fpk_shop_nope"}})
            .status == 401);
  std::string forged = p.key;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  CHECK(p.host.http("POST", "/v1/projects/shop/evaluate/colour", "{}", {{"authorization", "Bearer " + forged}})
            .status == 401);
  CHECK(p.host.http("POST", "/ofrep/v1/evaluate/flags/colour", "{}", {{"authorization", "Bearer " + forged}})
            .status == 401);
  CHECK(p.host.http("POST", "/ofrep/v1/evaluate/flags", "{}", {{"authorization", "Bearer made-up"}}).status == 401);
  CHECK(p.host.http("POST", "/v1/projects/other/evaluate/colour", "{}", p.bearer()).status == 403);
}

TEST_CASE("only texts shaped like a client key, 112 bytes at most, are hashed and remembered") {
  // What bounds each slot of the per-isolate key-digest cache (evaluation/credentials.hpp).
  const std::string longest = "fpk_" + std::string(64, 'a') + "_" + std::string(43, 'k');
  CHECK(longest.size() == 112);
  CHECK(store::project_of_client_key(longest).has_value());
  CHECK_FALSE(store::project_of_client_key(longest + "k").has_value());

  Published p;
  const int effects = p.host.effects_seen;
  const std::string long_text = "fpk_shop_" + std::string(10'000, 'k');
  CHECK(p.host.http("POST", "/v1/projects/shop/evaluate/colour", "{}", {{"authorization", "Bearer " + long_text}})
            .status == 401);
  CHECK(p.host.effects_seen == effects);  // refused before any hashing or reading
}

TEST_CASE("a revoked key stops working once the refresh the first request past the TTL started has landed") {
  Published p;
  CHECK(p.host.http("POST", "/v1/projects/shop/evaluate/colour", "{}", p.bearer()).status == 200);
  REQUIRE(p.host.http("DELETE", "/v1/projects/shop/keys/" + p.key_id, {}, kAdmin).status == 200);
  p.host.now_ms += 4999;
  CHECK(p.host.http("POST", "/v1/projects/shop/evaluate/colour", "{}", p.bearer()).status == 200);
  p.host.now_ms += 1;
  // Answered from the copy; the refresh runs after this response, as on Lambda.
  CHECK(p.host.http("POST", "/v1/projects/shop/evaluate/colour", "{}", p.bearer()).status == 200);
  CHECK(p.host.http("POST", "/v1/projects/shop/evaluate/colour", "{}", p.bearer()).status == 401);
}

TEST_CASE("under a test clock, answers show it while cached flag sets still expire on the host's clock") {
  Settings s = settings();
  s.test_clock_ms = 1'767'225'600'000;
  testing::MemoryHost host(s);
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", kFlags, kAdmin).status == 200);
  auto key = body(host.http("POST", "/v1/projects/shop/keys", "", kAdmin))["data"]["key"].get<std::string>();
  const std::vector<std::pair<std::string, std::string>> bearer{{"authorization", "Bearer " + key}};
  CHECK(body(host.http("POST", "/ofrep/v1/evaluate/flags/colour", "{}", bearer))["value"] == "#f00");
  REQUIRE(host.http("PATCH", "/v1/projects/shop/flags/colour", R"({"state":"DISABLED"})", kAdmin).status == 200);
  host.now_ms += 4999;
  CHECK(body(host.http("POST", "/ofrep/v1/evaluate/flags/colour", "{}", bearer))["value"] == "#f00");
  host.now_ms += 1;
  CHECK(body(host.http("POST", "/ofrep/v1/evaluate/flags/colour", "{}", bearer))["value"] == "#f00");  // refreshed after
  CHECK(body(host.http("POST", "/ofrep/v1/evaluate/flags/colour", "{}", bearer))["reason"] == "DISABLED");
  CHECK(body(host.http("GET", "/v1/projects/shop/flags", "", kAdmin))["data"]["updatedAt"] == 1'767'225'600'000);
}

TEST_CASE("evaluation failures are envelopes with the OpenFeature error code") {
  Published p;
  auto missing = p.host.http("POST", "/v1/projects/shop/evaluate/nope", "{}", p.bearer());
  CHECK(missing.status == 404);
  CHECK(body(missing)["data"]["errorCode"] == "FLAG_NOT_FOUND");
  auto bad = p.host.http("POST", "/v1/projects/shop/evaluate/colour", R"({"context":5})", p.bearer());
  CHECK(bad.status == 400);
  CHECK(body(bad)["data"]["errorCode"] == "INVALID_CONTEXT");
  CHECK(p.host.http("POST", "/v1/projects/shop/evaluate/colour", "{nope", p.bearer()).status == 400);
}

TEST_CASE("evaluate all flags") {
  Published p;
  auto r = body(p.host.http("POST", "/v1/projects/shop/evaluate", R"({"context":{"tier":"platinum"}})", p.bearer()));
  REQUIRE(r["status"] == "success");
  CHECK(r["data"]["version"] == 1);
  std::set<std::string> keys;
  for (auto& f : r["data"]["flags"]) keys.insert(f["key"].get<std::string>());
  CHECK(keys == std::set<std::string>{"new-checkout", "colour", "retired"});  // every flag, disabled ones too
}

TEST_CASE("OFREP single flag: OFREP's shapes and codes") {
  Published p;
  auto r = p.host.http("POST", "/ofrep/v1/evaluate/flags/new-checkout", R"({"context":{"tier":"gold"}})", p.bearer());
  CHECK(r.status == 200);
  CHECK(r.body ==
        R"({"key":"new-checkout","value":true,"reason":"TARGETING_MATCH","variant":"on","metadata":{"team":"shop","owner":"a"}})");
  auto missing = p.host.http("POST", "/ofrep/v1/evaluate/flags/nope", R"({"context":{}})", p.bearer());
  CHECK(missing.status == 404);
  CHECK(body(missing)["errorCode"] == "FLAG_NOT_FOUND");
  auto disabled = body(p.host.http("POST", "/ofrep/v1/evaluate/flags/retired", R"({"context":{}})", p.bearer()));
  CHECK(disabled["reason"] == "DISABLED");
  CHECK_FALSE(disabled.contains("value"));
  CHECK(p.host.http("POST", "/ofrep/v1/evaluate/flags/colour", R"({"context":[]})", p.bearer()).status == 400);
  CHECK(p.host.http("POST", "/ofrep/v1/evaluate/flags/colour", R"({"context":{}})").status == 401);
  CHECK(p.host.http("POST", "/ofrep/v1/evaluate/flags/colour", R"({"context":{}})", kAdmin).status == 401);  // no client key
}

TEST_CASE("OFREP: a flag key that is not percent-encoded properly is named as sent") {
  Published p;
  auto r = p.host.http("POST", "/ofrep/v1/evaluate/flags/col%zzour", R"({"context":{}})", p.bearer());
  CHECK(r.status == 400);
  CHECK(body(r) == json{{"key", "col%zzour"}, {"errorCode", "GENERAL"}, {"errorDetails", "the flag key is not percent-encoded properly"}});
}

TEST_CASE("OFREP: an oversized body is INVALID_CONTEXT, naming the flag for a single one") {
  Published p;
  std::string big = R"({"context":{"pad":")" + std::string(256 * 1024, 'x') + R"("}})";
  auto single = p.host.http("POST", "/ofrep/v1/evaluate/flags/colour", big, p.bearer());
  CHECK(single.status == 400);
  CHECK(body(single)["key"] == "colour");
  CHECK(body(single)["errorCode"] == "INVALID_CONTEXT");
  auto bulk = p.host.http("POST", "/ofrep/v1/evaluate/flags", big, p.bearer());
  CHECK(bulk.status == 400);
  CHECK_FALSE(body(bulk).contains("key"));
}

TEST_CASE("OFREP bulk: ETag covers version and context; If-None-Match gives 304") {
  Published p;
  auto first = p.host.http("POST", "/ofrep/v1/evaluate/flags", R"({"context":{"tier":"gold","unused":1}})", p.bearer());
  REQUIRE(first.status == 200);
  std::string etag = header(first, "etag");
  REQUIRE(etag.size() == 18);
  CHECK(body(first)["metadata"] == json{{"team", "shop"}});

  auto headers = p.bearer();
  headers.emplace_back("if-none-match", etag);
  auto same = p.host.http("POST", "/ofrep/v1/evaluate/flags", R"({"context":{"unused":2,"tier":"gold"}})", headers);
  CHECK(same.status == 304);  // only attributes a rule reads count
  CHECK(same.body.empty());
  auto changed = p.host.http("POST", "/ofrep/v1/evaluate/flags", R"({"context":{"tier":"tin"}})", headers);
  CHECK(changed.status == 200);
  CHECK(header(changed, "etag") != etag);

  REQUIRE(p.host.http("PATCH", "/v1/projects/shop/flags/colour", R"({"state":"DISABLED"})", kAdmin).status == 200);
  p.host.now_ms += 5000;
  CHECK(p.host.http("POST", "/ofrep/v1/evaluate/flags", R"({"context":{"tier":"gold"}})", headers).status == 304);
  auto republished = p.host.http("POST", "/ofrep/v1/evaluate/flags", R"({"context":{"tier":"gold"}})", headers);
  CHECK(republished.status == 200);
}

TEST_CASE("OFREP speaks CORS to browsers") {
  Published p;
  auto pre = p.host.http("OPTIONS", "/ofrep/v1/evaluate/flags", "", {{"origin", "https://app.example"}});
  CHECK(pre.status == 204);
  CHECK(header(pre, "access-control-allow-origin") == "*");
  CHECK(header(pre, "access-control-allow-headers").find("X-API-Key") != std::string::npos);
  auto headers = p.bearer();
  headers.emplace_back("origin", "https://app.example");
  auto r = p.host.http("POST", "/ofrep/v1/evaluate/flags", R"({"context":{}})", headers);
  CHECK(header(r, "access-control-expose-headers") == "ETag");
  CHECK(header(p.host.http("POST", "/ofrep/v1/evaluate/flags", R"({"context":{}})", p.bearer()),
               "access-control-allow-origin")
            .empty());
}
