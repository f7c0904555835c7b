#include "bindings/lambda/runtime/response_parser.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace flagport::lambda;
using Progress = ResponseParser::Progress;

namespace {

// Feeds `wire` in pieces of `step` bytes; the progress after the last piece.
Progress feed(ResponseParser& parser, std::string_view wire, std::size_t step) {
  Progress progress = Progress::kMore;
  for (std::size_t at = 0; at < wire.size(); at += step) {
    progress = parser.add(wire.substr(at, step));
    if (progress != Progress::kMore) break;
  }
  return progress;
}

constexpr std::string_view kNext =
    "HTTP/1.1 200 OK\r\n"
    "Lambda-Runtime-Aws-Request-Id: 8476a536-e9f4-11e8-9739-2dfe598c3fcd\r\n"
    "Lambda-Runtime-Deadline-Ms:  1542409706888 \r\n"
    "Content-Type: application/json\r\n"
    "Content-Length: 13\r\n"
    "\r\n"
    "{\"event\":\"x\"}";

}  // namespace

TEST_CASE("Runtime API response: sized by Content-Length, whole or a byte at a time") {
  for (std::size_t step : {kNext.size(), std::size_t{1}, std::size_t{7}}) {
    CAPTURE(step);
    ResponseParser parser;
    REQUIRE(feed(parser, kNext, step) == Progress::kDone);
    HttpReply reply = parser.take();
    CHECK(reply.status == 200);
    CHECK(reply.header("lambda-runtime-aws-request-id") == "8476a536-e9f4-11e8-9739-2dfe598c3fcd");
    CHECK(reply.header("lambda-runtime-deadline-ms") == "1542409706888");  // names lower case, values trimmed
    CHECK(reply.body == "{\"event\":\"x\"}");
  }
}

TEST_CASE("Runtime API response: not done until the last body byte") {
  ResponseParser parser;
  CHECK(parser.add(kNext.substr(0, kNext.size() - 1)) == Progress::kMore);
  CHECK(parser.add(kNext.substr(kNext.size() - 1)) == Progress::kDone);
}

TEST_CASE("Runtime API response: chunked, with extensions and trailers, in any split") {
  constexpr std::string_view wire =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5;name=value\r\n{\"a\":\r\n"
      "A\r\n\"0123456\"}\r\n"
      "0\r\nTrailer-Field: x\r\n\r\n";
  for (std::size_t step : {wire.size(), std::size_t{1}, std::size_t{3}}) {
    CAPTURE(step);
    ResponseParser parser;
    REQUIRE(feed(parser, wire, step) == Progress::kDone);
    CHECK(parser.take().body == "{\"a\":\"0123456\"}");
  }
}

TEST_CASE("Runtime API response: no body for 204, a 202 with Content-Length 0") {
  ResponseParser parser;
  CHECK(parser.add("HTTP/1.1 204 No Content\r\n\r\n") == Progress::kDone);
  CHECK(parser.take().status == 204);
  CHECK(parser.add("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n") == Progress::kDone);
  CHECK(parser.take().status == 202);
}

TEST_CASE("Runtime API response: an interim 100 Continue is skipped") {
  ResponseParser parser;
  REQUIRE(parser.add("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\nok") ==
          Progress::kDone);
  HttpReply reply = parser.take();
  CHECK(reply.status == 202);
  CHECK(reply.body == "ok");
}

TEST_CASE("Runtime API response: without a length the body runs to the connection's end") {
  ResponseParser parser;
  CHECK(parser.add("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nabc") == Progress::kMore);
  CHECK(parser.add("def") == Progress::kMore);
  REQUIRE(parser.end_of_stream() == Progress::kDone);
  CHECK_FALSE(parser.keeps_connection());
  CHECK(parser.take().body == "abcdef");
}

TEST_CASE("Runtime API response: a connection that closes early or speaks something else is refused") {
  SUBCASE("closed inside the head") {
    ResponseParser parser;
    CHECK(parser.add("HTTP/1.1 200 OK\r\nContent-") == Progress::kMore);
    CHECK(parser.started());
    CHECK(parser.end_of_stream() == Progress::kMalformed);
  }
  SUBCASE("closed inside a sized body") {
    ResponseParser parser;
    CHECK(parser.add("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc") == Progress::kMore);
    CHECK(parser.end_of_stream() == Progress::kMalformed);
  }
  SUBCASE("nothing arrived") {
    ResponseParser parser;
    CHECK_FALSE(parser.started());
  }
  SUBCASE("not HTTP") {
    ResponseParser parser;
    CHECK(parser.add("SSH-2.0-OpenSSH_9.2\r\n\r\n") == Progress::kMalformed);
    CHECK_FALSE(parser.error().empty());
  }
  SUBCASE("a malformed Content-Length") {
    ResponseParser parser;
    CHECK(parser.add("HTTP/1.1 200 OK\r\nContent-Length: 12x\r\n\r\n") == Progress::kMalformed);
  }
  SUBCASE("a malformed chunk size") {
    ResponseParser parser;
    CHECK(parser.add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") == Progress::kMalformed);
  }
  SUBCASE("chunk data longer than its size") {
    ResponseParser parser;
    CHECK(parser.add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n") == Progress::kMalformed);
  }
  SUBCASE("a chunk-size line that never ends") {
    ResponseParser parser;
    CHECK(parser.add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n") == Progress::kMore);
    CHECK(parser.add(std::string(70 * 1024, '1')) == Progress::kMalformed);
  }
  SUBCASE("a head that never ends") {
    ResponseParser parser;
    CHECK(parser.add("HTTP/1.1 200 OK\r\n") == Progress::kMore);
    CHECK(parser.add("X: " + std::string(70 * 1024, 'a')) == Progress::kMalformed);
  }
}

TEST_CASE("Runtime API response: bytes after one response start the next") {
  ResponseParser parser;
  REQUIRE(parser.add("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx") ==
          Progress::kDone);
  CHECK(parser.take().status == 202);
  CHECK(parser.started());
  REQUIRE(parser.add("") == Progress::kDone);
  CHECK(parser.keeps_connection());
  HttpReply second = parser.take();
  CHECK(second.status == 200);
  CHECK(second.body == "x");
}

TEST_CASE("Runtime API response: whether the connection stays open, by version and Connection") {
  struct Case {
    const char* head;
    bool kept;
  };
  for (const Case& c : {Case{"HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n", true},
                        Case{"HTTP/1.1 202 Accepted\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n", false},
                        Case{"HTTP/1.0 202 Accepted\r\nContent-Length: 0\r\n\r\n", false},
                        Case{"HTTP/1.0 202 Accepted\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", true}}) {
    CAPTURE(c.head);
    ResponseParser parser;
    REQUIRE(parser.add(c.head) == Progress::kDone);
    CHECK(parser.keeps_connection() == c.kept);
  }
}
