#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/store/published_record.hpp"
#include "tests/unit/support/admin.hpp"
#include "tests/unit/support/memory_host.hpp"

using namespace flagport;
using testing::kAdmin;
using nlohmann::json;

namespace {

const char* kFlags = R"({"flags":{"f":{"state":"ENABLED","variants":{"a":1},"defaultVariant":"a"}}})";

using testing::admin_settings;

json body(const HttpResponse& r) { return json::parse(r.body); }

store::PublishedRecord published(testing::MemoryHost& host) {
  auto record = store::PublishedRecord::decode(host.kv["flags:shop"]);
  REQUIRE(record);
  return *record;
}

}  // namespace

TEST_CASE("allowed origins: empty by default, replaced as a whole, published as a new revision") {
  testing::MemoryHost host(admin_settings());
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", kFlags, kAdmin).status == 200);
  auto initial = body(host.http("GET", "/v1/projects/shop/origins", {}, kAdmin));
  CHECK(initial == json{{"status", "success"}, {"message", ""},
                        {"data", {{"allowedOrigins", json::array()}, {"project", "shop"}}}});
  std::int64_t revision = published(host).revision;

  auto put = host.http("PUT", "/v1/projects/shop/origins",
                       R"({"allowedOrigins":["https://app.example","http://localhost:3000"]})", kAdmin);
  REQUIRE(put.status == 200);
  CHECK(body(put)["data"]["allowedOrigins"] == json::array({"https://app.example", "http://localhost:3000"}));
  auto record = published(host);
  CHECK(record.allowed_origins == std::vector<std::string>{"https://app.example", "http://localhost:3000"});
  CHECK(record.revision == revision + 1);
  CHECK(record.version == 1);  // not a flag-set version
  CHECK(body(host.http("GET", "/v1/projects/shop/origins", {}, kAdmin))["data"]["allowedOrigins"].size() == 2);
  CHECK(body(host.http("GET", "/v1/projects/shop/published", {}, kAdmin))["data"]["allowedOrigins"].size() == 2);

  // Flag-set and key changes publish the origins again.
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", kFlags, kAdmin).status == 200);
  CHECK(published(host).version == 2);
  CHECK(published(host).allowed_origins.size() == 2);
  REQUIRE(host.http("POST", "/v1/projects/shop/keys", "", kAdmin).status == 200);
  CHECK(published(host).allowed_origins.size() == 2);

  REQUIRE(host.http("PUT", "/v1/projects/shop/origins", R"({"allowedOrigins":[]})", kAdmin).status == 200);
  CHECK(published(host).allowed_origins.empty());
}

TEST_CASE("a bad origins request is refused with paths and changes nothing") {
  testing::MemoryHost host(admin_settings());
  REQUIRE(host.http("PUT", "/v1/projects/shop/origins", R"({"allowedOrigins":["https://app.example"]})", kAdmin)
              .status == 200);
  std::string record_before = host.kv["flags:shop"];

  auto refused = host.http("PUT", "/v1/projects/shop/origins",
                           R"({"allowedOrigins":["https://ok.example","*","https://ok.example"],"extra":1})", kAdmin);
  CHECK(refused.status == 400);
  json errors = body(refused)["data"]["errors"];
  json paths = json::array();
  for (const auto& e : errors) paths.push_back(e["path"]);
  CHECK(paths == json::array({"/extra", "/allowedOrigins/1", "/allowedOrigins/2"}));

  CHECK(host.http("PUT", "/v1/projects/shop/origins", R"({})", kAdmin).status == 400);
  CHECK(host.http("PUT", "/v1/projects/shop/origins", R"({"allowedOrigins":"https://a.example"})", kAdmin).status ==
        400);
  CHECK(host.http("PUT", "/v1/projects/shop/origins", "[", kAdmin).status == 400);
  CHECK(host.http("PUT", "/v1/projects/shop/origins", R"({"allowedOrigins":[]})").status == 401);
  CHECK(host.http("PUT", "/v1/projects/Bad/origins", R"({"allowedOrigins":[]})", kAdmin).status == 400);

  CHECK(host.kv["flags:shop"] == record_before);
  CHECK(body(host.http("GET", "/v1/projects/shop/origins", {}, kAdmin))["data"]["allowedOrigins"] ==
        json::array({"https://app.example"}));
}

TEST_CASE("origins whose KV write failed reach KV through the alarm") {
  testing::MemoryHost host(admin_settings());
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", kFlags, kAdmin).status == 200);
  host.failing_kv_puts.insert("flags:shop");
  REQUIRE(host.http("PUT", "/v1/projects/shop/origins", R"({"allowedOrigins":["https://app.example"]})", kAdmin)
              .status == 200);
  CHECK(published(host).allowed_origins.empty());
  host.failing_kv_puts.clear();
  host.alarm("shop");
  CHECK(published(host).allowed_origins == std::vector<std::string>{"https://app.example"});
}

TEST_CASE("records and states written before origins existed still read") {
  auto record = store::PublishedRecord::decode(R"({"flags":0,"keys":[],"revision":1,"updatedAt":0,"version":0})"
                                               "\n");
  REQUIRE(record);
  CHECK(record->allowed_origins.empty());
  CHECK_FALSE(store::PublishedRecord::decode(
      R"({"allowedOrigins":[1],"flags":0,"keys":[],"revision":1,"updatedAt":0,"version":0})"
      "\n"));
}
