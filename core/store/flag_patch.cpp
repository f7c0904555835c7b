#include "core/store/flag_patch.hpp"

#include <vector>

#include "core/http/json_members.hpp"
#include "core/http/json_text.hpp"

namespace flagport::store {
namespace {

using json_members::Member;
using json_members::Object;
using json_members::read_object;

// The flag object's position in `definition`, or what is wrong.
PatchOutcome find_flag(std::string_view definition, std::string_view flag_key, Object& flag) {
  auto root = json_members::read_root(definition);
  const Member* flags_member = root ? root->last("flags") : nullptr;
  auto flags = flags_member ? read_object(definition, flags_member->value_begin) : std::nullopt;
  if (!flags) return PatchOutcome::Unreadable;
  const Member* flag_member = flags->last(flag_key);
  if (!flag_member) return PatchOutcome::NoSuchFlag;
  auto found = read_object(definition, flag_member->value_begin);
  if (!found) return PatchOutcome::Unreadable;
  flag = std::move(*found);
  return PatchOutcome::Patched;
}

// Sets member `name` of the flag to `value_text`: its last occurrence rewritten, or a new
// member after the others.
PatchOutcome set_member(std::string& definition, std::string_view flag_key, std::string_view name,
                        std::string_view value_text) {
  Object flag;
  if (auto outcome = find_flag(definition, flag_key, flag); outcome != PatchOutcome::Patched) return outcome;
  if (const Member* member = flag.last(name)) {
    definition.replace(member->value_begin, member->value_end - member->value_begin, value_text);
    return PatchOutcome::Patched;
  }
  std::string added = flag.members.empty() ? "" : ",";
  json_text::append_string(added, name);
  added += ':';
  added += value_text;
  definition.insert(flag.close, added);
  return PatchOutcome::Patched;
}

bool names_variant(std::string_view definition, std::string_view flag_key, std::string_view variant) {
  Object flag;
  if (find_flag(definition, flag_key, flag) != PatchOutcome::Patched) return false;
  const Member* variants = flag.last("variants");
  auto object = variants ? read_object(definition, variants->value_begin) : std::nullopt;
  return object && object->last(variant);
}

}  // namespace

PatchOutcome patch_flag(std::string& definition, std::string_view flag_key, const FlagPatch& patch) {
  Object flag;
  if (auto outcome = find_flag(definition, flag_key, flag); outcome != PatchOutcome::Patched) return outcome;
  std::string patched = definition;
  if (patch.default_variant) {
    const auto& name = *patch.default_variant;
    if (name && !names_variant(patched, flag_key, *name)) return PatchOutcome::UnknownVariant;
    std::string text = "null";
    if (name) {
      text.clear();
      json_text::append_string(text, *name);
    }
    if (auto outcome = set_member(patched, flag_key, "defaultVariant", text); outcome != PatchOutcome::Patched)
      return outcome;
  }
  if (patch.state) {
    std::string text;
    json_text::append_string(text, *patch.state);
    if (auto outcome = set_member(patched, flag_key, "state", text); outcome != PatchOutcome::Patched) return outcome;
  }
  definition = std::move(patched);
  return PatchOutcome::Patched;
}

}  // namespace flagport::store
