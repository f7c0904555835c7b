// flags::load_flag_set: the flag-set loader, its validation and the rule compiler. Every
// refusal has at least one error with a JSON pointer; an accepted set is JSON, and so is
// the text the store keeps of it; it is evaluated with a small context,
// and its answers must render as JSON.
#include <nlohmann/json.hpp>

#include "core/flags/flag_set.hpp"
#include "core/http/json_text.hpp"
#include "fuzz/targets/answers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace flagport;
  const std::string_view in = fuzz::text(data, size);
  flags::LoadResult loaded = flags::load_flag_set(in);
  FUZZ_CHECK(loaded.ok() == loaded.errors.empty());
  if (!loaded.ok()) {
    for (const auto& error : loaded.errors) FUZZ_CHECK(error.path.empty() || error.path.front() == '/');
    return 0;
  }
  // What flagd-core loads is JSON: the loader accepts nothing JSON.parse refuses (nlohmann
  // reads a NUL as the end of the text), and the text the store keeps is JSON too.
  FUZZ_CHECK(nlohmann::json::accept(in) && in.find('\0') == std::string_view::npos);
  FUZZ_CHECK(nlohmann::json::accept(json_text::minified(in)));
  const flags::FlagSet& set = *loaded.flag_set;
  const evaluation::FlagSetTexts texts(set);
  fuzz::check_json(texts.metadata());
  // one context (the evaluate target fuzzes contexts), so that replaying the corpus stays quick
  auto decoded = flags::decode_context(R"({"targetingKey":"user-1","tier":"gold","age":42,"tags":["a"]})",
                                       &set.context_needs());
  FUZZ_CHECK(decoded.context.has_value());
  fuzz::evaluate_everything(set, texts, *decoded.context);
  return 0;
}
