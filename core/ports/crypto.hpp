// Hashing by the host's vetted crypto (WebCrypto in the Worker, OpenSSL on Lambda).
#pragma once

#include <string>

#include "core/task/scheduler.hpp"

namespace flagport::crypto {

// Result body: the 32 raw bytes of the digest.
inline EffectAwaitable sha256(std::string bytes) {
  return {Effect{EffectKind::Sha256, {}, {}, std::move(bytes), 0}};
}

}  // namespace flagport::crypto
