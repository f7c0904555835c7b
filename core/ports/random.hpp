// Random bytes from the host's CSPRNG: getentropy(), which is WASI random_get
// (crypto.getRandomValues in the Worker) in wasm and getrandom(2) natively.
#pragma once

#include <optional>
#include <string>

namespace flagport::random {

// nullopt if the host has no entropy to give (never expected; callers answer `error`).
std::optional<std::string> bytes(std::size_t count);

}  // namespace flagport::random
