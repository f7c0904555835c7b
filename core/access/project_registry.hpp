// The list of projects GET /v1/projects shows: after a change to a project succeeds, the
// directory object adds it, once per instance (isolate / process) and project, so a project
// made before this list existed appears at its next change. Not part of that commit (another
// object): a failed registration is logged and tried again at the project's next change.
#pragma once

#include <set>
#include <string>

#include "core/task/task.hpp"

namespace flagport::access {

class ProjectRegistry {
 public:
  Task<void> remember(std::string project);

 private:
  // Projects this instance has listed; forgotten whole when it reaches
  // limits::kMaxListedProjects, which bounds its memory (listing again is harmless).
  std::set<std::string, std::less<>> listed_;
};

}  // namespace flagport::access
