// flagport-bench-copy-bytes COPIES FILE...: what the compiled-flag cache holds per copy of
// each flag set (FILE: a flagd definition), measured against what it estimates. COPIES
// projects of the same definition go through the cache's own read path (a published record
// answered by an in-memory KV); the heap they leave behind (mallinfo2) is divided among them.
// Prints one JSON object per file: {file, flags, jsonValues, ruleNodes, definitionBytes,
// measured, estimated}, the middle ones what the estimate counts (evaluation/copy_bytes.hpp).
#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench/support/text_files.hpp"
#include "core/evaluation/copy_bytes.hpp"
#include "core/evaluation/published_flags.hpp"
#include "core/json.hpp"
#include "core/store/published_record.hpp"
#include "core/task/run.hpp"

using namespace flagport;
using bench::read_file;

namespace {

std::size_t heap_in_use() { return mallinfo2().uordblks; }

// Reads `project` into the cache, KV answering `record`; the copy, null when it did not load.
std::shared_ptr<const evaluation::PublishedFlags> load(evaluation::PublishedFlagsCache& cache,
                                                       const std::string& project, const std::string& record) {
  Run<evaluation::PublishedFlagsCache::Lookup> run(cache.get(project, 1));
  run.start();
  while (!run.done()) run.resume({EffectResult::success(record)});
  auto lookup = run.take_result();
  return lookup.outcome == evaluation::PublishedFlagsCache::Outcome::Found ? lookup.flags : nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: flagport-bench-copy-bytes COPIES FILE...\n");
    return 2;
  }
  const int copies = std::atoi(argv[1]);
  for (int i = 2; i < argc; ++i) {
    const std::string definition = read_file(argv[i]);
    auto parsed = Json::parse(definition, nullptr, false);
    const auto flags = parsed.is_object() && parsed.contains("flags") ? parsed["flags"].size() : 0;
    const std::string record =
        store::PublishedRecord{1, 1, 0, static_cast<std::int64_t>(flags), {}, definition, {}}.encode();
    Settings settings;
    settings.cache_budget_bytes = std::int64_t{1} << 40;
    evaluation::PublishedFlagsCache cache(settings);
    const std::size_t before = heap_in_use();
    evaluation::CopyShape shape;
    for (int c = 0; c < copies; ++c) {
      auto copy = load(cache, "project-" + std::to_string(c), record);
      if (!copy) {
        std::fprintf(stderr, "%s does not load\n", argv[i]);
        return 1;
      }
      shape = evaluation::shape_of(*copy);
    }
    const double measured = double(heap_in_use() - before) / copies;
    std::printf("%s\n", Json{{"file", argv[i]}, {"flags", flags}, {"jsonValues", shape.json_values},
                             {"ruleNodes", shape.rule_nodes}, {"definitionBytes", definition.size()},
                             {"measured", measured}, {"estimated", double(cache.bytes()) / copies}}
                            .dump()
                            .c_str());
  }
  return 0;
}
