// The admin token the settings carry is refused when it is unset, shorter than 32 bytes,
// or the public local token outside a local run; the refusal says why, never the token.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/http/auth.hpp"
#include "tests/unit/support/memory_host.hpp"

using namespace flagport;
using nlohmann::json;

namespace {

const std::string kStrong = "0123456789abcdef0123456789abcdef";  // 32 bytes
const std::string kFlagSet = R"({"flags":{"f":{"state":"ENABLED","variants":{"on":true},"defaultVariant":"on"}}})";

Settings settings_of(std::map<std::string, std::string> env) { return Settings::from(env); }

std::vector<std::pair<std::string, std::string>> bearer(const std::string& token) {
  return {{"authorization", "Bearer " + token}};
}

// What an admin request presenting `token` gets from a service configured with `env`.
HttpResponse admin_call(std::map<std::string, std::string> env, const std::string& token) {
  testing::MemoryHost host(settings_of(std::move(env)));
  return host.http("PUT", "/v1/projects/shop/flags", kFlagSet, bearer(token));
}

void check_refused(const HttpResponse& r, const std::string& token, const std::string& why) {
  CHECK(r.status == 403);
  json body = json::parse(r.body);
  CHECK(body["status"] == "unauthorized");
  CHECK(body["message"] == "the admin API is disabled: " + why);
  CHECK(body["data"].is_null());
  CHECK(r.body.find(token) == std::string::npos);
}

}  // namespace

TEST_CASE("admin_token_refusal: unset, short, and the local token outside a local run") {
  CHECK(admin_token_refusal("", false) == std::optional<std::string_view>("ADMIN_TOKEN is not set"));
  CHECK(admin_token_refusal("", true).has_value());
  CHECK(admin_token_refusal(kStrong.substr(0, 31), false) ==
        std::optional<std::string_view>("ADMIN_TOKEN is shorter than 32 bytes"));
  CHECK(admin_token_refusal(kStrong.substr(0, 31), true).has_value());  // a local run wants 32 bytes too
  CHECK_FALSE(admin_token_refusal(kStrong, false).has_value());
  CHECK(kLocalAdminToken.size() >= kMinAdminTokenBytes);
  CHECK(admin_token_refusal(kLocalAdminToken, false).has_value());
  CHECK_FALSE(admin_token_refusal(kLocalAdminToken, true).has_value());
}

TEST_CASE("Settings::from keeps only a usable admin token, and says why it dropped one") {
  Settings strong = settings_of({{"ADMIN_TOKEN", kStrong}});
  CHECK(strong.admin_token == kStrong);
  CHECK(strong.admin_disabled.empty());

  Settings short_token = settings_of({{"ADMIN_TOKEN", "e2e-admin-token"}});
  CHECK(short_token.admin_token.empty());
  CHECK(short_token.admin_disabled == "ADMIN_TOKEN is shorter than 32 bytes");

  CHECK(settings_of({}).admin_disabled == "ADMIN_TOKEN is not set");

  std::string local(kLocalAdminToken);
  CHECK(settings_of({{"ADMIN_TOKEN", local}}).admin_token.empty());
  CHECK(settings_of({{"ADMIN_TOKEN", local}, {"FLAGPORT_LOCAL_RUN", "0"}}).admin_token.empty());
  CHECK(settings_of({{"ADMIN_TOKEN", local}, {"FLAGPORT_LOCAL_RUN", "1"}}).admin_token == local);
}

TEST_CASE("an admin request is refused with the reason when the token is unset") {
  check_refused(admin_call({}, kStrong), kStrong, "ADMIN_TOKEN is not set");
}

TEST_CASE("an admin request is refused with the reason when the token is short, even presented exactly") {
  check_refused(admin_call({{"ADMIN_TOKEN", "e2e-admin-token"}}, "e2e-admin-token"), "e2e-admin-token",
                "ADMIN_TOKEN is shorter than 32 bytes");
  check_refused(admin_call({{"ADMIN_TOKEN", "e2e-admin-token"}, {"FLAGPORT_LOCAL_RUN", "1"}}, "e2e-admin-token"),
                "e2e-admin-token", "ADMIN_TOKEN is shorter than 32 bytes");
}

TEST_CASE("the public local token is refused outside a local run and accepted in one") {
  std::string local(kLocalAdminToken);
  check_refused(admin_call({{"ADMIN_TOKEN", local}}, local), local,
                "ADMIN_TOKEN is the public local token, accepted only in a local run (FLAGPORT_LOCAL_RUN=1)");
  CHECK(admin_call({{"ADMIN_TOKEN", local}, {"FLAGPORT_LOCAL_RUN", "1"}}, local).status == 200);
}

TEST_CASE("a usable token works; without credentials the answer stays notAuthenticated") {
  CHECK(admin_call({{"ADMIN_TOKEN", kStrong}}, kStrong).status == 200);
  CHECK(json::parse(admin_call({{"ADMIN_TOKEN", kStrong}}, kStrong + "x").body)["message"] == "the admin token is not valid");
  testing::MemoryHost host(settings_of({{"ADMIN_TOKEN", "short"}}));
  CHECK(host.http("PUT", "/v1/projects/shop/flags", kFlagSet).status == 401);
}

TEST_CASE("a refused admin token does not open evaluation either") {
  testing::MemoryHost host(settings_of({{"ADMIN_TOKEN", "short"}}));
  auto r = host.http("POST", "/v1/projects/shop/evaluate/f", "{}", bearer("short"));
  CHECK(r.status == 401);  // not the admin then, and no client key either
  CHECK(json::parse(r.body)["status"] == "notAuthenticated");
}
