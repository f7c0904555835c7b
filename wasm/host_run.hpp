// One run driven from outside the module: a Run<T> plus the buffer its last poll
// answered with. Every request, object call and alarm is its own HostRun, so any
// number can be in flight in one instance and none shares state with another.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/task/run.hpp"
#include "wasm/messages.hpp"

namespace flagport {

class HostRun {
 public:
  virtual ~HostRun() = default;

  // [u32 length][poll message]; valid until the next poll or resume of this run.
  // Once done, the result is taken once and every later poll repeats it.
  const std::string& poll() {
    if (result_taken_) return outbox_;
    wire::Writer out = wire::Writer::framed();
    if (done()) {
      out.u8(static_cast<std::uint8_t>(messages::PollState::Done));
      write_result(out);
      result_taken_ = true;
    } else {
      out.u8(static_cast<std::uint8_t>(messages::PollState::Pending));
      messages::encode_effects(out, pending());
    }
    outbox_ = out.take_framed();
    return outbox_;
  }

  virtual bool done() const = 0;
  virtual void resume(std::vector<EffectResult> results) = 0;

 protected:
  virtual const std::vector<Effect>& pending() const = 0;
  virtual void write_result(wire::Writer& out) = 0;

 private:
  std::string outbox_;
  bool result_taken_ = false;
};

template <class T>
class TaskRun final : public HostRun {
 public:
  explicit TaskRun(Task<T> task) : run_(std::move(task)) { run_.start(); }

  bool done() const override { return run_.done(); }
  void resume(std::vector<EffectResult> results) override { run_.resume(std::move(results)); }

 private:
  const std::vector<Effect>& pending() const override { return run_.pending(); }
  void write_result(wire::Writer& out) override {
    if constexpr (std::is_same_v<T, HttpResponse>) {
      response_ = run_.take_result();
      messages::encode_http_response(out, response_);
    } else if constexpr (std::is_same_v<T, std::string>) {
      out.bytes(run_.take_result());
    } else if constexpr (std::is_same_v<T, std::vector<MessageOutcome>>) {
      messages::encode_outcomes(out, run_.take_result());
    }
  }

  Run<T> run_;
  HttpResponse response_;  // an HTTP run's answer, whose body the host reads in place
};

// A run that is over before it starts: its first poll answers `response`.
class ReadyRun final : public HostRun {
 public:
  explicit ReadyRun(HttpResponse response) : response_(std::move(response)) {}

  bool done() const override { return true; }
  void resume(std::vector<EffectResult>) override {}

 private:
  const std::vector<Effect>& pending() const override { return none_; }
  void write_result(wire::Writer& out) override { messages::encode_http_response(out, response_); }

  HttpResponse response_;
  std::vector<Effect> none_;
};

}  // namespace flagport
