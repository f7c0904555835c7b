// co_await all(a, b, ...): independent effects awaited together, run concurrently by the host.
#pragma once

#include <array>
#include <cstddef>
#include <utility>

#include "core/task/scheduler.hpp"

namespace flagport {

template <std::size_t N>
struct AllAwaitable {
  Batch batch;
  bool await_ready() const noexcept { return false; }
  template <class P>
  void await_suspend(co::coroutine_handle<P> self) {
    batch.await_suspend(self);
  }
  std::array<EffectResult, N> await_resume() {
    std::array<EffectResult, N> out;
    for (std::size_t i = 0; i < N; ++i) out[i] = std::move(batch.results[i]);
    return out;
  }
};

template <class... A>
AllAwaitable<sizeof...(A)> all(A&&... awaitables) {
  AllAwaitable<sizeof...(A)> out;
  (out.batch.effects.push_back(std::move(awaitables.effect)), ...);
  return out;
}

}  // namespace flagport
