// Who an evaluation request is: the admin, a client key of one project, or nobody.
// Keys come as `Authorization: Bearer <key>` or `X-API-Key: <key>`; a client key is
// checked against the digests in the project's published record.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/evaluation/siphash.hpp"
#include "core/http/request.hpp"
#include "core/task/task.hpp"

namespace flagport::evaluation {

std::optional<std::string_view> presented_key(const HttpRequest& request);

// SHA-256 hex of key texts, computed by the host once per key and isolate / process.
//
// The key texts are secrets, so the cache never compares them byte by byte on the way to
// an entry (an ordered map's string comparisons stop at the first differing byte, and
// their timing would tell how much of a guess is right). It is a direct-mapped table: a
// key's slot is its SipHash under a key drawn per instance, which an attacker can
// neither compute nor steer, and the slot's one candidate is checked with
// constant_time_equal. A key whose slot is taken replaces the entry there, so the
// table never holds more than kSlots keys.
class KeyDigests {
 public:
  // nullopt when the host could not hash (logged).
  Task<std::optional<std::string>> of(std::string key_text);

  static constexpr std::size_t kSlots = 4096;  // a power of two

 private:
  struct Slot {
    std::string key_text;  // empty: a free slot
    std::string digest_hex;
  };
  // Drawn at the first lookup, not at construction: Workers give no random values at
  // global scope, where the instance is built. Empty while entropy is unavailable.
  std::optional<SipKey> hash_key_;
  std::unique_ptr<Slot[]> slots_;  // kSlots of them, from the first lookup
};

}  // namespace flagport::evaluation
