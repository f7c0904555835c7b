#include "core/flags/operators/custom_operators.hpp"

namespace flagport::flags {

// ["text", "prefix"]; anything else is null.
Value starts_with(const Value* args, std::size_t count, const DataAccess&, Arena&) {
  if (count != 2 || !args[0].is_string() || !args[1].is_string()) return Value{};
  const std::string_view text = args[0].as_string(), prefix = args[1].as_string();
  return Value::boolean(same_text(text.substr(0, prefix.size()), prefix));
}

}  // namespace flagport::flags
