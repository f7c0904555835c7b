#include "core/store/origin_routes.hpp"

#include "core/flags/load_error.hpp"
#include "core/ofrep/origin.hpp"
#include "core/ports/objects.hpp"
#include "core/store/admin_request.hpp"
#include "core/store/object_reply.hpp"

namespace flagport::store {


Task<Response> get_origins(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) co_return std::move(*refusal);
  Response reply = decode_reply(co_await objects::call(project_of(ctx), "get_origins", "{}"), "get_origins").response;
  if (reply.status == Status::Success) reply.data["project"] = project_of(ctx);
  co_return reply;
}

Task<Response> put_origins(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) co_return std::move(*refusal);
  Body body = parse_body(ctx);
  if (body.refusal) co_return std::move(*body.refusal);
  std::vector<FieldError> errors;
  for (auto it = body.document.begin(); it != body.document.end(); ++it)
    if (it.key() != "allowedOrigins")
      errors.push_back({flags::pointer_append("", it.key()), "unknown field; the body is {\"allowedOrigins\": [...]}"});
  auto origins = body.document.find("allowedOrigins");
  if (origins == body.document.end()) {
    errors.push_back({"/allowedOrigins", "required: a list of origins ([] allows any origin)"});
  } else {
    for (auto& error : ofrep::allowed_origins_errors(*origins, "/allowedOrigins")) errors.push_back(std::move(error));
  }
  if (!errors.empty()) co_return Response::invalid(std::move(errors), "invalid allowed origins");

  Json args = intent_args(ctx);
  args["allowedOrigins"] = std::move(*origins);
  Response reply = co_await call_and_publish(ctx, "set_origins", std::move(args));
  if (reply.status == Status::Success) reply.data["project"] = project_of(ctx);
  co_return reply;
}

}  // namespace flagport::store
