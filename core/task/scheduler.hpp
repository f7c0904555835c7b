// The meeting point of a suspended task and its host: effects out, results in.
#pragma once

#include <cstddef>
#include <vector>

#include "core/task/coroutine.hpp"
#include "core/task/effect.hpp"

namespace flagport {

class Scheduler {
 public:
  // A task hands out a batch of effects and is resumed once all results are in.
  // The effects of one batch are independent: the host may run them concurrently.
  void submit(std::vector<Effect> effects, std::vector<EffectResult>* results,
              co::coroutine_handle<> waiter) {
    pending_ = std::move(effects);
    results_ = results;
    waiter_ = waiter;
  }

  const std::vector<Effect>& pending() const { return pending_; }

  // Delivers one result per pending effect, in order, and resumes the waiting task
  // until it completes or submits its next batch. Missing results count as failures.
  void deliver(std::vector<EffectResult> results) {
    results.resize(pending_.size(), EffectResult::failure("no result from host"));
    *results_ = std::move(results);
    pending_.clear();
    auto waiter = waiter_;
    waiter_ = {};
    results_ = nullptr;
    if (waiter) waiter.resume();
  }

 private:
  std::vector<Effect> pending_;
  std::vector<EffectResult>* results_ = nullptr;
  co::coroutine_handle<> waiter_;
};

// Awaiting a batch of effects: `auto results = co_await Batch{{effect_a, effect_b}};`
struct Batch {
  std::vector<Effect> effects;
  std::vector<EffectResult> results{};

  bool await_ready() const noexcept { return effects.empty(); }
  template <class P>
  void await_suspend(co::coroutine_handle<P> self) {
    self.promise().scheduler->submit(std::move(effects), &results, self);
  }
  std::vector<EffectResult> await_resume() { return std::move(results); }
};

// Awaiting one effect: `EffectResult r = co_await kv::get(key);`
struct EffectAwaitable {
  Effect effect;
  std::vector<EffectResult> results{};

  bool await_ready() const noexcept { return false; }
  template <class P>
  void await_suspend(co::coroutine_handle<P> self) {
    std::vector<Effect> one;
    one.push_back(std::move(effect));
    self.promise().scheduler->submit(std::move(one), &results, self);
  }
  EffectResult await_resume() { return std::move(results.front()); }
};

}  // namespace flagport
