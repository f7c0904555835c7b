// flagport-bench-token-check [REQUESTS_PER_ROUND]: the CPU an access token's check adds to an admin
// request. The same request (its object answering from memory) is served with the root
// ADMIN_TOKEN and with an access token, alternating in 41 short rounds (a shared machine's
// speed moves; the median of the rounds' differences is reported), the instance's copy of the
// directory warm. The difference of the two is the check: finding the token in the copy, its
// digest (memoised per instance, as client keys'), the constant-time comparison and the role
// check. Two workloads: GET .../flags with limits::kMaxAccessTokens tokens in the directory,
// and GET .../audit with 10, each token scoped to 20 projects. Prints one JSON object each.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/http/limits.hpp"
#include "tests/unit/support/admin.hpp"
#include "tests/unit/support/memory_host.hpp"

using namespace flagport;

namespace {

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

using Headers = std::vector<std::pair<std::string, std::string>>;

// µs of CPU per request over `requests` GETs of `path` with `headers`.
double per_request(testing::MemoryHost& host, const Headers& headers, const char* path, int requests) {
  const double start = cpu_seconds();
  for (int i = 0; i < requests; ++i)
    if (host.http("GET", path, {}, headers).status != 200) std::abort();
  return (cpu_seconds() - start) * 1e6 / requests;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

constexpr int kRounds = 41;

struct Workload {
  const char* path;
  std::size_t tokens;
};

void measure(const Workload& workload, int requests) {
  testing::MemoryHost host{testing::admin_settings()};
  const std::string flags = R"({"flags":{"f":{"state":"ENABLED","variants":{"on":true,"off":false},"defaultVariant":"on"}}})";
  if (host.http("PUT", "/v1/projects/bench/flags", flags, testing::kAdmin).status != 200) std::abort();
  nlohmann::json projects = nlohmann::json::array();
  for (int p = 0; p < 19; ++p) projects.push_back("other-" + std::to_string(p));
  projects.push_back("bench");
  std::string token;
  for (std::size_t i = 0; i < workload.tokens; ++i) {
    nlohmann::json request = {{"name", "token-" + std::to_string(i)}, {"role", "reader"}, {"projects", projects}};
    auto made = host.http("POST", "/v1/tokens", request.dump(), testing::kAdmin);
    if (made.status != 200) std::abort();
    if (i == workload.tokens / 2) token = nlohmann::json::parse(made.body)["data"]["token"].get<std::string>();
  }
  const Headers root = testing::kAdmin;
  const Headers access = {{"authorization", "Bearer " + token}};
  per_request(host, access, workload.path, 100);  // reads the copy; it stays fresh (the clock stands)

  std::vector<double> root_us, access_us, added_us;
  for (int round = 0; round < kRounds; ++round) {
    root_us.push_back(per_request(host, root, workload.path, requests));
    access_us.push_back(per_request(host, access, workload.path, requests));
    added_us.push_back(access_us.back() - root_us.back());
  }
  std::printf(
      "{\"workload\":\"GET %s, %zu tokens of 20 projects\",\"requests\":%d,\"rounds\":%d,\"rootUs\":%.3f,"
      "\"accessTokenUs\":%.3f,\"addedUs\":%.3f,\"addedUsMin\":%.3f,\"addedUsMax\":%.3f}\n",
      workload.path, workload.tokens, requests, kRounds, median(root_us), median(access_us), median(added_us),
      *std::min_element(added_us.begin(), added_us.end()), *std::max_element(added_us.begin(), added_us.end()));
}

}  // namespace

int main(int argc, char** argv) {
  const int requests = argc > 1 ? std::atoi(argv[1]) : 2000;
  measure({"/v1/projects/bench/flags", limits::kMaxAccessTokens}, requests);
  measure({"/v1/projects/bench/audit", 10}, requests);
}
