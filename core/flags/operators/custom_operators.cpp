#include "core/flags/operators/custom_operators.hpp"

namespace flagport::flags {

CustomOperator find_custom_operator(std::string_view name) {
  if (name == "fractional") return &fractional;
  if (name == "sem_ver") return &sem_ver;
  if (name == "starts_with") return &starts_with;
  if (name == "ends_with") return &ends_with;
  return nullptr;
}

}  // namespace flagport::flags
