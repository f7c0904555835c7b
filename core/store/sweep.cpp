#include "core/store/sweep.hpp"

#include <vector>

#include "core/json.hpp"
#include "core/ports/log.hpp"
#include "core/ports/objects.hpp"
#include "core/store/object_reply.hpp"
#include "core/store/published_record.hpp"
#include "core/task/scheduler.hpp"

namespace flagport::store {
namespace {

// Objects woken together: Durable Objects run them concurrently; Lambda one after another.
constexpr std::size_t kWakeBatch = 16;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.emplace_back(text, start, end - start);
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string SweepReport::json() const {
  return Json{{"woken", woken}, {"failed", failed}, {"listed", listed}}.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Task<SweepReport> sweep(RequestInfo info) {
  SweepReport report;
  EffectResult listed = co_await objects::due(info.now_ms, published_key(""));
  if (!listed.ok()) {
    log::error("sweep.list_failed", {{"reason", listed.body}, {"requestId", info.request_id}});
    report.listed = false;
    co_return report;
  }
  const std::vector<std::string> due = lines(listed.body);
  const std::string args = Json{{"requestId", info.request_id}, {"now", info.now_ms}}.dump(-1, ' ', false, Json::error_handler_t::replace);
  for (std::size_t first = 0; first < due.size(); first += kWakeBatch) {
    std::vector<Effect> calls;
    for (std::size_t i = first; i < due.size() && i < first + kWakeBatch; ++i)
      calls.push_back(objects::call(due[i], "wake", args).effect);
    Batch batch{std::move(calls)};  // named: GCC 12 destroys braced temporaries in co_await twice
    auto results = co_await batch;
    for (std::size_t k = 0; k < results.size(); ++k) {
      ObjectReply reply = decode_reply(results[k], "wake");
      if (reply.response.status == Status::Success) {
        ++report.woken;
      } else {
        ++report.failed;
        log::error("sweep.wake_failed", {{"object", due[first + k]}, {"reason", reply.response.message},
                                         {"requestId", info.request_id}});
      }
    }
  }
  log::info("sweep.done", {{"woken", report.woken}, {"failed", report.failed}, {"requestId", info.request_id}});
  co_return report;
}

}  // namespace flagport::store
