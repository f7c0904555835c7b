#include "core/audit/audit_log.hpp"

#include <charconv>

#include "core/flags/ordered_json_parse.hpp"
#include "core/http/query_params.hpp"
#include "core/json_fields.hpp"
#include "core/ports/log.hpp"
#include "core/ports/object_storage.hpp"
#include "core/ports/random.hpp"
#include "core/store/client_key.hpp"

namespace flagport::audit {
namespace {

std::int64_t seq_of(const Json& entry) { return json_fields::int_or(entry, "seq"); }

std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

// Unique even when Lambda re-runs a method that lost its commit race: the range alone may repeat.
std::string page_key(std::int64_t first, std::int64_t last) {
  // Appended, not "audit:" + std::to_string(..): GCC 12 warns about that wrongly (-Wrestrict).
  std::string key = "audit:";
  key += std::to_string(first);
  key += '-';
  key += std::to_string(last);
  if (auto nonce = random::bytes(8)) {
    key += ':';
    key += store::to_hex(*nonce);
  }
  return key;
}

}  // namespace

Json AuditLog::stored() const {
  Json page_list = Json::array();
  for (const auto& p : pages) page_list.push_back({{"key", p.key}, {"first", p.first}, {"last", p.last}});
  return {{"nextSeq", next_seq}, {"recent", recent}, {"pages", std::move(page_list)}};
}

std::optional<AuditLog> AuditLog::from_stored(const Json& stored) {
  AuditLog log;
  if (stored.is_null() || (stored.is_object() && stored.empty())) return log;  // none yet
  const Json* recent = json_fields::member(stored, "recent");
  const Json* pages = json_fields::member(stored, "pages");
  if (!recent || !recent->is_array() || !pages || !pages->is_array()) return std::nullopt;
  log.next_seq = json_fields::int_or(stored, "nextSeq", 1);
  log.recent.assign(recent->begin(), recent->end());
  for (const auto& p : *pages) {
    if (!p.is_object()) return std::nullopt;
    log.pages.push_back({json_fields::string_or(p, "key"), json_fields::int_or(p, "first"), json_fields::int_or(p, "last")});
  }
  return log;
}

void append(AuditLog& log, Json entry, std::vector<Effect>& writes) {
  Json numbered = {{"seq", log.next_seq++}};
  numbered.update(entry);
  log.recent.insert(log.recent.begin(), std::move(numbered));
  std::size_t bytes = 0;
  for (const auto& e : log.recent) bytes += dump(e).size();
  if (log.recent.size() < kInlineEntries && bytes < kInlineBytes) return;

  Page page{page_key(seq_of(log.recent.back()), seq_of(log.recent.front())), seq_of(log.recent.back()),
            seq_of(log.recent.front())};
  writes.push_back(storage::put(page.key, dump(Json(log.recent))).effect);
  log.recent.clear();
  log.pages.insert(log.pages.begin(), std::move(page));
  while (log.pages.size() > kPagesKept) {
    writes.push_back(storage::remove(log.pages.back().key).effect);
    log.pages.pop_back();
  }
}

Task<std::optional<Json>> read(const AuditLog& log, std::int64_t limit, std::int64_t before) {
  Json entries = Json::array();
  auto take = [&](const Json& entry) {
    if (static_cast<std::int64_t>(entries.size()) < limit && (before <= 0 || seq_of(entry) < before))
      entries.push_back(entry);
  };
  for (const auto& entry : log.recent) take(entry);
  for (const auto& page : log.pages) {
    if (static_cast<std::int64_t>(entries.size()) >= limit) break;
    if (before > 0 && page.first >= before) continue;
    EffectResult got = co_await storage::get(page.key);
    Json list = got.ok() ? flags::parse_ordered_json(std::string_view(got.body)) : Json(nullptr);
    if (!list.is_array()) {
      log::error("audit.page_unreadable", {{"page", page.key}, {"reason", got.body.substr(0, 200)}});
      co_return std::nullopt;
    }
    for (const auto& entry : list) take(entry);
  }
  std::int64_t oldest_kept = 0;
  if (!log.pages.empty()) oldest_kept = log.pages.back().first;
  else if (!log.recent.empty()) oldest_kept = seq_of(log.recent.back());
  Json next = nullptr;
  if (!entries.empty() && seq_of(entries.back()) > oldest_kept) next = seq_of(entries.back());
  co_return Json{{"entries", std::move(entries)}, {"next", std::move(next)}};
}

namespace {

std::optional<std::int64_t> read_int(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

Task<Response> answer(const AuditLog& log, std::string_view query) {
  const QueryParams params = QueryParams::parse(query);
  std::vector<FieldError> errors;
  if (params.error) errors.push_back({*params.error, "is not percent-encoded properly"});
  std::int64_t limit = kDefaultReadLimit, before = 0;
  if (const auto* text = params.find("limit")) {
    auto n = read_int(*text);
    if (!n || *n < 1 || *n > kMaxReadLimit) errors.push_back({"query:limit", "must be a number from 1 to 100"});
    else limit = *n;
  }
  if (const auto* text = params.find("before")) {
    auto n = read_int(*text);
    if (!n || *n < 1) errors.push_back({"query:before", "must be an entry's seq, a positive number"});
    else before = *n;
  }
  if (!errors.empty()) co_return Response::invalid(std::move(errors), "invalid audit query");
  auto page = co_await read(log, limit, before);
  if (!page) co_return Response::fail(Status::Error, "the audit log is unavailable; try again");
  co_return Response::success(std::move(*page));
}

}  // namespace flagport::audit
