#include "core/fault/crash.hpp"

#include <cstdint>
#include <cstdlib>
#include <stdexcept>

namespace flagport::fault {
namespace {

[[gnu::noinline]] std::uint64_t recurse(std::uint64_t depth) {
  volatile char frame[512];
  frame[0] = static_cast<char>(depth);
  if (depth == UINT64_MAX) return 0;  // never: the stack runs out long before
  return recurse(depth + 1) + static_cast<std::uint64_t>(frame[0]);
}

}  // namespace

Task<Response> crash(const RouteContext& ctx) {
  const std::string& kind = ctx.params.find("kind")->second;
  if (kind == "abort") std::abort();
  if (kind == "out-of-bounds") {
    // Past the end of any wasm32 linear memory; unmapped in a native process.
    auto* far = reinterpret_cast<volatile std::uint8_t*>(static_cast<std::uintptr_t>(0xFFFFFFF0u));
    *far = 1;
  }
  if (kind == "stack-overflow") co_return Response::success({{"depth", recurse(0)}});
  if (kind == "throw") {
#if defined(__cpp_exceptions)
    throw std::runtime_error("injected handler failure");
#else
    std::abort();
#endif
  }
  co_return Response::fail(Status::NotFound, "unknown crash kind; use abort, out-of-bounds, stack-overflow or throw");
}

}  // namespace flagport::fault
