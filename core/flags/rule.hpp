#pragma once
// A targeting rule compiled into a tree of nodes. Evaluation walks the tree; it never looks
// at JSON text again. Internal to core/flags.

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/flags/string_set.hpp"
#include "core/flags/value.hpp"

namespace flagport::flags {

// What a custom operator may read: the evaluation context and the flag being evaluated.
// (flagd-core's operators only run against the top-level data; inside map, filter, reduce,
// all, some and none they throw, and so does the interpreter.)
class DataAccess {
public:
  virtual ~DataAccess() = default;
  // context.targetingKey; null when absent (fractional, which reads it, treats both alike)
  virtual Value targeting_key() const = 0;
  // $flagd.flagKey
  virtual std::string_view flag_key() const = 0;
};

// flagd's operators take their already-evaluated arguments and answer null on bad input.
using CustomOperator = Value (*)(const Value* args, std::size_t count, const DataAccess& data, Arena& scratch);

enum class Op : std::uint8_t {
  Literal,       // a constant: written as such, or folded at load time
  ArrayLiteral,  // [a, b, ...] with at least one computed element
  Fail,          // json-logic-engine throws here: the evaluation ends in an error
  VarData,       // the whole current data
  VarMember,     // data[key]
  VarChain,      // "a.b" / "a.b.c": the optimizer's `data && data.a && data.a.b`
  VarPath,       // dotted path walk with a default (json-logic-engine's legacy var)
  VarDynamic,    // var whose key is computed
  Missing,
  MissingSome,
  If,
  And,
  Or,
  Coalesce,  // ??
  Not,
  NotNot,
  Compare,
  Max,
  Min,
  Add,
  Subtract,
  Multiply,
  Divide,
  Modulo,
  Map,
  Filter,
  Reduce,
  All,
  Some,
  None,
  Merge,
  In,
  Cat,
  Substr,
  Custom,
  // json-logic-engine's own operators (engine_extras.cpp)
  ValPath,     // val with computed keys or a scope climb: [[levels], key, ...]
  ValDynamic,  // val whose single key is computed
  Exists,
  Length,
  Keys,
  Get,
  Pipe,
  EachKey,
  Try,
  Throw,
  // members every JS object inherits, which the engine's method table has too
  ArgumentList,  // `constructor`: Object(args) is the argument list itself
  Inherited,     // the others: evaluate the arguments, then answer `literal` or throw `thrown`
};

enum class Comparison : std::uint8_t {
  Equal, StrictEqual, NotEqual, StrictNotEqual, Less, LessEqual, Greater, GreaterEqual,
};

// How an eager operator receives its arguments.
enum class ArgShape : std::uint8_t {
  List,    // written as an array: one argument per element
  Spread,  // one expression: an array result is the argument list, anything else one argument
  Raw,     // unary operators (+ - ! !! cat): the single value as is, arrays included
};

// What json-logic-engine throws, as its `try` sees it: `{type: value}` (`wrapped`: the engine's
// own errors, whose value is their message, and `throw` of a scalar) or the value itself
// (`throw` of an object, an array or null).
struct Thrown {
  Value value;
  bool wrapped = true;
};

inline constexpr std::uint32_t kNoSlot = UINT32_MAX;

struct Node {
  Op op = Op::Literal;
  ArgShape shape = ArgShape::List;
  Comparison comparison = Comparison::Equal;
  // json-logic-engine evaluates constant sub-rules when it first prepares a rule; if that
  // throws, every run of this node throws, whichever branch would have been taken.
  bool poisoned = false;
  bool has_initial = false;      // reduce with an initial value
  bool key_and_default = false;  // var written as [key, default]
  // VarMember and VarChain at the top level: where the context keeps the attribute
  // path[0] names (ContextNeeds::seal)
  std::uint32_t slot = kNoSlot;
  Value literal;
  std::vector<const Node*> args;
  std::vector<std::string_view> path;  // var, val: the split key; eachKey: its keys in JS order
  CustomOperator custom = nullptr;
  const StringSet* strings = nullptr;  // in over a constant list of strings: that list, hashed
  Thrown thrown;  // poisoned nodes, Fail and throwing Inherited: what the engine throws
};

// Owns a flag set's rule nodes and the constants they point to. Nodes are made in blocks,
// in the order the rules compile: one allocation per many nodes, and a flag's nodes lie
// together, where evaluating it reads them.
class RuleStorage {
public:
  Node& new_node() {
    if (blocks_.empty() || used_ == block_size(blocks_.size() - 1)) {
      blocks_.push_back(std::make_unique<Node[]>(block_size(blocks_.size())));
      used_ = 0;
    }
    ++count_;
    return blocks_.back()[used_++];
  }
  const StringSet& new_string_set(const std::vector<Value>& strings) {
    string_sets_.push_back(std::make_unique<StringSet>(strings));
    return *string_sets_.back();
  }
  Arena& arena() { return arena_; }
  std::size_t node_count() const { return count_; }
  // Every node made, for passes over all of a flag set's rules once they are compiled.
  template <typename Visit>
  void for_each_node(Visit&& visit) {
    for (std::size_t b = 0; b < blocks_.size(); ++b) {
      const std::size_t size = b + 1 == blocks_.size() ? used_ : block_size(b);
      for (std::size_t i = 0; i < size; ++i) visit(blocks_[b][i]);
    }
  }

private:
  // 8, 16, ... 256 nodes: a small set wastes little, a large one allocates seldom.
  static std::size_t block_size(std::size_t block) { return std::size_t{8} << std::min<std::size_t>(block, 5); }

  std::vector<std::unique_ptr<Node[]>> blocks_;
  std::size_t used_ = 0;   // of the last block
  std::size_t count_ = 0;
  std::vector<std::unique_ptr<StringSet>> string_sets_;
  Arena arena_;
};

}  // namespace flagport::flags
