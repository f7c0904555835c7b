// Emscripten 3.1.6 in standalone mode still reaches for its JS glue (`env` imports) in
// two places. There is no glue: both are answered here so that the module imports
// WASI preview1 only, exactly like the wasi-sdk build.
#include <cerrno>
#include <cstddef>
#include <cstdint>

// sbrk reports every memory growth to the glue. The worker takes a fresh view of
// memory.buffer on every access, so there is nobody to tell.
extern "C" void emscripten_notify_memory_growth(std::size_t) {}

extern "C" __attribute__((import_module("wasi_snapshot_preview1"), import_name("random_get")))
std::uint16_t flagport_wasi_random_get(std::uint8_t* buffer, std::size_t length);

// getentropy() is a glue import there; wasi-libc implements it with random_get.
extern "C" int getentropy(void* buffer, std::size_t length) {
  if (length > 256) {
    errno = EIO;
    return -1;
  }
  if (flagport_wasi_random_get(static_cast<std::uint8_t*>(buffer), length) != 0) {
    errno = EIO;
    return -1;
  }
  return 0;
}
