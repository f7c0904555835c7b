#include "bindings/lambda/events/api_gateway_v2.hpp"

#include <doctest/doctest.h>

#include "bindings/lambda/base64.hpp"
#include "core/http/limits.hpp"
#include "fixture.hpp"

using namespace flagport;
using namespace flagport::lambda;
using flagport::lambda::test::fixture;
using flagport::lambda::test::header_of;

TEST_CASE("HTTP API 2.0: method, raw path and query, lower-cased headers, cookies, base64 body") {
  auto event = api_gateway_v2::to_request(fixture("http-api-v2.json"));
  REQUIRE(event);
  const HttpRequest& r = event->request;
  CHECK(r.method == "PUT");
  CHECK(r.path == "/v1/projects/demo/flags");
  CHECK(r.query == "parameter1=value1&parameter1=value2&parameter2=value");
  CHECK(header_of(r, "header1") == std::optional<std::string_view>("value1"));
  CHECK(header_of(r, "header2") == std::optional<std::string_view>("value1,value2"));
  CHECK(header_of(r, "authorization") == std::optional<std::string_view>("Bearer local-admin-token"));
  CHECK(header_of(r, "cookie") == std::optional<std::string_view>("cookie1; cookie2=value2"));
  CHECK(r.body == R"({"flags":{}})");
  CHECK(event->request_id == "JKJaXmPLvHcESHA=");
  CHECK(event->source_ip == "192.0.2.1");
}

TEST_CASE("Function URL events are payload 2.0") {
  auto event = api_gateway_v2::to_request(fixture("function-url.json"));
  REQUIRE(event);
  CHECK(event->request.method == "GET");
  CHECK(event->request.path == "/v1/health");
  CHECK(event->request.query.empty());
  CHECK(event->request.body.empty());
  CHECK(header_of(event->request, "host") == std::optional<std::string_view>("abcdefg.lambda-url.us-east-1.on.aws"));
  CHECK_FALSE(header_of(event->request, "cookie"));
}

TEST_CASE("HTTP API 2.0: a body marked base64 that is not base64 is refused") {
  auto json = fixture("http-api-v2.json");
  json["body"] = "not base64!";
  CHECK_FALSE(api_gateway_v2::to_request(json));
}

TEST_CASE("HTTP API 2.0 response: set-cookie goes to cookies, repeated headers are joined, JSON stays text") {
  HttpResponse response{201, {{"content-type", "application/json; charset=utf-8"}, {"vary", "a"}, {"vary", "b"},
                              {"set-cookie", "x=1"}, {"set-cookie", "y=2"}}, R"({"status":"success"})"};
  auto out = nlohmann::json::parse(api_gateway_v2::to_response(response));
  CHECK(out["statusCode"] == 201);
  CHECK(out["headers"]["vary"] == "a,b");
  CHECK(out["headers"]["content-type"] == "application/json; charset=utf-8");
  CHECK(out["cookies"] == nlohmann::json::array({"x=1", "y=2"}));
  CHECK_FALSE(out["headers"].contains("set-cookie"));
  CHECK(out["body"] == R"({"status":"success"})");
  CHECK(out["isBase64Encoded"] == false);
}

TEST_CASE("HTTP API 2.0 response: binary bodies travel base64") {
  HttpResponse response{200, {{"content-type", "application/octet-stream"}}, std::string("\x00\xff", 2)};
  auto out = nlohmann::json::parse(api_gateway_v2::to_response(response));
  CHECK(out["isBase64Encoded"] == true);
  CHECK(out["body"] == "AP8=");
  CHECK_FALSE(out.contains("cookies"));
}

TEST_CASE("HTTP API 2.0 response: header values are escaped, ill-formed UTF-8 replaced, and the event stays JSON") {
  HttpResponse response{200, {{"access-control-allow-origin", "https://a\"b\\c"}, {"x-odd", "caf\xc3\xa9 \xff"}}, ""};
  auto out = nlohmann::json::parse(api_gateway_v2::to_response(response));
  CHECK(out["headers"]["access-control-allow-origin"] == "https://a\"b\\c");
  CHECK(out["headers"]["x-odd"] == "caf\xc3\xa9 \xef\xbf\xbd");
  CHECK(out["body"] == "");
}

TEST_CASE("HTTP API 2.0: a body over what the core reads is marked, neither copied nor decoded") {
  constexpr std::size_t limit = limits::kMaxReadBodyBytes;
  auto event_with = [](std::string body, bool encoded) {
    auto json = fixture("http-api-v2.json");
    json["body"] = std::move(body);
    json["isBase64Encoded"] = encoded;
    return json;
  };
  auto plain_at_limit = api_gateway_v2::to_request(event_with(std::string(limit, 'a'), false));
  REQUIRE(plain_at_limit);
  CHECK(plain_at_limit->request.body.size() == limit);
  CHECK_FALSE(plain_at_limit->request.body_exceeds(limit));

  auto plain_over = api_gateway_v2::to_request(event_with(std::string(limit + 1, 'a'), false));
  REQUIRE(plain_over);
  CHECK(plain_over->request.body.empty());
  CHECK(plain_over->request.body_too_large);

  // The limit is a multiple of 3: base64 of one byte more is longer than any of the limit.
  static_assert(limit % 3 == 0);
  auto encoded_at_limit = api_gateway_v2::to_request(event_with(base64::encode(std::string(limit, 'a')), true));
  REQUIRE(encoded_at_limit);
  CHECK(encoded_at_limit->request.body.size() == limit);
  auto encoded_just_over = api_gateway_v2::to_request(event_with(base64::encode(std::string(limit + 1, 'a')), true));
  REQUIRE(encoded_just_over);
  CHECK(encoded_just_over->request.body.empty());
  CHECK(encoded_just_over->request.body_too_large);

  // Far over: refused by its length, even though it is not base64 at all.
  auto encoded_over = api_gateway_v2::to_request(event_with(std::string(8 * 1024 * 1024, '!'), true));
  REQUIRE(encoded_over);
  CHECK(encoded_over->request.body.empty());
  CHECK(encoded_over->request.body_too_large);
}
