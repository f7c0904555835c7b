#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace flagport::flags {

// Why a flag set cannot be loaded: `path` is a JSON pointer into the submitted document
// ("/flags/my-flag/targeting/if/0"), `message` says what is wrong there.
struct LoadError {
  std::string path;
  std::string message;
};

// Appends one reference token to a JSON pointer, escaping '~' and '/'.
std::string pointer_append(const std::string& pointer, std::string_view token);

// Where a walk of a document is, written out only when an error needs it: each step lives
// in its caller's frame and refers to its parent's, so the walk itself builds no strings.
class JsonPointer {
public:
  JsonPointer() = default;  // the document's root, ""
  JsonPointer(const JsonPointer& parent, std::string_view member) : parent_(&parent), member_(member) {}
  JsonPointer(const JsonPointer& parent, std::size_t index) : parent_(&parent), index_(index), is_index_(true) {}

  std::string str() const;

private:
  const JsonPointer* parent_ = nullptr;
  std::string_view member_;
  std::size_t index_ = 0;
  bool is_index_ = false;
};

}  // namespace flagport::flags
