// The route tables: every path of the Flagport API with its handler and gate (who may call
// it, access/gate.hpp), and OFREP's. Built once per isolate / process, so built for size.
#include "core/access/access_routes.hpp"
#include "core/app.hpp"
#include "core/store/audit_routes.hpp"
#include "core/evaluation/evaluate_routes.hpp"
#include "core/fault/crash.hpp"
#include "core/health.hpp"
#include "core/insights/insights_routes.hpp"
#include "core/ofrep/ofrep_routes.hpp"
#include "core/store/admin_routes.hpp"
#include "core/store/key_routes.hpp"
#include "core/store/origin_routes.hpp"
#include "core/store/schedule_routes.hpp"

namespace flagport {

Router<ApiRoute> App::routes(const Settings& settings) {
  using access::Gate;
  Router<ApiRoute> r;
  r.add("GET", "/v1/health", {&health, Gate::open});
  r.add("PUT", "/v1/projects/{project}/flags", {&store::put_flags, Gate::writer, limits::kMaxFlagSetBodyBytes});
  r.add("GET", "/v1/projects/{project}/flags", {&store::get_flags, Gate::reader});
  r.add("PATCH", "/v1/projects/{project}/flags/{flagKey}", {&store::patch_flag, Gate::writer});
  r.add("GET", "/v1/projects/{project}/versions", {&store::get_versions, Gate::reader});
  r.add("POST", "/v1/projects/{project}/rollback", {&store::post_rollback, Gate::writer});
  r.add("GET", "/v1/projects/{project}/published", {&store::get_published, Gate::reader});
  r.add("POST", "/v1/projects/{project}/keys", {&store::create_key, Gate::owner});
  r.add("GET", "/v1/projects/{project}/keys", {&store::list_keys, Gate::reader});
  r.add("DELETE", "/v1/projects/{project}/keys/{keyId}", {&store::revoke_key, Gate::owner});
  r.add("GET", "/v1/projects/{project}/origins", {&store::get_origins, Gate::reader});
  r.add("PUT", "/v1/projects/{project}/origins", {&store::put_origins, Gate::owner});
  r.add("POST", "/v1/projects/{project}/schedules", {&store::create_schedule, Gate::writer, limits::kMaxFlagSetBodyBytes});
  r.add("GET", "/v1/projects/{project}/schedules", {&store::list_schedules, Gate::reader});
  r.add("GET", "/v1/projects/{project}/schedules/{scheduleId}", {&store::get_schedule, Gate::reader});
  r.add("DELETE", "/v1/projects/{project}/schedules/{scheduleId}", {&store::cancel_schedule, Gate::writer});
  r.add("GET", "/v1/projects/{project}/insights", {&insights::get_insights, Gate::reader});
  r.add("GET", "/v1/projects/{project}/audit", {&store::get_project_audit, Gate::reader});
  r.add("GET", "/v1/projects", {&access::directory_route, Gate::signed_in});
  r.add("GET", "/v1/me", {&access::directory_route, Gate::signed_in});
  r.add("POST", "/v1/tokens", {&access::directory_route, Gate::owner});
  r.add("GET", "/v1/tokens", {&access::directory_route, Gate::owner});
  r.add("DELETE", "/v1/tokens/{tokenId}", {&access::directory_route, Gate::owner});
  r.add("GET", "/v1/audit", {&access::directory_route, Gate::owner_of_every_project});
  r.add("POST", "/v1/projects/{project}/evaluate/{flagKey}", {&evaluation::evaluate_flag, Gate::key});
  r.add("POST", "/v1/projects/{project}/evaluate", {&evaluation::evaluate_all_flags, Gate::key});
  if (settings.fault("crash")) {
    r.add("POST", "/v1/_crash/{kind}", {&fault::crash, Gate::open});
    r.add("POST", "/v1/projects/{project}/_crash/{kind}", {&fault::crash_in_object, Gate::open});
  }
  return r;
}

Router<OfrepRouteHandler> App::ofrep_routes() {
  Router<OfrepRouteHandler> r;
  r.add("POST", "/ofrep/v1/evaluate/flags/{key}", &ofrep::evaluate_flag);
  r.add("POST", "/ofrep/v1/evaluate/flags", &ofrep::evaluate_flags);
  return r;
}

}  // namespace flagport
