#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/ofrep/origin.hpp"

using flagport::ofrep::allowed_origins_errors;
using flagport::ofrep::origin_problem;
using nlohmann::json;

TEST_CASE("origins a browser sends are accepted") {
  for (const char* origin : {"https://app.example.com", "http://localhost:3000", "http://127.0.0.1:8787",
                             "https://xn--bcher-kva.example", "http://[::1]:8080", "https://a-b.c-d.io", "https://x"})
    CHECK_MESSAGE(!origin_problem(origin), origin);
}

TEST_CASE("anything a browser would never send as Origin is refused, with the reason") {
  auto problem = [](std::string_view text) { return origin_problem(text).value_or("accepted"); };
  CHECK(problem("*").find("empty list already allows any origin") != std::string::npos);
  CHECK(problem("app.example.com").find("scheme://host") != std::string::npos);
  CHECK(problem("null").find("scheme://host") != std::string::npos);
  CHECK(problem("ftp://app.example.com") == "the scheme must be http or https");
  CHECK(problem("HTTPS://app.example.com").find("lower case") != std::string::npos);
  CHECK(problem("https://App.Example.com").find("lower case") != std::string::npos);
  CHECK(problem("https://app.example.com/").find("trailing '/'") != std::string::npos);
  CHECK(problem("https://app.example.com/path").find("no path") != std::string::npos);
  CHECK(problem("https://app.example.com?q=1").find("no path, query") != std::string::npos);
  CHECK(problem("https://app.example.com#top").find("fragment") != std::string::npos);
  CHECK(problem("https://user@app.example.com") == "an origin has no user information");
  CHECK(problem("https://") == "the host is missing");
  CHECK(problem("https://:8080") == "the host is missing");
  CHECK(problem("https://b\xc3\xbc" "cher.example").find("punycode") != std::string::npos);
  CHECK(problem("https://app_1.example").find("a-z, 0-9") != std::string::npos);
  CHECK(problem("https://app..example").find("empty label") != std::string::npos);
  CHECK(problem("https://app.example.").find("empty label") != std::string::npos);
  CHECK(problem("https://-app.example").find("starts or ends with '-'") != std::string::npos);
  CHECK(problem("https://" + std::string(64, 'a') + ".example") == "a host label exceeds 63 bytes");
  CHECK(problem("http://[::1").find("IPv6") != std::string::npos);
  CHECK(problem("http://[::G]").find("IPv6") != std::string::npos);
  CHECK(problem("http://localhost:").find("port is empty") != std::string::npos);
  CHECK(problem("http://localhost:0") == "the port is a number from 1 to 65535");
  CHECK(problem("http://localhost:65536") == "the port is a number from 1 to 65535");
  CHECK(problem("http://localhost:8o") == "the port is a number from 1 to 65535");
  CHECK(problem("http://localhost:080") == "the port has no leading zeros");
  CHECK(problem("http://localhost:80").find("default port 80") != std::string::npos);
  CHECK(problem("https://localhost:443").find("default port 443") != std::string::npos);
  CHECK_FALSE(origin_problem("https://localhost:80"));
}

TEST_CASE("origin length limits: a 253-byte host fits, one byte more does not") {
  std::string label(63, 'a');
  std::string host = label + "." + label + "." + label + "." + std::string(61, 'a');
  REQUIRE(host.size() == 253);
  CHECK_FALSE(origin_problem("https://" + host + ":65535"));  // 267 bytes, the most there is
  CHECK(origin_problem("https://" + host + "a") == "the host exceeds 253 bytes");
  CHECK(origin_problem("https://" + host + ":655350") == "an origin is at most 267 bytes");
}

TEST_CASE("an allowed-origins list: paths point at each bad entry") {
  CHECK(allowed_origins_errors(json::array(), "/allowedOrigins").empty());
  CHECK(allowed_origins_errors(json::array({"https://a.example", "https://b.example"}), "/allowedOrigins").empty());

  auto errors = allowed_origins_errors(json::array({"https://a.example", 7, "https://a.example/", "https://a.example"}),
                                       "/allowedOrigins");
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].path == "/allowedOrigins/1");
  CHECK(errors[0].message == "must be a string");
  CHECK(errors[1].path == "/allowedOrigins/2");
  CHECK(errors[2].path == "/allowedOrigins/3");
  CHECK(errors[2].message == "repeats /allowedOrigins/0");

  auto not_list = allowed_origins_errors("https://a.example", "/allowedOrigins");
  REQUIRE(not_list.size() == 1);
  CHECK(not_list[0].path == "/allowedOrigins");

  json fifty = json::array(), fifty_one;
  for (int i = 0; i < 50; ++i) fifty.push_back("https://o" + std::to_string(i) + ".example");
  CHECK(allowed_origins_errors(fifty, "/allowedOrigins").empty());
  fifty_one = fifty;
  fifty_one.push_back("https://one-more.example");
  auto too_many = allowed_origins_errors(fifty_one, "/allowedOrigins");
  REQUIRE(too_many.size() == 1);
  CHECK(too_many[0].message == "at most 50 origins");
}
