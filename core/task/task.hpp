// Task<T>: a lazy coroutine that can await other tasks and effects.
// A task is driven by a Run (run.hpp); every task awaited inside it shares that
// Run's Scheduler, so no state is global and many runs can be in flight at once.
#pragma once

#include <cstdlib>
#include <exception>
#include <optional>
#include <utility>

#include "core/task/coroutine.hpp"
#include "core/task/frame_pool.hpp"

namespace flagport {

class Scheduler;

namespace detail {

struct PromiseBase {
  static void* operator new(std::size_t size) { return FramePool::allocate(size); }
  static void operator delete(void* frame, std::size_t size) noexcept { FramePool::release(frame, size); }

  Scheduler* scheduler = nullptr;
  co::coroutine_handle<> continuation;
#if defined(__cpp_exceptions)
  std::exception_ptr failure;
  void unhandled_exception() { failure = std::current_exception(); }
  void rethrow_if_failed() {
    if (failure) std::rethrow_exception(failure);
  }
#else
  void unhandled_exception() { std::abort(); }
  void rethrow_if_failed() {}
#endif

  co::suspend_always initial_suspend() noexcept { return {}; }

  struct FinalAwaiter {
    bool await_ready() noexcept { return false; }
    template <class P>
    co::coroutine_handle<> await_suspend(co::coroutine_handle<P> self) noexcept {
      auto next = self.promise().continuation;
      return next ? next : co::noop_coroutine();
    }
    void await_resume() noexcept {}
  };
  FinalAwaiter final_suspend() noexcept { return {}; }
};

}  // namespace detail

template <class T>
class [[nodiscard]] Task {
 public:
  struct promise_type : detail::PromiseBase {
    std::optional<T> value;
    Task get_return_object() { return Task(Handle::from_promise(*this)); }
    template <class U>
    void return_value(U&& v) {
      value.emplace(std::forward<U>(v));
    }
  };
  using Handle = co::coroutine_handle<promise_type>;

  Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() { destroy(); }

  bool await_ready() const noexcept { return false; }
  template <class P>
  co::coroutine_handle<> await_suspend(co::coroutine_handle<P> parent) noexcept {
    handle_.promise().scheduler = parent.promise().scheduler;
    handle_.promise().continuation = parent;
    return handle_;
  }
  T await_resume() {
    handle_.promise().rethrow_if_failed();
    return std::move(*handle_.promise().value);
  }

  Handle handle() const { return handle_; }

 private:
  explicit Task(Handle h) : handle_(h) {}
  void destroy() {
    if (handle_) handle_.destroy();
    handle_ = {};
  }
  Handle handle_;
};

template <>
class [[nodiscard]] Task<void> {
 public:
  struct promise_type : detail::PromiseBase {
    Task get_return_object() { return Task(Handle::from_promise(*this)); }
    void return_void() {}
  };
  using Handle = co::coroutine_handle<promise_type>;

  Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() { destroy(); }

  bool await_ready() const noexcept { return false; }
  template <class P>
  co::coroutine_handle<> await_suspend(co::coroutine_handle<P> parent) noexcept {
    handle_.promise().scheduler = parent.promise().scheduler;
    handle_.promise().continuation = parent;
    return handle_;
  }
  void await_resume() { handle_.promise().rethrow_if_failed(); }

  Handle handle() const { return handle_; }

 private:
  explicit Task(Handle h) : handle_(h) {}
  void destroy() {
    if (handle_) handle_.destroy();
    handle_ = {};
  }
  Handle handle_;
};

}  // namespace flagport
