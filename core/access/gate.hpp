// Who may call a route, and admitting the caller. Every route of the Flagport API names its
// gate in App::routes (app_routes.cpp, so the route table is also the table of who may do
// what; README "Access tokens"), and App::route admits the caller through it before the
// handler runs. The credential is "Authorization: Bearer <text>": an access token
// ("fpt_...", checked against the directory's digests, token_cache.hpp) or the root
// credential ADMIN_TOKEN. No refusal names the presented text.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "core/access/actor.hpp"
#include "core/http/response.hpp"
#include "core/http/route_context.hpp"
#include "core/task/task.hpp"

namespace flagport::access {

enum class Gate : std::uint8_t {
  open,                    // no credential: health
  key,                     // evaluation: the handler checks client keys and the root credential;
                           // an access token passes as a reader
  signed_in,               // any valid admin credential, whatever its role
  reader,                  // these three: the role, and the path's {project} in scope
  writer,
  owner,
  owner_of_every_project,  // an owner scoped to no projects: the token changes' audit
};

// Whether App::route admits the caller through pass() before the handler runs.
bool gate_checks(const RouteContext& ctx, Gate gate);

// Admits the caller through `gate` into `actor`, or answers the refusal: notAuthenticated
// without a credential; unauthorized for one that is not valid, lacks the role or the
// path's project. A token's actor is shared with the instance's copy of the directory, not
// copied.
Task<std::optional<Response>> pass(const RouteContext& ctx, Gate gate, std::shared_ptr<const Actor>& actor);

}  // namespace flagport::access
