#include <doctest/doctest.h>

#include "core/http/router.hpp"
#include "core/http/url.hpp"

using namespace flagport;

TEST_CASE("router matches path parameters") {
  Router<int> r;
  r.add("GET", "/v1/projects/{project}/flags", 1);
  r.add("PATCH", "/v1/projects/{project}/flags/{flagKey}", 2);
  auto m = r.match("PATCH", "/v1/projects/shop/flags/new-checkout");
  REQUIRE(m.outcome == Router<int>::Outcome::Matched);
  CHECK(*m.handler == 2);
  CHECK(m.params["project"] == "shop");
  CHECK(m.params["flagKey"] == "new-checkout");
}

TEST_CASE("router tells unknown paths from wrong methods") {
  Router<int> r;
  r.add("GET", "/v1/health", 1);
  CHECK(r.match("GET", "/v1/nope").outcome == Router<int>::Outcome::NotFound);
  auto m = r.match("DELETE", "/v1/health");
  REQUIRE(m.outcome == Router<int>::Outcome::MethodNotAllowed);
  CHECK(m.allowed == std::vector<std::string>{"GET"});
  CHECK(r.match("GET", "/v1/health/extra").outcome == Router<int>::Outcome::NotFound);
}

TEST_CASE("percent decoding") {
  CHECK(percent_decode("a%2Fb").value() == "a/b");
  CHECK(percent_decode("caf%C3%A9").value() == "caf\xC3\xA9");
  CHECK_FALSE(percent_decode("bad%2").has_value());
  CHECK_FALSE(percent_decode("bad%zz").has_value());
  CHECK(percent_decode("").value().empty());
  CHECK(percent_decode("plain-key").value() == "plain-key");
  CHECK(percent_decode("%41%42x%2f").value() == "ABx/");
  CHECK_FALSE(percent_decode("%").has_value());
  CHECK_FALSE(percent_decode("a%4g").has_value());
}
