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

Task<std::optional<std::string>> KeyDigests::of(std::string key_text) {
  if (!hash_key_) {
    hash_key_ = draw_hash_key();
    if (hash_key_) slots_.reset(new Slot[kSlots]);
  }
  Slot* slot = nullptr;  // none without a hash key: nothing is remembered
  if (hash_key_) {
    slot = &slots_[siphash24(*hash_key_, key_text) & (kSlots - 1)];
    if (!slot->key_text.empty() && constant_time_equal(slot->key_text, key_text)) co_return slot->digest_hex;
  }
  EffectResult digest = co_await crypto::sha256(key_text);
  if (!digest.ok() || digest.body.size() != 32) {
    log::error("keys.digest_failed", {{"reason", digest.body}});
    co_return std::nullopt;
  }
  std::string hex = store::to_hex(digest.body);
  // The table is made once, before any run holds a slot, so `slot` is still valid.
  if (slot) {
    slot->key_text = std::move(key_text);
    slot->digest_hex = hex;
  }
  co_return hex;
}

}  // namespace flagport::evaluation
