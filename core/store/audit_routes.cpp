#include "core/store/audit_routes.hpp"

#include "core/json.hpp"
#include "core/ports/objects.hpp"
#include "core/store/admin_request.hpp"
#include "core/store/object_reply.hpp"

namespace flagport::store {

Task<Response> get_project_audit(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) co_return std::move(*refusal);
  const std::string& project = project_of(ctx);
  std::string args = Json{{"query", ctx.request.query}}.dump(-1, ' ', false, Json::error_handler_t::replace);
  EffectResult called = co_await objects::call(project, "audit", std::move(args));
  Response reply = decode_reply(called, "audit").response;
  if (reply.status == Status::Success) reply.data["project"] = project;
  co_return reply;
}

}  // namespace flagport::store
