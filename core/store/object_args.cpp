#include "core/store/object_args.hpp"

#include "core/flags/ordered_json_parse.hpp"

namespace flagport::store {

std::optional<ObjectArgs> read_object_args(std::string_view call) {
  const std::size_t newline = call.find('\n');
  ObjectArgs out;
  out.attached = newline == std::string_view::npos ? std::string_view() : call.substr(newline + 1);
  out.parsed = call.empty() ? Json::object() : flags::parse_ordered_json(call.substr(0, newline));
  if (!out.parsed.is_object()) return std::nullopt;
  return out;
}

}  // namespace flagport::store
