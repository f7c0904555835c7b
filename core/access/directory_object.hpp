// The directory object: the access tokens and the list of projects (directory_state.hpp).
//
// Methods (arguments: a JSON object; `actor` is Actor::grant() of the caller, whose role the
// route checked; mutations also carry {requestId, now, source?}):
//   snapshot         {}  -> {tokens: [{kind, id, name, role, projects, digest}]}
//   create_token     {actor}, attached: the request's body {name, role, projects?}
//                    -> the token's view and its text; validates the body, and that a scoped
//                    actor grants only projects of its own; makes the text and its digest
//   list_tokens      {actor} -> {tokens: [views]}, those the actor manages
//   revoke_token     {id, actor} -> {id, revoked}
//   register_project {project}  -> {}: adds it to the list (no audit entry: nothing a user
//                    changed, only what the list shows)
//   audit            {query} -> audit::answer() of token changes
//   me               {actor} -> {actor, role, projects}
//   projects         {actor} -> {projects}: those the actor may see
#pragma once

#include <string>
#include <string_view>

#include "core/http/request.hpp"
#include "core/ports/settings.hpp"
#include "core/task/task.hpp"

namespace flagport::access {

// '.' is never in a project id, so no project object has this id.
inline constexpr std::string_view kDirectoryObject = "access.directory";

Task<std::string> call_directory_object(std::string method, std::string args, RequestInfo info);

}  // namespace flagport::access
