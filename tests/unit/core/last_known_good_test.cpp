// When KV cannot be read, evaluation answers from the last copy it read, within the max
// staleness; a project never read answers that the flags are unavailable.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/unit/support/memory_host.hpp"

using namespace flagport;

namespace {

const std::string kToken = "last-known-good-test-admin-token-0123";
const std::vector<std::pair<std::string, std::string>> kAdmin{{"authorization", "Bearer " + kToken}};

std::string flag_set(const char* colour) {
  return std::string(R"({"flags":{"colour":{"state":"ENABLED","variants":{"c":")") + colour +
         R"("},"defaultVariant":"c"}}})";
}

Settings settings() {
  Settings s;
  s.admin_token = kToken;
  s.cache_ttl_seconds = 5;
  s.max_staleness_seconds = 60;
  s.faults = {"kv-read"};
  return s;
}

std::string colour(testing::MemoryHost& host, const std::string& project) {
  auto r = host.http("POST", "/v1/projects/" + project + "/evaluate/colour", "{}", kAdmin);
  auto body = nlohmann::json::parse(r.body);
  return r.status == 200 ? body["data"]["value"].get<std::string>() : body["status"].get<std::string>();
}

}  // namespace

TEST_CASE("a project read once keeps answering from its last copy while KV cannot be read") {
  testing::MemoryHost host(settings());
  REQUIRE(host.http("PUT", "/v1/projects/kv-read-fault-a/flags", flag_set("red"), kAdmin).status == 200);
  CHECK(colour(host, "kv-read-fault-a") == "red");  // the one read that works

  REQUIRE(host.http("PUT", "/v1/projects/kv-read-fault-a/flags", flag_set("blue"), kAdmin).status == 200);
  host.now_ms += 6'000;  // past the TTL: the copy answers, and KV is asked after the answer, and fails
  CHECK(colour(host, "kv-read-fault-a") == "red");
  CHECK(colour(host, "kv-read-fault-a") == "red");
  host.now_ms += 50'000;  // 56 s since KV last answered
  CHECK(colour(host, "kv-read-fault-a") == "red");
  host.now_ms += 5'000;  // 61 s: past the max staleness
  CHECK(colour(host, "kv-read-fault-a") == "error");
}

TEST_CASE("a project never read answers error while KV cannot be read") {
  testing::MemoryHost host(settings());
  REQUIRE(host.http("PUT", "/v1/projects/kv-read-fault-cold-b/flags", flag_set("red"), kAdmin).status == 200);
  CHECK(colour(host, "kv-read-fault-cold-b") == "error");
}

TEST_CASE("with KV readable, a new version replaces the cached one through the work after a response") {
  Settings s = settings();
  s.faults.clear();
  testing::MemoryHost host(s);
  host.defer_after_work = true;
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", flag_set("red"), kAdmin).status == 200);
  CHECK(colour(host, "shop") == "red");
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", flag_set("blue"), kAdmin).status == 200);
  CHECK(colour(host, "shop") == "red");
  CHECK_FALSE(host.has_pending_work());
  host.now_ms += 5'000;
  const int reads = host.kv_gets;
  CHECK(colour(host, "shop") == "red");  // past the TTL: answered without waiting for KV
  CHECK(host.kv_gets == reads);
  CHECK(host.has_pending_work());
  host.after();
  CHECK(host.kv_gets == reads + 1);
  CHECK_FALSE(host.has_pending_work());
  CHECK(colour(host, "shop") == "blue");
  CHECK(host.kv_gets == reads + 1);
}
