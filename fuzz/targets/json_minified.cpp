// json_text::minified (what the store keeps of a published flag set) and append_string.
// On valid JSON, the minified text must be JSON with the same document, without any
// white space outside strings, and minifying it again must change nothing. Any text is
// also written as a JSON string literal, which must read back as nlohmann reads it.
#include <string>

#include <nlohmann/json.hpp>

#include "core/http/json_text.hpp"
#include "fuzz/targets/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace flagport;
  const std::string_view in = fuzz::text(data, size);

  std::string literal;
  json_text::append_string(literal, in);
  FUZZ_CHECK(literal == nlohmann::json(std::string(in)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));

  // JSON texts only: nlohmann would also take one cut short by a NUL byte
  const auto document = nlohmann::json::parse(in, nullptr, false);
  if (document.is_discarded() || in.find('\0') != std::string_view::npos) return 0;
  const std::string once = json_text::minified(in);
  const auto again = nlohmann::json::parse(once, nullptr, false);
  FUZZ_CHECK(!again.is_discarded());
  if (size < 2048) FUZZ_CHECK(again == document);  // nlohmann's == recurses
  FUZZ_CHECK(json_text::minified(once) == once);
  FUZZ_CHECK(once.size() <= in.size());
  return 0;
}
