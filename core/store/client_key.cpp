#include "core/store/client_key.hpp"

#include "core/ports/random.hpp"
#include "core/store/project_id.hpp"

namespace flagport::store {
namespace {

constexpr std::string_view kPrefix = "fpk_";
constexpr std::size_t kSecretBytes = 32;

}  // namespace

std::string base64url(std::string_view bytes) {
  static constexpr char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(digits[(buffer >> bits) & 0x3f]);
    }
  }
  if (bits > 0) out.push_back(digits[(buffer << (6 - bits)) & 0x3f]);
  return out;
}

std::string to_hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 0xf]);
  }
  return out;
}

std::optional<NewClientKey> generate_client_key(std::string_view project) {
  auto secret = random::bytes(kSecretBytes);
  auto id = random::bytes(8);
  if (!secret || !id) return std::nullopt;
  return NewClientKey{"key_" + to_hex(*id), std::string(kPrefix) + std::string(project) + "_" + base64url(*secret)};
}

std::optional<std::string_view> project_of_client_key(std::string_view text) {
  if (text.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  text.remove_prefix(kPrefix.size());
  auto separator = text.find('_');  // project ids have none; the secret may
  if (separator == std::string_view::npos) return std::nullopt;
  auto project = text.substr(0, separator);
  if (!valid_project_id(project) || text.size() - separator - 1 != (kSecretBytes * 8 + 5) / 6) return std::nullopt;
  return project;
}

}  // namespace flagport::store
