#include "core/store/project_object.hpp"

#include "core/fault/crash.hpp"
#include "core/ports/kv.hpp"
#include "core/ports/log.hpp"
#include "core/ports/object_storage.hpp"
#include "core/store/object_args.hpp"
#include "core/store/object_io.hpp"
#include "core/store/object_reply.hpp"
#include "core/store/project_methods.hpp"
#include "core/store/published_copy.hpp"

namespace flagport::store {

Task<std::string> call_project_object(std::string project, std::string method, std::string args, RequestInfo info,
                                      const Settings& settings) {
  auto call = read_object_args(args);
  if (!call) co_return encode_reply(ObjectReply(Response::invalid({{"", "object arguments must be a JSON object"}})));
  Json& parsed = call->parsed;
  const std::string_view attached = call->attached;
  parsed["objectNow"] = info.now_ms;  // the object's own clock, for its alarms
  ObjectReply reply;
  if (method == "publish") reply = co_await methods::publish(parsed, attached, settings);
  else if (method == "patch") reply = co_await methods::patch(parsed, settings);
  else if (method == "rollback") reply = co_await methods::rollback(parsed, settings);
  else if (method == "current") reply = co_await methods::current();
  else if (method == "versions") reply = co_await methods::versions();
  else if (method == "add_key") reply = co_await methods::add_key(parsed, settings);
  else if (method == "list_keys") reply = co_await methods::list_keys();
  else if (method == "revoke_key") reply = co_await methods::revoke_key(parsed, settings);
  else if (method == "set_origins") reply = co_await methods::set_origins(parsed, settings);
  else if (method == "get_origins") reply = co_await methods::get_origins();
  else if (method == "add_schedule") reply = co_await methods::add_schedule(parsed, attached, settings);
  else if (method == "list_schedules") reply = co_await methods::list_schedules();
  else if (method == "cancel_schedule") reply = co_await methods::cancel_schedule(parsed, settings);
  else if (method == "audit") reply = co_await methods::read_audit(parsed);
  else if (method == "wake") {
    co_await wake_project(project, info, settings);
    reply = ObjectReply(Response::success(Json::object()));
  }
  else if (method == "crash" && settings.fault("crash") && parsed["kind"].is_string()) {
    fault::crash_now(parsed["kind"].get_ref<const std::string&>());
    reply = ObjectReply(Response::fail(Status::NotFound, "unknown crash kind"));
  }
  else {
    log::error("object.unknown_method", {{"project", project}, {"method", method}});
    reply = ObjectReply(Response::fail(Status::NotImplemented, "unknown object method"));
  }
  co_return encode_reply(reply);
}

namespace {

// Makes sure KV holds the state's revision. False when it could not (logged): try again later.
Task<bool> reconcile(const std::string& project, const ProjectState& state) {
  if (state.revision == 0) co_return true;
  EffectResult published = co_await kv::get(published_key(project));
  if (published.ok()) {
    auto record = PublishedRecord::decode_header(published.body);
    if (record && record->revision >= state.revision) co_return true;
  }
  LoadedDefinition def = co_await load_current_definition(state);
  if (!def.ok) co_return false;
  EffectResult put = co_await published_copy::publish(project, record_for(state, std::move(def.text)));
  if (put.ok()) {
    log::info("publish.reconciled", {{"project", project}, {"revision", state.revision}});
    co_return true;
  }
  log::warn("publish.retry_later", {{"project", project}, {"revision", state.revision}, {"reason", put.body}});
  co_return false;
}

}  // namespace

Task<void> wake_project(std::string project, RequestInfo info, const Settings& settings) {
  // A fired alarm is gone: every wake sets the next one, or none when nothing is left to do.
  const std::int64_t retry = info.now_ms + settings.publish_retry_seconds * 1000;
  Loaded loaded = co_await load_state();
  if (!loaded.ok) {
    co_await storage::set_alarm(retry);
    co_return;
  }
  const bool applied = co_await methods::apply_due_schedules(loaded.state, info, settings);
  const bool published = co_await reconcile(project, loaded.state);
  std::optional<std::int64_t> next = next_alarm(loaded.state, !published, info.now_ms, settings);
  if (!applied) next = retry;  // a due schedule waits for the store: not at once again
  if (next) co_await storage::set_alarm(*next);
  else co_await storage::clear_alarm();
}

}  // namespace flagport::store
