#include "core/evaluation/evaluate_routes.hpp"

#include "core/evaluation/admission.hpp"
#include "core/evaluation/flag_answer.hpp"
#include "core/evaluation/request_context.hpp"
#include "core/flags/evaluation_context.hpp"
#include "core/http/json_text.hpp"
#include "core/http/url.hpp"
#include "core/evaluation/evaluation_state.hpp"

namespace flagport::evaluation {


namespace {

Response refusal_response(const Admission& a) {
  switch (*a.refusal) {
    case Refusal::NotAuthenticated: return Response::fail(Status::NotAuthenticated, a.message);
    case Refusal::Unauthorized: return Response::fail(Status::Unauthorized, a.message);
    case Refusal::BadProject: return Response::invalid({{"path:project", a.message}}, "invalid project id");
    case Refusal::Unavailable: return Response::fail(Status::Error, a.message);
  }
  return Response::fail(Status::Error, a.message);
}

Response invalid_context(std::string message) {
  Response r = Response::invalid({{"/context", message}}, "invalid evaluation context");
  r.data["errorCode"] = "INVALID_CONTEXT";
  return r;
}

// Admission, then the request's context decoded for that flag set.
struct Prepared {
  std::optional<Response> refusal;
  Admission admission;
  std::optional<flags::EvaluationContext> context;
};

Task<Prepared> prepare(const RouteContext& ctx) {
  Prepared p;
  p.admission = co_await admit(ctx, ctx.params.find("project")->second);
  if (p.admission.refusal) {
    p.refusal = refusal_response(p.admission);
    co_return p;
  }
  const flags::ContextNeeds* needs = p.admission.flags ? &p.admission.flags->flag_set->context_needs() : nullptr;
  auto decoded = decode_request_context(ctx.request.body, needs);
  if (!decoded.context) {
    p.refusal = invalid_context(decoded.error);
    co_return p;
  }
  p.context = std::move(decoded.context);
  co_return p;
}

}  // namespace

Task<Response> evaluate_flag(const RouteContext& ctx) {
  Prepared p = co_await prepare(ctx);
  if (p.refusal) co_return std::move(*p.refusal);
  auto key = percent_decode(ctx.params.find("flagKey")->second);
  if (!key) co_return Response::invalid({{"path:flagKey", "must be a percent-encoded flag key"}});
  if (!p.admission.flags)
    co_return Response::fail(Status::NotFound, "nothing is published for this project yet",
                             {{"key", *key}, {"errorCode", "FLAG_NOT_FOUND"}});
  auto resolution =
      flags::evaluate_untyped(*p.admission.flags->flag_set, *key, *p.context, ctx.info.now_ms / 1000);
  ctx.evaluation.tally.count(p.admission.project, p.admission.flags, resolution, ctx.info.now_ms,
                             ctx.info.host_now_ms);
  co_return single_flag_response(*key, resolution, *p.admission.flags->texts);
}

Task<Response> evaluate_all_flags(const RouteContext& ctx) {
  Prepared p = co_await prepare(ctx);
  if (p.refusal) co_return std::move(*p.refusal);
  if (!p.admission.flags) co_return Response::fail(Status::NotFound, "nothing is published for this project yet");
  const PublishedFlags& published = *p.admission.flags;
  std::string data = "{\"flags\":[";
  bool first = true;
  const auto entries = flags::evaluate_all(*published.flag_set, *p.context, ctx.info.now_ms / 1000);
  ctx.evaluation.tally.count_all(p.admission.project, p.admission.flags, entries, ctx.info.now_ms,
                                 ctx.info.host_now_ms);
  for (const auto& entry : entries) {
    if (!first) data += ',';
    first = false;
    append_flag_answer(data, entry.key, entry.resolution, *published.texts);
  }
  data += "],\"metadata\":";
  data += published.texts->metadata();
  data += ",\"project\":";
  json_text::append_string(data, p.admission.project);
  data += ",\"version\":";
  data += std::to_string(published.version);
  data += '}';
  co_return Response::rendered(Status::Success, "", std::move(data));
}

}  // namespace flagport::evaluation
