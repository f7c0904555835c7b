#include "core/audit/flag_set_diff.hpp"

#include "core/flags/ordered_json_parse.hpp"

namespace flagport::audit {
namespace {

const Json& member_or_null(const Json& object, const std::string& name) {
  static const Json null_json;
  if (!object.is_object()) return null_json;
  auto it = object.find(name);
  return it == object.end() ? null_json : *it;
}

// The names of the members that differ between two objects (either may be absent).
Json differing_members(const Json& before, const Json& after, std::string_view skip = {}) {
  Json names = Json::array();
  auto consider = [&](const std::string& name) {
    if (name == skip) return;
    for (const auto& n : names)
      if (n == name) return;
    if (member_or_null(before, name) != member_or_null(after, name)) names.push_back(name);
  };
  if (before.is_object())
    for (auto it = before.begin(); it != before.end(); ++it) consider(it.key());
  if (after.is_object())
    for (auto it = after.begin(); it != after.end(); ++it) consider(it.key());
  return names;
}

}  // namespace

Json flag_set_diff(std::string_view before, std::string_view after) {
  const Json old_set = before.empty() ? Json::object() : flags::parse_ordered_json(before);
  const Json new_set = flags::parse_ordered_json(after);
  const Json& old_flags = member_or_null(old_set, "flags");
  const Json& new_flags = member_or_null(new_set, "flags");
  Json added = Json::array(), removed = Json::array(), changed = Json::object();
  std::size_t added_count = 0, removed_count = 0, changed_count = 0;
  if (new_flags.is_object()) {
    for (auto it = new_flags.begin(); it != new_flags.end(); ++it) {
      const Json& old_flag = member_or_null(old_flags, it.key());
      if (old_flag.is_null()) {
        if (added_count++ < kMaxNamed) added.push_back(it.key());
      } else if (old_flag != *it) {
        if (changed_count++ < kMaxNamed) changed[it.key()] = differing_members(old_flag, *it);
      }
    }
  }
  if (old_flags.is_object())
    for (auto it = old_flags.begin(); it != old_flags.end(); ++it)
      if (member_or_null(new_flags, it.key()).is_null() && removed_count++ < kMaxNamed) removed.push_back(it.key());
  return {{"added", std::move(added)},
          {"removed", std::move(removed)},
          {"changed", std::move(changed)},
          {"set", differing_members(old_set, new_set, "flags")},
          {"counts", {{"added", added_count}, {"removed", removed_count}, {"changed", changed_count}}}};
}

}  // namespace flagport::audit
