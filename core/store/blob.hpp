// A write-once blob of the project object (a definition, a scheduled flag set), kept in
// parts of at most kBlobPartBytes: a Durable Object value holds at most 2 MB and a DynamoDB
// item 400 KB, while a flag set may take 4 MiB. Part 0 is stored under the blob's own key,
// so a blob of one part is stored as blobs always were; the entry that names a blob
// records how many parts it has. Parts are written once and deleted together.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/task/effect.hpp"
#include "core/task/task.hpp"

namespace flagport::store {

inline constexpr std::size_t kBlobPartBytes = 256 * 1024;

// How many parts a blob of `bytes` takes (one at least).
std::int64_t blob_parts(std::size_t bytes);

// Appends to `writes` the puts of `bytes` as blob `key`, and the removal of such a blob.
void put_blob(std::vector<Effect>& writes, const std::string& key, std::string_view bytes);
void remove_blob(std::vector<Effect>& writes, const std::string& key, std::int64_t parts);

// The blob's bytes, its parts read together; nullopt if any read failed (logged).
Task<std::optional<std::string>> read_blob(const std::string& key, std::int64_t parts);

}  // namespace flagport::store
