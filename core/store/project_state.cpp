#include "core/store/project_state.hpp"

#include "core/flags/ordered_json_parse.hpp"
#include "core/json.hpp"
#include "core/json_fields.hpp"

namespace flagport::store {

const VersionEntry* ProjectState::find(std::int64_t wanted) const {
  for (const auto& entry : history)
    if (entry.version == wanted) return &entry;
  return nullptr;
}

const ClientKeyEntry* ProjectState::find_key(std::string_view id) const {
  for (const auto& key : keys)
    if (key.id == id) return &key;
  return nullptr;
}

std::string ProjectState::encode() const {
  Json list = Json::array();
  for (const auto& e : history) {
    Json item = {{"version", e.version}, {"createdAt", e.created_at}, {"action", e.action},
                 {"flags", e.flags}, {"blob", e.blob}};
    if (e.parts > 1) item["parts"] = e.parts;
    if (e.rolled_back_from) item["rolledBackFrom"] = e.rolled_back_from;
    if (!e.schedule.empty()) item["schedule"] = e.schedule;
    list.push_back(std::move(item));
  }
  Json key_list = Json::array();
  for (const auto& k : keys)
    key_list.push_back({{"id", k.id}, {"name", k.name}, {"digest", k.digest}, {"createdAt", k.created_at}});
  Json out = {{"version", version},
              {"revision", revision},
              {"history", std::move(list)},
              {"keys", std::move(key_list)},
              {"allowedOrigins", allowed_origins}};
  if (!schedules.empty()) {
    Json schedule_list = Json::array();
    for (const auto& s : schedules) schedule_list.push_back(s.stored());
    out["schedules"] = std::move(schedule_list);
  }
  out["audit"] = audit.stored();
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

using json_fields::int_or;
using json_fields::string_or;

std::optional<ProjectState> ProjectState::decode(std::string_view bytes) {
  Json doc = flags::parse_ordered_json(bytes);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  auto history = doc.find("history");
  if (history == doc.end() || !history->is_array()) return std::nullopt;
  ProjectState state;
  state.version = int_or(doc, "version");
  state.revision = int_or(doc, "revision");
  for (const auto& item : *history) {
    if (!item.is_object()) return std::nullopt;
    state.history.push_back({int_or(item, "version"), int_or(item, "createdAt"), string_or(item, "action"),
                             int_or(item, "flags"), string_or(item, "blob"), int_or(item, "parts", 1),
                             int_or(item, "rolledBackFrom"), string_or(item, "schedule")});
  }
  if (auto keys = doc.find("keys"); keys != doc.end() && keys->is_array()) {
    for (const auto& item : *keys) {
      if (!item.is_object()) return std::nullopt;
      state.keys.push_back({string_or(item, "id"), string_or(item, "name"), string_or(item, "digest"),
                            int_or(item, "createdAt")});
    }
  }
  if (auto origins = doc.find("allowedOrigins"); origins != doc.end() && origins->is_array()) {
    for (const auto& origin : *origins) {
      if (!origin.is_string()) return std::nullopt;
      state.allowed_origins.push_back(origin.get<std::string>());
    }
  }
  if (auto schedules = doc.find("schedules"); schedules != doc.end() && schedules->is_array()) {
    for (const auto& item : *schedules) {
      auto entry = ScheduleEntry::from_stored(item);
      if (!entry) return std::nullopt;
      state.schedules.push_back(std::move(*entry));
    }
  }
  auto audit = audit::AuditLog::from_stored(json_fields::object_or_empty(doc, "audit"));
  if (!audit) return std::nullopt;
  state.audit = std::move(*audit);
  return state;
}

std::string blob_key(std::int64_t version, std::string_view request_id) {
  std::string key = "def:" + std::to_string(version) + ":";
  for (char c : request_id.substr(0, 64)) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    key.push_back(plain ? c : '_');
  }
  return key;
}

}  // namespace flagport::store
