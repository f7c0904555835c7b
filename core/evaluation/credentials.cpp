#include "core/evaluation/credentials.hpp"

#include <cstring>

#include "core/http/auth.hpp"
#include "core/ports/crypto.hpp"
#include "core/ports/log.hpp"
#include "core/ports/random.hpp"
#include "core/store/client_key.hpp"

namespace flagport::evaluation {

std::optional<std::string_view> presented_key(const HttpRequest& request) {
  if (auto bearer = bearer_token(request)) return bearer;
  if (auto header = request.header(RequestHeader::x_api_key); header && !header->empty()) return header;
  return std::nullopt;
}

namespace {

std::optional<SipKey> draw_hash_key() {
  auto bytes = random::bytes(16);
  if (!bytes) return std::nullopt;
  SipKey key;
  static_assert(sizeof key == 16);
  std::memcpy(&key, bytes->data(), sizeof key);
  return key;
}

}  // namespace

KeyDigests::Place KeyDigests::place_of(std::string_view key_text) {
  if (!hash_key_) {
    hash_key_ = draw_hash_key();
    if (hash_key_) slots_.reset(new Slot[kSlots]);
  }
  if (!hash_key_) return {};  // nothing is remembered
  const std::uint64_t hash = siphash24(*hash_key_, key_text);
  return {&slots_[(hash & (kSets - 1)) * kWays], static_cast<std::uint32_t>(hash >> 32)};
}

// Only the ways whose tag matches have their text compared, so a lookup reads one key text,
// not four. The tag is the keyed hash's, so which ways a guess is compared with tells
// nothing about the keys held; the comparison itself is constant-time.
KeyDigests::Slot* KeyDigests::holding(const Place& place, std::string_view key_text) {
  Slot* found = nullptr;
  for (std::size_t way = 0; way < kWays; ++way) {
    Slot& slot = place.set[way];
    if (slot.tag == place.tag && !slot.key_text.empty() && constant_time_equal(slot.key_text, key_text)) found = &slot;
  }
  return found;
}

Task<std::optional<std::string>> KeyDigests::of(std::string key_text) {
  const Place place = place_of(key_text);
  if (place.set) {
    if (Slot* slot = holding(place, key_text)) {
      slot->last_used = ++lookups_;
      co_return slot->digest_hex;
    }
  }
  EffectResult digest = co_await crypto::sha256(key_text);
  if (!digest.ok() || digest.body.size() != 32) {
    log::error("keys.digest_failed", {{"reason", digest.body}});
    co_return std::nullopt;
  }
  std::string hex = store::to_hex(digest.body);
  // The table is made once, before any run holds a set, so `place` is still valid; another
  // run may have remembered this key meanwhile.
  if (place.set && !holding(place, key_text)) {
    Slot* victim = place.set;
    for (std::size_t way = 1; way < kWays; ++way)
      if (place.set[way].last_used < victim->last_used) victim = &place.set[way];
    victim->tag = place.tag;
    victim->key_text = std::move(key_text);
    victim->digest_hex = hex;
    victim->last_used = ++lookups_;
  }
  co_return hex;
}

}  // namespace flagport::evaluation
