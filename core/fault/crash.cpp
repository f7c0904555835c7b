#include "core/fault/crash.hpp"

#include <cstdint>
#include <cstdlib>
#include <stdexcept>

#include "core/ports/objects.hpp"
#include "core/store/object_reply.hpp"

namespace flagport::fault {


namespace {

[[gnu::noinline]] std::uint64_t recurse(std::uint64_t depth) {
  volatile char frame[512];
  frame[0] = static_cast<char>(depth);
  if (depth == UINT64_MAX) return 0;  // never: the stack runs out long before
  return recurse(depth + 1) + static_cast<std::uint64_t>(frame[0]);
}

}  // namespace

void crash_now(std::string_view kind) {
  if (kind == "abort") std::abort();
  if (kind == "out-of-bounds") {
    // Past the end of any wasm32 linear memory; unmapped in a native process.
    auto* far = reinterpret_cast<volatile std::uint8_t*>(static_cast<std::uintptr_t>(0xFFFFFFF0u));
    *far = 1;
  }
  if (kind == "stack-overflow") recurse(0);
  if (kind == "throw") {
#if defined(__cpp_exceptions)
    throw std::runtime_error("injected handler failure");
#else
    std::abort();
#endif
  }
}

namespace {

Response unknown_kind() {
  return Response::fail(Status::NotFound, "unknown crash kind; use abort, out-of-bounds, stack-overflow or throw");
}

}  // namespace

Task<Response> crash(const RouteContext& ctx) {
  crash_now(ctx.params.find("kind")->second);
  co_return unknown_kind();
}

Task<Response> crash_in_object(const RouteContext& ctx) {
  Json args = {{"kind", ctx.params.find("kind")->second}};
  auto reply = store::decode_reply(co_await objects::call(ctx.params.find("project")->second, "crash", args.dump()),
                                   "crash");
  if (reply.response.status == Status::NotFound) co_return unknown_kind();
  co_return std::move(reply.response);
}

}  // namespace flagport::fault
