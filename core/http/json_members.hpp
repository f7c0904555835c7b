// The members of a JSON object located in its text, as JSON.parse reads them (by decoded
// name, the last of repeated ones), so that a caller can take or rewrite one member's bytes
// and leave every other byte as its author wrote it. The text must be valid JSON.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flagport::json_members {

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

std::size_t skip_space(std::string_view text, std::size_t at);

// The object whose '{' is at `at`; nullopt if the text there is not one.
std::optional<Object> read_object(std::string_view text, std::size_t at);

// The root object of a document (after whitespace and a BOM), as read_object.
std::optional<Object> read_root(std::string_view text);

}  // namespace flagport::json_members
