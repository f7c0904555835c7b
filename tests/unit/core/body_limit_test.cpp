// A body over the limit gets one answer whether the host read it (Lambda, a body just
// over) or stopped reading and said so (the Worker's cap, a Lambda body far over).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/http/limits.hpp"
#include "tests/unit/support/memory_host.hpp"

using namespace flagport;
using nlohmann::json;

namespace {

const std::string kToken = "0123456789abcdef0123456789abcdef";

HttpRequest post(std::string path, std::string body, bool too_large) {
  HttpRequest request{"POST", std::move(path), {}, {{"authorization", "Bearer " + kToken}}, std::move(body)};
  request.body_too_large = too_large;
  return request;
}

}  // namespace

TEST_CASE("a body the host did not read answers as one it read over the limit") {
  for (std::string path : {"/v1/projects/shop/keys", "/v1/projects/shop/evaluate", "/ofrep/v1/evaluate/flags/f",
                           "/ofrep/v1/evaluate/flags"}) {
    CAPTURE(path);
    testing::MemoryHost host(Settings::from({{"ADMIN_TOKEN", kToken}}));
    HttpResponse read = host.http(post(path, std::string(limits::kMaxBodyBytes + 1, ' '), false));
    HttpResponse unread = host.http(post(path, "", true));
    CHECK(read.status == 400);
    CHECK(unread.status == read.status);
    CHECK(unread.body == read.body);
    CHECK(unread.body.find("the body exceeds 262144 bytes") != std::string::npos);
  }
  testing::MemoryHost host(Settings::from({{"ADMIN_TOKEN", kToken}}));
  json envelope = json::parse(host.http(post("/v1/projects/shop/keys", "", true)).body);
  CHECK(envelope["status"] == "badRequest");
  CHECK(envelope["data"]["errors"] == json::array({{{"path", ""}, {"message", "the body exceeds 262144 bytes"}}}));
  CHECK(host.effects_seen == 0);  // refused before anything else
}

TEST_CASE("a body at the limit is read") {
  testing::MemoryHost host(Settings::from({{"ADMIN_TOKEN", kToken}}));
  HttpResponse at_limit = host.http(post("/v1/projects/shop/keys", std::string(limits::kMaxBodyBytes, ' '), false));
  CHECK(json::parse(at_limit.body)["message"] != "body too large");
}

TEST_CASE("a route that takes a flag set reads bodies up to its own, larger limit") {
  testing::MemoryHost host(Settings::from({{"ADMIN_TOKEN", kToken}}));
  auto put = [&](std::string body, bool too_large) {
    HttpRequest request{"PUT", "/v1/projects/shop/flags", {}, {{"authorization", "Bearer " + kToken}}, std::move(body)};
    request.body_too_large = too_large;
    return json::parse(host.http(std::move(request)).body);
  };
  const std::string over = "the body exceeds " + std::to_string(limits::kMaxFlagSetBodyBytes) + " bytes";
  CHECK(put(std::string(limits::kMaxFlagSetBodyBytes, ' '), false)["message"] != "body too large");
  CHECK(put(std::string(limits::kMaxFlagSetBodyBytes + 1, ' '), false)["data"]["errors"][0]["message"] == over);
  CHECK(put("", true)["data"]["errors"][0]["message"] == over);
  // Every other route keeps the small limit.
  CHECK(json::parse(host.http(post("/v1/projects/shop/keys", std::string(limits::kMaxBodyBytes + 1, ' '), false)).body)
            ["message"] == "body too large");
}
