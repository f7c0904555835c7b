#include "core/access/gate.hpp"

#include "core/access/access_token.hpp"
#include "core/access/token_cache.hpp"
#include "core/evaluation/evaluation_state.hpp"
#include "core/http/auth.hpp"

namespace flagport::access {
namespace {

std::optional<Response> refusal_for(const Actor& actor, Gate gate, std::string_view project) {
  const Role role = gate == Gate::writer ? Role::writer : gate >= Gate::owner ? Role::owner : Role::reader;
  if (!role_allows(actor.role, role))
    return Response::fail(Status::Unauthorized, "this needs a token with the " + std::string(role_name(role)) +
                                                    " role; this one has the " + std::string(role_name(actor.role)) +
                                                    " role");
  if (!project.empty() && !actor.sees(project))
    return Response::fail(Status::Unauthorized, "the token is not granted the project '" + std::string(project) + "'");
  if (gate == Gate::owner_of_every_project && actor.projects)
    return Response::fail(Status::Unauthorized, "this needs an owner token for every project; this one is scoped");
  return std::nullopt;
}

}  // namespace

bool gate_checks(const RouteContext& ctx, Gate gate) {
  if (gate == Gate::open) return false;
  if (gate != Gate::key) return true;
  auto text = bearer_token(ctx.request);
  return text && access_token_id(*text);
}

Task<std::optional<Response>> pass(const RouteContext& ctx, Gate gate, std::shared_ptr<const Actor>& actor) {
  auto text = bearer_token(ctx.request);
  if (!text) co_return Response::fail(Status::NotAuthenticated, "missing credentials: send Authorization: Bearer <token>");
  static const Actor root = Actor::root_actor();
  actor = std::shared_ptr<const Actor>(std::shared_ptr<const Actor>(), &root);  // not owned
  if (auto id = access_token_id(*text)) {
    auto copy = co_await ctx.evaluation.tokens.copy(ctx.info.host_now_ms, *id);
    if (!copy) co_return Response::fail(Status::Error, "could not check the token; try again");
    const DirectoryCopy::Token* found = copy->token(*id);
    // The same answer for an unknown id and a wrong secret: a guess learns nothing.
    if (!found) co_return Response::fail(Status::Unauthorized, "the token is not valid or was revoked");
    auto digest = co_await ctx.evaluation.digests.of(std::string(*text));
    if (!digest) co_return Response::fail(Status::Error, "could not check the token; try again");
    if (!constant_time_equal(*digest, found->digest))
      co_return Response::fail(Status::Unauthorized, "the token is not valid or was revoked");
    actor = std::shared_ptr<const Actor>(copy, &found->actor);
  } else if (auto refusal = require_admin(ctx.request, ctx.settings)) {
    co_return refusal;
  }
  if (gate == Gate::signed_in) co_return std::nullopt;
  auto project = ctx.params.find("project");
  co_return refusal_for(*actor, gate, project == ctx.params.end() ? std::string_view() : project->second);
}

}  // namespace flagport::access
