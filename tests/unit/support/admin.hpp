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

// admin_settings() with a publish retry of 7 s: the alarm times the store tests expect.
inline Settings store_settings() {
  Settings s = admin_settings();
  s.publish_retry_seconds = 7;
  return s;
}

}  // namespace flagport::testing
