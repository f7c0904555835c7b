#include "core/store/schedule_routes.hpp"

#include <algorithm>

#include "core/flags/flag_set.hpp"
#include "core/flags/load_error.hpp"
#include "core/http/json_members.hpp"
#include "core/http/json_text.hpp"
#include "core/http/limits.hpp"
#include "core/http/timestamp.hpp"
#include "core/ports/log.hpp"
#include "core/ports/objects.hpp"
#include "core/ports/random.hpp"
#include "core/store/admin_request.hpp"
#include "core/store/client_key.hpp"
#include "core/store/object_reply.hpp"
#include "core/store/patch_fields.hpp"
#include "core/json_fields.hpp"

namespace flagport::store {
namespace {

// `at`: an RFC 3339 date-time or epoch milliseconds, from a minute ago to a year ahead.
std::optional<std::int64_t> read_at(const Json& at, std::int64_t now, std::vector<FieldError>& errors) {
  std::optional<std::int64_t> ms;
  if (at.is_string()) ms = timestamp::parse_rfc3339(at.get_ref<const std::string&>());
  else if (at.is_number_integer()) ms = at.get<std::int64_t>();
  if (!ms) {
    errors.push_back({"/at", "must be an RFC 3339 date-time with an offset (2026-12-07T09:00:00Z) or epoch milliseconds"});
    return std::nullopt;
  }
  if (*ms < now - limits::kScheduleGraceMs) errors.push_back({"/at", "is in the past"});
  else if (*ms > now + limits::kMaxScheduleAheadMs) errors.push_back({"/at", "is more than 366 days ahead"});
  return ms;
}

// The text of the request's /change/definition as it was written (less whitespace).
std::string definition_text(std::string_view body) {
  auto root = json_members::read_root(body);
  const auto* change = root ? root->last("change") : nullptr;
  auto change_object = change ? json_members::read_object(body, change->value_begin) : std::nullopt;
  const auto* definition = change_object ? change_object->last("definition") : nullptr;
  if (!definition) return {};
  return json_text::minified(body.substr(definition->value_begin, definition->value_end - definition->value_begin));
}

// Checks `change` and copies what the object needs into `out`; a publish's definition text
// goes to `definition`.
void read_change(const Json& change, std::string_view body, Json& out, std::string& definition,
                 std::vector<FieldError>& errors) {
  auto type = change.find("type");
  const std::string kind = type != change.end() && type->is_string() ? type->get<std::string>() : "";
  out["type"] = kind;
  auto unknown_fields = [&](std::initializer_list<std::string_view> known) {
    for (auto it = change.begin(); it != change.end(); ++it)
      if (std::find(known.begin(), known.end(), it.key()) == known.end())
        errors.push_back({flags::pointer_append("/change", it.key()), "unknown field for a " + kind + " change"});
  };
  if (kind == "patch") {
    auto key = change.find("flagKey");
    if (key == change.end() || !key->is_string() || key->get_ref<const std::string&>().empty() ||
        key->get_ref<const std::string&>().size() > limits::kMaxFlagKeyBytes)
      errors.push_back({"/change/flagKey", "required: the key of the flag to patch, 1 to 256 bytes"});
    else
      out["flagKey"] = *key;
    read_patch_fields(change, "/change", {"type", "flagKey"}, out, errors);
  } else if (kind == "rollback") {
    auto version = change.find("version");
    if (version == change.end() || !version->is_number_integer() || version->get<std::int64_t>() < 1)
      errors.push_back({"/change/version", "required: the version number to restore"});
    else
      out["version"] = *version;
    unknown_fields({"type", "version"});
  } else if (kind == "publish") {
    unknown_fields({"type", "definition"});
    auto document = change.find("definition");
    if (document == change.end() || !document->is_object()) {
      errors.push_back({"/change/definition", "required: the flag set to publish"});
      return;
    }
    definition = definition_text(body);
    if (definition.size() > limits::kMaxFlagSetBytes) {
      errors.push_back({"/change/definition", "the flag set exceeds " + std::to_string(limits::kMaxFlagSetBytes) + " bytes"});
      return;
    }
    auto loaded = flags::load_flag_set(definition);
    for (auto& e : loaded.errors) errors.push_back({"/change/definition" + e.path, std::move(e.message)});
    if (loaded.ok()) out["flags"] = loaded.flag_set->flags().size();
  } else {
    errors.push_back({"/change/type", "required: patch, publish or rollback"});
  }
}

Response with_project(Response reply, const std::string& project) {
  if (reply.status == Status::Success) reply.data["project"] = project;
  return reply;
}

}  // namespace

Task<Response> create_schedule(const RouteContext& ctx) {
  Write write = open_write(ctx);
  if (write.refusal) co_return std::move(*write.refusal);
  const Json& document = write.document;
  Json& args = write.args;

  std::vector<FieldError> errors;
  Json change = Json::object();
  std::string definition;
  auto at = document.find("at");
  if (at == document.end()) errors.push_back({"/at", "required: when to apply the change"});
  else if (auto ms = read_at(*at, ctx.info.now_ms, errors)) args["at"] = *ms;
  auto given = document.find("change");
  if (given == document.end() || !given->is_object())
    errors.push_back({"/change", "required: the change to apply (type patch, publish or rollback)"});
  else
    read_change(*given, ctx.request.body, change, definition, errors);
  for (auto it = document.begin(); it != document.end(); ++it)
    if (it.key() != "at" && it.key() != "change") errors.push_back({flags::pointer_append("", it.key()), "unknown field"});
  if (!errors.empty()) co_return Response::invalid(std::move(errors), "invalid schedule");

  auto id = random::bytes(8);
  if (!id) {
    log::error("schedules.no_entropy");
    co_return Response::fail(Status::Error, "could not create a schedule; try again");
  }
  args["id"] = "sch_" + to_hex(*id);
  args["change"] = std::move(change);
  std::string call = args.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (!definition.empty()) call += '\n' + definition;
  const std::string& project = project_of(ctx);
  co_return with_project(decode_reply(co_await objects::call(project, "add_schedule", std::move(call)), "add_schedule").response,
                         project);
}

Task<Response> list_schedules(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) co_return std::move(*refusal);
  const std::string& project = project_of(ctx);
  co_return with_project(decode_reply(co_await objects::call(project, "list_schedules", "{}"), "list_schedules").response,
                         project);
}

Task<Response> get_schedule(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) co_return std::move(*refusal);
  const std::string& project = project_of(ctx);
  const std::string& id = ctx.params.find("scheduleId")->second;
  Response reply = decode_reply(co_await objects::call(project, "list_schedules", "{}"), "list_schedules").response;
  if (reply.status != Status::Success) co_return reply;
  for (auto& schedule : reply.data["schedules"])
    if (json_fields::string_or(schedule, "id") == id) co_return with_project(Response::success(std::move(schedule)), project);
  co_return Response::fail(Status::NotFound, "no schedule '" + id + "' in this project", {{"id", id}});
}

Task<Response> cancel_schedule(const RouteContext& ctx) {
  if (auto refusal = admit(ctx)) co_return std::move(*refusal);
  const std::string& project = project_of(ctx);
  Json args = intent_args(ctx);
  args["id"] = ctx.params.find("scheduleId")->second;
  co_return with_project(decode_reply(co_await objects::call(project, "cancel_schedule", args.dump(-1, ' ', false, Json::error_handler_t::replace)), "cancel_schedule").response,
                         project);
}

}  // namespace flagport::store
