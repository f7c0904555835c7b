#include "core/store/blob.hpp"

#include <algorithm>

#include "core/ports/log.hpp"
#include "core/ports/object_storage.hpp"
#include "core/task/scheduler.hpp"

namespace flagport::store {
namespace {

std::string part_key(const std::string& key, std::int64_t part) {
  if (part == 0) return key;
  std::string out = key;
  out.push_back('.');
  out += std::to_string(part);
  return out;
}

}  // namespace

std::int64_t blob_parts(std::size_t bytes) {
  return bytes == 0 ? 1 : static_cast<std::int64_t>((bytes + kBlobPartBytes - 1) / kBlobPartBytes);
}

void put_blob(std::vector<Effect>& writes, const std::string& key, std::string_view bytes) {
  const std::int64_t parts = blob_parts(bytes.size());
  for (std::int64_t part = 0; part < parts; ++part)
    writes.push_back(
        storage::put(part_key(key, part), std::string(bytes.substr(static_cast<std::size_t>(part) * kBlobPartBytes,
                                                                   kBlobPartBytes)))
            .effect);
}

void remove_blob(std::vector<Effect>& writes, const std::string& key, std::int64_t parts) {
  for (std::int64_t part = 0; part < std::max<std::int64_t>(parts, 1); ++part)
    writes.push_back(storage::remove(part_key(key, part)).effect);
}

Task<std::optional<std::string>> read_blob(const std::string& key, std::int64_t parts) {
  std::vector<Effect> reads;
  for (std::int64_t part = 0; part < std::max<std::int64_t>(parts, 1); ++part)
    reads.push_back(storage::get(part_key(key, part)).effect);
  Batch batch{std::move(reads)};  // named: GCC 12 destroys braced temporaries in co_await twice
  std::vector<EffectResult> results = co_await batch;
  for (std::size_t part = 0; part < results.size(); ++part) {
    if (results[part].ok()) continue;
    log::error("object.blob_read_failed", {{"blob", key}, {"part", part}, {"reason", results[part].body}});
    co_return std::nullopt;
  }
  std::string bytes = std::move(results.front().body);
  for (std::size_t part = 1; part < results.size(); ++part) bytes += results[part].body;
  co_return bytes;
}

}  // namespace flagport::store
