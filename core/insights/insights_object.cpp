#include "core/insights/insights_object.hpp"

#include <algorithm>
#include <map>

#include "core/flags/ordered_json_parse.hpp"
#include "core/insights/insights_message.hpp"
#include "core/insights/insights_rows.hpp"
#include "core/insights/insights_state.hpp"
#include "core/json_fields.hpp"
#include "core/ports/kv.hpp"
#include "core/ports/log.hpp"
#include "core/ports/object_storage.hpp"
#include "core/store/object_args.hpp"
#include "core/store/object_reply.hpp"
#include "core/store/published_copy.hpp"
#include "core/task/scheduler.hpp"

namespace flagport::insights {

namespace {

using store::ObjectReply;

ObjectReply unavailable() { return ObjectReply(Response::fail(Status::Error, "the insights store is unavailable; try again")); }

struct Loaded {
  bool ok = false;
  InsightsState state;
};

Task<Loaded> load() {
  EffectResult got = co_await storage::get(std::string(storage::kStateKey));
  if (got.outcome == Outcome::NotFound) co_return Loaded{true, {}};
  if (!got.ok()) {
    log::error("insights.state_read_failed", {{"reason", got.body}});
    co_return Loaded{};
  }
  auto state = InsightsState::decode(got.body);
  if (!state) {
    log::error("insights.state_unreadable");
    co_return Loaded{};
  }
  co_return Loaded{true, std::move(*state)};
}

// The texts of `keys`, read together; nullopt if any read failed (`missing` set when one was
// not found).
Task<std::optional<std::vector<std::string>>> read_parts(const std::vector<std::string>& keys, bool& missing) {
  std::vector<Effect> gets;
  for (const auto& key : keys) gets.push_back(storage::get(key).effect);
  Batch batch{std::move(gets)};  // named: GCC 12 destroys braced temporaries in co_await twice
  auto results = co_await batch;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (results[i].outcome == Outcome::NotFound) {
      missing = true;
      co_return std::nullopt;
    }
    if (!results[i].ok()) {
      log::error("insights.part_read_failed", {{"part", keys[i]}, {"reason", results[i].body}});
      co_return std::nullopt;
    }
    out.push_back(std::move(results[i].body));
  }
  co_return out;
}

template <class Rows>
Task<bool> read_rows(const std::vector<std::string>& keys, Rows& into, bool& missing) {
  auto texts = co_await read_parts(keys, missing);
  if (!texts) co_return false;
  for (std::size_t i = 0; i < texts->size(); ++i)
    if (!merge_part((*texts)[i], into)) log::error("insights.part_unreadable", {{"part", keys[i]}});
  co_return true;
}

// Builds one commit: write-once parts, the state, deletes (object_storage.hpp's contract).
class Commit {
 public:
  Commit(InsightsState& state, std::string request_id) : state_(state), request_id_(std::move(request_id)) {}

  // Appends `new_rows` to `list` as a part; past kMergeAfter appended parts, rewrites the
  // list as merged parts (`keep` drops merged rows: what is past retention).
  template <class Rows, class Keep>
  Task<bool> append(PartList& list, const Rows& new_rows, Keep keep) {
    if (list.parts.size() + 1 - list.merged < kMergeAfter) {
      for (auto& text : encode_parts(new_rows, kPartBytes)) list.parts.push_back(put(std::move(text)));
      co_return true;
    }
    Rows merged = new_rows;
    bool missing = false;  // Lambda: a concurrent merge took them; the messages come back later
    const bool read = co_await read_rows(list.parts, merged, missing);
    if (!read) co_return false;
    for (auto it = merged.begin(); it != merged.end();) it = keep(*it) ? std::next(it) : merged.erase(it);
    for (const auto& key : list.parts) deletes_.push_back(storage::remove(key).effect);
    list.parts.clear();
    for (auto& text : encode_parts(merged, kPartBytes)) list.parts.push_back(put(std::move(text)));
    list.merged = list.parts.size();
    co_return true;
  }

  void drop(const PartList& list) {
    for (const auto& key : list.parts) deletes_.push_back(storage::remove(key).effect);
  }

  Task<bool> run(std::optional<std::int64_t> alarm_ms) {
    std::vector<Effect> writes = std::move(puts_);
    writes.push_back(storage::put(std::string(storage::kStateKey), state_.encode()).effect);
    writes.push_back((alarm_ms ? storage::set_alarm(*alarm_ms) : storage::clear_alarm()).effect);
    for (auto& d : deletes_) writes.push_back(std::move(d));
    Batch batch{std::move(writes)};
    auto results = co_await batch;
    for (const auto& result : results) {
      if (result.ok()) continue;
      log::error("insights.commit_failed", {{"reason", result.body}});
      co_return false;
    }
    co_return true;
  }

 private:
  // A name no other commit uses: racing commits (Lambda) differ in request id.
  std::string put(std::string text) {
    std::string key = "part-" + std::to_string(state_.next_part++) + "-" + request_id_;
    puts_.push_back(storage::put(key, std::move(text)).effect);
    return key;
  }

  InsightsState& state_;
  std::string request_id_;
  std::vector<Effect> puts_;
  std::vector<Effect> deletes_;
};

std::int64_t retention_start(std::int64_t now_ms, const Settings& settings) {
  const std::int64_t start = now_ms - settings.insights_retention_days * 24 * kHourMs;
  return start - start % kHourMs;
}

// Drops the hours and producers past retention as of `now_ms` (the callers' clock); answers
// when to wake for the next, on the object's own clock (`object_now_ms`, args "objectNow"):
// an hour from now at the earliest, so that the two clocks, which differ only in tests (a
// fixed FLAGPORT_TEST_CLOCK_MS), can never make an alarm that fires at once, again and again.
std::optional<std::int64_t> prune(InsightsState& state, Commit& commit, std::int64_t now_ms,
                                  std::int64_t object_now_ms, const Settings& settings) {
  const std::int64_t start = retention_start(now_ms, settings);
  auto first_kept = std::find_if(state.hours.begin(), state.hours.end(),
                                 [&](const HourParts& h) { return h.hour_ms >= start; });
  for (auto it = state.hours.begin(); it != first_kept; ++it) commit.drop(it->list);
  state.hours.erase(state.hours.begin(), first_kept);
  state.seen.erase(std::remove_if(state.seen.begin(), state.seen.end(),
                                  [&](const Producer& p) { return p.at_ms < now_ms - kSeenKeptMs; }),
                   state.seen.end());
  if (state.hours.empty()) return std::nullopt;
  return std::max(state.hours.front().hour_ms + settings.insights_retention_days * 24 * kHourMs + kHourMs,
                  object_now_ms + kHourMs);
}

Task<ObjectReply> add(const std::string& project, const Json& args, std::string_view lines, const Settings& settings) {
  const std::int64_t now = json_fields::int_or(args, "now");
  Loaded loaded = co_await load();
  if (!loaded.ok) co_return unavailable();
  InsightsState& state = loaded.state;
  std::map<std::int64_t, CountRows> hours;
  LastRows last;
  std::size_t applied = 0, repeated = 0;
  const std::int64_t start = retention_start(now, settings);
  while (!lines.empty()) {
    const std::size_t end = std::min(lines.find('\n'), lines.size());
    auto message = decode(lines.substr(0, end));
    lines = end < lines.size() ? lines.substr(end + 1) : std::string_view();
    if (!message || message->projects.size() != 1 || message->projects[0].project != project) {
      co_return ObjectReply(Response::invalid({{"", "not an insights message of this project"}}));
    }
    const ProjectCounts& counts = message->projects[0];
    if (!state.apply_once(message->producer(), counts.seq, now)) {
      ++repeated;
      continue;
    }
    ++applied;
    for (const auto& hour : counts.hours) {
      if (counts.bulk_last_ms != 0)  // a bulk evaluation evaluated every flag it counts
        for (const auto& c : hour.counts) last[c.flag] = std::max(last[c.flag], counts.bulk_last_ms);
      if (hour.hour_ms < start) continue;  // past retention already
      for (const auto& c : hour.counts) hours[hour.hour_ms][{c.flag, c.variant, c.reason}] += c.n;
    }
    for (const auto& l : counts.last) last[l.flag] = std::max(last[l.flag], l.at_ms);
  }
  if (applied == 0) co_return ObjectReply(Response::success({{"applied", 0}, {"repeated", repeated}}));
  Commit commit(state, json_fields::string_or(args, "requestId"));
  bool ok = true;
  for (const auto& [hour_ms, rows] : hours) {
    if (!ok) break;
    ok = co_await commit.append(state.hour(hour_ms).list, rows, [](const auto&) { return true; });
  }
  if (ok && !last.empty())
    ok = co_await commit.append(state.last, last, [&](const LastRows::value_type& row) { return row.second >= start; });
  if (ok) ok = co_await commit.run(prune(state, commit, now, json_fields::int_or(args, "objectNow"), settings));
  if (!ok) co_return unavailable();
  co_return ObjectReply(Response::success({{"applied", applied}, {"repeated", repeated}}));
}

// The flag keys of the set published now (KV's copy), in document order.
Task<std::optional<std::vector<std::string>>> published_flag_keys(const std::string& project) {
  EffectResult got = co_await kv::get(store::published_key(project));
  std::vector<std::string> keys;
  if (got.outcome == Outcome::NotFound) co_return keys;
  auto copy = store::published_copy::Copy::of(std::move(got));
  std::optional<std::string> text = co_await store::published_copy::definition(project, copy, 0);
  if (!text) co_return std::nullopt;
  if (text->empty()) co_return keys;
  Json definition = flags::parse_ordered_json(*text);
  if (const Json* flags = json_fields::member(definition, "flags"); flags && flags->is_object())
    for (auto it = flags->begin(); it != flags->end(); ++it) keys.push_back(it.key());
  co_return keys;
}

// On Lambda a query reads while another call may commit: a merge deletes the parts the state
// it replaced named. A part gone missing means a newer state: read again.
constexpr int kQueryAttempts = 3;

Task<std::optional<ObjectReply>> query_once(const std::string& project, const Json& args) {
  const std::int64_t from = json_fields::int_or(args, "from");
  const std::int64_t to = json_fields::int_or(args, "to");
  const std::int64_t now = json_fields::int_or(args, "now");
  const std::int64_t stale_before = now - json_fields::int_or(args, "staleDays") * 24 * kHourMs;
  const std::string flag = json_fields::string_or(args, "flag");
  Loaded loaded = co_await load();
  if (!loaded.ok) co_return unavailable();
  bool missing = false;
  Json hours = Json::array();
  std::map<std::string, std::int64_t, std::less<>> totals;
  for (const auto& h : loaded.state.hours) {
    if (h.hour_ms < from || h.hour_ms > to) continue;  // the hours that overlap [from, to]
    CountRows rows;
    const bool read = co_await read_rows(h.list.parts, rows, missing);
    if (!read) co_return missing ? std::nullopt : std::optional<ObjectReply>(unavailable());
    Json counts = Json::array();
    for (const auto& [key, n] : rows) {
      const auto& [flag_key, variant, reason] = key;
      if (!flag.empty() && flag_key != flag) continue;
      counts.push_back({{"flag", flag_key}, {"variant", variant ? Json(*variant) : Json()}, {"reason", reason},
                        {"count", n}});
      totals[flag_key] += n;
    }
    if (!counts.empty()) hours.push_back({{"hour", h.hour_ms}, {"counts", std::move(counts)}});
  }
  LastRows last;
  const bool read = co_await read_rows(loaded.state.last.parts, last, missing);
  if (!read) co_return missing ? std::nullopt : std::optional<ObjectReply>(unavailable());
  // Staleness is about the flags of the set published now.
  auto keys = co_await published_flag_keys(project);
  if (!keys) co_return unavailable();
  Json flags = Json::array();
  Json stale = Json::array();
  for (const auto& key : *keys) {
    if (!flag.empty() && key != flag) continue;
    auto seen = last.find(key);
    auto total = totals.find(key);
    flags.push_back({{"key", key},
                     {"evaluations", total != totals.end() ? total->second : 0},
                     {"lastEvaluated", seen != last.end() ? Json(seen->second) : Json()}});
    if (seen == last.end() || seen->second < stale_before) stale.push_back(key);
  }
  co_return ObjectReply(Response::success({{"hours", std::move(hours)}, {"flags", std::move(flags)}, {"stale", std::move(stale)}}));
}

Task<ObjectReply> query(const std::string& project, const Json& args) {
  for (int attempt = 1; attempt <= kQueryAttempts; ++attempt) {
    auto reply = co_await query_once(project, args);
    if (reply) co_return std::move(*reply);
  }
  co_return unavailable();
}

Task<ObjectReply> wake(const Json& args, const Settings& settings) {
  Loaded loaded = co_await load();
  if (!loaded.ok) co_return unavailable();
  Commit commit(loaded.state, json_fields::string_or(args, "requestId"));
  const bool committed = co_await commit.run(
      prune(loaded.state, commit, json_fields::int_or(args, "now"), json_fields::int_or(args, "objectNow"), settings));
  if (!committed) co_return unavailable();
  co_return ObjectReply(Response::success(Json::object()));
}

}  // namespace

Task<std::string> call_insights_object(std::string project, std::string method, std::string args, RequestInfo info,
                                       const Settings& settings) {
  auto call = store::read_object_args(args);
  if (!call) co_return store::encode_reply(ObjectReply(Response::invalid({{"", "object arguments must be a JSON object"}})));
  Json& parsed = call->parsed;
  const std::string_view attached = call->attached;
  // Objects run on the host's clock; what counts is timed by the callers' (the test clock,
  // in tests: an alarm's wake then prunes by it too).
  parsed["objectNow"] = info.now_ms;
  if (!parsed.contains("now")) parsed["now"] = settings.test_clock_ms ? settings.test_clock_ms : info.now_ms;
  if (!parsed.contains("requestId")) parsed["requestId"] = info.request_id;
  ObjectReply reply;
  if (method == "add") reply = co_await add(project, parsed, attached, settings);
  else if (method == "query") reply = co_await query(project, parsed);
  else if (method == "wake") reply = co_await wake(parsed, settings);
  else {
    log::error("object.unknown_method", {{"object", project}, {"method", method}});
    reply = ObjectReply(Response::fail(Status::NotImplemented, "unknown insights method"));
  }
  co_return store::encode_reply(reply);
}

}  // namespace flagport::insights
