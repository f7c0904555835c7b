// The wasm boundary's byte format (wasm/messages.hpp), built natively.
#include "wasm/messages.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

using namespace flagport;

namespace {

struct DecodedResponse {
  std::uint32_t status;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

DecodedResponse encoded(const HttpResponse& response) {
  wire::Writer out = wire::Writer::framed();
  messages::encode_http_response(out, response);
  const std::string framed = out.take_framed();
  wire::Reader in(std::string_view(framed).substr(4));
  DecodedResponse decoded{in.u32(), {}, {}};
  for (std::uint32_t n = in.u32(); n > 0 && in.ok(); --n) {
    std::string name = in.bytes();
    decoded.headers.emplace_back(std::move(name), in.bytes());
  }
  // The body is not in the message: its address is (natively, the low half of it).
  const std::uint32_t address = in.u32();
  const std::uint32_t length = in.u32();
  CHECK(address == static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(response.body.data())));
  CHECK(length == response.body.size());
  decoded.body = response.body.substr(0, length);
  CHECK(in.finished());
  return decoded;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("an HTTP response's headers cross once per name, repeated names joined in order") {
  HttpResponse response;
  response.status = 304;
  response.headers = {{"etag", "\"a\\b\""}, {"vary", "Origin"}, {"x-request-id", "r\u00e9-1"}, {"vary", "Accept"}};
  response.body = "";
  const DecodedResponse decoded = encoded(response);
  CHECK(decoded.status == 304);
  CHECK(decoded.headers == Pairs{{"etag", "\"a\\b\""}, {"vary", "Origin, Accept"}, {"x-request-id", "r\u00e9-1"}});
  CHECK(decoded.body.empty());
}

TEST_CASE("a repeated header whose first value is empty keeps its place in the join") {
  HttpResponse response;
  response.headers = {{"vary", ""}, {"vary", "Origin"}, {"vary", "Accept"}};
  CHECK(encoded(response).headers == Pairs{{"vary", ", Origin, Accept"}});
}

TEST_CASE("a response without headers crosses with none") {
  HttpResponse response;
  response.body = "{}";
  const DecodedResponse decoded = encoded(response);
  CHECK(decoded.status == 200);
  CHECK(decoded.headers.empty());
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
