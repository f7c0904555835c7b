#include "core/store/published_record.hpp"

#include <algorithm>

namespace flagport::store {

using nlohmann::json;

std::string published_key(std::string_view project) { return "flags:" + std::string(project); }

json PublishedRecord::to_json() const {
  return json{{"revision", revision},
              {"version", version},
              {"updatedAt", updated_at},
              {"definition", definition},
              {"keys", key_digests}};
}

std::optional<PublishedRecord> PublishedRecord::decode(std::string_view bytes) {
  json doc = json::parse(bytes, nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  auto integer = [&](const char* name) {
    auto it = doc.find(name);
    return it != doc.end() && it->is_number_integer() ? it->get<std::int64_t>() : std::int64_t{-1};
  };
  auto definition = doc.find("definition");
  auto keys = doc.find("keys");
  if (integer("revision") < 0 || integer("version") < 0 || definition == doc.end() ||
      !(definition->is_object() || definition->is_null()) || keys == doc.end() || !keys->is_array())
    return std::nullopt;
  PublishedRecord record;
  record.revision = integer("revision");
  record.version = integer("version");
  record.updated_at = std::max<std::int64_t>(integer("updatedAt"), 0);
  record.definition = std::move(*definition);
  for (const auto& digest : *keys)
    if (digest.is_string()) record.key_digests.push_back(digest.get<std::string>());
  return record;
}

}  // namespace flagport::store
