#pragma once
// The methods JS values inherit from their prototypes (Object.prototype, Array.prototype, ...,
// as Node 20 has them), and the functions a property path can reach through them. JSON data
// holds no functions and every operator reads one as null, but json-logic-engine walks paths
// with plain `data[key]`, so a path can pass through one: "hasOwnProperty.length" is 1,
// "constructor.name" is "Object", "hasOwnProperty.caller" throws.

#include <optional>
#include <string_view>

#include "core/flags/value.hpp"

namespace flagport::flags::js {

struct Function {
  std::string_view name;
  double length = 0;
};

// The TypeError V8 throws for `caller` and `arguments` of a built-in function.
inline constexpr std::string_view kRestrictedProperty =
    "'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions or the "
    "arguments objects for calls to them";

// Whether `data[key]` is a method data inherits rather than own data.
bool inherited_method(const Value& data, std::string_view key);
// `key in data` for an array or an object: own members, indices, length, inherited names.
bool has_property(const Value& data, std::string_view key);

// Where a property path has got to: undefined, a value, or a function.
class Reached {
public:
  Reached() = default;  // undefined
  explicit Reached(std::optional<Value> value) : value_(value.value_or(Value{})), state_(value ? State::Data : State::Undefined) {}
  explicit Reached(Function function) : function_(function), state_(State::Function) {}

  bool is_undefined() const { return state_ == State::Undefined; }
  bool is_function() const { return state_ == State::Function; }
  // undefined or null, which have no properties
  bool is_nullish() const { return is_undefined() || (state_ == State::Data && value_.is_nullish()); }
  bool truthy() const;
  // What the engine's operators answer for it: nullopt for undefined and for a function
  // (`typeof x === 'function' ? null : x`, which callers read as absent).
  std::optional<Value> data() const { return state_ == State::Data ? std::optional<Value>(value_) : std::nullopt; }

  // `this[key]`, for anything but undefined and null; nullopt where JS throws
  // (kRestrictedProperty). New strings go to `scratch`.
  std::optional<Reached> step(std::string_view key, Arena& scratch) const;
  // `key in this`, for an object, an array or a function
  bool has(std::string_view key) const;

private:
  enum class State : unsigned char { Undefined, Data, Function };
  Value value_;
  Function function_;
  State state_ = State::Undefined;
};

// A plain object's [key] where it has no own `key`: the method it inherits, or undefined.
Reached object_member(std::string_view key);

// data[key] with the inherited methods: a function where data has no own `key` and inherits
// a method of that name, else Reached(js::property(...)).
Reached member_of(const Value& data, std::string_view key, Arena& scratch);

}  // namespace flagport::flags::js
