#include "core/access/access_routes.hpp"

#include "core/access/actor.hpp"
#include "core/access/directory_object.hpp"
#include "core/evaluation/evaluation_state.hpp"
#include "core/ports/objects.hpp"
#include "core/store/object_reply.hpp"

namespace flagport::access {
namespace {

// The directory object's method for the route: by the verb, then the path's last segment.
const char* method_of(const HttpRequest& request) {
  if (request.method == "POST") return "create_token";
  if (request.method == "DELETE") return "revoke_token";
  const std::string_view path = request.path;
  const std::string_view last = path.substr(path.rfind('/') + 1);
  if (last == "tokens") return "list_tokens";
  if (last == "me") return "me";
  if (last == "projects") return "projects";
  return "audit";
}

}  // namespace

Task<Response> directory_route(const RouteContext& ctx) {
  const char* method = method_of(ctx.request);
  Json args = {{"actor", ctx.actor->grant()}, {"requestId", ctx.info.request_id}, {"now", ctx.info.now_ms},
               {"query", ctx.request.query}};
  if (!ctx.info.client_ip.empty()) args["source"] = ctx.info.client_ip;
  if (auto id = ctx.params.find("tokenId"); id != ctx.params.end()) args["id"] = id->second;
  std::string call = args.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (ctx.request.method == "POST") {
    call += '\n';
    call += ctx.request.body.empty() ? std::string_view("{}") : std::string_view(ctx.request.body);
  }
  EffectResult called = co_await objects::call(std::string(kDirectoryObject), method, std::move(call));
  Response reply = store::decode_reply(called, method).response;
  // A token change is seen here at once; on other instances once their copy is older than kFreshMs.
  if (reply.status == Status::Success && ctx.request.method != "GET") ctx.evaluation.tokens.forget();
  co_return reply;
}

}  // namespace flagport::access
