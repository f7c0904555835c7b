// A fuzzed targeting rule evaluated against a fuzzed context. The input is the rule, a NUL,
// the context (a JSON object) and optionally a NUL and the members of "$evaluators". The
// rule becomes the targeting of a flag set whose variants cover what rules commonly
// answer; the context is decoded for that set's needs and without them, and every flag is
// evaluated (typed, untyped, bulk) and rendered.
#include <string>

#include "core/flags/flag_set.hpp"
#include "fuzz/targets/answers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace flagport;
  const auto parts = fuzz::split(fuzz::text(data, size), 3);
  const std::string_view rule = parts[0], context = parts[1], evaluators = parts[2];
  std::string definition;
  definition.reserve(size + 512);
  definition += R"({"flags":{"rule":{"state":"ENABLED","variants":{"a":"A","b":2,"on":true,"off":false,)"
                R"("true":{"x":[1,"y"]},"false":null,"1":1.5,"0":0,"":"","a,b":["a","b"],"[object Object]":{},)"
                R"("null":"null"},"defaultVariant":"a","targeting":)";
  definition += rule;
  definition += R"(,"metadata":{"m":1}},"plain":{"state":"ENABLED","variants":{"x":1},"defaultVariant":"x",)"
                R"("targeting":{"$ref":"e"}},"off":{"state":"DISABLED","variants":{"y":"z"},"defaultVariant":"y"}},)"
                R"("$evaluators":{"e":{"fractional":[["x",50],["x",50]]})";
  if (!evaluators.empty()) definition += ',';
  definition += evaluators;
  definition += R"(},"metadata":{"set":"fuzz"}})";

  flags::LoadResult loaded = flags::load_flag_set(definition);
  if (!loaded.ok()) return 0;
  const flags::FlagSet& set = *loaded.flag_set;
  const evaluation::FlagSetTexts texts(set);

  auto with_needs = flags::decode_context(context, &set.context_needs());
  auto without = flags::decode_context(context, nullptr);
  FUZZ_CHECK(with_needs.context.has_value() == without.context.has_value());
  if (!with_needs.context) return 0;
  fuzz::evaluate_everything(set, texts, *with_needs.context);

  // Keeping every attribute must not change an answer: the needs only leave out what no
  // rule reads.
  for (const flags::Flag& flag : set.flags()) {
    const auto a = flags::evaluate_untyped(set, flag.key, *with_needs.context, 1767225600);
    const auto b = flags::evaluate_untyped(set, flag.key, *without.context, 1767225600);
    FUZZ_CHECK(a.reason == b.reason && a.error_code == b.error_code && a.variant == b.variant);
  }
  return 0;
}
