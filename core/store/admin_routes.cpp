#include "core/store/admin_routes.hpp"

#include <charconv>

#include "core/http/auth.hpp"
#include "core/http/limits.hpp"
#include "core/http/url.hpp"
#include "core/ports/kv.hpp"
#include "core/ports/log.hpp"
#include "core/ports/objects.hpp"
#include "core/store/flag_set_shape.hpp"
#include "core/store/object_reply.hpp"
#include "core/store/project_id.hpp"
#include "core/store/published_record.hpp"

namespace flagport::store {

using nlohmann::json;

namespace {

// Admin token and project id: the checks every admin route starts with.
std::optional<Response> admit(const RouteContext& ctx) {
  if (auto refusal = require_admin(ctx.request, ctx.settings.admin_token)) return refusal;
  const std::string& project = ctx.params.find("project")->second;
  if (!valid_project_id(project))
    return Response::invalid({{"path:project", kProjectIdRule}}, "invalid project id");
  return std::nullopt;
}

const std::string& project_of(const RouteContext& ctx) { return ctx.params.find("project")->second; }

struct Body {
  std::optional<Response> refusal;
  json document;
};

Body parse_body(const RouteContext& ctx) {
  json document = json::parse(ctx.request.body, nullptr, false);
  if (document.is_discarded()) return {Response::invalid({{"", "the body is not valid JSON"}}, "malformed JSON"), {}};
  if (!document.is_object()) return {Response::invalid({{"", "the body must be a JSON object"}}), {}};
  return {std::nullopt, std::move(document)};
}

// If-Match: 5, "5" or W/"5" names the version the client expects to replace.
struct IfMatch {
  std::optional<Response> refusal;
  std::optional<std::int64_t> version;
};

IfMatch parse_if_match(const HttpRequest& request) {
  auto header = request.header("if-match");
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

json intent(const RouteContext& ctx, const IfMatch& if_match) {
  json args = {{"requestId", ctx.info.request_id}, {"now", ctx.info.now_ms}};
  if (if_match.version) args["ifMatch"] = *if_match.version;
  return args;
}

bool kv_publish_fault(const RouteContext& ctx) {
  return ctx.settings.fault("kv-publish") && project_of(ctx).rfind("fault-", 0) == 0;
}

// Commits through the object, then publishes the new version to KV. A failed KV write
// does not fail the request: the object's alarm (or Lambda's scheduled reconciliation)
// publishes the committed version later.
Task<Response> commit_and_publish(const RouteContext& ctx, std::string method, json args) {
  const std::string& project = project_of(ctx);
  EffectResult called = co_await objects::call(project, method, args.dump(-1, ' ', false, json::error_handler_t::replace));
  Response reply = decode_reply(called, method);
  if (reply.status != Status::Success) co_return reply;

  json& data = reply.data;
  std::int64_t version = data["version"].is_number_integer() ? data["version"].get<std::int64_t>() : 0;
  PublishedRecord record{version, data["updatedAt"].is_number_integer() ? data["updatedAt"].get<std::int64_t>() : 0,
                         std::move(data["definition"])};
  EffectResult put = EffectResult::failure("injected fault: kv-publish");
  if (!kv_publish_fault(ctx)) put = co_await kv::put(published_key(project), record.encode());
  if (!put.ok())
    log::warn("publish.deferred", {{"project", project}, {"version", version}, {"reason", put.body}});

  Response out = Response::success({{"project", project}, {"version", version}, {"flags", data["flags"]}});
  out.headers.emplace_back("etag", "\"" + std::to_string(version) + "\"");
  co_return out;
}

}  // namespace

Task<Response> put_flags(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) co_return std::move(*refusal);
  auto if_match = parse_if_match(ctx.request);
  if (if_match.refusal) co_return std::move(*if_match.refusal);
  Body body = parse_body(ctx);
  if (body.refusal) co_return std::move(*body.refusal);
  auto errors = check_flag_set_shape(body.document);
  if (!errors.empty()) co_return Response::invalid(std::move(errors), "invalid flag set");

  json args = intent(ctx, if_match);
  args["definition"] = std::move(body.document);
  co_return co_await commit_and_publish(ctx, "publish", std::move(args));
}

Task<Response> get_flags(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) co_return std::move(*refusal);
  const std::string& project = project_of(ctx);
  Response reply = decode_reply(co_await objects::call(project, "current", "{}"), "current");
  if (reply.status != Status::Success) co_return reply;
  reply.data["project"] = project;
  if (reply.data["version"].is_number_integer())
    reply.headers.emplace_back("etag", "\"" + std::to_string(reply.data["version"].get<std::int64_t>()) + "\"");
  co_return reply;
}

Task<Response> patch_flag(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) co_return std::move(*refusal);
  auto flag_key = percent_decode(ctx.params.find("flagKey")->second);
  if (!flag_key || flag_key->empty() || flag_key->size() > limits::kMaxFlagKeyBytes)
    co_return Response::invalid({{"path:flagKey", "must be a percent-encoded flag key of 1 to 256 bytes"}});
  auto if_match = parse_if_match(ctx.request);
  if (if_match.refusal) co_return std::move(*if_match.refusal);
  Body body = parse_body(ctx);
  if (body.refusal) co_return std::move(*body.refusal);

  std::vector<FieldError> errors;
  json args = intent(ctx, if_match);
  args["flagKey"] = *flag_key;
  for (auto it = body.document.begin(); it != body.document.end(); ++it) {
    const std::string& field = it.key();
    const json& value = it.value();
    if (field == "state") {
      if (value.is_string() && (value.get_ref<const std::string&>() == "ENABLED" ||
                                value.get_ref<const std::string&>() == "DISABLED"))
        args["state"] = value;
      else
        errors.push_back({"/state", "must be ENABLED or DISABLED"});
    } else if (field == "defaultVariant") {
      if (value.is_string() || value.is_null()) args["defaultVariant"] = value;
      else errors.push_back({"/defaultVariant", "must be a variant name or null"});
    } else {
      errors.push_back({pointer_child("", field), "unknown field; a patch may set state and defaultVariant"});
    }
  }
  if (errors.empty() && !args.contains("state") && !args.contains("defaultVariant"))
    errors.push_back({"", "a patch sets at least one of state, defaultVariant"});
  if (!errors.empty()) co_return Response::invalid(std::move(errors), "invalid patch");
  co_return co_await commit_and_publish(ctx, "patch", std::move(args));
}

Task<Response> get_versions(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) co_return std::move(*refusal);
  const std::string& project = project_of(ctx);
  Response reply = decode_reply(co_await objects::call(project, "versions", "{}"), "versions");
  if (reply.status == Status::Success) reply.data["project"] = project;
  co_return reply;
}

Task<Response> post_rollback(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) co_return std::move(*refusal);
  auto if_match = parse_if_match(ctx.request);
  if (if_match.refusal) co_return std::move(*if_match.refusal);
  Body body = parse_body(ctx);
  if (body.refusal) co_return std::move(*body.refusal);
  std::vector<FieldError> errors;
  auto version = body.document.find("version");
  if (version == body.document.end() || !version->is_number_integer() || version->get<std::int64_t>() < 1)
    errors.push_back({"/version", "required: the version number to restore"});
  for (auto it = body.document.begin(); it != body.document.end(); ++it)
    if (it.key() != "version") errors.push_back({pointer_child("", it.key()), "unknown field"});
  if (!errors.empty()) co_return Response::invalid(std::move(errors), "invalid rollback");
  json args = intent(ctx, if_match);
  args["version"] = *version;
  co_return co_await commit_and_publish(ctx, "rollback", std::move(args));
}

Task<Response> get_published(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) co_return std::move(*refusal);
  const std::string& project = project_of(ctx);
  EffectResult got = co_await kv::get(published_key(project));
  if (got.outcome == Outcome::NotFound)
    co_return Response::fail(Status::NotFound, "nothing is published for this project yet");
  if (!got.ok()) {
    log::error("kv.read_failed", {{"project", project}, {"reason", got.body}});
    co_return Response::fail(Status::Error, "the published store is unavailable; try again");
  }
  auto record = PublishedRecord::decode(got.body);
  if (!record) {
    log::error("kv.record_unreadable", {{"project", project}});
    co_return Response::fail(Status::Error, "the published copy is unreadable");
  }
  auto flags = record->definition.find("flags");
  co_return Response::success({{"project", project},
                               {"version", record->version},
                               {"updatedAt", record->updated_at},
                               {"flags", flags != record->definition.end() ? flags->size() : 0}});
}

}  // namespace flagport::store
