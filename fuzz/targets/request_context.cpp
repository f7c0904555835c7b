// evaluation::decode_request_context: the context of a request body {"context": {...}},
// decoded in one pass without a DOM. It must agree with nlohmann's reading of the body
// (JSON.parse's: member names decoded, the last repeated "context" counts).
#include <nlohmann/json.hpp>

#include "core/evaluation/request_context.hpp"
#include "core/flags/flag_set.hpp"
#include "core/flags/json_reader.hpp"
#include "fuzz/targets/fuzz_support.hpp"

namespace {

const flagport::flags::FlagSet& needing_set() {
  static const flagport::flags::FlagSet set = *flagport::flags::load_flag_set(
      R"({"flags":{"f":{"state":"ENABLED","variants":{"a":1,"b":2},"defaultVariant":"a","targeting":)"
      R"({"if":[{"and":[{"==":[{"var":"tier"},"gold"]},{"in":["x",{"var":"tags"}]},{"var":"a.b"}]},"b",)"
      R"({"fractional":[["a",50],["b",50]]}]}}}})")
                                                    .flag_set;
  return set;
}

bool blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace flagport;
  const std::string_view body = fuzz::text(data, size);
  const auto all = evaluation::decode_request_context(body, nullptr);
  const auto needed = evaluation::decode_request_context(body, &needing_set().context_needs());
  FUZZ_CHECK(all.context.has_value() != !all.error.empty());
  FUZZ_CHECK(all.context.has_value() == needed.context.has_value());

  bool expected;
  std::size_t members = 0;
  if (blank(body)) {
    expected = true;
  } else {
    // nlohmann reads a NUL byte as the end of the text; JSON.parse refuses it anywhere
    const auto document = nlohmann::json::parse(body, nullptr, false);
    if (document.is_discarded() || !document.is_object() || body.find('\0') != std::string_view::npos ||
        fuzz::depth(body) > flags::json_reader::kMaxDepth) {
      expected = false;
    } else {
      const auto it = document.find("context");
      expected = it == document.end() || it->is_object();
      if (it != document.end() && it->is_object()) members = it->size();
    }
  }
  FUZZ_CHECK(all.context.has_value() == expected);
  if (all.context) FUZZ_CHECK(all.context->attributes().members.size() == members);
  return 0;
}
