#include "core/store/key_routes.hpp"

#include "core/flags/flag_set.hpp"
#include "core/http/limits.hpp"
#include "core/ports/crypto.hpp"
#include "core/ports/log.hpp"
#include "core/ports/objects.hpp"
#include "core/store/admin_request.hpp"
#include "core/store/client_key.hpp"
#include "core/store/object_reply.hpp"

namespace flagport::store {


Task<Response> create_key(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) co_return std::move(*refusal);
  std::string name;
  if (!ctx.request.body.empty()) {
    Body body = parse_body(ctx);
    if (body.refusal) co_return std::move(*body.refusal);
    std::vector<FieldError> errors;
    for (auto it = body.document.begin(); it != body.document.end(); ++it) {
      if (it.key() != "name") {
        errors.push_back({flags::pointer_append("", it.key()), "unknown field; a key may have a name"});
      } else if (!it->is_string() || it->get_ref<const std::string&>().size() > limits::kMaxKeyNameBytes) {
        errors.push_back({"/name", "must be a string of at most 64 bytes"});
      } else {
        name = it->get<std::string>();
      }
    }
    if (!errors.empty()) co_return Response::invalid(std::move(errors), "invalid key request");
  }

  auto key = generate_client_key(project_of(ctx));
  if (!key) {
    log::error("keys.no_entropy");
    co_return Response::fail(Status::Error, "could not create a key; try again");
  }
  EffectResult digest = co_await crypto::sha256(key->text);
  if (!digest.ok() || digest.body.size() != 32) {
    log::error("keys.digest_failed", {{"reason", digest.body}});
    co_return Response::fail(Status::Error, "could not create a key; try again");
  }
  Json args = intent_args(ctx);
  args["id"] = key->id;
  args["name"] = name;
  args["digest"] = to_hex(digest.body);
  Response reply = co_await call_and_publish(ctx, "add_key", std::move(args));
  if (reply.status != Status::Success) co_return reply;
  reply.data["project"] = project_of(ctx);
  reply.data["key"] = key->text;
  co_return reply;
}

Task<Response> list_keys(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) co_return std::move(*refusal);
  Response reply = decode_reply(co_await objects::call(project_of(ctx), "list_keys", "{}"), "list_keys").response;
  if (reply.status == Status::Success) reply.data["project"] = project_of(ctx);
  co_return reply;
}

Task<Response> revoke_key(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) co_return std::move(*refusal);
  Json args = intent_args(ctx);
  args["id"] = ctx.params.find("keyId")->second;
  Response reply = co_await call_and_publish(ctx, "revoke_key", std::move(args));
  if (reply.status != Status::Success) co_return reply;
  reply.data["project"] = project_of(ctx);
  reply.data["revoked"] = true;
  co_return reply;
}

}  // namespace flagport::store
