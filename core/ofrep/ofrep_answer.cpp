#include "core/ofrep/ofrep_answer.hpp"

#include <array>
#include <cstddef>
#include <string>

#include "core/http/json_text.hpp"

namespace flagport::ofrep {

using Json = nlohmann::ordered_json;
using flags::ErrorCode;
using namespace std::string_view_literals;

namespace {

HttpResponse json_response(int status, std::string body) {
  HttpResponse out;
  out.status = status;
  out.headers.emplace_back("content-type", "application/json; charset=utf-8");
  out.body = std::move(body);
  return out;
}

HttpResponse json_response(int status, const Json& body) {
  return json_response(status, body.dump(-1, ' ', false, Json::error_handler_t::replace));
}

// `,"reason":"STATIC"` and the like, for each Reason.
std::string_view reason_field(flags::Reason reason) {
  static const auto fields = [] {
    std::array<std::string, static_cast<std::size_t>(flags::Reason::Error) + 1> out;
    for (std::size_t i = 0; i < out.size(); ++i)
      out[i] = ",\"reason\":" + std::string(flags::quoted_wire_name(static_cast<flags::Reason>(i)));
    return out;
  }();
  return fields[static_cast<std::size_t>(reason)];
}

// A flag resolved to a variant (every flag of a bulk answer, mostly) is two ready-made
// texts of that variant (flag_texts.hpp) around its reason; the rest is written field by field.
void append_flag(std::string& out, std::string_view key, const flags::Resolution& r,
                 const evaluation::FlagSetTexts& texts) {
  if (r.error_code == ErrorCode::None && r.value && r.chosen && r.metadata == &r.flag->metadata) {
    const evaluation::VariantTexts& variant = texts.of(*r.flag, *r.chosen);
    out += variant.ofrep_head;
    out += reason_field(r.reason);
    out += variant.ofrep_tail;
    return;
  }
  const bool has_metadata = r.metadata && r.metadata->is_object() && !r.metadata->empty();
  out += "{\"key\":"sv;
  if (r.flag)
    out += texts.of(*r.flag).key;
  else
    json_text::append_string(out, key);
  if (r.error_code != ErrorCode::None) {
    out += ",\"errorCode\":"sv;
    json_text::append_string(out, flags::wire_name(r.error_code));
    out += ",\"errorDetails\":"sv;
    json_text::append_string(out, r.error_message);
  } else {
    out += ",\"reason\":"sv;
    out += flags::quoted_wire_name(r.reason);
  }
  if (has_metadata) {
    out += ",\"metadata\":"sv;
    out += (r.flag ? texts.of(*r.flag).metadata : texts.metadata());
  }
  out += '}';
}

}  // namespace

HttpResponse single_answer(std::string_view key, const flags::Resolution& r, const evaluation::FlagSetTexts& texts) {
  int status = r.error_code == ErrorCode::None ? 200 : r.error_code == ErrorCode::FlagNotFound ? 404 : 400;
  std::string body;
  append_flag(body, key, r, texts);
  return json_response(status, std::move(body));
}

HttpResponse bulk_answer(const std::vector<flags::BulkEntry>& entries, const evaluation::FlagSetTexts* texts) {
  std::string body;
  if (texts) body.reserve(texts->ofrep_bulk_size());
  body += "{\"flags\":[";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i) body += ',';
    append_flag(body, entries[i].key, entries[i].resolution, *texts);
  }
  body += "],\"metadata\":";
  body += texts ? texts->metadata() : "{}";  // the set's metadata is always an object
  body += '}';
  return json_response(200, std::move(body));
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
