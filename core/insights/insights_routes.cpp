#include "core/insights/insights_routes.hpp"

#include <charconv>
#include <variant>

#include "core/http/query_params.hpp"
#include "core/http/timestamp.hpp"
#include "core/insights/insights_state.hpp"
#include "core/ports/objects.hpp"
#include "core/store/admin_request.hpp"
#include "core/store/object_reply.hpp"

namespace flagport::insights {

namespace {

constexpr std::int64_t kDayMs = 24 * kHourMs;
constexpr std::int64_t kMaxRangeMs = 31 * kDayMs;
constexpr std::int64_t kDefaultStaleDays = 7;

std::optional<std::int64_t> read_int(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// An RFC 3339 date-time or epoch milliseconds.
std::optional<std::int64_t> read_instant(const std::string& text) {
  if (auto ms = read_int(text)) return ms;
  return timestamp::parse_rfc3339(text);
}

struct Query {
  std::int64_t from = 0, to = 0, stale_days = kDefaultStaleDays;
  std::string flag;
};

std::variant<Query, Response> read_query(const RouteContext& ctx) {
  const QueryParams params = QueryParams::parse(ctx.request.query);
  std::vector<FieldError> errors;
  if (params.error) errors.push_back({*params.error, "is not percent-encoded properly"});
  Query q;
  q.to = ctx.info.now_ms;
  if (const auto* to = params.find("to")) {
    if (auto ms = read_instant(*to)) q.to = *ms;
    else errors.push_back({"query:to", "must be an RFC 3339 date-time with an offset or epoch milliseconds"});
  }
  q.from = q.to - kDayMs;
  if (const auto* from = params.find("from")) {
    if (auto ms = read_instant(*from)) q.from = *ms;
    else errors.push_back({"query:from", "must be an RFC 3339 date-time with an offset or epoch milliseconds"});
  }
  if (errors.empty() && q.from >= q.to) errors.push_back({"query:from", "must be before `to`"});
  if (errors.empty() && q.to - q.from > kMaxRangeMs) errors.push_back({"query:from", "must be at most 31 days before `to`"});
  if (const auto* flag = params.find("flag")) {
    if (flag->empty() || flag->size() > 256) errors.push_back({"query:flag", "must be a flag key of 1 to 256 bytes"});
    q.flag = *flag;
  }
  if (const auto* days = params.find("staleDays")) {
    auto n = read_int(*days);
    if (!n || *n < 1 || *n > ctx.settings.insights_retention_days)
      errors.push_back({"query:staleDays", "must be a whole number of days from 1 to the retention (" +
                                               std::to_string(ctx.settings.insights_retention_days) + ")"});
    else
      q.stale_days = *n;
  }
  for (const auto& [name, value] : params.values)
    if (name != "from" && name != "to" && name != "flag" && name != "staleDays")
      errors.push_back({"query:" + name, "is not a parameter of this route"});
  if (!errors.empty()) return Response::invalid(std::move(errors), "invalid query");
  q.from -= q.from % kHourMs;  // the hour that holds `from`
  return q;
}

}  // namespace

Task<Response> get_insights(const RouteContext& ctx) {
  if (auto refusal = store::admit(ctx)) co_return std::move(*refusal);
  const std::string& project = store::project_of(ctx);
  auto read = read_query(ctx);
  if (auto* refusal = std::get_if<Response>(&read)) co_return std::move(*refusal);
  const Query q = std::get<Query>(read);
  Json args = {{"from", q.from}, {"to", q.to}, {"staleDays", q.stale_days}, {"now", ctx.info.now_ms},
               {"requestId", ctx.info.request_id}};
  if (!q.flag.empty()) args["flag"] = q.flag;
  Response reply = store::decode_reply(co_await objects::call(insights_object_id(project), "query",
                                                              args.dump(-1, ' ', false, Json::error_handler_t::replace)),
                                       "query")
                       .response;
  if (reply.status != Status::Success) co_return reply;
  Json data = {{"project", project}, {"from", q.from}, {"to", q.to},
               {"retentionDays", ctx.settings.insights_retention_days}, {"staleDays", q.stale_days}};
  for (auto it = reply.data.begin(); it != reply.data.end(); ++it) data[it.key()] = std::move(it.value());
  co_return Response::success(std::move(data));
}

}  // namespace flagport::insights
