#include "core/store/schedule.hpp"
#include "core/json_fields.hpp"

namespace flagport::store {

Json ScheduleEntry::stored() const {
  Json out = {{"id", id}, {"at", at}, {"createdAt", created_at}, {"change", change}, {"status", status}};
  if (!blob.empty()) out["blob"] = blob;
  if (parts > 1) out["parts"] = parts;
  if (!created_by.is_null()) out["createdBy"] = created_by;
  if (if_match) out["ifMatch"] = *if_match;
  if (done_at) out["doneAt"] = done_at;
  if (version) out["version"] = version;
  if (!reason.empty()) out["reason"] = reason;
  return out;
}

std::optional<ScheduleEntry> ScheduleEntry::from_stored(const Json& item) {
  if (!item.is_object()) return std::nullopt;
  ScheduleEntry entry;
  entry.id = json_fields::string_or(item, "id");
  entry.at = json_fields::int_or(item, "at");
  entry.created_at = json_fields::int_or(item, "createdAt");
  entry.change = json_fields::object_or_empty(item, "change");
  entry.blob = json_fields::string_or(item, "blob");
  entry.parts = json_fields::int_or(item, "parts", 1);
  if (const Json* by = json_fields::member(item, "createdBy")) entry.created_by = *by;
  if (auto it = item.find("ifMatch"); it != item.end() && it->is_number_integer()) entry.if_match = it->get<std::int64_t>();
  entry.status = json_fields::string_or(item, "status", "pending");
  entry.done_at = json_fields::int_or(item, "doneAt");
  entry.version = json_fields::int_or(item, "version");
  entry.reason = json_fields::string_or(item, "reason");
  if (entry.id.empty() || !entry.change.is_object()) return std::nullopt;
  return entry;
}

Json ScheduleEntry::view() const {
  Json out = {{"id", id}, {"at", at}, {"status", status}, {"change", change}, {"createdAt", created_at}};
  if (!created_by.is_null()) out["createdBy"] = created_by;
  if (if_match) out["ifMatch"] = *if_match;
  if (done_at) out["doneAt"] = done_at;
  if (version) out["version"] = version;
  if (!reason.empty()) out["reason"] = reason;
  return out;
}

std::optional<std::int64_t> next_due(const std::vector<ScheduleEntry>& schedules) {
  std::optional<std::int64_t> next;
  for (const auto& s : schedules)
    if (s.pending() && (!next || s.at < *next)) next = s.at;
  return next;
}

std::string schedule_blob_key(const std::string& id) { return "sch:" + id; }

}  // namespace flagport::store
