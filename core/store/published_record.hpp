// The published, read-optimised copy of a project's flag set in KV.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace flagport::store {

std::string published_key(std::string_view project);

// What evaluation reads in one KV get: the current flag set and the digests of the
// project's client keys. `revision` orders records; reconciliation compares it.
struct PublishedRecord {
  std::int64_t revision = 0;
  std::int64_t version = 0;  // of the flag set; 0 while none is published
  std::int64_t updated_at = 0;
  nlohmann::json definition;  // object, or null while none is published
  std::vector<std::string> key_digests;

  nlohmann::json to_json() const;
  std::string encode() const { return to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }
  static std::optional<PublishedRecord> decode(std::string_view bytes);
};

}  // namespace flagport::store
