#include "bindings/lambda/console_assets.hpp"

#include <doctest/doctest.h>

using namespace flagport;
using namespace flagport::lambda;

namespace {

HttpRequest request(std::string method, std::string path) {
  HttpRequest r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

std::string header(const HttpResponse& response, std::string_view name) {
  for (const auto& [n, v] : response.headers)
    if (n == name) return v;
  return "";
}

}  // namespace

TEST_CASE("console assets: the embedded files with web/_headers' headers") {
  auto index = console_assets::serve(request("GET", "/console/"));
  REQUIRE(index);
  CHECK(index->status == 200);
  CHECK(index->body.starts_with("<!doctype html>"));
  CHECK(header(*index, "content-type") == "text/html; charset=utf-8");
  CHECK(header(*index, "cache-control") == "no-cache");
  CHECK(header(*index, "content-security-policy").find("frame-ancestors 'none'") != std::string::npos);

  auto script = console_assets::serve(request("HEAD", "/console/main.js"));
  REQUIRE(script);
  CHECK(script->status == 200);
  CHECK(script->body.empty());
  CHECK(header(*script, "content-type") == "text/javascript; charset=utf-8");
}

TEST_CASE("console assets: folders, missing files and methods as Workers static assets answer them") {
  auto bare = console_assets::serve(request("GET", "/console"));
  REQUIRE(bare);
  CHECK(bare->status == 307);
  CHECK(header(*bare, "location") == "/console/");
  CHECK(header(*bare, "cache-control").empty());  // /console/* does not match /console

  auto index = console_assets::serve(request("GET", "/console/index.html"));
  REQUIRE(index);
  CHECK(index->status == 307);
  CHECK(header(*index, "location") == "/console/");

  auto missing = console_assets::serve(request("GET", "/console/missing.js"));
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(missing->body.empty());
  CHECK(console_assets::serve(request("GET", "/console/_headers"))->status == 404);
  CHECK(console_assets::serve(request("POST", "/console/main.js"))->status == 405);
}

TEST_CASE("console assets: every other path is the core's") {
  CHECK_FALSE(console_assets::serve(request("GET", "/v1/health")));
  CHECK_FALSE(console_assets::serve(request("GET", "/consoles")));
  CHECK_FALSE(console_assets::serve(request("GET", "/_headers")));
  CHECK_FALSE(console_assets::serve(request("GET", "/")));
}
