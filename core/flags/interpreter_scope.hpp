#pragma once
// The data a rule sees at one point of its evaluation. Internal to the interpreter, shared by
// interpreter.cpp and engine_extras.cpp.

#include "core/flags/interpreter.hpp"

namespace flagport::flags {

struct Interpreter::Scope {
  enum class Kind { Root, Item, Reduce } kind = Kind::Root;
  Value item;  // Item: the element; Reduce: the accumulator
  Value current;
  // json-logic-engine's `above`, read by val's scope climbs: [marker, the enclosing data,
  // the enclosing above]; at the top (no parent) it is [].
  const Scope* parent = nullptr;
  Value marker;                     // what the operator that opened this scope puts first
  bool marker_is_position = false;  // map and filter put {iterator: marker, index}
  std::size_t index = 0;
  // The data of a rule folded at load: undefined, where an item of null is null. The engine
  // runs try's arguments through LogicEngine.run, whose data defaults to {} for undefined.
  bool folding = false;
};

}  // namespace flagport::flags
