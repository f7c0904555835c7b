#include "core/store/published_record.hpp"

#include "core/flags/ordered_json_parse.hpp"
#include "core/json.hpp"

namespace flagport::store {

std::string published_key(std::string_view project) { return "flags:" + std::string(project); }

std::string PublishedRecord::header_line() const {
  Json header{{"revision", revision}, {"version", version}, {"updatedAt", updated_at},
              {"flags", flags}, {"keys", key_digests}, {"allowedOrigins", allowed_origins}};
  if (parts > 1) {
    header["parts"] = parts;
    header["definitionBytes"] = definition_bytes;
  }
  return header.dump();  // never a '\n' in it: dump() escapes it in strings
}

std::string PublishedRecord::encode() const {
  std::string out = header_line();
  out.push_back('\n');
  out += definition;
  return out;
}

std::optional<PublishedRecord> PublishedRecord::decode(std::string_view bytes) {
  auto record = decode_header(bytes);
  if (!record || record->parts > 1) return std::nullopt;
  record->definition = std::string(definition_of(bytes));
  return record;
}

std::string_view PublishedRecord::definition_of(std::string_view bytes) {
  return bytes.substr(bytes.find('\n') + 1);
}

std::optional<PublishedRecord> PublishedRecord::decode_header(std::string_view bytes) {
  auto newline = bytes.find('\n');
  if (newline == std::string_view::npos) return std::nullopt;
  Json header = flags::parse_ordered_json(bytes.substr(0, newline));
  if (!header.is_object()) return std::nullopt;
  auto integer = [&](const char* name) {
    auto it = header.find(name);
    return it != header.end() && it->is_number_integer() ? it->get<std::int64_t>() : std::int64_t{-1};
  };
  auto keys = header.find("keys");
  if (integer("revision") < 0 || integer("version") < 0 || integer("updatedAt") < 0 || integer("flags") < 0 ||
      keys == header.end() || !keys->is_array())
    return std::nullopt;
  const bool split = header.contains("parts");
  if (split && (integer("parts") < 2 || integer("definitionBytes") < 0)) return std::nullopt;
  PublishedRecord record;
  record.revision = integer("revision");
  record.version = integer("version");
  record.updated_at = integer("updatedAt");
  record.flags = integer("flags");
  if (split) {
    record.parts = integer("parts");
    record.definition_bytes = integer("definitionBytes");
  }
  for (const auto& digest : *keys) {
    if (!digest.is_string()) return std::nullopt;
    record.key_digests.push_back(digest.get<std::string>());
  }
  if (auto origins = header.find("allowedOrigins"); origins != header.end()) {
    if (!origins->is_array()) return std::nullopt;
    for (const auto& origin : *origins) {
      if (!origin.is_string()) return std::nullopt;
      record.allowed_origins.push_back(origin.get<std::string>());
    }
  }
  return record;
}

}  // namespace flagport::store
