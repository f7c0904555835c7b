#include "bindings/lambda/events/api_gateway_v1.hpp"

#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace flagport;
using namespace flagport::lambda;
using flagport::lambda::test::fixture;
using flagport::lambda::test::header_of;

TEST_CASE("REST API 1.0: multi-value query and headers, upper-cased method, text body") {
  auto event = api_gateway_v1::to_request(fixture("rest-api-v1.json"));
  REQUIRE(event);
  const HttpRequest& r = event->request;
  CHECK(r.method == "GET");
  CHECK(r.path == "/v1/projects/demo/flags");
  CHECK(r.query == "parameter1=value1&parameter1=value%202%263&parameter2=value");
  CHECK(header_of(r, "header2") == std::optional<std::string_view>("value1,value2"));
  CHECK(header_of(r, "cookie") == std::optional<std::string_view>("a=1; b=2"));
  CHECK(r.body == "Hello from Lambda!");
  CHECK(event->request_id == "id=");
  CHECK(event->source_ip == "192.0.2.1");
}

TEST_CASE("REST API 1.0: single-value maps when the multi-value ones are absent") {
  auto json = fixture("rest-api-v1.json");
  json.erase("multiValueHeaders");
  json.erase("multiValueQueryStringParameters");
  auto event = api_gateway_v1::to_request(json);
  REQUIRE(event);
  CHECK(event->request.query == "parameter1=value1&parameter2=value");
  CHECK(header_of(event->request, "header2") == std::optional<std::string_view>("value2"));
}

TEST_CASE("REST API 1.0: base64 bodies are decoded") {
  auto json = fixture("rest-api-v1.json");
  json["body"] = "aGk=";
  json["isBase64Encoded"] = true;
  auto event = api_gateway_v1::to_request(json);
  REQUIRE(event);
  CHECK(event->request.body == "hi");
}

TEST_CASE("REST API 1.0 response: every header as multiValueHeaders") {
  HttpResponse response{404, {{"content-type", "application/json"}, {"set-cookie", "a=1"}, {"set-cookie", "b=2"}},
                        R"({"status":"notFound"})"};
  auto out = nlohmann::json::parse(api_gateway_v1::to_response(response));
  CHECK(out["statusCode"] == 404);
  CHECK(out["multiValueHeaders"]["set-cookie"] == nlohmann::json::array({"a=1", "b=2"}));
  CHECK(out["multiValueHeaders"]["content-type"] == nlohmann::json::array({"application/json"}));
  CHECK(out["body"] == R"({"status":"notFound"})");
  CHECK(out["isBase64Encoded"] == false);
}
