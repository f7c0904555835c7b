#include "core/evaluation/flag_answer.hpp"

namespace flagport::evaluation {

using nlohmann::json;

json plain_json(const nlohmann::ordered_json& value) {
  switch (value.type()) {
    case nlohmann::ordered_json::value_t::object: {
      json out = json::object();
      for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = plain_json(it.value());
      return out;
    }
    case nlohmann::ordered_json::value_t::array: {
      json out = json::array();
      for (const auto& item : value) out.push_back(plain_json(item));
      return out;
    }
    case nlohmann::ordered_json::value_t::string: return value.get_ref<const std::string&>();
    case nlohmann::ordered_json::value_t::boolean: return value.get<bool>();
    case nlohmann::ordered_json::value_t::number_integer: return value.get<std::int64_t>();
    case nlohmann::ordered_json::value_t::number_unsigned: return value.get<std::uint64_t>();
    case nlohmann::ordered_json::value_t::number_float: return value.get<double>();
    default: return nullptr;
  }
}

json flag_answer(std::string_view key, const flags::Resolution& r) {
  json out = {{"key", std::string(key)},
              {"value", r.value ? plain_json(*r.value) : json(nullptr)},
              {"variant", r.variant ? json(std::string(*r.variant)) : json(nullptr)},
              {"reason", std::string(flags::wire_name(r.reason))},
              {"metadata", r.metadata ? plain_json(*r.metadata) : json::object()}};
  if (r.error_code != flags::ErrorCode::None) {
    out["errorCode"] = std::string(flags::wire_name(r.error_code));
    out["errorDetails"] = r.error_message;
  }
  return out;
}

Response single_flag_response(std::string_view key, const flags::Resolution& r) {
  using flags::ErrorCode;
  switch (r.error_code) {
    case ErrorCode::None: return Response::success(flag_answer(key, r));
    case ErrorCode::FlagNotFound: return Response::fail(Status::NotFound, r.error_message, flag_answer(key, r));
    case ErrorCode::General: return Response::fail(Status::Error, r.error_message, flag_answer(key, r));
    default: return Response::fail(Status::BadRequest, r.error_message, flag_answer(key, r));
  }
}

}  // namespace flagport::evaluation
