// Result<T>: a value or a reason, the way bindings/lambda modules report failure to
// each other (no exceptions across module boundaries).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace flagport::lambda {

// The value of a Result that only says "done".
struct Unit {};

struct Failure {
  std::string reason;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(Failure failure) : state_(std::in_place_index<1>, std::move(failure)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const std::string& reason() const { return std::get<1>(state_).reason; }

 private:
  std::variant<T, Failure> state_;
};

}  // namespace flagport::lambda
