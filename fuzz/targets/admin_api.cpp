// The admin API as a client can call it, through App and the in-memory host of the unit tests
// (project objects, the access directory, KV): `CHOICE \0 PARAM \0 BODY`. CHOICE's first byte
// picks the credential (none, root, owner / writer scoped to "shop" / reader tokens, a made-up
// token, a garbage bearer) and whether an If-Match header is sent; its second the route, from
// the route table's, or PARAM taken as the whole path; PARAM fills the route's {parameter}, or
// becomes its query string. The store starts from a published "shop" with schedules, keys and
// tokens. Every answer is an envelope (outside OFREP); nothing answers 5xx (no storage fails here); a refused
// request leaves every stored byte as it was; and after any request the project's definition
// still loads, and its audit log and the directory still answer.
#include <array>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/flags/flag_set.hpp"
#include "fuzz/targets/fuzz_support.hpp"
#include "tests/unit/support/admin.hpp"
#include "tests/unit/support/memory_host.hpp"

namespace {

using namespace flagport;
using Headers = std::vector<std::pair<std::string, std::string>>;

struct Route {
  const char* method;
  const char* path;  // "{}" where PARAM goes
};

constexpr std::array<Route, 24> kRoutes{{
    {"GET", "/v1/projects/shop/flags"},        {"PUT", "/v1/projects/{}/flags"},
    {"PATCH", "/v1/projects/shop/flags/{}"},   {"GET", "/v1/projects/shop/versions"},
    {"POST", "/v1/projects/shop/rollback"},    {"GET", "/v1/projects/{}/published"},
    {"POST", "/v1/projects/shop/keys"},        {"GET", "/v1/projects/shop/keys"},
    {"DELETE", "/v1/projects/shop/keys/{}"},   {"GET", "/v1/projects/shop/origins"},
    {"PUT", "/v1/projects/shop/origins"},      {"POST", "/v1/projects/shop/schedules"},
    {"GET", "/v1/projects/shop/schedules"},    {"GET", "/v1/projects/shop/schedules/{}"},
    {"DELETE", "/v1/projects/shop/schedules/{}"}, {"GET", "/v1/projects/shop/insights"},
    {"GET", "/v1/projects/shop/audit"},        {"POST", "/v1/projects/shop/evaluate/{}"},
    {"GET", "/v1/tokens"},                     {"POST", "/v1/tokens"},
    {"DELETE", "/v1/tokens/{}"},               {"GET", "/v1/audit"},
    {"GET", "/v1/me"},                         {"GET", "/v1/projects"},
}};
constexpr std::array<const char*, 5> kMethods{"GET", "PUT", "PATCH", "POST", "DELETE"};

// The store every input starts from, made once: "shop" published twice (so there is a
// version to roll back to), with a client key, a pending schedule and the tokens.
struct Start {
  std::map<std::string, std::string> kv;
  std::map<std::string, std::map<std::string, std::string>> objects;
  std::map<std::string, std::int64_t> alarms;
  std::string owner, writer, reader;
};

std::string make_token(testing::MemoryHost& host, const nlohmann::json& request) {
  auto made = host.http("POST", "/v1/tokens", request.dump(), testing::kAdmin);
  if (made.status != 200) fuzz::fail("the start's token was refused");
  return nlohmann::json::parse(made.body)["data"]["token"].get<std::string>();
}

const Start& start() {
  static const Start made = [] {
    testing::MemoryHost host{testing::admin_settings()};
    const std::string flags =
        R"({"flags":{"banner":{"state":"ENABLED","variants":{"red":"#f00","blue":"#00f"},"defaultVariant":"red",)"
        R"("targeting":{"if":[{"==":[{"var":"tier"},"gold"]},"blue"]}},"dark":{"state":"DISABLED",)"
        R"("variants":{"on":true,"off":false},"defaultVariant":"off"}}})";
    for (int i = 0; i < 2; ++i)
      if (host.http("PUT", "/v1/projects/shop/flags", flags, testing::kAdmin).status != 200) fuzz::fail("start publish");
    host.http("POST", "/v1/projects/shop/keys", R"({"name":"web"})", testing::kAdmin);
    const std::string at = std::to_string(host.now_ms + 3'600'000);
    host.http("POST", "/v1/projects/shop/schedules",
              R"({"at":)" + at + R"(,"change":{"type":"patch","flagKey":"dark","state":"ENABLED"}})", testing::kAdmin);
    Start out;
    out.owner = make_token(host, {{"name", "owner"}, {"role", "owner"}, {"projects", {"shop"}}});
    out.writer = make_token(host, {{"name", "writer"}, {"role", "writer"}, {"projects", {"shop"}}});
    out.reader = make_token(host, {{"name", "reader"}, {"role", "reader"}});
    out.kv = host.kv;
    out.objects = host.objects;
    out.alarms = host.alarms;
    return out;
  }();
  return made;
}

Headers credential(unsigned choice, const Start& s) {
  switch (choice % 7) {
    case 0: return {};
    case 1: return testing::kAdmin;
    case 2: return {{"authorization", "Bearer " + s.owner}};
    case 3: return {{"authorization", "Bearer " + s.writer}};
    case 4: return {{"authorization", "Bearer " + s.reader}};
    case 5: return {{"authorization", "Bearer fpt_0123456789abcdef_" + std::string(43, 'A')}};
    default: return {{"authorization", "Basic c2VjcmV0"}};
  }
}

bool is_envelope(const HttpResponse& r) {
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  return body.is_object() && body.contains("status") && body["status"].is_string() && body.contains("message");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = fuzz::split(fuzz::text(data, size), 3);
  const Start& s = start();
  const unsigned who = parts[0].size() > 0 ? static_cast<unsigned char>(parts[0][0]) : 1;
  const unsigned what = parts[0].size() > 1 ? static_cast<unsigned char>(parts[0][1]) : 0;

  std::string method, path;
  const std::string param(parts[1]);
  if (what < kRoutes.size()) {
    method = kRoutes[what].method;
    path = kRoutes[what].path;
    if (auto at = path.find("{}"); at != std::string::npos) path.replace(at, 2, param);
    else if (!param.empty()) path += "?" + param;
  } else {
    method = kMethods[what % kMethods.size()];
    path = param;
  }
  Headers headers = credential(who, s);
  if (who & 0x80) headers.emplace_back("if-match", who & 0x40 ? "\"2\"" : "\"1\"");

  testing::MemoryHost host{testing::admin_settings()};
  host.kv = s.kv;
  host.objects = s.objects;
  host.alarms = s.alarms;
  const HttpResponse answer = host.http(method, path, std::string(parts[2]), headers);
  FUZZ_CHECK(answer.status >= 200 && answer.status < 500);
  if (path.rfind("/ofrep/", 0) != 0) FUZZ_CHECK(is_envelope(answer));  // OFREP answers in its own shapes
  if (answer.status >= 300) {
    FUZZ_CHECK(host.kv == s.kv);
    FUZZ_CHECK(host.objects == s.objects);
    FUZZ_CHECK(host.alarms == s.alarms);
  }

  const HttpResponse flags = host.http("GET", "/v1/projects/shop/flags", {}, testing::kAdmin);
  FUZZ_CHECK(flags.status == 200);
  const auto definition = nlohmann::json::parse(flags.body)["data"]["definition"];
  FUZZ_CHECK(flags::load_flag_set(definition.dump()).ok());
  FUZZ_CHECK(host.http("GET", "/v1/projects/shop/audit", {}, testing::kAdmin).status == 200);
  FUZZ_CHECK(host.http("GET", "/v1/tokens", {}, testing::kAdmin).status == 200);
  return 0;
}
