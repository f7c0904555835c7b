// Drives core Runs for unit tests: effects are answered from in-memory maps, object
// calls run App::object as nested Runs. Only for testing core logic in isolation; the
// end-to-end suite runs the same core against real KV, Durable Objects and DynamoDB.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "core/app.hpp"
#include "core/task/run.hpp"
#include "tests/unit/support/sha256.hpp"

namespace flagport::testing {

class MemoryHost {
 public:
  explicit MemoryHost(Settings settings) : settings_(std::move(settings)) {}

  HttpResponse http(std::string method, std::string path, std::string body = {},
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpRequest request{std::move(method), std::move(path), {}, std::move(headers), std::move(body)};
    return http(std::move(request));
  }

  // As the Lambda host does: the work the core left for after the response runs before the
  // next request (unless defer_after_work, for tests that run it themselves).
  HttpResponse http(HttpRequest request) {
    auto run = std::make_unique<Run<HttpResponse>>(app().http(std::move(request), next_info(), "test"));
    drive(*run, "");
    HttpResponse response = run->take_result();
    if (!defer_after_work && app().has_pending_work()) after();
    return response;
  }

  bool has_pending_work() { return app().has_pending_work(); }

  void after() {
    auto run = start_after();
    finish(*run);
  }

  // App::after started and suspended at its first effects (if any): the test runs other
  // requests meanwhile, then finish()es it or drops it unfinished.
  std::unique_ptr<Run<void>> start_after() {
    auto run = std::make_unique<Run<void>>(app().after(next_info()));
    run->start();
    return run;
  }

  void finish(Run<void>& run) { drive_started(run, ""); }

  void alarm(const std::string& object_id) {
    auto run = std::make_unique<Run<void>>(app().alarm(object_id, next_info()));
    drive(*run, object_id);
  }

  // The periodic entry point; objects are due as an index of alarm times would say (Lambda's).
  std::string scheduled() {
    auto run = std::make_unique<Run<std::string>>(app().scheduled(next_info()));
    drive(*run, "");
    return run->take_result();
  }

  // A batch of the named queue, as the Worker's queue() handler or an SQS event hands it over.
  std::vector<MessageOutcome> queue(const std::string& name, std::vector<QueueMessage> batch) {
    auto run = std::make_unique<Run<std::vector<MessageOutcome>>>(app().queue(name, std::move(batch), next_info()));
    drive(*run, "");
    return run->take_result();
  }

  std::map<std::string, std::string> kv;
  std::vector<std::string> queued;  // messages sent to the insights queue, in order
  bool queue_down = false;          // QueueSend fails
  std::map<std::string, std::map<std::string, std::string>> objects;  // object id -> storage
  std::map<std::string, std::int64_t> alarms;                         // object id -> epoch ms (set ones)
  std::set<std::string> failing_kv_puts;                              // keys whose puts fail
  std::set<std::string> failing_state_puts;  // object ids whose state record cannot be written
  // The longest value a put may write, as the platforms refuse longer ones (DynamoDB's
  // items, Durable Object values, KV values).
  std::size_t kv_value_bytes = SIZE_MAX;
  std::size_t storage_value_bytes = SIZE_MAX;
  // Called before each KV read with its key: a test changes KV there, as a racing writer would.
  std::function<void(const std::string&)> before_kv_get;
  std::int64_t now_ms = 1'700'000'000'000;
  bool defer_after_work = false;
  // Which instance (isolate / process) serves what follows; each has its own memory (caches)
  // over the one storage.
  std::size_t instance = 0;
  int effects_seen = 0;
  std::map<std::string, int> storage_writes;  // object id -> puts and deletes
  std::map<std::string, int> object_calls;    // object id -> calls into it
  int kv_gets = 0;
  std::size_t largest_batch = 0;

 private:
  RequestInfo next_info() { return {"req-" + std::to_string(++requests_), now_ms}; }

  template <class T>
  void drive(Run<T>& run, const std::string& object_id) {
    run.start();
    drive_started(run, object_id);
  }

  template <class T>
  void drive_started(Run<T>& run, const std::string& object_id) {
    while (!run.done()) {
      std::vector<EffectResult> results;
      largest_batch = std::max(largest_batch, run.pending().size());
      for (const Effect& effect : run.pending()) results.push_back(execute(effect, object_id));
      run.resume(std::move(results));
    }
  }

  EffectResult execute(const Effect& e, const std::string& object_id) {
    ++effects_seen;
    auto& storage = objects[object_id];
    switch (e.kind) {
      case EffectKind::KvGet: {
        ++kv_gets;
        if (before_kv_get) before_kv_get(e.target);
        auto it = kv.find(e.target);
        return it == kv.end() ? EffectResult::not_found() : EffectResult::success(it->second);
      }
      case EffectKind::KvPut:
        if (failing_kv_puts.count(e.target)) return EffectResult::failure("kv down");
        if (e.body.size() > kv_value_bytes) return EffectResult::failure("kv value too large");
        kv[e.target] = e.body;
        return EffectResult::success();
      case EffectKind::KvDelete: kv.erase(e.target); return EffectResult::success();
      case EffectKind::ObjectCall: {
        ++object_calls[e.target];
        auto run = std::make_unique<Run<std::string>>(app().object(e.target, e.method, e.body, next_info()));
        drive(*run, e.target);
        return EffectResult::success(run->take_result());
      }
      case EffectKind::StorageGet: {
        auto it = storage.find(e.target);
        return it == storage.end() ? EffectResult::not_found() : EffectResult::success(it->second);
      }
      case EffectKind::StoragePut:
        if (e.target == "state" && failing_state_puts.count(object_id)) return EffectResult::failure("storage down");
        if (e.body.size() > storage_value_bytes) return EffectResult::failure("storage value too large");
        ++storage_writes[object_id];
        storage[e.target] = e.body;
        return EffectResult::success();
      case EffectKind::StorageDelete:
        ++storage_writes[object_id];
        storage.erase(e.target);
        return EffectResult::success();
      case EffectKind::AlarmSet:
        if (e.number) alarms[object_id] = e.number;
        else alarms.erase(object_id);
        return EffectResult::success();
      case EffectKind::ObjectsDue: {
        std::string ids;
        for (const auto& [id, at] : alarms)
          if (at <= e.number) ids += id + "\n";
        return EffectResult::success(ids);
      }
      case EffectKind::QueueSend: {
        if (queue_down) return EffectResult::failure("queue down");
        std::size_t start = 0;
        while (start <= e.body.size()) {
          std::size_t end = std::min(e.body.find('\n', start), e.body.size());
          queued.push_back(e.body.substr(start, end - start));
          start = end + 1;
        }
        return EffectResult::success();
      }
      case EffectKind::Sha256: return EffectResult::success(sha256(e.body));
    }
    return EffectResult::failure("unknown effect");
  }

  App& app() {
    while (apps_.size() <= instance) apps_.push_back(std::make_unique<App>(settings_));
    return *apps_[instance];
  }

  Settings settings_;
  std::vector<std::unique_ptr<App>> apps_;
  int requests_ = 0;
};

}  // namespace flagport::testing
