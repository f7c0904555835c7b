#include "core/store/admin_request.hpp"

#include <charconv>

#include "core/access/actor.hpp"
#include "core/evaluation/evaluation_state.hpp"
#include "core/flags/ordered_json_parse.hpp"
#include "core/ports/log.hpp"
#include "core/ports/objects.hpp"
#include "core/store/object_reply.hpp"
#include "core/store/project_id.hpp"
#include "core/store/published_copy.hpp"

namespace flagport::store {

std::optional<Response> admit(const RouteContext& ctx) {
  if (!valid_project_id(project_of(ctx)))
    return Response::invalid({{"path:project", kProjectIdRule}}, "invalid project id");
  return std::nullopt;
}

const std::string& project_of(const RouteContext& ctx) { return ctx.params.find("project")->second; }

Body parse_body(const RouteContext& ctx) {
  // as a string_view, as every parse in the core: the module then holds one parser
  Json document = flags::parse_ordered_json(std::string_view(ctx.request.body));
  if (document.is_discarded()) return {Response::invalid({{"", "the body is not valid JSON"}}, "malformed JSON"), {}};
  if (!document.is_object()) return {Response::invalid({{"", "the body must be a JSON object"}}), {}};
  return {std::nullopt, std::move(document)};
}

IfMatch parse_if_match(const HttpRequest& request) {
  auto header = request.header(RequestHeader::if_match);
  if (!header) return {};
  std::string_view text = *header;
  if (text.substr(0, 2) == "W/") text.remove_prefix(2);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  std::int64_t version = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
  if (ec != std::errc{} || end != text.data() + text.size() || version < 0)
    return {Response::invalid({{"header:If-Match", "must be a version number, e.g. \"3\""}}), std::nullopt};
  return {std::nullopt, version};
}

Json intent_args(const RouteContext& ctx, const IfMatch& if_match) {
  Json args = {{"actor", ctx.actor->named()}, {"requestId", ctx.info.request_id}, {"now", ctx.info.now_ms}};
  if (!ctx.info.client_ip.empty()) args["source"] = ctx.info.client_ip;
  if (if_match.version) args["ifMatch"] = *if_match.version;
  return args;
}

Write open_write(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) return {std::move(refusal), {}, {}};
  IfMatch if_match = parse_if_match(ctx.request);
  if (if_match.refusal) return {std::move(if_match.refusal), {}, {}};
  Body body = parse_body(ctx);
  if (body.refusal) return {std::move(body.refusal), {}, {}};
  return {std::nullopt, std::move(body.document), intent_args(ctx, if_match)};
}

namespace {

bool kv_publish_fault(const RouteContext& ctx) {
  return ctx.settings.fault("kv-publish") && project_of(ctx).rfind("fault-", 0) == 0;
}

}  // namespace

Task<Response> call_and_publish(const RouteContext& ctx, std::string method, const Json& args,
                                std::string_view attached) {
  const std::string& project = project_of(ctx);
  std::string call = args.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (!attached.empty()) {
    call += '\n';
    call += attached;
  }
  EffectResult called = co_await objects::call(project, method, std::move(call));
  ObjectReply reply = decode_reply(called, method);
  if (reply.response.status != Status::Success) co_return std::move(reply.response);
  if (reply.attached.empty()) {
    log::error("object.reply_without_record", {{"method", method}});
    co_return Response::fail(Status::Error, "the project store gave an unreadable answer");
  }
  EffectResult put = EffectResult::failure("injected fault: kv-publish");
  if (!kv_publish_fault(ctx)) put = co_await published_copy::publish(project, std::move(reply.attached));
  if (!put.ok()) log::warn("publish.deferred", {{"project", project}, {"method", method}, {"reason", put.body}});
  co_await ctx.evaluation.projects.remember(project);
  co_return std::move(reply.response);
}

}  // namespace flagport::store
