// flagport-bench-insights-requests FLAG_SET CONTEXTS ROUTE on|off WARMUP REQUESTS RATE:
// the core's work for OFREP requests natively (as the Lambda bootstrap runs it), for
// bench/insights/instructions.mjs to count with callgrind. Publishes FLAG_SET (a file) under
// project "bench", then answers WARMUP + REQUESTS POSTs to ROUTE whose bodies cycle through the
// lines of CONTEXTS, with insights on or off; the clock moves 1/RATE s a request, and the work
// after each response (an insights flush when one is due) runs before the next request, as
// the bootstrap runs it before asking for the next event.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/support/text_files.hpp"
#include "tests/unit/support/admin.hpp"
#include "tests/unit/support/memory_host.hpp"

using namespace flagport;
using bench::read_file;
using bench::read_lines;

int main(int argc, char** argv) {
  if (argc != 8) {
    std::fprintf(stderr, "usage: %s FLAG_SET CONTEXTS ROUTE on|off WARMUP REQUESTS RATE\n", argv[0]);
    return 2;
  }
  const std::string route = argv[3];
  Settings settings = testing::admin_settings();
  settings.insights_enabled = std::string(argv[4]) == "on";
  const long total = std::atol(argv[5]) + std::atol(argv[6]);
  const double step_ms = 1000.0 / std::atof(argv[7]);
  const std::vector<std::string> bodies = read_lines(argv[2]);
  if (bodies.empty()) return 2;

  testing::MemoryHost host{settings};
  if (host.http("PUT", "/v1/projects/bench/flags", read_file(argv[1]), testing::kAdmin).status != 200) return 1;
  const auto key = nlohmann::json::parse(host.http("POST", "/v1/projects/bench/keys", R"({"name":"bench"})", testing::kAdmin).body);
  const std::vector<std::pair<std::string, std::string>> headers{
      {"authorization", "Bearer " + key["data"]["key"].get<std::string>()}, {"content-type", "application/json"}};
  const std::int64_t start_ms = host.now_ms;
  for (long i = 0; i < total; ++i) {
    host.now_ms = start_ms + static_cast<std::int64_t>(static_cast<double>(i) * step_ms);
    if (host.http("POST", route, bodies[static_cast<std::size_t>(i) % bodies.size()], headers).status != 200) return 1;
    host.queued.clear();  // the queue takes the flush's messages
  }
  return 0;
}
