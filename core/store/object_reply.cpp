#include "core/store/object_reply.hpp"

#include "core/ports/log.hpp"

namespace flagport::store {

using nlohmann::json;

namespace {

std::optional<Status> status_from_name(std::string_view name) {
  for (Status s : {Status::Success, Status::Skipped, Status::BadRequest, Status::NotAuthenticated,
                   Status::Unauthorized, Status::NotFound, Status::Conflict, Status::TooManyRequests,
                   Status::Error, Status::NotImplemented})
    if (status_name(s) == name) return s;
  return std::nullopt;
}

}  // namespace

std::string encode_reply(const Response& response) {
  return json{{"status", std::string(status_name(response.status))},
              {"message", response.message},
              {"data", response.data}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

Response decode_reply(const EffectResult& result, std::string_view method) {
  if (!result.ok()) {
    log::error("object.call_failed", {{"method", std::string(method)}, {"reason", result.body}});
    return Response::fail(Status::Error, "the project store is unavailable; try again");
  }
  json doc = json::parse(result.body, nullptr, false);
  std::optional<Status> status;
  if (doc.is_object() && doc.contains("status") && doc["status"].is_string())
    status = status_from_name(doc["status"].get_ref<const std::string&>());
  if (!status || !doc.contains("message") || !doc["message"].is_string() || !doc.contains("data")) {
    log::error("object.reply_unreadable", {{"method", std::string(method)}});
    return Response::fail(Status::Error, "the project store gave an unreadable answer");
  }
  return Response{*status, doc["message"].get<std::string>(), std::move(doc["data"]), {}};
}

}  // namespace flagport::store
