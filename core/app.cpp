#include "core/app.hpp"

#include "core/access/directory_object.hpp"
#include "core/evaluation/evaluation_state.hpp"
#include "core/fault/crash.hpp"
#include "core/http/envelope.hpp"
#include "core/http/limits.hpp"
#include "core/insights/consumer.hpp"
#include "core/insights/flush.hpp"
#include "core/insights/insights_object.hpp"
#include "core/insights/insights_state.hpp"
#include "core/ofrep/cors.hpp"
#include "core/ofrep/ofrep_answer.hpp"
#include "core/ports/log.hpp"
#include "core/queue/dead_letters.hpp"
#include "core/store/project_object.hpp"
#include "core/store/sweep.hpp"

namespace flagport {

App::App(Settings settings)
    : settings_(std::move(settings)),
      evaluation_(std::make_unique<evaluation::State>(settings_)) {
  // Once per isolate / process, not per refused request; the reason never holds the token.
  if (!settings_.admin_disabled.empty()) log::warn("admin.disabled", {{"reason", settings_.admin_disabled}});
}

App::~App() = default;

Task<Response> App::route(const HttpRequest& request, const RequestInfo& info) const {
  if (!router_) router_ = std::make_unique<Router<ApiRoute>>(routes(settings_));
  auto match = router_->match(request.method, request.path);
  if (match.outcome == Router<ApiRoute>::Outcome::NotFound)
    co_return Response::fail(Status::NotFound, "no route " + request.path, {{"path", request.path}});
  if (match.outcome == Router<ApiRoute>::Outcome::MethodNotAllowed) {
    std::string allow;
    for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
    Response refusal = Response::fail(Status::NotFound, request.method + " is not served on " + request.path,
                                      {{"allowed", match.allowed}});
    refusal.headers.emplace_back("allow", allow);
    co_return refusal;
  }
  const ApiRoute& route = *match.handler;
  if (request.body_exceeds(route.max_body))
    co_return Response::invalid({{"", "the body exceeds " + std::to_string(route.max_body) + " bytes"}},
                                "body too large");
  RouteContext ctx{request, match.params, info, settings_, *evaluation_};
  std::shared_ptr<const access::Actor> actor;
  if (access::gate_checks(ctx, route.gate)) {
    std::optional<Response> refusal = co_await access::pass(ctx, route.gate, actor);
    if (refusal) co_return std::move(*refusal);
    ctx.actor = actor.get();
  }
  co_return co_await route.handler(ctx);
}

// OFREP answers in its own shapes, not in the envelope, and speaks CORS.
Task<HttpResponse> App::ofrep(const HttpRequest& request, const RequestInfo& info, const std::string& provider) const {
  HttpResponse out;
  if (!ofrep_router_) ofrep_router_ = std::make_unique<Router<OfrepRouteHandler>>(ofrep_routes());
  auto match = ofrep_router_->match(request.method, request.path);
  if (request.method == "OPTIONS" && match.outcome != Router<OfrepRouteHandler>::Outcome::NotFound) {
    out = ofrep::preflight(request);
  } else if (match.outcome == Router<OfrepRouteHandler>::Outcome::Matched) {
    if (request.body_exceeds(limits::kMaxBodyBytes)) {
      auto key = match.params.find("key");  // a single flag's failure names it, as sent
      out = ofrep::failure(400, "the body exceeds " + std::to_string(limits::kMaxBodyBytes) + " bytes",
                           key != match.params.end() ? std::string_view(key->second) : std::string_view(),
                           "INVALID_CONTEXT");
      ofrep::add_cors_headers(request, out, nullptr);  // no key checked: a readable error
    } else {
      RouteContext ctx{request, match.params, info, settings_, *evaluation_};
      out = co_await (*match.handler)(ctx);
    }
  } else {
    out = ofrep::failure(404, request.method + " " + request.path + " is not an OFREP route");
    ofrep::add_cors_headers(request, out, nullptr);  // a browser's client can read its mistake
  }
  out.headers.emplace_back("x-flagport-provider", provider);
  out.headers.emplace_back("x-request-id", info.request_id);
  co_return out;
}

RequestInfo App::clocked(RequestInfo info) const {
  info.host_now_ms = info.now_ms;
  if (settings_.test_clock_ms) info.now_ms = settings_.test_clock_ms;
  return info;
}

Task<HttpResponse> App::http(HttpRequest request, RequestInfo info, std::string provider) const {
  info = clocked(std::move(info));
  if (request.path.rfind("/ofrep/", 0) == 0) co_return co_await ofrep(request, info, provider);
  Response response = co_await route(request, info);
  co_return render_envelope(response, provider, info.request_id);
}

Task<std::string> App::object(std::string object_id, std::string method, std::string args, RequestInfo info) const {
  if (object_id == access::kDirectoryObject)
    co_return co_await access::call_directory_object(std::move(method), std::move(args), std::move(info));
  if (auto project = insights::insights_project(object_id))
    co_return co_await insights::call_insights_object(std::move(*project), std::move(method), std::move(args),
                                                      std::move(info), settings_);
  co_return co_await store::call_project_object(std::move(object_id), std::move(method), std::move(args),
                                                std::move(info), settings_);
}

Task<void> App::alarm(std::string object_id, RequestInfo info) const {
  if (auto project = insights::insights_project(object_id)) {
    co_await insights::call_insights_object(std::move(*project), "wake", "", std::move(info), settings_);
    co_return;
  }
  co_await store::wake_project(std::move(object_id), std::move(info), settings_);
}

Task<std::vector<MessageOutcome>> App::queue(std::string queue_name, std::vector<QueueMessage> batch,
                                             RequestInfo info) const {
  if (queue::is_dead_letter_queue(queue_name)) co_return queue::log_dead_letters(batch, info);
  co_return co_await insights::consume(std::move(batch), clocked(std::move(info)), settings_);
}

bool App::has_pending_work() const {
  return evaluation_->flags.refresh_wanted() || evaluation_->tally.flush_due();
}

Task<void> App::after(RequestInfo info) const {
  if (evaluation_->flags.refresh_wanted()) co_await evaluation_->flags.refresh(clocked(std::move(info)).host_now_ms);
  if (evaluation_->tally.flush_due()) co_await insights::flush(evaluation_->tally);
}

Task<std::string> App::scheduled(RequestInfo info) const {
  store::SweepReport report = co_await store::sweep(std::move(info));
  co_return report.json();
}

}  // namespace flagport
