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

namespace {

std::string http_call(std::string_view body, std::uint8_t too_large) {
  wire::Writer out = wire::Writer::framed();
  for (std::string_view field : {"POST", "/v1/projects/p/evaluate", "a=1"}) out.bytes(field);
  out.u32(1);
  out.bytes("authorization");
  out.bytes("Bearer k");
  out.bytes(body);
  out.u8(too_large);
  out.bytes("req-1");
  out.i64(1767225600000);
  out.bytes("203.0.113.7");
  return out.take_framed().substr(4);
}

}  // namespace

TEST_CASE("an HTTP call carries its body, or that the host found it too large to read") {
  auto read = messages::decode_http_call(http_call(R"({"context":{}})", 0));
  REQUIRE(read);
  CHECK(read->request.body == R"({"context":{}})");
  CHECK_FALSE(read->request.body_too_large);
  CHECK_FALSE(read->request.body_exceeds(limits::kMaxBodyBytes));
  CHECK(read->request.header(RequestHeader::authorization) == std::optional<std::string_view>("Bearer k"));
  CHECK(read->info.request_id == "req-1");
  CHECK(read->info.now_ms == 1767225600000);
  CHECK(read->info.client_ip == "203.0.113.7");

  auto unread = messages::decode_http_call(http_call("", 1));
  REQUIRE(unread);
  CHECK(unread->request.body.empty());
  CHECK(unread->request.body_too_large);
  CHECK(unread->request.body_exceeds(limits::kMaxBodyBytes));

  CHECK_FALSE(messages::decode_http_call(http_call("", 1) + "x"));  // trailing bytes
}

namespace {

struct Sent {
  std::string id;
  std::string body;
  std::uint32_t attempts;
};

std::string queue_call(std::string_view queue_name, const std::vector<Sent>& batch) {
  wire::Writer out = wire::Writer::framed();
  out.bytes(queue_name);
  out.u32(static_cast<std::uint32_t>(batch.size()));
  for (const auto& message : batch) {
    out.bytes(message.id);
    out.bytes(message.body);
    out.u32(message.attempts);
  }
  out.bytes("req-q");
  out.i64(1767225600000);
  return out.take_framed().substr(4);
}

}  // namespace

TEST_CASE("a queue call carries the queue's name and each message's id, body and deliveries") {
  auto read = messages::decode_queue_call(queue_call("flagport-insights", {{"m-1", R"({"v":1})", 1}, {"m-2", "", 4}}));
  REQUIRE(read);
  CHECK(read->queue_name == "flagport-insights");
  REQUIRE(read->batch.size() == 2);
  CHECK(read->batch[0].id == "m-1");
  CHECK(read->batch[0].body == R"({"v":1})");
  CHECK(read->batch[0].attempts == 1);
  CHECK(read->batch[1].id == "m-2");
  CHECK(read->batch[1].body.empty());
  CHECK(read->batch[1].attempts == 4);
  CHECK(read->info.request_id == "req-q");
  CHECK(read->info.now_ms == 1767225600000);

  auto empty = messages::decode_queue_call(queue_call("q", {}));
  REQUIRE(empty);
  CHECK(empty->batch.empty());

  const std::string whole = queue_call("q", {{"m", "b", 1}});
  CHECK_FALSE(messages::decode_queue_call(whole + "x"));  // trailing bytes
  CHECK_FALSE(messages::decode_queue_call(whole.substr(0, whole.size() - 1)));
  std::string more = whole;
  more[5] = 2;  // says two messages, carries one
  CHECK_FALSE(messages::decode_queue_call(more));
}

TEST_CASE("outcomes cross as one byte per message, in the batch's order") {
  wire::Writer out = wire::Writer::framed();
  messages::encode_outcomes(out, {MessageOutcome::Done, MessageOutcome::Retry, MessageOutcome::Done});
  const std::string framed = out.take_framed();
  wire::Reader in(std::string_view(framed).substr(4));
  CHECK(in.u32() == 3);
  CHECK(in.u8() == 0);
  CHECK(in.u8() == 1);
  CHECK(in.u8() == 0);
  CHECK(in.finished());
}
