#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/ofrep/cors.hpp"
#include "tests/unit/support/admin.hpp"
#include "tests/unit/support/memory_host.hpp"

using namespace flagport;
using testing::kAdmin;
using nlohmann::json;

namespace {

std::string header(const Headers& headers, const std::string& name) {
  for (auto& [k, v] : headers)
    if (k == name) return v;
  return {};
}

bool has_access_control(const Headers& headers) {
  for (auto& [k, v] : headers)
    if (k.rfind("access-control-", 0) == 0) return true;
  return false;
}


}  // namespace

TEST_CASE("CORS decision for an answer to a proven key") {
  const ofrep::AllowedOrigins any;
  const ofrep::AllowedOrigins listed{"https://app.example", "http://localhost:3000"};

  CHECK(ofrep::answer_cors_headers(std::nullopt, &listed).empty());  // not a browser: nothing to say

  auto open = ofrep::answer_cors_headers("https://elsewhere.example", &any);
  CHECK(header(open, "access-control-allow-origin") == "*");
  CHECK(header(open, "access-control-expose-headers") == "ETag");
  CHECK(header(open, "vary") == "Origin");

  auto allowed = ofrep::answer_cors_headers("http://localhost:3000", &listed);
  CHECK(header(allowed, "access-control-allow-origin") == "http://localhost:3000");
  CHECK(header(allowed, "access-control-expose-headers") == "ETag");
  CHECK(header(allowed, "vary") == "Origin");

  for (const char* refused : {"https://elsewhere.example", "https://APP.example", "https://app.example:443",
                              "https://app.example/", "null"}) {
    auto headers = ofrep::answer_cors_headers(refused, &listed);
    CHECK_MESSAGE(!has_access_control(headers), refused);
    CHECK(header(headers, "vary") == "Origin");
  }
}

TEST_CASE("CORS decision without a proven key: a readable error, nothing exposed") {
  auto headers = ofrep::answer_cors_headers("https://elsewhere.example", nullptr);
  CHECK(header(headers, "access-control-allow-origin") == "*");
  CHECK(header(headers, "access-control-expose-headers").empty());
  CHECK(header(headers, "vary") == "Origin");
}

TEST_CASE("a preflight is granted for any origin: it carries no key") {
  HttpRequest request{"OPTIONS", "/ofrep/v1/evaluate/flags", {}, {{"origin", "https://any.example"}}, {}};
  auto answer = ofrep::preflight(request);
  CHECK(answer.status == 204);
  CHECK(header(answer.headers, "access-control-allow-origin") == "*");
  CHECK(header(answer.headers, "access-control-allow-methods") == "POST, OPTIONS");
  CHECK(header(answer.headers, "access-control-allow-headers").find("Authorization, X-API-Key") != std::string::npos);
  HttpRequest no_origin{"OPTIONS", "/ofrep/v1/evaluate/flags", {}, {}, {}};
  CHECK_FALSE(has_access_control(ofrep::preflight(no_origin).headers));
}

TEST_CASE("OFREP answers follow the project's allowed origins") {
  Settings settings;
  settings.admin_token = "secret";
  settings.cache_ttl_seconds = 5;
  testing::MemoryHost host(settings);
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags",
                    R"({"flags":{"f":{"state":"ENABLED","variants":{"a":1},"defaultVariant":"a"}}})", kAdmin)
              .status == 200);
  std::string key =
      json::parse(host.http("POST", "/v1/projects/shop/keys", "", kAdmin).body)["data"]["key"].get<std::string>();
  REQUIRE(host.http("PUT", "/v1/projects/shop/origins", R"({"allowedOrigins":["https://app.example"]})", kAdmin)
              .status == 200);

  auto from = [&](const std::string& origin, const std::string& credential) {
    return host.http("POST", "/ofrep/v1/evaluate/flags/f", "{}",
                     {{"origin", origin}, {"authorization", "Bearer " + credential}});
  };
  auto allowed = from("https://app.example", key);
  CHECK(allowed.status == 200);
  CHECK(header(allowed.headers, "access-control-allow-origin") == "https://app.example");

  auto refused = from("https://evil.example", key);
  CHECK(refused.status == 200);  // the evaluation still answers: CORS is the browser's guard
  CHECK(refused.body == allowed.body);
  CHECK_FALSE(has_access_control(refused.headers));

  auto unknown_key = from("https://evil.example", key.substr(0, key.size() - 1) + (key.back() == 'A' ? "B" : "A"));
  CHECK(unknown_key.status == 401);
  CHECK(header(unknown_key.headers, "access-control-allow-origin") == "*");
  auto no_key = host.http("POST", "/ofrep/v1/evaluate/flags", "{}", {{"origin", "https://app.example"}});
  CHECK(no_key.status == 401);
  CHECK(header(no_key.headers, "access-control-allow-origin") == "*");

  // A change reaches evaluation once the cached copy is older than the TTL and the refresh
  // that the first request past it started has landed.
  REQUIRE(host.http("PUT", "/v1/projects/shop/origins", R"({"allowedOrigins":[]})", kAdmin).status == 200);
  CHECK_FALSE(has_access_control(from("https://evil.example", key).headers));
  host.now_ms += 5000;
  CHECK_FALSE(has_access_control(from("https://evil.example", key).headers));
  CHECK(header(from("https://evil.example", key).headers, "access-control-allow-origin") == "*");
}

TEST_CASE("a path under /ofrep/ that is no OFREP route answers 404 a browser can read") {
  testing::MemoryHost host(Settings{});
  for (auto [method, path] : {std::pair{"POST", "/ofrep/v1/evaluate/flag/x"}, std::pair{"GET", "/ofrep/v1/evaluate/flags"}}) {
    CAPTURE(path);
    auto answer = host.http(method, path, "{}", {{"origin", "https://app.example"}});
    CHECK(answer.status == 404);
    CHECK(json::parse(answer.body)["errorDetails"].get<std::string>().find("is not an OFREP route") != std::string::npos);
    CHECK(header(answer.headers, "access-control-allow-origin") == "*");
    CHECK(header(answer.headers, "access-control-expose-headers").empty());
    CHECK_FALSE(has_access_control(host.http(method, path, "{}", {}).headers));
  }
}
