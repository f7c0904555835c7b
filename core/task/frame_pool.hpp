// Where coroutine frames come from. Each route runs the same chain of tasks on every
// request, so frames come and go in the same few sizes: freed ones are kept by size
// class and handed out again, and a request's tasks neither call malloc nor touch memory
// the last request's did not. Bounded: a few frames per class, larger frames pass through.
#pragma once

#include <cstddef>

namespace flagport::detail {

class FramePool {
 public:
  static void* allocate(std::size_t size);
  static void release(void* frame, std::size_t size) noexcept;
};

}  // namespace flagport::detail
