// Client keys: what applications present to evaluate flags. The key text names its
// project ("fpk_<project>_<secret>", so OFREP can find the project from the key alone);
// only its SHA-256, computed by the host's crypto, is ever stored.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flagport::store {

struct NewClientKey {
  std::string id;    // "key_" + 16 hex digits: how the admin API names the key
  std::string text;  // returned once, at creation
};

// nullopt only if the host has no entropy.
std::optional<NewClientKey> generate_client_key(std::string_view project);

// The project a key text names, if it has the shape of a client key.
std::optional<std::string_view> project_of_client_key(std::string_view text);

std::string to_hex(std::string_view bytes);
// Unpadded base64url (RFC 4648 §5): the secret part of key and token texts.
std::string base64url(std::string_view bytes);

}  // namespace flagport::store
