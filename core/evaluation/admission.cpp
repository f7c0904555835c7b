#include "core/evaluation/admission.hpp"

#include "core/evaluation/credentials.hpp"
#include "core/evaluation/evaluation_state.hpp"
#include "core/http/auth.hpp"
#include "core/store/client_key.hpp"
#include "core/store/project_id.hpp"

namespace flagport::evaluation {

namespace {

Admission refuse(Refusal refusal, std::string message) { return {refusal, std::move(message), {}, nullptr, nullptr}; }

}  // namespace

Task<Admission> admit(const RouteContext& ctx, std::optional<std::string_view> project) {
  if (project && !store::valid_project_id(*project)) co_return refuse(Refusal::BadProject, store::kProjectIdRule);
  auto key = presented_key(ctx.request);
  if (!key)
    co_return refuse(Refusal::NotAuthenticated, "missing credentials: send Authorization: Bearer <key> or X-API-Key");

  // An access token App::route admitted (access/gate.hpp) may evaluate as the admin may.
  bool admin = project && (ctx.actor || (!ctx.settings.admin_token.empty() &&
                                         constant_time_equal(*key, ctx.settings.admin_token)));
  // Who cannot be told from nobody is not authenticated (401); only a key that names another
  // project is refused as not allowed (403).
  auto key_project = store::project_of_client_key(*key);
  if (!admin && !key_project) co_return refuse(Refusal::NotAuthenticated, "the key is unknown or revoked");
  if (!admin && project && *key_project != *project)
    co_return refuse(Refusal::Unauthorized, "the key is a client key of another project");
  std::string name(project ? *project : *key_project);

  auto lookup = co_await ctx.evaluation.flags.get(name, ctx.info.host_now_ms);
  if (lookup.outcome == PublishedFlagsCache::Outcome::Unavailable)
    co_return refuse(Refusal::Unavailable, "the published flags are unavailable; try again");
  if (!admin) {
    auto digest = co_await ctx.evaluation.digests.of(std::string(*key));
    if (!digest) co_return refuse(Refusal::Unavailable, "could not check the key; try again");
    if (!lookup.flags || !lookup.flags->accepts_digest(*digest))
      co_return refuse(Refusal::NotAuthenticated, "the key is unknown or revoked");
  }
  std::shared_ptr<const std::vector<std::string>> origins;
  if (lookup.flags) origins = {lookup.flags, &lookup.flags->allowed_origins};  // shares the record, no copy
  co_return Admission{std::nullopt, {}, std::move(name),
                      lookup.outcome == PublishedFlagsCache::Outcome::Found ? lookup.flags : nullptr,
                      std::move(origins)};
}

}  // namespace flagport::evaluation
