#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/access/access_token.hpp"
#include "core/access/directory_object.hpp"
#include "core/access/token_cache.hpp"
#include "tests/unit/support/admin.hpp"
#include "tests/unit/support/memory_host.hpp"

using namespace flagport;
using testing::kAdmin;
using nlohmann::json;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

const std::string kFlags = R"({"flags":{"f":{"state":"ENABLED","variants":{"on":true,"off":false},"defaultVariant":"on"}}})";

json body(const HttpResponse& r) { return json::parse(r.body); }

Headers bearer(const std::string& token) { return {{"authorization", "Bearer " + token}}; }

struct Service {
  testing::MemoryHost host{testing::admin_settings()};

  // POST /v1/tokens as `as`; the created token's data.
  json create(const json& request, const Headers& as = kAdmin) {
    auto r = host.http("POST", "/v1/tokens", request.dump(), as);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return body(r)["data"];
  }
  std::string token(const std::string& role, const json& projects = nullptr) {
    json request = {{"name", role + "-token"}, {"role", role}};
    if (!projects.is_null()) request["projects"] = projects;
    return create(request)["token"].get<std::string>();
  }
  int status(const std::string& method, const std::string& path, const std::string& token, std::string request = {}) {
    return host.http(method, path, std::move(request), bearer(token)).status;
  }
};

}  // namespace

TEST_CASE("an access token's text names its id and nothing else guessable") {
  auto token = access::generate_access_token();
  REQUIRE(token);
  CHECK(token->text.rfind("fpt_", 0) == 0);
  CHECK(token->text.size() == 4 + 16 + 1 + 43);
  CHECK(access::access_token_id(token->text) == token->id);
  CHECK(token->id == "tok_" + token->text.substr(4, 16));
  CHECK_FALSE(access::access_token_id(token->text.substr(1)));
  CHECK_FALSE(access::access_token_id("fpt_" + std::string(16, 'G') + token->text.substr(20)));
  CHECK_FALSE(access::access_token_id("flagport-local-admin-token-for-dev-only"));
}

TEST_CASE("root creates a token shown once; the list never holds its text or digest") {
  Service s;
  json created = s.create({{"name", "ci"}, {"role", "writer"}, {"projects", {"shop"}}});
  CHECK(created["token"].get<std::string>().rfind("fpt_", 0) == 0);
  CHECK(created["id"].get<std::string>().rfind("tok_", 0) == 0);
  CHECK(created["name"] == "ci");
  CHECK(created["role"] == "writer");
  CHECK(created["projects"] == json{"shop"});
  CHECK(created["createdAt"] == s.host.now_ms);
  CHECK(created["createdBy"] == json{{"kind", "root"}});

  auto list = s.host.http("GET", "/v1/tokens", {}, kAdmin);
  REQUIRE(list.status == 200);
  json tokens = body(list)["data"]["tokens"];
  REQUIRE(tokens.size() == 1);
  CHECK(tokens[0]["id"] == created["id"]);
  CHECK_FALSE(tokens[0].contains("token"));
  CHECK_FALSE(tokens[0].contains("digest"));
  CHECK(list.body.find(created["token"].get<std::string>().substr(21)) == std::string::npos);
}

TEST_CASE("roles: a reader reads, a writer changes flags, an owner manages keys and tokens") {
  Service s;
  const std::string reader = s.token("reader"), writer = s.token("writer"), owner = s.token("owner");
  CHECK(s.status("PUT", "/v1/projects/shop/flags", reader, kFlags) == 403);
  CHECK(s.status("PUT", "/v1/projects/shop/flags", writer, kFlags) == 200);
  CHECK(s.status("GET", "/v1/projects/shop/flags", reader) == 200);
  CHECK(s.status("GET", "/v1/projects/shop/versions", reader) == 200);
  CHECK(s.status("PATCH", "/v1/projects/shop/flags/f", reader, R"({"state":"DISABLED"})") == 403);
  CHECK(s.status("PATCH", "/v1/projects/shop/flags/f", writer, R"({"state":"DISABLED"})") == 200);
  CHECK(s.status("POST", "/v1/projects/shop/keys", writer, "{}") == 403);
  CHECK(s.status("POST", "/v1/projects/shop/keys", owner, "{}") == 200);
  CHECK(s.status("PUT", "/v1/projects/shop/origins", writer, R"({"allowedOrigins":[]})") == 403);
  CHECK(s.status("GET", "/v1/projects/shop/keys", reader) == 200);
  CHECK(s.status("GET", "/v1/tokens", writer) == 403);
  CHECK(s.status("GET", "/v1/tokens", owner) == 200);
  CHECK(s.status("POST", "/v1/tokens", writer, R"({"name":"x","role":"reader"})") == 403);
  auto refusal = body(s.host.http("PUT", "/v1/projects/shop/flags", kFlags, bearer(reader)));
  CHECK(refusal["status"] == "unauthorized");
  CHECK(refusal["message"].get<std::string>().find("writer") != std::string::npos);
}

TEST_CASE("a token scoped to projects is refused elsewhere, and grants only its own projects") {
  Service s;
  const std::string scoped_owner = s.token("owner", {"shop", "blog"});
  CHECK(s.status("PUT", "/v1/projects/shop/flags", scoped_owner, kFlags) == 200);
  CHECK(s.status("PUT", "/v1/projects/other/flags", scoped_owner, kFlags) == 403);
  CHECK(s.status("GET", "/v1/projects/other/flags", scoped_owner) == 403);
  CHECK(s.status("GET", "/v1/audit", scoped_owner) == 403);

  const Headers as = bearer(scoped_owner);
  CHECK(s.host.http("POST", "/v1/tokens", R"({"name":"all","role":"reader"})", as).status == 403);
  CHECK(s.host.http("POST", "/v1/tokens", R"({"name":"x","role":"reader","projects":["other"]})", as).status == 403);
  json mine = s.create({{"name", "shop-ci"}, {"role", "writer"}, {"projects", {"shop"}}}, as);
  CHECK(mine["createdBy"]["name"] == "owner-token");
  // It sees and revokes its own tokens, not the root's others.
  json listed = body(s.host.http("GET", "/v1/tokens", {}, as))["data"]["tokens"];
  std::vector<std::string> ids;
  for (const auto& t : listed) ids.push_back(t["id"].get<std::string>());
  CHECK(ids.size() == 2);  // itself and the one it made
  CHECK(s.status("DELETE", "/v1/tokens/" + mine["id"].get<std::string>(), scoped_owner) == 200);
  json unscoped = s.create({{"name", "wide"}, {"role", "reader"}});
  CHECK(s.status("DELETE", "/v1/tokens/" + unscoped["id"].get<std::string>(), scoped_owner) == 404);
}

TEST_CASE("a revoked token, or one with a wrong secret, is refused") {
  Service s;
  json created = s.create({{"name", "gone"}, {"role", "reader"}});
  const std::string token = created["token"].get<std::string>();
  CHECK(s.status("GET", "/v1/me", token) == 200);
  std::string forged = token;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  CHECK(s.status("GET", "/v1/me", forged) == 403);
  CHECK(s.status("DELETE", "/v1/tokens/" + created["id"].get<std::string>(), "secret") == 200);
  auto refused = s.host.http("GET", "/v1/projects/shop/flags", {}, bearer(token));
  CHECK(refused.status == 403);
  CHECK(body(refused)["message"] == "the token is not valid or was revoked");
  CHECK(s.status("DELETE", "/v1/tokens/" + created["id"].get<std::string>(), "secret") == 404);
}

TEST_CASE("a token request is validated field by field") {
  Service s;
  auto r = s.host.http("POST", "/v1/tokens", R"({"name":"","role":"admin","projects":["Shop"],"x":1})", kAdmin);
  REQUIRE(r.status == 400);
  std::vector<std::string> paths;
  const json errors = body(r)["data"]["errors"];
  for (const auto& e : errors) paths.push_back(e["path"].get<std::string>());
  const std::vector<std::string> expected{"/name", "/role", "/projects/0", "/x"};
  CHECK_MESSAGE(paths == expected, r.body);
  CHECK(s.host.http("POST", "/v1/tokens", "[]", kAdmin).status == 400);
  CHECK(body(s.host.http("GET", "/v1/tokens", {}, kAdmin))["data"]["tokens"].empty());
}

TEST_CASE("/v1/me says who the caller is; /v1/projects lists what it may see") {
  Service s;
  json me = body(s.host.http("GET", "/v1/me", {}, kAdmin))["data"];
  CHECK(me == json{{"actor", {{"kind", "root"}}}, {"role", "owner"}, {"projects", nullptr}});
  const std::string reader = s.token("reader", {"blog"});
  json as_reader = body(s.host.http("GET", "/v1/me", {}, bearer(reader)))["data"];
  CHECK(as_reader["actor"]["kind"] == "token");
  CHECK(as_reader["actor"]["name"] == "reader-token");
  CHECK(as_reader["role"] == "reader");
  CHECK(as_reader["projects"] == json{"blog"});

  REQUIRE(s.host.http("PUT", "/v1/projects/shop/flags", kFlags, kAdmin).status == 200);
  REQUIRE(s.host.http("PUT", "/v1/projects/alpha/flags", kFlags, kAdmin).status == 200);
  CHECK(body(s.host.http("GET", "/v1/projects", {}, kAdmin))["data"]["projects"] == json{"alpha", "shop"});
  CHECK(body(s.host.http("GET", "/v1/projects", {}, bearer(reader)))["data"]["projects"] == json{"blog"});
  CHECK(s.host.http("GET", "/v1/projects").status == 401);
}

TEST_CASE("another instance: a new token works at once, a revoked one stops within 10 s") {
  Service s;
  s.host.instance = 1;
  const std::string early = s.token("reader");  // instance 1 now holds a copy of the list
  CHECK(s.status("GET", "/v1/me", early) == 200);
  s.host.instance = 0;
  json created = s.create({{"name", "fresh"}, {"role", "reader"}});
  const std::string token = created["token"].get<std::string>();
  s.host.instance = 1;
  CHECK(s.status("GET", "/v1/me", token) == 200);  // its copy lacked the token: read again

  s.host.instance = 0;
  CHECK(s.status("DELETE", "/v1/tokens/" + created["id"].get<std::string>(), "secret") == 200);
  CHECK(s.status("GET", "/v1/me", token) == 403);  // the revoking instance forgot its copy
  s.host.instance = 1;
  CHECK(s.status("GET", "/v1/me", token) == 200);  // a copy younger than kFreshMs
  s.host.now_ms += access::kFreshMs;
  CHECK(s.status("GET", "/v1/me", token) == 403);
}

TEST_CASE("made-up tokens read the directory at most kUnknownRechecksPerSecond times a second") {
  Service s;
  const std::string real = s.token("reader");
  CHECK(s.status("GET", "/v1/me", real) == 200);
  auto reads = [&] { return s.host.object_calls[std::string(access::kDirectoryObject)]; };
  const int before = reads();
  for (int i = 0; i < 50; ++i) {
    auto made_up = access::generate_access_token();
    REQUIRE(made_up);
    CHECK(s.status("GET", "/v1/me", made_up->text) == 403);
  }
  CHECK(reads() - before == access::kUnknownRechecksPerSecond);
  s.host.now_ms += 1000;
  auto made_up = access::generate_access_token();
  REQUIRE(made_up);
  CHECK(s.status("GET", "/v1/me", made_up->text) == 403);
  CHECK(reads() - before == access::kUnknownRechecksPerSecond + 1);
}

TEST_CASE("a project made before the directory listed projects appears at its next change") {
  Service s;
  REQUIRE(s.host.http("PUT", "/v1/projects/old/flags", kFlags, kAdmin).status == 200);
  s.host.objects.erase(std::string(access::kDirectoryObject));  // as before this version
  s.host.instance = 1;                                           // a fresh instance
  CHECK(body(s.host.http("GET", "/v1/projects", {}, kAdmin))["data"]["projects"] == json::array());
  REQUIRE(s.host.http("PATCH", "/v1/projects/old/flags/f", R"({"state":"DISABLED"})", kAdmin).status == 200);
  CHECK(body(s.host.http("GET", "/v1/projects", {}, kAdmin))["data"]["projects"] == json{"old"});
  // Listed once per instance: a further change does not call the directory.
  const int calls = s.host.object_calls[std::string(access::kDirectoryObject)];
  REQUIRE(s.host.http("PATCH", "/v1/projects/old/flags/f", R"({"state":"ENABLED"})", kAdmin).status == 200);
  CHECK(s.host.object_calls[std::string(access::kDirectoryObject)] == calls);
}
