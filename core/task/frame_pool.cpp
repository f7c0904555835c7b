#include "core/task/frame_pool.hpp"

#include <new>

namespace flagport::detail {
namespace {

constexpr std::size_t kGranule = 64;       // frame sizes are rounded up to this
constexpr std::size_t kClasses = 32;       // so pooled frames are at most 2 KiB
constexpr unsigned kKeptPerClass = 8;      // deeper than any route's chain of tasks

struct FreeFrame {
  FreeFrame* next;
};

struct Pool {
  FreeFrame* free[kClasses] = {};
  unsigned kept[kClasses] = {};
};

// Per thread: a task chain runs on one thread (the wasm module and the Lambda runtime
// have only one).
thread_local Pool pool;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kPooling = false;  // AddressSanitizer sees every frame's own lifetime
#else
constexpr bool kPooling = true;
#endif

}  // namespace

void* FramePool::allocate(std::size_t size) {
  const std::size_t cls = (size - 1) / kGranule;
  if (!kPooling || cls >= kClasses) return ::operator new(size);
  if (FreeFrame* frame = pool.free[cls]) {
    pool.free[cls] = frame->next;
    --pool.kept[cls];
    return frame;
  }
  return ::operator new((cls + 1) * kGranule);
}

void FramePool::release(void* frame, std::size_t size) noexcept {
  const std::size_t cls = (size - 1) / kGranule;
  if (!kPooling || cls >= kClasses || pool.kept[cls] == kKeptPerClass) {
    ::operator delete(frame);
    return;
  }
  pool.free[cls] = new (frame) FreeFrame{pool.free[cls]};
  ++pool.kept[cls];
}

}  // namespace flagport::detail
