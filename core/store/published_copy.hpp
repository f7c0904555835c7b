// A project's published record in KV, as evaluation reads it: one value while the record
// fits one KV value (kv::kMaxValueBytes: always on Workers KV; up to 384 KiB in Lambda's
// DynamoDB table); otherwise that value holds the header and the definition's first bytes,
// and the rest lies in parts "parts:<project>:<revision>:<n>" (n from 1).
//
// Parts are written before the value that names them, so a reader never finds a record whose
// parts are not there yet, and they are never rewritten with other bytes (the revision is in
// their key). The parts of the record a publish replaces are deleted after it; a reader that
// finds one gone was overtaken by that publish and reads the value again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/http/limits.hpp"
#include "core/ports/kv.hpp"
#include "core/store/published_record.hpp"
#include "core/task/effect.hpp"
#include "core/task/task.hpp"

namespace flagport::store::published_copy {

// Whether a record can be longer than one KV value here (never on Workers KV): only then may
// it have parts, so only then is there code that writes or reads them. The room is for the
// header: 50 key digests, 50 origins, the numbers.
inline constexpr bool kMayHaveParts = kv::kMaxValueBytes < limits::kMaxFlagSetBytes + 64 * 1024;

// Writes `record` (PublishedRecord::encode()) as the copy of `project`. The outcome of
// the value's write: a failed part fails it before the value is written.
Task<EffectResult> publish(const std::string& project, std::string record);

// What one read of the value found.
struct Copy {
  EffectResult value;                     // as KV answered (NotFound: nothing published)
  std::optional<PublishedRecord> header;  // decoded when the value was read (nullopt: unreadable)

  static Copy of(EffectResult value);
};

// The copy's definition text, read from its parts when it has some: nullopt if they could
// not be read (logged). A part gone missing means a newer record replaced them: the value
// is read again, at most a few times, and `copy` is then that newer one.
Task<std::optional<std::string>> definition(const std::string& project, Copy& copy, std::int64_t edge_cache_seconds);

}  // namespace flagport::store::published_copy
