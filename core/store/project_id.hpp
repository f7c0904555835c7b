#pragma once

#include <string_view>

namespace flagport::store {

inline constexpr const char* kProjectIdRule = "project ids are 1 to 64 characters of a-z, 0-9 and '-'";

bool valid_project_id(std::string_view id);

}  // namespace flagport::store
