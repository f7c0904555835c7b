#include "core/ports/random.hpp"

#include <unistd.h>

namespace flagport::random {

std::optional<std::string> bytes(std::size_t count) {
  std::string out(count, '\0');
  for (std::size_t offset = 0; offset < count; offset += 256) {  // getentropy's per-call limit
    std::size_t chunk = count - offset < 256 ? count - offset : 256;
    if (getentropy(out.data() + offset, chunk) != 0) return std::nullopt;
  }
  return out;
}

}  // namespace flagport::random
