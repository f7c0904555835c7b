#pragma once
// Walks a compiled rule (rule.hpp) with json-logic-engine's semantics, interpreter mode.

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/flags/engine_errors.hpp"
#include "core/flags/prototypes.hpp"
#include "core/flags/rule.hpp"
#include "core/flags/value.hpp"

namespace flagport::flags {

// The data a rule sees at its top: the evaluation context plus the injected `$flagd`.
struct RootData {
  const ObjectData* context = nullptr;  // null: an empty context
  std::string_view flag_key;
  double timestamp = 0;
  // The context's attributes by Node::slot (EvaluationContext::slots); null: look them up
  // by name.
  const Value* slots = nullptr;
  std::uint32_t targeting_key_slot = kNoSlot;  // ContextNeeds::targeting_key_slot
};

class Interpreter {
public:
  Interpreter(const RootData& root, Arena& scratch) : root_(root), scratch_(scratch) {}

  // nullopt: the rule threw (flagd-core answers GENERAL).
  std::optional<Value> run(const Node& rule);
  // A constant rule, evaluated as json-logic-engine does while preparing it: without data.
  std::optional<Value> run_without_data(const Node& rule);
  // After a run that threw: what it threw.
  const Thrown& thrown() const { return thrown_; }

  // Splits a var/missing key the way json-logic-engine does ("a\\.b.c" -> ["a.b", "c"]).
  static std::vector<std::string> split_path(std::string_view key);

private:
  struct Scope;
  class RootAccess;
  struct Args {
    const Value* items = nullptr;
    std::size_t count = 0;
    bool is_list = true;  // false: a unary operator's single non-array value, in `raw`
    Value raw;
  };

  // Room for an operator's evaluated arguments: on the C++ stack unless there are many.
  // Not initialised: collect writes every slot it hands out before anything reads it.
  struct ArgBuffer {
    ArgBuffer() {}
    union {
      Value small[8];
    };
    std::vector<Value> large;
    Value* reserve(std::size_t n) {
      if (n <= 8) return small;
      large.resize(n);
      return large.data();
    }
  };

  Value eval(const Node& node, const Scope& scope);
  // eval for an operand: constants and top-level context attributes, the commonest
  // operands, are read without a trip through eval's dispatch.
  Value operand(const Node& node, const Scope& scope);
  // var of one key, at the top level: through its slot when it has one, else by name
  Value root_member(const Node& node);
  Value root_member(std::string_view key);
  Value targeting_key();
  Value eval_eager(const Node& node, const Scope& scope);
  Value eval_not(const Node& node, const Scope& scope);
  // js::logic_truthy(eval(node, scope)), for the places that only test a value (if's
  // conditions, and/or/! inside them): comparisons answer without making a Value, and
  // and/or/if pass the test down rather than answer the operand that decided.
  bool test(const Node& node, const Scope& scope);
  bool test_not(const Node& node, const Scope& scope);
  Value eval_custom(const Node& node, const Scope& scope);
  Value fail(std::string_view type = engine_errors::kNaN);
  Value fail(const Thrown& thrown);
  // fail, for the operators that answer a bool: false
  bool fails(std::string_view type = engine_errors::kNaN);
  // V8's "Cannot read properties of undefined (reading 'key')", or "of null"
  Value fail_reading(bool undefined, std::string_view key);
  Args collect(const Node& node, const Scope& scope, ArgBuffer& buffer);

  // The scope's data[key], inherited methods included (the first step of every path).
  js::Reached reach(const Scope& scope, std::string_view key);
  Value whole(const Scope& scope);
  const ObjectData& flagd_object();
  // legacy var's walk: `fallback` where a step finds undefined or cannot step (null)
  Value walk(const Scope& scope, std::span<const std::string_view> parts, Value fallback);
  Value walk_dynamic(const Scope& scope, Value key, Value fallback);
  Value missing(const Scope& scope, const Value* keys, std::size_t count);

  Value eval_array_literal(const Node& node, const Scope& scope);
  Value eval_var_member(const Node& node, const Scope& scope);
  Value eval_var_chain(const Node& node, const Scope& scope);
  Value eval_var_path(const Node& node, const Scope& scope);
  Value eval_var_dynamic(const Node& node, const Scope& scope);
  Value eval_coalesce(const Node& node, const Scope& scope);
  Value eval_in_strings(const Node& node, const Scope& scope);
  Value eval_if(const Node& node, const Scope& scope);
  Value eval_logical(const Node& node, const Scope& scope, bool is_and);
  Value eval_compare(const Node& node, const Scope& scope);
  bool compare(const Node& node, const Scope& scope);
  Value eval_iteration(const Node& node, const Scope& scope);
  Value eval_reduce(const Node& node, const Scope& scope);

  // json-logic-engine's own operators and the inherited members (engine_extras.cpp)
  Value eval_extra(const Node& node, const Scope& scope, ArgBuffer& buffer);
  Value above(const Scope& scope);
  std::optional<Value> climb(const Scope& scope, const Value& levels);
  std::optional<Value> val_path(const Scope& scope, const Value* keys, std::size_t count, bool exists);
  Value eval_length(const Node& node, const Scope& scope);
  Value eval_get(const Args& args);
  Value eval_pipe(const Node& node, const Scope& scope);
  Value eval_each_key(const Node& node, const Scope& scope);
  Value eval_try(const Node& node, const Scope& scope);
  Value eval_throw(const Args& args);

  const RootData& root_;
  Arena& scratch_;
  bool failed_ = false;
  Thrown thrown_;
  const ObjectData* flagd_ = nullptr;
  const ObjectData* root_object_ = nullptr;
};

}  // namespace flagport::flags
