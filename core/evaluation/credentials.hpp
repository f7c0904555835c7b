// Who an evaluation request is: the admin, a client key of one project, or nobody.
// Keys come as `Authorization: Bearer <key>` or `X-API-Key: <key>`; a client key is
// checked against the digests in the project's published record.
#pragma once

#include <cstdint>
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
// their timing would tell how much of a guess is right). A key's set is its SipHash under
// a key drawn per instance, which an attacker can neither compute nor steer, and a way of
// the set whose tag (more bits of that hash) matches is checked with constant_time_equal.
// Sets have kWays ways, so a key is forgotten only when more than kWays keys in use share
// its set (with 1,000 keys in turn, about 0.1% of them; a direct-mapped table of 4,096
// lost 22%); the least recently used way of a full set is replaced, so the table never
// holds more than kSlots keys.
class KeyDigests {
 public:
  // nullopt when the host could not hash (logged).
  Task<std::optional<std::string>> of(std::string key_text);

  static constexpr std::size_t kWays = 4;
  static constexpr std::size_t kSets = 2048;  // a power of two
  static constexpr std::size_t kSlots = kWays * kSets;

 private:
  struct Slot {
    std::uint32_t tag = 0;  // the key text's hash bits that did not pick the set
    std::string key_text;   // empty: a free slot
    std::string digest_hex;
    std::uint64_t last_used = 0;
  };
  struct Place {
    Slot* set = nullptr;  // null: no hash key, nothing is remembered
    std::uint32_t tag = 0;
  };
  Place place_of(std::string_view key_text);
  static Slot* holding(const Place& place, std::string_view key_text);

  // Drawn at the first lookup, not at construction: Workers give no random values at
  // global scope, where the instance is built. Empty while entropy is unavailable.
  std::optional<SipKey> hash_key_;
  std::unique_ptr<Slot[]> slots_;  // kSlots of them, set by set, from the first lookup
  std::uint64_t lookups_ = 0;      // the clock of last_used
};

}  // namespace flagport::evaluation
