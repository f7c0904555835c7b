#include "core/insights/insights_state.hpp"

#include <algorithm>

#include "core/flags/ordered_json_parse.hpp"
#include "core/json.hpp"
#include "core/json_fields.hpp"

namespace flagport::insights {

namespace {

constexpr std::string_view kPrefix = "insights.";  // '.' is never in a project id

Json list_json(const PartList& list) { return Json{{"parts", list.parts}, {"merged", list.merged}}; }

bool read_list(const Json& json, PartList& out) {
  const Json* parts = json_fields::member(json, "parts");
  if (!parts || !parts->is_array()) return false;
  for (const auto& part : *parts) {
    if (!part.is_string()) return false;
    out.parts.push_back(part.get<std::string>());
  }
  out.merged = static_cast<std::size_t>(std::clamp<std::int64_t>(json_fields::int_or(json, "merged"), 0,
                                                                  static_cast<std::int64_t>(out.parts.size())));
  return true;
}

}  // namespace

std::string insights_object_id(std::string_view project) { return std::string(kPrefix) + std::string(project); }

std::optional<std::string> insights_project(std::string_view object_id) {
  if (object_id.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  return std::string(object_id.substr(kPrefix.size()));
}

std::string InsightsState::encode() const {
  Json hours_json = Json::array();
  for (const auto& h : hours) {
    Json entry = list_json(h.list);
    entry["hour"] = h.hour_ms;
    hours_json.push_back(std::move(entry));
  }
  Json seen_json = Json::array();
  for (const auto& p : seen)
    seen_json.push_back(Json{{"producer", p.id}, {"base", p.base}, {"above", p.above}, {"at", p.at_ms}});
  return Json{{"nextPart", next_part}, {"hours", std::move(hours_json)}, {"last", list_json(last)},
              {"seen", std::move(seen_json)}}
      .dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::optional<InsightsState> InsightsState::decode(std::string_view text) {
  Json doc = flags::parse_ordered_json(text);
  if (!doc.is_object()) return std::nullopt;
  InsightsState out;
  out.next_part = static_cast<std::uint64_t>(std::max<std::int64_t>(1, json_fields::int_or(doc, "nextPart", 1)));
  const Json* hours = json_fields::member(doc, "hours");
  const Json* last = json_fields::member(doc, "last");
  const Json* seen = json_fields::member(doc, "seen");
  if (!hours || !hours->is_array() || !last || !read_list(*last, out.last) || !seen || !seen->is_array())
    return std::nullopt;
  for (const auto& h : *hours) {
    HourParts entry;
    entry.hour_ms = json_fields::int_or(h, "hour");
    if (!read_list(h, entry.list)) return std::nullopt;
    out.hours.push_back(std::move(entry));
  }
  for (const auto& p : *seen) {
    Producer producer;
    producer.id = json_fields::string_or(p, "producer");
    producer.base = static_cast<std::uint64_t>(json_fields::int_or(p, "base"));
    producer.at_ms = json_fields::int_or(p, "at");
    if (const Json* above = json_fields::member(p, "above"); above && above->is_array())
      for (const auto& n : *above)
        if (n.is_number_unsigned()) producer.above.insert(n.get<std::uint64_t>());
    out.seen.push_back(std::move(producer));
  }
  return out;
}

HourParts& InsightsState::hour(std::int64_t hour_ms) {
  auto at = std::lower_bound(hours.begin(), hours.end(), hour_ms,
                             [](const HourParts& h, std::int64_t ms) { return h.hour_ms < ms; });
  if (at == hours.end() || at->hour_ms != hour_ms) at = hours.insert(at, HourParts{hour_ms, {}});
  return *at;
}

bool InsightsState::apply_once(std::string_view producer, std::uint64_t seq, std::int64_t now_ms) {
  auto p = std::find_if(seen.begin(), seen.end(), [&](const Producer& s) { return s.id == producer; });
  if (p == seen.end()) {
    seen.push_back(Producer{std::string(producer), 0, {}, now_ms});
    p = seen.end() - 1;
  }
  if (seq <= p->base || p->above.count(seq)) return false;
  p->above.insert(seq);
  p->at_ms = std::max(p->at_ms, now_ms);
  while (!p->above.empty() && *p->above.begin() == p->base + 1) {
    p->base += 1;
    p->above.erase(p->above.begin());
  }
  // A seq that never came (its message dead-lettered) would hold `above` open for ever.
  while (p->above.size() > kMaxAbove) {
    p->base = *p->above.begin();
    p->above.erase(p->above.begin());
  }
  return true;
}

}  // namespace flagport::insights
