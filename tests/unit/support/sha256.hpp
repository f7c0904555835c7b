// SHA-256 as the hosts compute it (OpenSSL), for tests and bench drivers that play a host.
#pragma once

#include <openssl/evp.h>

#include <string>
#include <string_view>

#include "core/store/client_key.hpp"

namespace flagport::testing {

inline std::string sha256(std::string_view bytes) {
  unsigned char digest[32];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<char*>(digest), size);
}

inline std::string sha256_hex(std::string_view bytes) { return store::to_hex(sha256(bytes)); }

}  // namespace flagport::testing
