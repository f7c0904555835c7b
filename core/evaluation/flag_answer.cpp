#include "core/evaluation/flag_answer.hpp"

#include "core/http/json_text.hpp"

namespace flagport::evaluation {

using flags::ErrorCode;

void append_flag_answer(std::string& out, std::string_view key, const flags::Resolution& r,
                        const FlagSetTexts& texts) {
  out += '{';
  if (r.error_code != ErrorCode::None) {
    out += "\"errorCode\":";
    json_text::append_string(out, flags::wire_name(r.error_code));
    out += ",\"errorDetails\":";
    json_text::append_string(out, r.error_message);
    out += ',';
  }
  out += "\"key\":";
  if (r.flag)
    out += texts.of(*r.flag).key;
  else
    json_text::append_string(out, key);
  out += ",\"metadata\":";
  out += (r.flag ? texts.of(*r.flag).metadata : texts.metadata());
  out += ",\"reason\":";
  out += flags::quoted_wire_name(r.reason);
  const VariantTexts* variant = r.value && r.chosen ? &texts.of(*r.flag, *r.chosen) : nullptr;
  out += ",\"value\":";
  out += variant ? variant->value : "null";
  out += ",\"variant\":";
  out += variant ? variant->name : "null";
  out += '}';
}

Response single_flag_response(std::string_view key, const flags::Resolution& r, const FlagSetTexts& texts) {
  std::string data;
  append_flag_answer(data, key, r, texts);
  switch (r.error_code) {
    case ErrorCode::None: return Response::rendered(Status::Success, "", std::move(data));
    case ErrorCode::FlagNotFound: return Response::rendered(Status::NotFound, r.error_message, std::move(data));
    case ErrorCode::General: return Response::rendered(Status::Error, r.error_message, std::move(data));
    default: return Response::rendered(Status::BadRequest, r.error_message, std::move(data));
  }
}

}  // namespace flagport::evaluation
