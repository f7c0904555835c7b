#include "core/store/flag_patch.hpp"

#include <vector>

#include "core/flags/json_reader.hpp"
#include "core/http/json_text.hpp"

namespace flagport::store {
namespace {

constexpr std::size_t npos = std::string_view::npos;

std::size_t skip_space(std::string_view text, std::size_t at) {
  while (at < text.size() && flags::json_reader::is_space(text[at])) ++at;
  return at;
}

// One past the end of the string literal whose opening quote is at `at`.
std::size_t string_end(std::string_view text, std::size_t at) {
  for (++at; at < text.size(); ++at) {
    if (text[at] == '\\') ++at;
    else if (text[at] == '"') return at + 1;
  }
  return npos;
}

// One past the end of the (valid) JSON value that starts at `at`.
std::size_t value_end(std::string_view text, std::size_t at) {
  if (at >= text.size()) return npos;
  if (text[at] == '"') return string_end(text, at);
  if (text[at] != '{' && text[at] != '[') {
    while (at < text.size() && text[at] != ',' && text[at] != '}' && text[at] != ']' &&
           !flags::json_reader::is_space(text[at]))
      ++at;
    return at;
  }
  int depth = 0;
  for (; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '"') {
      at = string_end(text, at);
      if (at == npos) return npos;
      --at;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return at + 1;
    }
  }
  return npos;
}

struct Member {
  std::string name;  // decoded
  std::size_t value_begin = 0;
  std::size_t value_end = 0;
};

struct Object {
  std::vector<Member> members;
  std::size_t close = 0;  // the position of its '}'

  const Member* last(std::string_view name) const {
    for (auto it = members.rbegin(); it != members.rend(); ++it)
      if (it->name == name) return &*it;
    return nullptr;
  }
};

// The object whose '{' is at `at`; nullopt if the text there is not one.
std::optional<Object> read_object(std::string_view text, std::size_t at) {
  if (at >= text.size() || text[at] != '{') return std::nullopt;
  Object object;
  at = skip_space(text, at + 1);
  while (at < text.size() && text[at] != '}') {
    if (text[at] == ',') at = skip_space(text, at + 1);
    const std::size_t name_end = at < text.size() && text[at] == '"' ? string_end(text, at) : npos;
    if (name_end == npos) return std::nullopt;
    std::string name(text.substr(at + 1, name_end - at - 1));
    name.push_back('"');  // read_string decodes up to the closing quote, in place
    char* cursor = name.data();
    std::string_view decoded;
    if (!flags::json_reader::read_string(cursor, name.data() + name.size(), decoded)) return std::nullopt;
    at = skip_space(text, name_end);
    if (at >= text.size() || text[at] != ':') return std::nullopt;
    const std::size_t begin = skip_space(text, at + 1);
    const std::size_t end = value_end(text, begin);
    if (end == npos) return std::nullopt;
    object.members.push_back({std::string(decoded), begin, end});
    at = skip_space(text, end);
  }
  if (at >= text.size()) return std::nullopt;
  object.close = at;
  return object;
}

// The flag object's position in `definition`, or what is wrong.
PatchOutcome find_flag(std::string_view definition, std::string_view flag_key, Object& flag) {
  auto root = read_object(definition, skip_space(definition, definition.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0));
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
