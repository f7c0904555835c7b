#include "core/store/published_record.hpp"

namespace flagport::store {

using nlohmann::json;

std::string published_key(std::string_view project) { return "flags:" + std::string(project); }

std::string PublishedRecord::encode() const {
  return json{{"version", version}, {"updatedAt", updated_at}, {"definition", definition}}.dump();
}

std::optional<PublishedRecord> PublishedRecord::decode(std::string_view bytes) {
  json doc = json::parse(bytes, nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  auto version = doc.find("version");
  auto updated = doc.find("updatedAt");
  auto definition = doc.find("definition");
  if (version == doc.end() || !version->is_number_integer() || definition == doc.end() || !definition->is_object())
    return std::nullopt;
  PublishedRecord record;
  record.version = version->get<std::int64_t>();
  record.updated_at = updated != doc.end() && updated->is_number_integer() ? updated->get<std::int64_t>() : 0;
  record.definition = std::move(*definition);
  return record;
}

}  // namespace flagport::store
