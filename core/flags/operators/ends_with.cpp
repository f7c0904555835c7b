#include "core/flags/operators/custom_operators.hpp"

namespace flagport::flags {

// ["text", "suffix"]; anything else is null.
Value ends_with(const Value* args, std::size_t count, const DataAccess&, Arena&) {
  if (count != 2 || !args[0].is_string() || !args[1].is_string()) return Value{};
  const std::string_view text = args[0].as_string(), suffix = args[1].as_string();
  return Value::boolean(text.size() >= suffix.size() && same_text(text.substr(text.size() - suffix.size()), suffix));
}

}  // namespace flagport::flags
