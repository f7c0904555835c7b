// Usage: flagport-bench-eval [--bulk] CORPUS.json
// CORPUS: {"flagSet": text, "rows": [{"name", "flag", "type", "context": text}], "bulkSet": text,
//          "bulkContext": text, "decodeContext": text}
// Prints {"rows": {name: evaluations per second}, "bulk": ..., "load_ms": ..., "decode_us": ...}.
// --bulk: only the bulk set is read and timed (bench/scale, whose sets are large):
//         prints {"flags": ..., "bulk": ..., "load_ms": ...}.
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/flags/evaluation.hpp"

namespace {

using namespace flagport::flags;

// The machine is shared: this process's CPU time, as bench.mjs measures its side.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// Runs `body` in growing batches for about `seconds` of CPU; answers operations per second.
// Batches start at one: a 5,000-flag set takes a tenth of a second to load.
template <typename Body>
double per_second(Body&& body, double seconds = 0.4) {
  std::size_t batch = 1, done = 0;
  const double start = cpu_seconds();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (std::size_t i = 0; i < batch; ++i) body();
    done += batch;
    batch *= 2;
    elapsed = cpu_seconds() - start;
  }
  return static_cast<double>(done) / elapsed;
}

std::string field(const nlohmann::json& j, const char* name) {
  const auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

ValueType value_type(const std::string& name) {
  if (name == "boolean") return ValueType::Boolean;
  if (name == "string") return ValueType::String;
  if (name == "integer") return ValueType::Integer;
  if (name == "float") return ValueType::Float;
  return ValueType::Object;
}

constexpr std::int64_t kNow = 1700000000;

// Bulk evaluations of corpus.bulkSet per second for corpus.bulkContext, and the set's load
// time, into `report`; false when the corpus does not load.
bool time_bulk(const nlohmann::json& corpus, nlohmann::ordered_json& report) {
  const std::string bulk_text = field(corpus, "bulkSet");
  auto loaded = load_flag_set(bulk_text);
  if (!loaded.ok()) return false;
  const FlagSet& bulk = *loaded.flag_set;
  auto decoded = decode_context(field(corpus, "bulkContext"), &bulk.context_needs());
  if (!decoded.context) return false;
  const EvaluationContext& context = *decoded.context;
  volatile std::size_t sink = 0;
  report["flags"] = bulk.flags().size();
  report["bulk"] = per_second([&] { sink = sink + evaluate_all(bulk, context, kNow).size(); });
  report["load_ms"] = 1000.0 / per_second([&] { sink = sink + load_flag_set(bulk_text).ok(); });
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const bool bulk_only = argc == 3 && std::string_view(argv[1]) == "--bulk";
  if (argc != 2 && !bulk_only) {
    std::fprintf(stderr, "usage: flagport-bench-eval [--bulk] CORPUS.json\n");
    return 2;
  }
  std::ifstream file(argv[argc - 1]);
  std::stringstream text;
  text << file.rdbuf();
  const nlohmann::json corpus = nlohmann::json::parse(text.str(), nullptr, false);
  if (corpus.is_discarded()) {
    std::fprintf(stderr, "corpus is not JSON\n");
    return 2;
  }
  if (bulk_only) {
    nlohmann::ordered_json report;
    if (!time_bulk(corpus, report)) {
      std::fprintf(stderr, "the corpus's bulk set or context does not load\n");
      return 1;
    }
    std::cout << report.dump() << "\n";
    return 0;
  }
  auto loaded = load_flag_set(field(corpus, "flagSet"));
  auto bulk_loaded = load_flag_set(field(corpus, "bulkSet"));
  if (!loaded.ok() || !bulk_loaded.ok()) {
    std::fprintf(stderr, "corpus flag sets do not load\n");
    return 1;
  }
  const FlagSet& set = *loaded.flag_set;
  const FlagSet& bulk = *bulk_loaded.flag_set;
  volatile std::size_t sink = 0;

  nlohmann::ordered_json report;
  auto& rows = report["rows"] = nlohmann::ordered_json::object();
  for (const auto& row : corpus["rows"]) {
    const std::string flag = field(row, "flag");
    auto decoded = decode_context(field(row, "context"), &set.context_needs());
    if (!decoded.context) return 1;
    const EvaluationContext& context = *decoded.context;
    const ValueType type = value_type(field(row, "type"));
    // a row that ends in an error would time the error path
    if (const Resolution first = evaluate(set, flag, context, type, kNow); !first.value || first.error_code != ErrorCode::None) {
      std::fprintf(stderr, "row '%s' does not resolve to a variant of its type\n", field(row, "name").c_str());
      return 1;
    }
    rows[field(row, "name")] = per_second([&] { sink = sink + (evaluate(set, flag, context, type, kNow).value != nullptr); });
  }
  if (!time_bulk(corpus, report)) return 1;

  const std::string context_text = field(corpus, "decodeContext");
  report["decode_context_bytes"] = context_text.size();
  report["decode_all_us"] = 1e6 / per_second([&] { sink = sink + decode_context(context_text).context.has_value(); });
  report["decode_needed_us"] =
      1e6 / per_second([&] { sink = sink + decode_context(context_text, &bulk.context_needs()).context.has_value(); });
  report["dom_parse_us"] =
      1e6 / per_second([&] { sink = sink + nlohmann::json::parse(context_text, nullptr, false).size(); });
  std::cout << report.dump() << "\n";
  return 0;
}
