// Non-throwing reads of event fields: a field of the wrong type reads as absent.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace flagport::lambda::fields {

inline const nlohmann::json* member(const nlohmann::json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(name);
  return it == object.end() ? nullptr : &*it;
}

inline const nlohmann::json* object(const nlohmann::json& parent, std::string_view name) {
  const nlohmann::json* m = member(parent, name);
  return m && m->is_object() ? m : nullptr;
}

inline std::optional<std::string> string(const nlohmann::json& parent, std::string_view name) {
  const nlohmann::json* m = member(parent, name);
  if (!m || !m->is_string()) return std::nullopt;
  return m->get<std::string>();
}

inline bool boolean(const nlohmann::json& parent, std::string_view name) {
  const nlohmann::json* m = member(parent, name);
  return m && m->is_boolean() && m->get<bool>();
}

}  // namespace flagport::lambda::fields
