// The admin credential the unit tests publish and read with.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/ports/settings.hpp"

namespace flagport::testing {

inline const std::vector<std::pair<std::string, std::string>> kAdmin{{"authorization", "Bearer secret"}};

// Settings whose admin token kAdmin carries.
inline Settings admin_settings() {
  Settings s;
  s.admin_token = "secret";
  return s;
}

}  // namespace flagport::testing
