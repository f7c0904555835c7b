// Typed reads of an object's members that answer a fallback instead of failing: what stored
// records and object arguments need. (Json::value() would do, but each of its instantiations
// brings the error-reporting code of a throw the wasm build cannot take.)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/json.hpp"

namespace flagport::json_fields {

inline const Json* member(const Json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(name);
  return it == object.end() ? nullptr : &*it;
}

inline std::int64_t int_or(const Json& object, std::string_view name, std::int64_t fallback = 0) {
  const Json* m = member(object, name);
  return m && m->is_number_integer() ? m->get<std::int64_t>() : fallback;
}

inline std::string string_or(const Json& object, std::string_view name, std::string fallback = {}) {
  const Json* m = member(object, name);
  return m && m->is_string() ? m->get_ref<const std::string&>() : fallback;
}

inline Json object_or_empty(const Json& object, std::string_view name) {
  const Json* m = member(object, name);
  return m && m->is_object() ? *m : Json::object();
}

}  // namespace flagport::json_fields
