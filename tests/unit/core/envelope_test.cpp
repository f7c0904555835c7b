#include <doctest/doctest.h>

#include "core/http/envelope.hpp"

using namespace flagport;

TEST_CASE("envelope keys come in the fixed order and data null stays null") {
  auto out = render_envelope(Response::fail(Status::NotFound, "gone"), "test", "r1");
  CHECK(out.status == 404);
  CHECK(out.body == R"({"status":"notFound","message":"gone","data":null})");
}

TEST_CASE("provider and request id go to headers, never the body") {
  auto out = render_envelope(Response::success({{"b", 1}, {"a", 2}}), "cloudflare", "abc");
  CHECK(out.body == R"({"status":"success","message":"","data":{"b":1,"a":2}})");  // members as built
  bool provider = false, id = false;
  for (auto& [k, v] : out.headers) {
    provider |= k == "x-flagport-provider" && v == "cloudflare";
    id |= k == "x-request-id" && v == "abc";
  }
  CHECK(provider);
  CHECK(id);
}

TEST_CASE("every status has its HTTP code") {
  CHECK(http_code(Status::Skipped) == 200);
  CHECK(http_code(Status::BadRequest) == 400);
  CHECK(http_code(Status::NotAuthenticated) == 401);
  CHECK(http_code(Status::Unauthorized) == 403);
  CHECK(http_code(Status::Conflict) == 409);
  CHECK(http_code(Status::TooManyRequests) == 429);
  CHECK(http_code(Status::Error) == 500);
  CHECK(http_code(Status::NotImplemented) == 501);
}

TEST_CASE("validation failures list path and message") {
  auto out = render_envelope(Response::invalid({{"/flags", "must be an object"}}), "t", "r");
  CHECK(out.body == R"({"status":"badRequest","message":"validation failed","data":{"errors":[{"path":"/flags","message":"must be an object"}]}})");
}

TEST_CASE("internal errors carry the request id and nothing else") {
  auto out = render_envelope(internal_error("req-9"), "t", "req-9");
  CHECK(out.status == 500);
  CHECK(out.body.find("req-9") != std::string::npos);
}
