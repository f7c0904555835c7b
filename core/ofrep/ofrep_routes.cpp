#include "core/ofrep/ofrep_routes.hpp"

#include "core/evaluation/admission.hpp"
#include "core/evaluation/evaluation_state.hpp"
#include "core/evaluation/request_context.hpp"
#include "core/flags/evaluation_context.hpp"
#include "core/http/url.hpp"
#include "core/ofrep/cors.hpp"
#include "core/ofrep/etag.hpp"
#include "core/ofrep/ofrep_answer.hpp"

namespace flagport::ofrep {

namespace {

HttpResponse refusal_answer(const evaluation::Admission& a, std::string_view key) {
  using evaluation::Refusal;
  switch (*a.refusal) {
    case Refusal::NotAuthenticated: return failure(401, a.message, key);
    case Refusal::Unauthorized: return failure(403, a.message, key);
    case Refusal::BadProject: return failure(403, a.message, key);
    case Refusal::Unavailable: return failure(500, a.message);
  }
  return failure(500, a.message);
}

struct Prepared {
  std::optional<HttpResponse> refusal;
  evaluation::Admission admission;
  std::optional<flags::EvaluationContext> context;
};

Task<Prepared> prepare(const RouteContext& ctx, std::string_view key) {
  Prepared p;
  p.admission = co_await evaluation::admit(ctx, std::nullopt);
  if (p.admission.refusal) {
    p.refusal = refusal_answer(p.admission, key);
    co_return p;
  }
  const flags::ContextNeeds* needs = p.admission.flags ? &p.admission.flags->flag_set->context_needs() : nullptr;
  auto decoded = evaluation::decode_request_context(ctx.request.body, needs);
  if (!decoded.context) {
    p.refusal = context_failure(key, decoded.error);
    co_return p;
  }
  p.context = std::move(decoded.context);
  co_return p;
}

// `admission`: null before the key was checked.
HttpResponse with_cors(const RouteContext& ctx, const evaluation::Admission* admission, HttpResponse response) {
  add_cors_headers(ctx.request, response, admission ? admission->allowed_origins.get() : nullptr);
  return response;
}

}  // namespace

Task<HttpResponse> evaluate_flag(const RouteContext& ctx) {
  const std::string& raw_key = ctx.params.find("key")->second;
  auto key = percent_decode(raw_key);
  // OFREP's failure answer always names the flag: here, as the client sent it.
  if (!key)
    co_return with_cors(ctx, nullptr, failure(400, "the flag key is not percent-encoded properly", raw_key, "GENERAL"));
  Prepared p = co_await prepare(ctx, *key);
  if (p.refusal) co_return with_cors(ctx, &p.admission, std::move(*p.refusal));
  if (!p.admission.flags)
    co_return with_cors(ctx, &p.admission, failure(404, "flag '" + *key + "' was not found", *key, "FLAG_NOT_FOUND"));
  auto resolution = flags::evaluate_untyped(*p.admission.flags->flag_set, *key, *p.context, ctx.info.now_ms / 1000);
  ctx.evaluation.tally.count(p.admission.project, p.admission.flags, resolution, ctx.info.now_ms,
                             ctx.info.host_now_ms);
  co_return with_cors(ctx, &p.admission, single_answer(*key, resolution, *p.admission.flags->texts));
}

Task<HttpResponse> evaluate_flags(const RouteContext& ctx) {
  Prepared p = co_await prepare(ctx, {});
  if (p.refusal) co_return with_cors(ctx, &p.admission, std::move(*p.refusal));
  std::int64_t version = p.admission.flags ? p.admission.flags->version : 0;
  std::string etag = bulk_etag(p.admission.project, version, *p.context);
  HttpResponse out;
  if (auto since = ctx.request.header(RequestHeader::if_none_match); since && etag_matches(*since, etag)) {
    out.status = 304;
  } else if (p.admission.flags) {
    const auto& published = *p.admission.flags;
    const auto entries = flags::evaluate_all(*published.flag_set, *p.context, ctx.info.now_ms / 1000);
    ctx.evaluation.tally.count_all(p.admission.project, p.admission.flags, entries, ctx.info.now_ms,
                                   ctx.info.host_now_ms);
    out = bulk_answer(entries, &*published.texts);
  } else {
    out = bulk_answer({}, nullptr);
  }
  out.headers.emplace_back("etag", etag);
  co_return with_cors(ctx, &p.admission, std::move(out));
}

}  // namespace flagport::ofrep
