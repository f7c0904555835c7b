// The list of projects GET /v1/projects shows: the directory object adds a project when its
// first commit (revision 1) succeeds. Not part of that commit (another object): a failed
// registration is logged, and the project is missing from the list.
#pragma once

#include <string>

#include "core/task/task.hpp"

namespace flagport::access {

Task<void> remember_project(std::string project);

}  // namespace flagport::access
