#include "core/store/project_id.hpp"

#include "core/http/limits.hpp"

namespace flagport::store {

bool valid_project_id(std::string_view id) {
  if (id.empty() || id.size() > limits::kMaxProjectIdLength) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

}  // namespace flagport::store
