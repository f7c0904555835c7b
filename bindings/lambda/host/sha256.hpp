// The Sha256 effect, by OpenSSL's EVP interface.
#pragma once

#include <string>
#include <string_view>

#include "core/task/effect.hpp"

namespace flagport::lambda {

EffectResult sha256(std::string_view bytes);

}  // namespace flagport::lambda
