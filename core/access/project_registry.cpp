#include "core/access/project_registry.hpp"

#include "core/access/directory_object.hpp"
#include "core/http/limits.hpp"
#include "core/json.hpp"
#include "core/ports/log.hpp"
#include "core/ports/objects.hpp"
#include "core/store/object_reply.hpp"

namespace flagport::access {

Task<void> ProjectRegistry::remember(std::string project) {
  if (listed_.count(project)) co_return;
  std::string args = Json{{"project", project}}.dump();
  EffectResult called = co_await objects::call(std::string(kDirectoryObject), "register_project", std::move(args));
  store::ObjectReply reply = store::decode_reply(called, "register_project");
  if (reply.response.status != Status::Success) {
    log::warn("directory.register_failed", {{"project", project}, {"reason", reply.response.message}});
    co_return;
  }
  if (listed_.size() >= limits::kMaxListedProjects) listed_.clear();
  listed_.insert(std::move(project));
}

}  // namespace flagport::access
