// ofrep::origin_problem and allowed_origins_errors: a project's list of allowed origins.
// The input is checked as one origin and, when it is JSON, as a list.
#include "core/ofrep/origin.hpp"
#include "fuzz/targets/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace flagport;
  const std::string_view in = fuzz::text(data, size);
  if (!ofrep::origin_problem(in)) {
    // An accepted origin is what a browser sends: http(s)://, then no '/', '?', '#', '@',
    // white space, upper-case letter or byte outside printable ASCII.
    FUZZ_CHECK(in.starts_with("http://") || in.starts_with("https://"));
    const std::string_view rest = in.substr(in.find("://") + 3);
    FUZZ_CHECK(!rest.empty());
    for (char c : rest) FUZZ_CHECK(c > ' ' && c < 0x7f && !(c >= 'A' && c <= 'Z') && c != '/' && c != '?' && c != '#' && c != '@');
  }
  const Json list = Json::parse(in, nullptr, false);
  if (list.is_discarded()) return 0;
  const auto errors = ofrep::allowed_origins_errors(list, "/allowedOrigins");
  for (const auto& error : errors) FUZZ_CHECK(error.path.starts_with("/allowedOrigins"));
  if (errors.empty()) FUZZ_CHECK(list.is_array());
  return 0;
}
