// App: the whole service as the hosts see it. One instance per isolate / process,
// built from settings read once; every call returns a task the host drives with a Run.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/access/gate.hpp"
#include "core/http/request.hpp"
#include "core/http/response.hpp"
#include "core/http/route_context.hpp"
#include "core/http/router.hpp"
#include "core/ports/settings.hpp"
#include "core/queue/queue_message.hpp"
#include "core/task/task.hpp"

namespace flagport {

namespace evaluation {
struct State;
}
using OfrepRouteHandler = Task<HttpResponse> (*)(const RouteContext&);

// A route of the Flagport API: its handler, and who may call it.
struct ApiRoute {
  RouteHandler handler;
  access::Gate gate;
  std::size_t max_body = limits::kMaxBodyBytes;  // bytes; longer bodies are refused unread
};

class App {
 public:
  explicit App(Settings settings);
  ~App();

  // One HTTP request (Worker fetch; API Gateway / Function URL event). Always answers:
  // failures become envelopes. `provider` goes into the X-Flagport-Provider header.
  Task<HttpResponse> http(HttpRequest request, RequestInfo info, std::string provider) const;

  // One method call inside the object `object_id` (the host guarantees calls to one
  // object run one at a time and that its storage effects reach that object).
  // The reply is opaque bytes for the caller that issued the ObjectCall effect.
  Task<std::string> object(std::string object_id, std::string method, std::string args, RequestInfo info) const;

  // The object's alarm fired (Durable Object alarm). On Lambda, objects are woken by
  // scheduled() instead (the method "wake" does the same work).
  Task<void> alarm(std::string object_id, RequestInfo info) const;

  // The periodic entry point (Worker cron trigger, Lambda EventBridge schedule): wakes the
  // objects whose alarm is due. Answers a JSON report {woken, failed, listed} for the log.
  Task<std::string> scheduled(RequestInfo info) const;

  // A batch of messages from the queue named `queue_name` (the Worker's queue() handler:
  // batch.queue; Lambda: the last part of the SQS event's eventSourceARN): the outcome of
  // each, in the batch's order. The host acknowledges the Done ones and leaves the Retry ones
  // to be delivered again (Queues: message.retry(); SQS: batchItemFailures); one message
  // failing never fails the others. A queue whose name ends in "-dlq" is a dead-letter
  // queue: its messages are logged and acknowledged.
  Task<std::vector<MessageOutcome>> queue(std::string queue_name, std::vector<QueueMessage> batch,
                                          RequestInfo info) const;

  // Work after the response (DESIGN §10). A run may leave work that must not hold up its
  // answer: refreshing the compiled flag sets that answered past their TTL, and sending the
  // evaluation counts held to the insights queue once a flush is due (insights/tally.hpp). After
  // sending a response the host asks has_pending_work() (cheap) and, when there is some, runs
  // after(): the Worker under ctx.waitUntil, Lambda after POST .../response and before the
  // next GET .../next. One run does a bounded amount (a batch of KV reads, their compiles)
  // and can change no answer already sent.
  bool has_pending_work() const;
  Task<void> after(RequestInfo info) const;

  const Settings& settings() const { return settings_; }

 private:
  static Router<ApiRoute> routes(const Settings& settings);
  static Router<OfrepRouteHandler> ofrep_routes();
  Task<Response> route(const HttpRequest& request, const RequestInfo& info) const;
  Task<HttpResponse> ofrep(const HttpRequest& request, const RequestInfo& info, const std::string& provider) const;
  RequestInfo clocked(RequestInfo info) const;

  Settings settings_;
  // Built at the first request, not with the App: an App that serves no HTTP (the Durable
  // Objects' wasm module) then carries none of the routes' code.
  mutable std::unique_ptr<Router<ApiRoute>> router_;
  mutable std::unique_ptr<Router<OfrepRouteHandler>> ofrep_router_;
  // Compiled flag sets and key digests, kept across requests (never per request).
  std::unique_ptr<evaluation::State> evaluation_;
};

}  // namespace flagport
