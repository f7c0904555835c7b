#include "core/store/object_reply.hpp"

#include "core/flags/ordered_json_parse.hpp"
#include "core/ports/log.hpp"

namespace flagport::store {

namespace {

std::optional<Status> status_from_name(std::string_view name) {
  for (Status s : {Status::Success, Status::Skipped, Status::BadRequest, Status::NotAuthenticated,
                   Status::Unauthorized, Status::NotFound, Status::Conflict, Status::TooManyRequests,
                   Status::Error, Status::NotImplemented})
    if (status_name(s) == name) return s;
  return std::nullopt;
}

}  // namespace

std::string encode_reply(const ObjectReply& reply) {
  std::string out = Json{{"status", std::string(status_name(reply.response.status))},
                         {"message", reply.response.message},
                         {"data", reply.response.data}}
                        .dump(-1, ' ', false, Json::error_handler_t::replace);
  out.push_back('\n');
  out += reply.attached;
  return out;
}

ObjectReply decode_reply(const EffectResult& result, std::string_view method) {
  if (!result.ok()) {
    log::error("object.call_failed", {{"method", std::string(method)}, {"reason", result.body}});
    return ObjectReply(Response::fail(Status::Error, "the project store is unavailable; try again"));
  }
  std::string_view bytes = result.body;
  auto newline = bytes.find('\n');
  Json doc = flags::parse_ordered_json(bytes.substr(0, newline));
  std::optional<Status> status;
  if (doc.is_object() && doc.contains("status") && doc["status"].is_string())
    status = status_from_name(doc["status"].get_ref<const std::string&>());
  if (newline == std::string_view::npos || !status || !doc.contains("message") || !doc["message"].is_string() ||
      !doc.contains("data")) {
    log::error("object.reply_unreadable", {{"method", std::string(method)}});
    return ObjectReply(Response::fail(Status::Error, "the project store gave an unreadable answer"));
  }
  return ObjectReply(Response{*status, doc["message"].get<std::string>(), std::move(doc["data"]), {}, {}},
                     std::string(bytes.substr(newline + 1)));
}

}  // namespace flagport::store
