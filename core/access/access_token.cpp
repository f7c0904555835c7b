#include "core/access/access_token.hpp"

#include "core/ports/random.hpp"
#include "core/store/client_key.hpp"

namespace flagport::access {
namespace {

constexpr std::string_view kPrefix = "fpt_";
constexpr std::size_t kIdBytes = 8;
constexpr std::size_t kSecretBytes = 32;
constexpr std::size_t kSecretChars = (kSecretBytes * 8 + 5) / 6;

bool lower_hex(std::string_view text) {
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

std::optional<NewAccessToken> generate_access_token() {
  auto id = random::bytes(kIdBytes);
  auto secret = random::bytes(kSecretBytes);
  if (!id || !secret) return std::nullopt;
  const std::string hex = store::to_hex(*id);
  // Appended, not "tok_" + hex: GCC 12 warns about that wrongly (-Wrestrict).
  NewAccessToken token{"tok_", std::string(kPrefix)};
  token.id += hex;
  token.text += hex;
  token.text += '_';
  token.text += store::base64url(*secret);
  return token;
}

std::optional<std::string> access_token_id(std::string_view text) {
  if (text.size() != kPrefix.size() + kIdBytes * 2 + 1 + kSecretChars || text.substr(0, kPrefix.size()) != kPrefix)
    return std::nullopt;
  const std::string_view hex = text.substr(kPrefix.size(), kIdBytes * 2);
  if (!lower_hex(hex) || text[kPrefix.size() + hex.size()] != '_') return std::nullopt;
  std::string id = "tok_";
  id += hex;
  return id;
}

}  // namespace flagport::access
