// The published, read-optimised copy of a project's flag set in KV.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace flagport::store {

std::string published_key(std::string_view project);

struct PublishedRecord {
  std::int64_t version = 0;
  std::int64_t updated_at = 0;
  nlohmann::json definition;

  std::string encode() const;
  static std::optional<PublishedRecord> decode(std::string_view bytes);
};

}  // namespace flagport::store
