// The wasm boundary's byte format (wasm/messages.hpp), built natively.
#include "wasm/messages.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using namespace flagport;

namespace {

struct DecodedResponse {
  std::uint32_t status;
  std::string headers;
  std::string body;
};

DecodedResponse encoded(const HttpResponse& response) {
  wire::Writer out = wire::Writer::framed();
  messages::encode_http_response(out, response);
  const std::string framed = out.take_framed();
  wire::Reader in(std::string_view(framed).substr(4));
  DecodedResponse decoded{in.u32(), in.bytes(), in.bytes()};
  CHECK(in.finished());
  return decoded;
}

}  // namespace

TEST_CASE("an HTTP response's headers cross as one JSON object, repeated names joined in order") {
  HttpResponse response;
  response.status = 304;
  response.headers = {{"etag", "\"a\\b\""}, {"vary", "Origin"}, {"x-request-id", "r\u00e9-1"}, {"vary", "Accept"}};
  response.body = "";
  const DecodedResponse decoded = encoded(response);
  CHECK(decoded.status == 304);
  CHECK(decoded.headers == R"({"etag":"\"a\\b\"","vary":"Origin, Accept","x-request-id":"ré-1"})");
  CHECK(nlohmann::json::parse(decoded.headers)["vary"] == "Origin, Accept");
  CHECK(decoded.body.empty());
}

TEST_CASE("a response without headers crosses as an empty object") {
  HttpResponse response;
  response.body = "{}";
  const DecodedResponse decoded = encoded(response);
  CHECK(decoded.status == 200);
  CHECK(decoded.headers == "{}");
  CHECK(decoded.body == "{}");
}

TEST_CASE("the framed length counts what follows it") {
  wire::Writer out = wire::Writer::framed();
  out.bytes("abc");
  const std::string framed = out.take_framed();
  wire::Reader in(framed);
  CHECK(in.u32() == framed.size() - 4);
  CHECK(in.bytes() == "abc");
  CHECK(in.finished());
}
