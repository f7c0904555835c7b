#include "core/evaluation/credentials.hpp"

#include "core/http/auth.hpp"
#include "core/ports/crypto.hpp"
#include "core/ports/log.hpp"
#include "core/store/client_key.hpp"

namespace flagport::evaluation {

std::optional<std::string_view> presented_key(const HttpRequest& request) {
  if (auto bearer = bearer_token(request)) return bearer;
  if (auto header = request.header(RequestHeader::x_api_key); header && !header->empty()) return header;
  return std::nullopt;
}

Task<std::optional<std::string>> KeyDigests::of(std::string key_text) {
  if (auto known = remembered_.find(key_text); known != remembered_.end()) co_return known->second;
  EffectResult digest = co_await crypto::sha256(key_text);
  if (!digest.ok() || digest.body.size() != 32) {
    log::error("keys.digest_failed", {{"reason", digest.body}});
    co_return std::nullopt;
  }
  std::string hex = store::to_hex(digest.body);
  if (remembered_.size() >= kMaxRemembered) remembered_.clear();
  remembered_.emplace(std::move(key_text), hex);
  co_return hex;
}

}  // namespace flagport::evaluation
