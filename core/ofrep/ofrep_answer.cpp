#include "core/ofrep/ofrep_answer.hpp"

namespace flagport::ofrep {

using Json = nlohmann::ordered_json;
using flags::ErrorCode;

namespace {

HttpResponse json_response(int status, const Json& body) {
  HttpResponse out;
  out.status = status;
  out.headers.emplace_back("content-type", "application/json; charset=utf-8");
  out.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return out;
}

Json flag_json(std::string_view key, const flags::Resolution& r) {
  Json out = Json::object();
  out["key"] = std::string(key);
  if (r.error_code != ErrorCode::None) {
    out["errorCode"] = std::string(flags::wire_name(r.error_code));
    out["errorDetails"] = r.error_message;
  } else {
    if (r.value) out["value"] = *r.value;
    out["reason"] = std::string(flags::wire_name(r.reason));
    if (r.variant) out["variant"] = std::string(*r.variant);
  }
  if (r.metadata && r.metadata->is_object() && !r.metadata->empty()) out["metadata"] = *r.metadata;
  return out;
}

}  // namespace

HttpResponse single_answer(std::string_view key, const flags::Resolution& r) {
  int status = r.error_code == ErrorCode::None ? 200 : r.error_code == ErrorCode::FlagNotFound ? 404 : 400;
  return json_response(status, flag_json(key, r));
}

HttpResponse bulk_answer(const std::vector<flags::BulkEntry>& entries, const Json& metadata) {
  Json list = Json::array();
  for (const auto& entry : entries) list.push_back(flag_json(entry.key, entry.resolution));
  Json body = Json::object();
  body["flags"] = std::move(list);
  body["metadata"] = metadata.is_object() ? metadata : Json::object();
  return json_response(200, body);
}

HttpResponse context_failure(std::string_view key, std::string_view details) {
  Json body = Json::object();
  if (!key.empty()) body["key"] = std::string(key);
  body["errorCode"] = "INVALID_CONTEXT";
  body["errorDetails"] = std::string(details);
  return json_response(400, body);
}

HttpResponse failure(int status, std::string_view details, std::string_view key, std::string_view error_code) {
  Json body = Json::object();
  if (!key.empty()) body["key"] = std::string(key);
  if (!error_code.empty()) body["errorCode"] = std::string(error_code);
  body["errorDetails"] = std::string(details);
  return json_response(status, body);
}

}  // namespace flagport::ofrep
