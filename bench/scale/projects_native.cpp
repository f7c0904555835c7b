// flagport-bench-projects FLAG_SET CONTEXTS ROUTE on|off PROJECTS SECONDS: one process's
// worth of the core serving PROJECTS projects natively, as the Lambda bootstrap runs it, for
// bench/scale/projects.mjs. Each project's published record (FLAG_SET, a file, and one client
// key) is put straight into the in-memory KV, as the Worker's bench puts it into its KV; each
// project is asked once, then OFREP POSTs to ROUTE (bodies cycling through the lines of
// CONTEXTS) go to the projects in turn for SECONDS of this process's CPU, the work after each
// response run before the next request. The clock stands still (no TTL expires; insights
// flush by number). Prints one JSON line: requests, CPU µs per request, KV reads the requests
// made, the heap the core holds (mallinfo2, beyond what the records in the KV take).
#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/support/text_files.hpp"
#include "tests/unit/support/admin.hpp"
#include "tests/unit/support/memory_host.hpp"
#include "tests/unit/support/sha256.hpp"

using namespace flagport;
using bench::read_file;
using bench::read_lines;

namespace {

double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr, "usage: %s FLAG_SET CONTEXTS ROUTE on|off PROJECTS SECONDS\n", argv[0]);
    return 2;
  }
  const std::string definition = read_file(argv[1]);
  const std::vector<std::string> bodies = read_lines(argv[2]);
  const std::string route = argv[3];
  Settings settings = testing::admin_settings();
  settings.insights_enabled = std::string(argv[4]) == "on";
  const std::size_t count = std::strtoul(argv[5], nullptr, 10);
  const double seconds = std::atof(argv[6]);
  if (bodies.empty() || count == 0) return 2;
  const std::size_t flags = nlohmann::json::parse(definition)["flags"].size();

  testing::MemoryHost host{settings};
  std::vector<std::vector<std::pair<std::string, std::string>>> headers;
  for (std::size_t i = 0; i < count; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "project-%04zu", i);
    const std::string key = std::string("fpk_") + id + "_" + std::string(43, 'k');
    const nlohmann::json header{{"revision", 1},   {"version", 1},       {"updatedAt", 0},
                                {"flags", flags},  {"keys", {testing::sha256_hex(key)}}, {"allowedOrigins", nlohmann::json::array()}};
    host.kv[std::string("flags:") + id] = header.dump() + "\n" + definition;
    headers.push_back({{"authorization", "Bearer " + key}, {"content-type", "application/json"}});
  }
  const std::size_t heap_before = mallinfo2().uordblks;
  std::size_t sent = 0;
  auto send = [&](std::size_t project) {
    const bool ok = host.http("POST", route, bodies[sent++ % bodies.size()], headers[project]).status == 200;
    host.queued.clear();  // the queue takes the flush's messages
    return ok;
  };
  for (std::size_t i = 0; i < count; ++i)
    if (!send(i)) return 1;

  const int reads_before = host.kv_gets;
  const std::size_t sent_before = sent;
  const double start = cpu_seconds();
  while (cpu_seconds() - start < seconds)
    for (int k = 0; k < 256; ++k)
      if (!send((sent - sent_before) % count)) return 1;
  const double cpu = cpu_seconds() - start;
  const std::size_t requests = sent - sent_before;
  std::printf("{\"requests\":%zu,\"cpuUsPerRequest\":%.3f,\"kvReadsWaitedPerRequest\":%.4f,\"heapBytes\":%zu}\n", requests,
              cpu * 1e6 / static_cast<double>(requests), static_cast<double>(host.kv_gets - reads_before) / static_cast<double>(requests),
              mallinfo2().uordblks - heap_before);
  return 0;
}
