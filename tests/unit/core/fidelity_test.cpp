// A flag set reads back as written, and answers carry its values as flagd-core does.
#include <doctest/doctest.h>

#include <string>

#include "core/evaluation/stringify.hpp"
#include "core/flags/ordered_json_parse.hpp"
#include "core/http/json_text.hpp"
#include "core/store/flag_patch.hpp"
#include "tests/unit/support/memory_host.hpp"

using namespace flagport;

namespace {

const std::string kToken = "fidelity-test-admin-token-0123456789";
const std::vector<std::pair<std::string, std::string>> kAdmin{{"authorization", "Bearer " + kToken}};

Settings settings() {
  Settings s;
  s.admin_token = kToken;
  return s;
}

// The issue's example, with numbers and escapes a re-serialisation would change.
const std::string kWritten = R"({"flags":{"cfg":{"state":"ENABLED","variants":{"v":{"zeta":1,"alpha":{"y":2,"b":3},"2":"two","1":1.0,"big":1e2,"s":"\u0041\/"}},
 "defaultVariant":"v","metadata":{"z":1,"a":2}}},"metadata":{"team":"x","app":"y"}})";

}  // namespace

TEST_CASE("minified keeps every byte but the whitespace between tokens") {
  CHECK(json_text::minified(" {\n \"a b\" : [ 1 , \"x \\\" y\" ] }\t") == R"({"a b":[1,"x \" y"]})");
  CHECK(json_text::minified("\xEF\xBB\xBF{\"a\": 1.50}") == R"({"a":1.50})");
}

TEST_CASE("stringified writes what JSON.stringify writes for what JSON.parse read") {
  auto text = [](std::string_view json) { return evaluation::stringified(flags::parse_ordered_json(json)); };
  CHECK(text(R"({"zeta":1,"alpha":{"y":2,"b":3}})") == R"({"zeta":1,"alpha":{"y":2,"b":3}})");
  CHECK(text(R"({"b":1,"10":2,"a":3,"2":4,"01":5,"4294967295":6})") ==
        R"({"2":4,"10":2,"b":1,"a":3,"01":5,"4294967295":6})");
  CHECK(text("[1.0,1e2,-0,0.1,1e21,1e-7,12345678901234567890]") ==
        "[1,100,0,0.1,1e+21,1e-7,12345678901234567000]");
  CHECK(text(R"(["\u0041\/\u001f\n"])") == R"(["A/\u001f\n"])");
}

TEST_CASE("patch_flag rewrites only the members it sets") {
  std::string definition = json_text::minified(kWritten);
  store::FlagPatch off{"DISABLED", std::nullopt};
  REQUIRE(store::patch_flag(definition, "cfg", off) == store::PatchOutcome::Patched);
  std::string expected = json_text::minified(kWritten);
  expected.replace(expected.find("\"ENABLED\""), 9, "\"DISABLED\"");
  CHECK(definition == expected);

  store::FlagPatch code_default{std::nullopt, std::optional<std::string>()};
  REQUIRE(store::patch_flag(definition, "cfg", code_default) == store::PatchOutcome::Patched);
  CHECK(definition.find(R"("defaultVariant":null)") != std::string::npos);

  std::string missing_members = R"({"flags":{"f":{"variants":{"a":1,"b\u0021":2}}}})";
  store::FlagPatch both{"ENABLED", std::optional<std::string>("b!")};
  REQUIRE(store::patch_flag(missing_members, "f", both) == store::PatchOutcome::Patched);
  CHECK(missing_members == R"({"flags":{"f":{"variants":{"a":1,"b\u0021":2},"defaultVariant":"b!","state":"ENABLED"}}})");

  std::string unchanged = missing_members;
  CHECK(store::patch_flag(unchanged, "f", {std::nullopt, std::optional<std::string>("c")}) ==
        store::PatchOutcome::UnknownVariant);
  CHECK(store::patch_flag(unchanged, "g", off) == store::PatchOutcome::NoSuchFlag);
  CHECK(unchanged == missing_members);

  std::string repeated = R"({"flags":{"f":{"state":"ENABLED"},"f":{"state":"ENABLED","variants":{}}}})";
  REQUIRE(store::patch_flag(repeated, "f", off) == store::PatchOutcome::Patched);  // JSON.parse keeps the last
  CHECK(repeated == R"({"flags":{"f":{"state":"ENABLED"},"f":{"state":"DISABLED","variants":{}}}})");
}

TEST_CASE("a published flag set reads back as written, and answers keep flagd-core's member order") {
  testing::MemoryHost host(settings());
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", kWritten, kAdmin).status == 200);
  const std::string minified = json_text::minified(kWritten);
  auto read = host.http("GET", "/v1/projects/shop/flags", "", kAdmin);
  REQUIRE(read.status == 200);
  CHECK(read.body.find(",\"definition\":" + minified + "}") != std::string::npos);

  REQUIRE(host.http("PATCH", "/v1/projects/shop/flags/cfg", R"({"state":"ENABLED"})", kAdmin).status == 200);
  CHECK(host.http("GET", "/v1/projects/shop/flags", "", kAdmin).body.find(minified) != std::string::npos);

  const std::string value = R"({"1":1,"2":"two","zeta":1,"alpha":{"y":2,"b":3},"big":100,"s":"A/"})";
  const std::string metadata = R"({"team":"x","app":"y","z":1,"a":2})";
  auto key = host.http("POST", "/v1/projects/shop/keys", "", kAdmin).body;
  key = key.substr(key.find("fpk_"));
  key = key.substr(0, key.find('"'));
  auto ofrep = host.http("POST", "/ofrep/v1/evaluate/flags/cfg", "{}", {{"authorization", "Bearer " + key}});
  CHECK(ofrep.body == R"({"key":"cfg","value":)" + value + R"(,"reason":"STATIC","variant":"v","metadata":)" + metadata + "}");
  auto api = host.http("POST", "/v1/projects/shop/evaluate/cfg", "{}", kAdmin);
  CHECK(api.body.find("\"metadata\":" + metadata) != std::string::npos);
  CHECK(api.body.find("\"value\":" + value) != std::string::npos);
  auto bulk = host.http("POST", "/v1/projects/shop/evaluate", "{}", kAdmin);
  CHECK(bulk.body.find("\"value\":" + value) != std::string::npos);
  CHECK(bulk.body.find("],\"metadata\":{\"team\":\"x\",\"app\":\"y\"}") != std::string::npos);
}

TEST_CASE("a flag set with a NUL byte is refused, not stored with what follows it") {
  // nlohmann's parser reads a NUL as the end of the text: the set loaded, and the bytes
  // after it were stored and read back inside the GET answer, which was no longer JSON.
  testing::MemoryHost host(settings());
  using namespace std::string_literals;
  const std::string body = "{\"flags\":{}}\0 junk, {]"s;
  auto put = host.http("PUT", "/v1/projects/shop/flags", body, kAdmin);
  CHECK(put.status == 400);
  CHECK(put.body.find("not valid JSON") != std::string::npos);
  CHECK(host.http("GET", "/v1/projects/shop/flags", "", kAdmin).status == 404);
}

TEST_CASE("a flag set or a context nested past the limit is refused, not a stack overflow") {
  testing::MemoryHost host(settings());
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto put = host.http("PUT", "/v1/projects/shop/flags",
                       R"({"flags":{"f":{"state":"ENABLED","variants":{"a":)" + deep + R"(},"defaultVariant":"a"}}})", kAdmin);
  CHECK(put.status == 400);
  REQUIRE(host.http("PUT", "/v1/projects/shop/flags", kWritten, kAdmin).status == 200);
  auto evaluate = host.http("POST", "/v1/projects/shop/evaluate", R"({"context":{"a":)" + deep + "}}", kAdmin);
  CHECK(evaluate.status == 400);
}
