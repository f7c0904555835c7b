// Settings: environment variables and secrets, read once per isolate/process by the
// host and handed to App; the core never reads the environment itself.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace flagport {

struct Settings {
  // Bearer token of the admin API. Empty: the admin API refuses every request, saying
  // why in admin_disabled. from() leaves it empty when admin_token_refusal
  // (core/http/auth.hpp) refuses the configured token.
  std::string admin_token;
  std::string admin_disabled;
  // FLAGPORT_LOCAL_RUN=1: set only where the service runs on a developer's machine or in
  // the tests (.dev.vars, scripts/serve-lambda, the test harnesses), never by
  // wrangler.toml [vars] or the SAM template. Only then is the public local token accepted.
  bool local_run = false;
  // Seconds an isolate / process evaluates from a compiled flag set before it reads the
  // published copy again. Past them a request still answers from that copy (within
  // max_staleness_seconds) and the read runs after its response (App::after); 0: every
  // evaluation reads KV first and waits for it.
  std::int64_t cache_ttl_seconds = 5;
  // Bytes (estimated, evaluation/copy_bytes.hpp) the compiled flag sets of one isolate /
  // process may take; beyond them the least recently used projects are dropped. The
  // default leaves most of a Worker isolate's 128 MB to requests.
  std::int64_t cache_budget_bytes = 32 * 1024 * 1024;
  // Seconds Workers KV may serve the published copy from its edge cache (cacheTtl; 60
  // at least there; 0: no edge cache). Lambda has none and ignores it.
  std::int64_t kv_cache_ttl_seconds = 0;
  // Seconds a compiled flag set keeps answering, after KV last answered, while KV cannot be
  // read (last known good); past it, evaluation of that project fails until KV answers.
  std::int64_t max_staleness_seconds = 3600;
  // Seconds a Durable Object waits before re-checking that its publish reached KV.
  std::int64_t publish_retry_seconds = 30;
  // Evaluation insights (core/insights): INSIGHTS=off counts nothing. Counts held in an
  // isolate / process are flushed to the insights queue after the first response that finds
  // the oldest of them flush_seconds old (0: after every response) or flush_evaluations held
  // (at most 1,000,000: a counter never passes it). The consumer keeps hourly counts for
  // retention_days.
  bool insights_enabled = true;
  std::int64_t insights_flush_seconds = 5;
  std::int64_t insights_flush_evaluations = 100000;
  std::int64_t insights_retention_days = 30;
  // Failure injection for tests only (FLAGPORT_FAULTS, comma separated):
  //   "kv-publish"  the publish right after a commit fails as if KV were down
  //                 (only for projects whose id starts with "fault-");
  //   "crash"       enables POST /v1/_crash/{kind} (abort, out-of-bounds, stack-overflow, throw);
  //   "kv-read"     reads of the published copy fail for kv-read-fault-* projects held in
  //                 memory already, and for every kv-read-fault-cold-* one;
  //   "ddb-conflict" (Lambda) the first commit of each call into a fault-* project is refused
  //                 by DynamoDB's condition, as if a racing writer had won.
  std::set<std::string, std::less<>> faults;
  // Tests only (FLAGPORT_TEST_CLOCK_MS): every request sees this time, so that the
  // parity test can require byte-identical bodies, timestamps included. 0: real time.
  std::int64_t test_clock_ms = 0;

  bool fault(std::string_view name) const { return faults.find(name) != faults.end(); }

  // Names as in wrangler.toml [vars] / Lambda environment: ADMIN_TOKEN, FLAGPORT_LOCAL_RUN,
  // PUBLISH_RETRY_SECONDS, CACHE_TTL_SECONDS, CACHE_BUDGET_BYTES, KV_CACHE_TTL_SECONDS,
  // MAX_STALENESS_SECONDS, INSIGHTS, INSIGHTS_FLUSH_SECONDS, INSIGHTS_FLUSH_EVALUATIONS,
  // INSIGHTS_RETENTION_DAYS, FLAGPORT_FAULTS, FLAGPORT_TEST_CLOCK_MS. Unknown names are ignored;
  // numbers out of range keep their defaults.
  static Settings from(const std::map<std::string, std::string>& env);
};

}  // namespace flagport
