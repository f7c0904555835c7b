#include "core/flags/load_error.hpp"

namespace flagport::flags {

std::string pointer_append(const std::string& pointer, std::string_view token) {
  std::string out = pointer;
  out.push_back('/');
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out.push_back(c);
  }
  return out;
}

std::string JsonPointer::str() const {
  if (!parent_) return "";
  if (is_index_) return pointer_append(parent_->str(), std::to_string(index_));
  return pointer_append(parent_->str(), member_);
}

}  // namespace flagport::flags
