#include "core/store/admin_routes.hpp"

#include "core/flags/flag_set.hpp"
#include "core/http/json_text.hpp"
#include "core/http/limits.hpp"
#include "core/http/url.hpp"
#include "core/ports/kv.hpp"
#include "core/ports/log.hpp"
#include "core/ports/objects.hpp"
#include "core/store/admin_request.hpp"
#include "core/store/object_reply.hpp"
#include "core/store/patch_fields.hpp"
#include "core/store/published_record.hpp"

namespace flagport::store {


namespace {

// A flag-set version as a strong ETag: "7". Appended, not `"\"" + std::to_string(...)`,
// which GCC 12 warns about wrongly (-Wrestrict, a false positive of its inlined memcpy).
std::string version_etag(std::int64_t version) {
  std::string etag = "\"";
  etag += std::to_string(version);
  etag += '"';
  return etag;
}

// Flag-set commits answer {project, version, flags} with the version as ETag.
Task<Response> commit_flag_set(const RouteContext& ctx, std::string method, const Json& args,
                                std::string_view attached = {}) {
  Response reply = co_await call_and_publish(ctx, std::move(method), args, attached);
  if (reply.status != Status::Success) co_return reply;
  std::int64_t version = reply.data["version"].is_number_integer() ? reply.data["version"].get<std::int64_t>() : 0;
  Response out = Response::success({{"project", project_of(ctx)}, {"version", version}, {"flags", reply.data["flags"]}});
  out.headers.emplace_back("etag", version_etag(version));
  co_return out;
}

}  // namespace

Task<Response> put_flags(const RouteContext& ctx) {
  Write write = open_write(ctx);
  if (write.refusal) co_return std::move(*write.refusal);
  // The loader reads the text itself: the parsed body (about 11 MiB in the Worker's module for
  // a set at the 4 MiB limit) would only add to the peak, and linear memory never shrinks.
  write.document = Json();
  // The evaluator's own loader: what it cannot compile is never published. The compiled set
  // is dropped before the commit: held across it, it would stay beside the copies of the text
  // the commit makes (about 4 MiB each).
  {
    auto loaded = flags::load_flag_set(ctx.request.body);
    if (!loaded.ok()) {
      std::vector<FieldError> errors;
      for (auto& e : loaded.errors) errors.push_back({std::move(e.path), std::move(e.message)});
      co_return Response::invalid(std::move(errors), "invalid flag set");
    }
    write.args["flags"] = loaded.flag_set->flags().size();
  }
  // Stored as written, but for whitespace: it reads back member for member, number for number.
  co_return co_await commit_flag_set(ctx, "publish", write.args, json_text::minified(ctx.request.body));
}

Task<Response> get_flags(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) co_return std::move(*refusal);
  const std::string& project = project_of(ctx);
  ObjectReply reply = decode_reply(co_await objects::call(project, "current", "{}"), "current");
  if (reply.response.status != Status::Success) co_return std::move(reply.response);
  const Json& data = reply.response.data;
  const std::int64_t version = data.value("version", std::int64_t{0});
  // The definition goes into the answer as the text it is stored as, never re-written.
  std::string text = "{\"project\":";
  json_text::append_string(text, project);
  text += ",\"version\":" + std::to_string(version);
  text += ",\"updatedAt\":" + std::to_string(data.value("updatedAt", std::int64_t{0}));
  text += ",\"definition\":";
  text += reply.attached;
  text += '}';
  Response out = Response::rendered(Status::Success, "", std::move(text));
  out.headers.emplace_back("etag", version_etag(version));
  co_return out;
}

Task<Response> patch_flag(const RouteContext& ctx) {
  Write write = open_write(ctx);
  if (write.refusal) co_return std::move(*write.refusal);
  auto flag_key = percent_decode(ctx.params.find("flagKey")->second);
  if (!flag_key || flag_key->empty() || flag_key->size() > limits::kMaxFlagKeyBytes)
    co_return Response::invalid({{"path:flagKey", "must be a percent-encoded flag key of 1 to 256 bytes"}});

  std::vector<FieldError> errors;
  write.args["flagKey"] = *flag_key;
  read_patch_fields(write.document, "", {}, write.args, errors);
  if (!errors.empty()) co_return Response::invalid(std::move(errors), "invalid patch");
  co_return co_await commit_flag_set(ctx, "patch", write.args);
}

Task<Response> get_versions(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) co_return std::move(*refusal);
  const std::string& project = project_of(ctx);
  Response reply = decode_reply(co_await objects::call(project, "versions", "{}"), "versions").response;
  if (reply.status == Status::Success) reply.data["project"] = project;
  co_return reply;
}

Task<Response> post_rollback(const RouteContext& ctx) {
  Write write = open_write(ctx);
  if (write.refusal) co_return std::move(*write.refusal);
  const Json& document = write.document;
  std::vector<FieldError> errors;
  auto version = document.find("version");
  if (version == document.end() || !version->is_number_integer() || version->get<std::int64_t>() < 1)
    errors.push_back({"/version", "required: the version number to restore"});
  for (auto it = document.begin(); it != document.end(); ++it)
    if (it.key() != "version") errors.push_back({flags::pointer_append("", it.key()), "unknown field"});
  if (!errors.empty()) co_return Response::invalid(std::move(errors), "invalid rollback");
  write.args["version"] = *version;
  co_return co_await commit_flag_set(ctx, "rollback", write.args);
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
  auto record = PublishedRecord::decode_header(got.body);
  if (!record) {
    log::error("kv.record_unreadable", {{"project", project}});
    co_return Response::fail(Status::Error, "the published copy is unreadable");
  }
  if (record->version == 0) co_return Response::fail(Status::NotFound, "nothing is published for this project yet");
  co_return Response::success({{"project", project},
                               {"revision", record->revision},
                               {"version", record->version},
                               {"updatedAt", record->updated_at},
                               {"flags", record->flags},
                               {"keys", record->key_digests.size()},
                               {"allowedOrigins", record->allowed_origins}});
}

}  // namespace flagport::store
