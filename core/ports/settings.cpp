#include "core/ports/settings.hpp"

#include <charconv>

#include "core/http/auth.hpp"

namespace flagport {
namespace {

std::int64_t to_int(const std::string& text, std::int64_t fallback) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc{} && end == text.data() + text.size() ? value : fallback;
}

std::int64_t in_range(std::int64_t value, std::int64_t low, std::int64_t high, std::int64_t fallback) {
  return value >= low && value <= high ? value : fallback;
}

}  // namespace

Settings Settings::from(const std::map<std::string, std::string>& env) {
  Settings s;
  if (auto it = env.find("ADMIN_TOKEN"); it != env.end()) s.admin_token = it->second;
  if (auto it = env.find("FLAGPORT_LOCAL_RUN"); it != env.end()) s.local_run = it->second == "1";
  if (auto refusal = admin_token_refusal(s.admin_token, s.local_run)) {
    s.admin_token.clear();
    s.admin_disabled = *refusal;
  }
  if (auto it = env.find("PUBLISH_RETRY_SECONDS"); it != env.end())
    s.publish_retry_seconds = to_int(it->second, s.publish_retry_seconds);
  if (auto it = env.find("CACHE_TTL_SECONDS"); it != env.end())
    s.cache_ttl_seconds = to_int(it->second, s.cache_ttl_seconds);
  if (auto it = env.find("CACHE_BUDGET_BYTES"); it != env.end())
    s.cache_budget_bytes = to_int(it->second, s.cache_budget_bytes);
  if (auto it = env.find("KV_CACHE_TTL_SECONDS"); it != env.end())
    s.kv_cache_ttl_seconds = to_int(it->second, s.kv_cache_ttl_seconds);
  if (auto it = env.find("MAX_STALENESS_SECONDS"); it != env.end())
    s.max_staleness_seconds = to_int(it->second, s.max_staleness_seconds);
  if (auto it = env.find("INSIGHTS"); it != env.end()) s.insights_enabled = it->second != "off";
  if (auto it = env.find("INSIGHTS_FLUSH_SECONDS"); it != env.end())
    s.insights_flush_seconds = in_range(to_int(it->second, -1), 0, 3600, s.insights_flush_seconds);
  if (auto it = env.find("INSIGHTS_FLUSH_EVALUATIONS"); it != env.end())
    s.insights_flush_evaluations = in_range(to_int(it->second, -1), 1, 1000000, s.insights_flush_evaluations);
  if (auto it = env.find("INSIGHTS_RETENTION_DAYS"); it != env.end())
    s.insights_retention_days = in_range(to_int(it->second, -1), 1, 366, s.insights_retention_days);
  if (auto it = env.find("FLAGPORT_TEST_CLOCK_MS"); it != env.end())
    s.test_clock_ms = to_int(it->second, 0);
  if (auto it = env.find("FLAGPORT_FAULTS"); it != env.end()) {
    std::string_view rest = it->second;
    while (!rest.empty()) {
      auto comma = rest.find(',');
      auto name = rest.substr(0, comma);
      if (!name.empty()) s.faults.emplace(name);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
  }
  return s;
}

}  // namespace flagport
