// Flag sets of thousands of flags and megabytes: stored in parts where a platform's value
// is smaller (DynamoDB items, Durable Object values, Lambda's KV table), read back whole,
// evaluated, patched, rolled back and scheduled; a version is visible whole or not at all.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/http/limits.hpp"
#include "core/ports/kv.hpp"
#include "core/store/blob.hpp"
#include "tests/unit/support/admin.hpp"
#include "tests/unit/support/memory_host.hpp"

using namespace flagport;
using testing::kAdmin;
using nlohmann::json;

namespace {

constexpr std::size_t kDynamoItemBytes = 400 * 1000;
constexpr std::size_t kValueBytes = 680;  // 5,000 flags of it just fit in 4 MiB

// `count` flags of about `value_bytes` each, with targeting; compact, members unsorted.
std::string big_flag_set(int count, std::size_t value_bytes, const std::string& tag = "v1") {
  std::string text = R"({"flags":{)";
  for (int i = 0; i < count; ++i) {
    if (i) text += ',';
    const std::string n = std::to_string(i);
    text += R"("flag-)" + n + R"(":{"state":"ENABLED","variants":{"on":")" + tag + std::string(value_bytes, 'x') +
            R"(","off":")" + n + R"("},"defaultVariant":"off","targeting":{"if":[{"==":[{"var":"tier"},"gold"]},"on","off"]}})";
  }
  text += R"(},"metadata":{"zeta":1,"alpha":2}})";
  return text;
}

// A host whose object storage and KV refuse values as large as Lambda's DynamoDB tables do.
testing::MemoryHost lambda_sized_host() {
  testing::MemoryHost host(testing::store_settings());
  host.kv_value_bytes = kv::kMaxValueBytes;
  host.storage_value_bytes = kDynamoItemBytes;
  return host;
}

json body(const HttpResponse& r) { return json::parse(r.body); }

std::size_t keys_with_prefix(const std::map<std::string, std::string>& map, const std::string& prefix) {
  std::size_t n = 0;
  for (const auto& [key, value] : map) n += key.rfind(prefix, 0) == 0;
  return n;
}

// Whether the current definition is `text`, byte for byte (GET answers it as stored).
bool stored_as(testing::MemoryHost& host, const std::string& text) {
  return host.http("GET", "/v1/projects/shop/flags", {}, kAdmin).body.find(R"("definition":)" + text) !=
         std::string::npos;
}

}  // namespace

TEST_CASE("5,000 flags in 4 MiB: stored and published in parts, read back as written, evaluated") {
  testing::MemoryHost host = lambda_sized_host();
  const std::string text = big_flag_set(5000, kValueBytes);
  REQUIRE(text.size() > 3'900'000);
  REQUIRE(text.size() <= limits::kMaxFlagSetBytes);

  auto put = host.http("PUT", "/v1/projects/shop/flags", text, kAdmin);
  REQUIRE(put.status == 200);
  CHECK(body(put)["data"]["flags"] == 5000);
  CHECK(keys_with_prefix(host.objects["shop"], "def:1:") == static_cast<std::size_t>(store::blob_parts(text.size())));
  CHECK(keys_with_prefix(host.kv, "parts:shop:1:") >= 10);

  CHECK(stored_as(host, text));

  json all = body(host.http("POST", "/v1/projects/shop/evaluate", R"({"context":{"tier":"gold"}})", kAdmin));
  REQUIRE(all["data"]["flags"].size() == 5000);
  CHECK(all["data"]["flags"][4999] == json{{"key", "flag-4999"}, {"value", "v1" + std::string(kValueBytes, 'x')},
                                           {"variant", "on"}, {"reason", "TARGETING_MATCH"},
                                           {"metadata", {{"zeta", 1}, {"alpha", 2}}}});
  json one = body(host.http("POST", "/v1/projects/shop/evaluate/flag-2500", R"({"context":{"tier":"tin"}})", kAdmin));
  CHECK(one["data"]["value"] == "2500");
}

TEST_CASE("changes of a set in parts: patch, rollback, old parts deleted, history trimmed with its parts") {
  testing::MemoryHost host = lambda_sized_host();
  const std::string first = big_flag_set(1200, kValueBytes, "first");
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", first, kAdmin).status == 200);
  REQUIRE(host.http("POST", "/v1/projects/shop/evaluate/flag-1", "{}", kAdmin).status == 200);  // held from revision 1
  CHECK(keys_with_prefix(host.kv, "parts:shop:1:") > 0);

  auto patched = host.http("PATCH", "/v1/projects/shop/flags/flag-1199", R"({"state":"DISABLED"})", kAdmin);
  REQUIRE(patched.status == 200);
  CHECK(keys_with_prefix(host.kv, "parts:shop:1:") == 0);  // the replaced record's parts are gone
  CHECK(keys_with_prefix(host.kv, "parts:shop:2:") > 0);
  host.now_ms += 60'000;  // past the cache TTL: the next request reads revision 2
  host.http("POST", "/v1/projects/shop/evaluate/flag-1199", "{}", kAdmin);
  json answer = body(host.http("POST", "/v1/projects/shop/evaluate/flag-1199", "{}", kAdmin));
  CHECK(answer["data"]["reason"] == "DISABLED");

  REQUIRE(host.http("POST", "/v1/projects/shop/rollback", R"({"version":1})", kAdmin).status == 200);
  CHECK(stored_as(host, first));

  // A small set replaces it: one value again, and no parts left behind.
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", big_flag_set(2, 10), kAdmin).status == 200);
  CHECK(keys_with_prefix(host.kv, "parts:") == 0);

  // Versions past the kept history go with all their parts.
  for (std::size_t i = 0; i < limits::kVersionsKept; ++i)
    REQUIRE(host.http("PUT", "/v1/projects/shop/flags", big_flag_set(2, 10, std::to_string(i)), kAdmin).status == 200);
  CHECK(keys_with_prefix(host.objects["shop"], "def:") == limits::kVersionsKept);
}

TEST_CASE("a reader overtaken by a publish reads the new record instead of failing") {
  testing::MemoryHost host = lambda_sized_host();
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", big_flag_set(1200, kValueBytes, "old"), kAdmin).status == 200);
  const std::string old_value = host.kv["flags:shop"];
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", big_flag_set(1200, kValueBytes, "new"), kAdmin).status == 200);
  const std::string new_value = host.kv["flags:shop"];

  // This instance reads the value of revision 1 just before revision 2 lands and deletes its parts.
  host.instance = 1;
  host.kv["flags:shop"] = old_value;
  host.before_kv_get = [&](const std::string& key) {
    if (key.rfind("parts:shop:1:", 0) == 0) host.kv["flags:shop"] = new_value;
  };
  json answer = body(host.http("POST", "/v1/projects/shop/evaluate/flag-7", R"({"context":{"tier":"gold"}})", kAdmin));
  CHECK(answer["data"]["value"] == "new" + std::string(kValueBytes, 'x'));

  // Parts that never come back: the project answers that it is unavailable, not a wrong set.
  host.before_kv_get = nullptr;
  host.instance = 2;
  host.kv["flags:shop"] = old_value;
  CHECK(host.http("POST", "/v1/projects/shop/evaluate/flag-7", "{}", kAdmin).status == 500);
}

TEST_CASE("a failed part write publishes nothing; the object's re-check publishes it later") {
  testing::MemoryHost host = lambda_sized_host();
  host.failing_kv_puts.insert("parts:shop:1:2");
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", big_flag_set(1200, kValueBytes), kAdmin).status == 200);
  CHECK(host.kv.count("flags:shop") == 0);  // never a record whose parts are missing
  host.failing_kv_puts.clear();
  host.now_ms = host.alarms["shop"];
  host.alarm("shop");
  CHECK(host.http("POST", "/v1/projects/shop/evaluate/flag-1199", "{}", kAdmin).status == 200);
}

TEST_CASE("a scheduled publish of a set in parts applies, and its parts go once it ran") {
  testing::MemoryHost host = lambda_sized_host();
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", big_flag_set(2, 10), kAdmin).status == 200);
  const std::string later = big_flag_set(1500, kValueBytes, "later");
  const std::string at = std::to_string(host.now_ms + 120'000);
  auto made = host.http("POST", "/v1/projects/shop/schedules",
                        R"({"at":)" + at + R"(,"change":{"type":"publish","definition":)" + later + "}}", kAdmin);
  REQUIRE(made.status == 200);
  CHECK(keys_with_prefix(host.objects["shop"], "sch:") > 1);
  host.now_ms += 120'000;
  host.alarm("shop");
  CHECK(stored_as(host, later));
  CHECK(keys_with_prefix(host.objects["shop"], "sch:") == 0);
}

TEST_CASE("a flag set over 4 MiB is refused, and nothing is stored") {
  testing::MemoryHost host = lambda_sized_host();
  const std::string text = big_flag_set(5300, kValueBytes);
  REQUIRE(text.size() > limits::kMaxFlagSetBytes);
  REQUIRE(text.size() <= limits::kMaxFlagSetBodyBytes);
  json refused = body(host.http("PUT", "/v1/projects/shop/flags", text, kAdmin));
  CHECK(refused["status"] == "badRequest");
  CHECK(refused["data"]["errors"][0]["message"] == "the flag set exceeds 4194304 bytes");
  CHECK(host.objects["shop"].empty());
}
