#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/store/client_key.hpp"
#include "core/store/published_record.hpp"
#include "tests/unit/support/admin.hpp"
#include "tests/unit/support/memory_host.hpp"

using namespace flagport;
using testing::kAdmin;
using nlohmann::json;

namespace {

std::string flag_set(const std::string& default_variant = "off") {
  return json{{"flags",
               {{"checkout",
                 {{"state", "ENABLED"}, {"variants", {{"on", true}, {"off", false}}}, {"defaultVariant", default_variant}}},
                {"banner", {{"state", "DISABLED"}, {"variants", {{"a", "x"}}}}}}}}
      .dump();
}

json body(const HttpResponse& r) { return json::parse(r.body); }

std::string header(const HttpResponse& r, const std::string& name) {
  for (auto& [k, v] : r.headers)
    if (k == name) return v;
  return {};
}

}  // namespace

TEST_CASE("health answers success") {
  testing::MemoryHost host(testing::store_settings());
  auto r = host.http("GET", "/v1/health");
  CHECK(r.status == 200);
  CHECK(body(r)["data"]["service"] == "flagport");
}

TEST_CASE("unknown routes and wrong methods get clear envelopes") {
  testing::MemoryHost host(testing::store_settings());
  auto missing = host.http("GET", "/v2/nothing");
  CHECK(missing.status == 404);
  CHECK(body(missing)["status"] == "notFound");
  auto wrong = host.http("DELETE", "/v1/health");
  CHECK(wrong.status == 404);
  CHECK(header(wrong, "allow") == "GET");
}

TEST_CASE("publish stores a version, publishes it to KV and reads back") {
  testing::MemoryHost host(testing::store_settings());
  auto put = host.http("PUT", "/v1/projects/shop/flags", flag_set(), kAdmin);
  REQUIRE(put.status == 200);
  CHECK(body(put)["data"] == json{{"project", "shop"}, {"version", 1}, {"flags", 2}});
  CHECK(header(put, "etag") == "\"1\"");

  auto get = host.http("GET", "/v1/projects/shop/flags", {}, kAdmin);
  REQUIRE(get.status == 200);
  CHECK(body(get)["data"]["version"] == 1);
  CHECK(body(get)["data"]["definition"] == json::parse(flag_set()));

  auto published = host.http("GET", "/v1/projects/shop/published", {}, kAdmin);
  CHECK(body(published)["data"]["version"] == 1);
  CHECK(host.alarms["shop"] == host.now_ms + 7000);
}

TEST_CASE("credentials: missing is notAuthenticated, wrong is unauthorized") {
  testing::MemoryHost host(testing::store_settings());
  CHECK(host.http("GET", "/v1/projects/shop/flags").status == 401);
  CHECK(host.http("GET", "/v1/projects/shop/flags", {}, {{"authorization", "Bearer nope"}}).status == 403);
  CHECK(host.http("GET", "/v1/projects/shop/flags", {}, {{"authorization", "Basic c2VjcmV0"}}).status == 401);
  testing::MemoryHost closed(Settings{});
  CHECK(closed.http("GET", "/v1/projects/shop/flags", {}, kAdmin).status == 403);
}

TEST_CASE("bad input is refused with paths and stores nothing") {
  testing::MemoryHost host(testing::store_settings());
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", flag_set(), kAdmin).status == 200);
  auto before = host.objects["shop"];

  auto malformed = host.http("PUT", "/v1/projects/shop/flags", "{\"flags\":", kAdmin);
  CHECK(malformed.status == 400);
  CHECK(body(malformed)["data"]["errors"][0]["path"] == "");

  auto shape = host.http("PUT", "/v1/projects/shop/flags",
                         R"({"flags":{"a":{"state":"ON","variants":{}},"b/c":{"state":"ENABLED","variants":{"x":1},"defaultVariant":"y","targeting":[]}}})",
                         kAdmin);
  REQUIRE(shape.status == 400);
  std::set<std::string> paths;
  json refused = body(shape);
  for (auto& e : refused["data"]["errors"]) paths.insert(e["path"].get<std::string>());
  CHECK(paths == std::set<std::string>{"/flags/a/state", "/flags/a/variants", "/flags/b~1c/defaultVariant",
                                       "/flags/b~1c/targeting"});

  CHECK(host.http("PUT", "/v1/projects/Bad_Id/flags", flag_set(), kAdmin).status == 400);
  CHECK(host.http("PUT", "/v1/projects/shop/flags", std::string(300 * 1024, ' '), kAdmin).status == 400);
  CHECK(host.objects["shop"] == before);
}

TEST_CASE("If-Match guards against lost updates") {
  testing::MemoryHost host(testing::store_settings());
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", flag_set(), kAdmin).status == 200);
  auto headers = kAdmin;
  headers.emplace_back("if-match", "\"0\"");
  auto stale = host.http("PUT", "/v1/projects/shop/flags", flag_set(), headers);
  CHECK(stale.status == 409);
  CHECK(body(stale)["data"]["currentVersion"] == 1);
  headers.back().second = "1";
  CHECK(host.http("PUT", "/v1/projects/shop/flags", flag_set(), headers).status == 200);
  headers.back().second = "one";
  CHECK(host.http("PUT", "/v1/projects/shop/flags", flag_set(), headers).status == 400);
}

TEST_CASE("patch changes one flag as a new version") {
  testing::MemoryHost host(testing::store_settings());
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", flag_set(), kAdmin).status == 200);
  auto patched = host.http("PATCH", "/v1/projects/shop/flags/checkout", R"({"state":"DISABLED","defaultVariant":"on"})", kAdmin);
  REQUIRE(patched.status == 200);
  CHECK(body(patched)["data"]["version"] == 2);
  auto get = host.http("GET", "/v1/projects/shop/flags", {}, kAdmin);
  CHECK(body(get)["data"]["definition"]["flags"]["checkout"]["state"] == "DISABLED");
  CHECK(body(get)["data"]["definition"]["flags"]["checkout"]["defaultVariant"] == "on");

  CHECK(host.http("PATCH", "/v1/projects/shop/flags/nope", R"({"state":"ENABLED"})", kAdmin).status == 404);
  CHECK(host.http("PATCH", "/v1/projects/shop/flags/checkout", R"({"defaultVariant":"zz"})", kAdmin).status == 400);
  CHECK(host.http("PATCH", "/v1/projects/shop/flags/checkout", R"({"colour":"red"})", kAdmin).status == 400);
  CHECK(host.http("PATCH", "/v1/projects/shop/flags/checkout", R"({})", kAdmin).status == 400);
}

TEST_CASE("versions list the history and rollback restores one as a new version") {
  testing::MemoryHost host(testing::store_settings());
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", flag_set("off"), kAdmin).status == 200);
  host.now_ms += 1000;
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", flag_set("on"), kAdmin).status == 200);
  auto versions = body(host.http("GET", "/v1/projects/shop/versions", {}, kAdmin))["data"];
  CHECK(versions["version"] == 2);
  CHECK(versions["versions"][0]["version"] == 2);
  CHECK(versions["versions"][1]["createdAt"] == host.now_ms - 1000);

  auto rolled = host.http("POST", "/v1/projects/shop/rollback", R"({"version":1})", kAdmin);
  REQUIRE(rolled.status == 200);
  CHECK(body(rolled)["data"]["version"] == 3);
  auto get = host.http("GET", "/v1/projects/shop/flags", {}, kAdmin);
  CHECK(body(get)["data"]["definition"]["flags"]["checkout"]["defaultVariant"] == "off");
  CHECK(host.http("POST", "/v1/projects/shop/rollback", R"({"version":99})", kAdmin).status == 404);
  CHECK(host.http("POST", "/v1/projects/shop/rollback", R"({"version":"1"})", kAdmin).status == 400);
}

TEST_CASE("history keeps the last 20 versions and deletes older definitions") {
  testing::MemoryHost host(testing::store_settings());
  for (int i = 0; i < 25; ++i) REQUIRE(host.http("PUT", "/v1/projects/shop/flags", flag_set(), kAdmin).status == 200);
  auto versions = body(host.http("GET", "/v1/projects/shop/versions", {}, kAdmin))["data"]["versions"];
  CHECK(versions.size() == 20);
  CHECK(versions.back()["version"] == 6);
  CHECK(host.objects["shop"].size() == 21);  // 20 definitions + state
}

TEST_CASE("a failed KV publish still answers success and the alarm converges it") {
  testing::MemoryHost host(testing::store_settings());
  host.failing_kv_puts.insert("flags:shop");
  auto put = host.http("PUT", "/v1/projects/shop/flags", flag_set(), kAdmin);
  REQUIRE(put.status == 200);
  CHECK(host.http("GET", "/v1/projects/shop/published", {}, kAdmin).status == 404);

  host.alarm("shop");  // KV still down: the object asks to be woken again
  CHECK(host.kv.count("flags:shop") == 0);
  host.failing_kv_puts.clear();
  host.alarm("shop");
  CHECK(body(host.http("GET", "/v1/projects/shop/published", {}, kAdmin))["data"]["version"] == 1);
}

TEST_CASE("the kv-publish fault only touches fault- projects") {
  Settings s = testing::store_settings();
  s.faults.insert("kv-publish");
  testing::MemoryHost host(s);
  REQUIRE(host.http("PUT", "/v1/projects/fault-a/flags", flag_set(), kAdmin).status == 200);
  REQUIRE(host.http("PUT", "/v1/projects/plain/flags", flag_set(), kAdmin).status == 200);
  CHECK(host.kv.count("flags:fault-a") == 0);
  CHECK(host.kv.count("flags:plain") == 1);
  host.alarm("fault-a");
  CHECK(host.kv.count("flags:fault-a") == 1);
}

TEST_CASE("client keys: created once, stored as digests, listed, revoked, published") {
  testing::MemoryHost host(testing::store_settings());
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", flag_set(), kAdmin).status == 200);
  auto created = host.http("POST", "/v1/projects/shop/keys", R"({"name":"web"})", kAdmin);
  REQUIRE(created.status == 200);
  json key = body(created)["data"];
  std::string text = key["key"].get<std::string>();
  CHECK(text.rfind("fpk_shop_", 0) == 0);
  CHECK(key["name"] == "web");
  CHECK(key["id"].get<std::string>().rfind("key_", 0) == 0);

  for (auto& [name, value] : host.objects["shop"]) CHECK(value.find(text) == std::string::npos);
  auto record = store::PublishedRecord::decode(host.kv["flags:shop"]);
  REQUIRE(record);
  REQUIRE(record->key_digests.size() == 1);
  CHECK(record->key_digests[0].size() == 64);
  CHECK(record->version == 1);
  CHECK(json::parse(record->definition) == json::parse(flag_set()));

  auto listed = body(host.http("GET", "/v1/projects/shop/keys", {}, kAdmin))["data"]["keys"];
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["id"] == key["id"]);
  CHECK_FALSE(listed[0].contains("key"));

  std::string path = "/v1/projects/shop/keys/" + key["id"].get<std::string>();
  CHECK(host.http("DELETE", path, {}, kAdmin).status == 200);
  CHECK(host.http("DELETE", path, {}, kAdmin).status == 404);
  CHECK(store::PublishedRecord::decode(host.kv["flags:shop"])->key_digests.empty());
  CHECK(body(host.http("GET", "/v1/projects/shop/flags", {}, kAdmin))["data"]["version"] == 1);
}

TEST_CASE("client key requests are validated") {
  testing::MemoryHost host(testing::store_settings());
  CHECK(host.http("POST", "/v1/projects/shop/keys", R"({"name":7})", kAdmin).status == 400);
  CHECK(host.http("POST", "/v1/projects/shop/keys", R"({"label":"x"})", kAdmin).status == 400);
  CHECK(host.http("POST", "/v1/projects/shop/keys", "", kAdmin).status == 200);
  CHECK(host.http("POST", "/v1/projects/shop/keys", "").status == 401);
}

TEST_CASE("a key text names its project") {
  auto key = store::generate_client_key("my-proj");
  REQUIRE(key);
  CHECK(store::project_of_client_key(key->text) == std::optional<std::string_view>("my-proj"));
  CHECK_FALSE(store::project_of_client_key("fpk_my-proj_short").has_value());
  CHECK_FALSE(store::project_of_client_key("Bearer x").has_value());
}

TEST_CASE("the published record carries the definition bytes after a header line") {
  store::PublishedRecord record{3, 2, 99, 1, {"ab"}, R"({"flags":{"a":{}}})", {"https://a.example"}};
  auto bytes = record.encode();
  CHECK(bytes ==
        "{\"revision\":3,\"version\":2,\"updatedAt\":99,\"flags\":1,\"keys\":[\"ab\"],"
        "\"allowedOrigins\":[\"https://a.example\"]}\n"
        "{\"flags\":{\"a\":{}}}");
  auto back = store::PublishedRecord::decode(bytes);
  REQUIRE(back);
  CHECK(back->definition == record.definition);
  CHECK(back->revision == 3);
  CHECK(back->allowed_origins == record.allowed_origins);
  CHECK_FALSE(store::PublishedRecord::decode("{\"revision\":1}").has_value());
  CHECK_FALSE(store::PublishedRecord::decode("nonsense\n{}").has_value());
}
