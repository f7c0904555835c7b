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

KeyDigests::Slot* KeyDigests::set_of(std::string_view key_text) {
  if (!hash_key_) {
    hash_key_ = draw_hash_key();
    if (hash_key_) slots_.reset(new Slot[kSlots]);
  }
  if (!hash_key_) return nullptr;  // nothing is remembered
  return &slots_[(siphash24(*hash_key_, key_text) & (kSets - 1)) * kWays];
}

// Every way is compared, found or not, so the time taken does not tell which one held it.
KeyDigests::Slot* KeyDigests::holding(Slot* set, std::string_view key_text) {
  Slot* found = nullptr;
  for (std::size_t way = 0; way < kWays; ++way) {
    Slot& slot = set[way];
    if (!slot.key_text.empty() && constant_time_equal(slot.key_text, key_text)) found = &slot;
  }
  return found;
}

Task<std::optional<std::string>> KeyDigests::of(std::string key_text) {
  Slot* set = set_of(key_text);
  if (set) {
    if (Slot* slot = holding(set, key_text)) {
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
  // The table is made once, before any run holds a set, so `set` is still valid; another
  // run may have remembered this key meanwhile.
  if (set && !holding(set, key_text)) {
    Slot* victim = set;
    for (std::size_t way = 1; way < kWays; ++way)
      if (set[way].last_used < victim->last_used) victim = &set[way];
    victim->key_text = std::move(key_text);
    victim->digest_hex = hex;
    victim->last_used = ++lookups_;
  }
  co_return hex;
}

}  // namespace flagport::evaluation
