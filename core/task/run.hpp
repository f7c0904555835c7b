// Run<T>: what a host drives. Start it, execute pending() effects, deliver their
// results with resume(), repeat until done(), then take the result.
#pragma once

#include <utility>

#include "core/task/scheduler.hpp"
#include "core/task/task.hpp"

namespace flagport {

template <class T>
class Run {
 public:
  explicit Run(Task<T> task) : task_(std::move(task)) {
    task_.handle().promise().scheduler = &scheduler_;
  }
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;

  void start() { task_.handle().resume(); }
  bool done() const { return task_.handle().done(); }
  const std::vector<Effect>& pending() const { return scheduler_.pending(); }
  void resume(std::vector<EffectResult> results) { scheduler_.deliver(std::move(results)); }

  // Only once done(); rethrows what escaped the task where exceptions exist.
  T take_result() {
    task_.handle().promise().rethrow_if_failed();
    return std::move(*task_.handle().promise().value);
  }

 private:
  Scheduler scheduler_;
  Task<T> task_;
};

}  // namespace flagport
