#include "bindings/lambda/host/effect_host.hpp"

#include <algorithm>
#include <random>
#include <set>
#include <thread>

#include "core/ports/log.hpp"
#include "bindings/lambda/host/due_index.hpp"
#include "bindings/lambda/host/object_commit.hpp"
#include "bindings/lambda/host/sha256.hpp"

namespace flagport::lambda {
namespace {

constexpr int kObjectAttempts = 8;  // conflicts need writers racing on one project
constexpr long kCallTimeoutMs = 5000;
constexpr long kAnswerReserveMs = 50;  // left to post the answer before the deadline

// App::after as a task with a value, so one Run shape serves it too.
Task<bool> completed(Task<void> task) {
  co_await std::move(task);
  co_return true;
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// FLAGPORT_FAULTS=ddb-conflict (tests only): the first commit of every call into a fault-*
// project expects a revision the state cannot have, so DynamoDB really refuses the conditional
// write, as when a racing writer won, and the call is tried again.
void inject_conflict(const Settings& settings, const std::string& object_id, int attempt, CommitPlan& plan) {
  if (attempt != 1 || !(plan.state || plan.due_update()) || !plan.state_revision_known ||
      !settings.fault("ddb-conflict") || object_id.rfind("fault-", 0) != 0)
    return;
  plan.expected_revision = plan.expected_revision.value_or(0) - 1;
}

// Full jitter over an exponentially growing window (2, 4, ... 128 ms), so racing writers spread out.
void back_off(int attempt) {
  static std::minstd_rand jitter{std::random_device{}()};
  std::uniform_int_distribution<int> ms(0, 1 << std::min(attempt, 7));
  std::this_thread::sleep_for(std::chrono::milliseconds(ms(jitter)));
}

}  // namespace

EffectHost::EffectHost(const App& app, DynamoDb& db, SqsClient& sqs, const Tables& tables, Queues queues)
    : app_(app), db_(db), sqs_(sqs), queues_(std::move(queues)), kv_(tables.kv), objects_(tables.objects) {}

long EffectHost::timeout_ms() const {
  if (!deadline_) return kCallTimeoutMs;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline_ - std::chrono::system_clock::now()).count();
  return std::clamp<long>(static_cast<long>(left) - kAnswerReserveMs, 100, kCallTimeoutMs);
}

Result<HttpResponse> EffectHost::serve(HttpRequest request, RequestInfo info) {
  Run<HttpResponse> run(app_.http(std::move(request), info, std::string(kProvider)));
  return drive(run, nullptr, info);
}

Result<std::string> EffectHost::call_object(const std::string& object_id, const std::string& method,
                                            const std::string& args, const RequestInfo& info) {
  return run_in_object<std::string>(
      object_id, [&] { return app_.object(object_id, method, args, info); }, info);
}

Result<std::string> EffectHost::scheduled(RequestInfo info) {
  Run<std::string> run(app_.scheduled(info));
  return drive(run, nullptr, info);
}

Result<std::vector<MessageOutcome>> EffectHost::queue(std::string queue_name, std::vector<QueueMessage> batch,
                                                      RequestInfo info) {
  Run<std::vector<MessageOutcome>> run(app_.queue(std::move(queue_name), std::move(batch), info));
  return drive(run, nullptr, info);
}

Result<Unit> EffectHost::after(const std::string& request_id) {
  if (!app_.has_pending_work()) return Unit{};
  auto now = std::chrono::system_clock::now().time_since_epoch();
  RequestInfo info{request_id, std::chrono::duration_cast<std::chrono::milliseconds>(now).count()};
  Run<bool> run(completed(app_.after(info)));
  auto done = drive(run, nullptr, info);
  if (!done) return Failure{done.reason()};
  return Unit{};
}

template <class T, class MakeTask>
Result<T> EffectHost::run_in_object(const std::string& object_id, MakeTask make_task, const RequestInfo& info) {
  for (int attempt = 1; attempt <= kObjectAttempts; ++attempt) {
    ObjectAttempt scope(object_id);
    Run<T> run(make_task());
    Result<T> result = drive(run, &scope, info);
    if (!result) return result;
    CommitPlan plan = scope.plan();
    inject_conflict(app_.settings(), object_id, attempt, plan);
    CommitResult committed = commit(db_, objects_, object_id, plan, timeout_ms());
    if (committed.outcome == CommitOutcome::Committed) return result;
    if (committed.outcome == CommitOutcome::Failed) return Failure{"commit of " + object_id + ": " + committed.reason};
    log::info("lambda.object.conflict", {{"object", object_id}, {"attempt", attempt}});
    back_off(attempt);
  }
  return Failure{"object " + object_id + " lost " + std::to_string(kObjectAttempts) + " commit races in a row"};
}

template <class T>
Result<T> EffectHost::drive(Run<T>& run, ObjectAttempt* scope, const RequestInfo& info) {
  try {
    run.start();
    while (!run.done()) {
      if (run.pending().empty()) return Failure{"a task suspended without effects"};
      run.resume(perform(run.pending(), scope, info));
    }
    return run.take_result();
  } catch (const std::exception& e) {
    return Failure{std::string("exception: ") + e.what()};
  } catch (...) {
    return Failure{"unknown exception"};
  }
}

std::vector<EffectResult> EffectHost::perform(const std::vector<Effect>& effects, ObjectAttempt* scope,
                                              const RequestInfo& info) {
  std::vector<EffectResult> results(effects.size(), EffectResult::failure("not performed"));
  std::vector<DynamoRequest> requests;
  std::vector<std::size_t> owners;  // requests[k] answers effects[owners[k]]
  const std::int64_t now = now_seconds();

  for (std::size_t i = 0; i < effects.size(); ++i) {
    const Effect& e = effects[i];
    bool in_object = scope != nullptr;
    switch (e.kind) {
      case EffectKind::KvGet:
      case EffectKind::KvPut:
      case EffectKind::KvDelete:
        requests.push_back(kv_.request(e, now));
        owners.push_back(i);
        break;
      case EffectKind::StorageGet:
        if (!in_object) break;
        if (auto local = scope->local_read(e.target)) {
          results[i] = std::move(*local);
        } else {
          requests.push_back(objects_.get(scope->object_id(), e.target));
          owners.push_back(i);
        }
        break;
      case EffectKind::StoragePut:
        if (!in_object) break;
        scope->put(e.target, e.body);
        results[i] = EffectResult::success();
        break;
      case EffectKind::StorageDelete:
        if (!in_object) break;
        scope->remove(e.target);
        results[i] = EffectResult::success();
        break;
      case EffectKind::AlarmSet:
        if (!in_object) break;
        scope->set_alarm(e.number);
        results[i] = EffectResult::success();
        break;
      case EffectKind::Sha256:
        results[i] = sha256(e.body);
        break;
      case EffectKind::ObjectCall:
      case EffectKind::ObjectsDue:
      case EffectKind::QueueSend:
        break;  // after the concurrent DynamoDB calls, below
    }
    if (!in_object && (e.kind == EffectKind::StorageGet || e.kind == EffectKind::StoragePut ||
                       e.kind == EffectKind::StorageDelete || e.kind == EffectKind::AlarmSet))
      results[i] = EffectResult::failure("object storage used outside an object");
  }

  auto replies = db_.call_all(requests, timeout_ms());
  for (std::size_t k = 0; k < replies.size(); ++k) {
    std::size_t i = owners[k];
    const Effect& e = effects[i];
    if (e.kind == EffectKind::StorageGet) {
      auto loaded = objects_.loaded(e.target, replies[k]);
      scope->loaded(e.target, loaded.result, loaded.revision, loaded.due);
      results[i] = std::move(loaded.result);
    } else {
      results[i] = kv_.result(e, replies[k], now);
    }
    if (results[i].outcome == Outcome::Failed)
      log::warn("lambda.effect.failed", {{"effect", std::string(effect_kind_name(e.kind))}, {"target", e.target},
                                         {"error", results[i].body}, {"requestId", info.request_id}});
  }

  // Calls of several round trips, one after another: the due index's pages, queue sends (a
  // second round for what SQS refused), and object calls, each a run of its own.
  for (std::size_t i = 0; i < effects.size(); ++i) {
    const Effect& e = effects[i];
    if (e.kind != EffectKind::ObjectsDue && e.kind != EffectKind::QueueSend) continue;
    if (e.kind == EffectKind::ObjectsDue)
      results[i] = objects_due(e.number);
    else
      results[i] = send_to_queue(e);
    if (results[i].outcome == Outcome::Failed)
      log::warn("lambda.effect.failed", {{"effect", std::string(effect_kind_name(e.kind))}, {"target", e.target},
                                         {"error", results[i].body}, {"requestId", info.request_id}});
  }
  for (std::size_t i = 0; i < effects.size(); ++i) {
    const Effect& e = effects[i];
    if (e.kind != EffectKind::ObjectCall) continue;
    auto reply = call_object(e.target, e.method, e.body, info);
    if (reply) {
      results[i] = EffectResult::success(std::move(*reply));
    } else {
      log::error("lambda.object.failed", {{"object", e.target}, {"method", e.method}, {"error", reply.reason()},
                                          {"requestId", info.request_id}});
      results[i] = EffectResult::failure(reply.reason());
    }
  }
  return results;
}

// The effect's target (the Worker's KV prefix of published copies) has no use here: the
// index holds exactly the objects with an alarm.
EffectResult EffectHost::objects_due(std::int64_t now_ms) {
  std::string ids;
  std::set<std::string, std::less<>> seen;  // an alarm moved while the pages are read may show twice
  nlohmann::json start = nlohmann::json::object();
  do {
    DynamoReply reply = db_.call(due_index::query(objects_.name(), now_ms, start), timeout_ms());
    if (!reply.ok) return EffectResult::failure("query of the due index: " + reply.error_type + " " + reply.message);
    due_index::Page page = due_index::page(reply);
    for (auto& id : page.objects) {
      if (!seen.insert(id).second) continue;
      if (!ids.empty()) ids += '\n';
      ids += id;
    }
    start = std::move(page.next);
  } while (!start.empty());
  return EffectResult::success(std::move(ids));
}

// The effect's body holds the messages one per line (core/ports/queue.hpp).
EffectResult EffectHost::send_to_queue(const Effect& effect) {
  auto url = queues_.url_of(effect.target);
  if (!url) return EffectResult::failure(url.reason());
  std::vector<std::string_view> messages;
  std::string_view body = effect.body;
  while (!body.empty()) {
    auto line = body.substr(0, body.find('\n'));
    if (!line.empty()) messages.push_back(line);
    body.remove_prefix(std::min(body.size(), line.size() + 1));
  }
  auto sent = sqs_.send(*url, messages, timeout_ms());
  if (!sent) return EffectResult::failure(sent.reason());
  return EffectResult::success();
}

}  // namespace flagport::lambda
