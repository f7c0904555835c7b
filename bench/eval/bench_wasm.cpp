// flagport-bench-eval.wasm: the evaluator alone, behind a small C ABI, so bench.mjs can time
// it in Node. The timed loops run inside wasm, so the boundary is not what they measure;
// bench_evaluate_json is the exception on purpose: one call per evaluation with the context
// as JSON text, which is what the Worker does per request.
//
// Texts go in through bench_alloc'd buffers. Flag sets and contexts are numbered from 1;
// 0 answers "failed".
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

#include "core/flags/evaluation.hpp"

namespace {

using namespace flagport::flags;

constexpr std::int64_t kNow = 1700000000;

std::vector<std::unique_ptr<FlagSet>> g_sets;
std::vector<std::unique_ptr<EvaluationContext>> g_contexts;

std::string_view text(const char* data, std::uint32_t size) { return {data, size}; }

const FlagSet* set_at(std::uint32_t id) { return id >= 1 && id <= g_sets.size() ? g_sets[id - 1].get() : nullptr; }

// What an evaluation leaves for the host to look at: nonzero when a variant was chosen.
std::uint32_t outcome(const Resolution& r) { return r.value ? 1u + static_cast<std::uint32_t>(r.variant->size()) : 0u; }

}  // namespace

#define BENCH_EXPORT(name) extern "C" __attribute__((used, export_name(#name)))

BENCH_EXPORT(bench_alloc) char* bench_alloc(std::uint32_t size) { return static_cast<char*>(std::malloc(size ? size : 1)); }
BENCH_EXPORT(bench_free) void bench_free(char* data) { std::free(data); }

// Loads a flag set and keeps it; its id, or 0 when it does not load.
BENCH_EXPORT(bench_load) std::uint32_t bench_load(const char* data, std::uint32_t size) {
  auto loaded = load_flag_set(text(data, size));
  if (!loaded.ok()) return 0;
  g_sets.push_back(std::make_unique<FlagSet>(std::move(*loaded.flag_set)));
  return static_cast<std::uint32_t>(g_sets.size());
}

// Loads (parse, validate, compile) the same text `times` times; how many loaded.
BENCH_EXPORT(bench_load_times) std::uint32_t bench_load_times(const char* data, std::uint32_t size, std::uint32_t times) {
  std::uint32_t ok = 0;
  for (std::uint32_t i = 0; i < times; ++i) ok += load_flag_set(text(data, size)).ok();
  return ok;
}

// Decodes a context for flag set `set` (keeping what its rules read) and keeps it; its id or 0.
BENCH_EXPORT(bench_context) std::uint32_t bench_context(std::uint32_t set, const char* data, std::uint32_t size) {
  const FlagSet* flags = set_at(set);
  if (!flags) return 0;
  auto decoded = decode_context(text(data, size), &flags->context_needs());
  if (!decoded.context) return 0;
  g_contexts.push_back(std::make_unique<EvaluationContext>(std::move(*decoded.context)));
  return static_cast<std::uint32_t>(g_contexts.size());
}

// Decodes a context `times` times, keeping every attribute (set 0) or only those flag set
// `set` reads; how many decoded.
BENCH_EXPORT(bench_decode_times)
std::uint32_t bench_decode_times(std::uint32_t set, const char* data, std::uint32_t size, std::uint32_t times) {
  const FlagSet* flags = set_at(set);
  const ContextNeeds* needs = flags ? &flags->context_needs() : nullptr;
  std::uint32_t ok = 0;
  for (std::uint32_t i = 0; i < times; ++i) ok += decode_context(text(data, size), needs).context.has_value();
  return ok;
}

// Evaluates flag `key` of `set` as `type` (a ValueType) for kept context `context`, `times`
// times; the sum of outcomes.
BENCH_EXPORT(bench_evaluate_times)
std::uint32_t bench_evaluate_times(std::uint32_t set, const char* key, std::uint32_t key_size, std::uint32_t type,
                                   std::uint32_t context, std::uint32_t times) {
  const FlagSet* flags = set_at(set);
  if (!flags || context < 1 || context > g_contexts.size()) return 0;
  const EvaluationContext& ctx = *g_contexts[context - 1];
  const auto expected = static_cast<ValueType>(type);
  std::uint32_t sum = 0;
  for (std::uint32_t i = 0; i < times; ++i) sum += outcome(evaluate(*flags, text(key, key_size), ctx, expected, kNow));
  return sum;
}

// Evaluates every flag of `set` for kept context `context`, `times` times; the flags answered.
BENCH_EXPORT(bench_evaluate_all_times)
std::uint32_t bench_evaluate_all_times(std::uint32_t set, std::uint32_t context, std::uint32_t times) {
  const FlagSet* flags = set_at(set);
  if (!flags || context < 1 || context > g_contexts.size()) return 0;
  const EvaluationContext& ctx = *g_contexts[context - 1];
  std::uint32_t sum = 0;
  for (std::uint32_t i = 0; i < times; ++i) sum += static_cast<std::uint32_t>(evaluate_all(*flags, ctx, kNow).size());
  return sum;
}

// One evaluation as the Worker makes it: the key and the context's JSON text arrive from
// the host, the context is decoded, the flag evaluated as `type`; the outcome (0: none or invalid).
BENCH_EXPORT(bench_evaluate_json)
std::uint32_t bench_evaluate_json(std::uint32_t set, const char* key, std::uint32_t key_size, std::uint32_t type,
                                  const char* context, std::uint32_t context_size) {
  const FlagSet* flags = set_at(set);
  if (!flags) return 0;
  const auto decoded = decode_context(text(context, context_size), &flags->context_needs());
  if (!decoded.context) return 0;
  return outcome(evaluate(*flags, text(key, key_size), *decoded.context, static_cast<ValueType>(type), kNow));
}
