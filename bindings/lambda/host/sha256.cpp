#include "bindings/lambda/host/sha256.hpp"

#include <openssl/evp.h>

namespace flagport::lambda {

EffectResult sha256(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr) != 1)
    return EffectResult::failure("EVP_Digest(sha256) failed");
  return EffectResult::success(std::string(reinterpret_cast<const char*>(digest), size));
}

}  // namespace flagport::lambda
