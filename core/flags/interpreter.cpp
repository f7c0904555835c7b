#include "core/flags/interpreter.hpp"

#include <cmath>
#include <limits>

#include "core/flags/interpreter_scope.hpp"
#include "core/flags/javascript.hpp"
#include "core/flags/prototypes.hpp"

namespace flagport::flags {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// `x && typeof x === 'object'`: arrays (even empty) and objects.
bool is_composite(const Value& v) { return v.is_array() || v.is_object(); }

// json-logic-engine's assertAllowedDepth(value, 0): no array or object inside another.
bool is_flat(const Value& v) {
  if (v.is_array()) {
    for (const Value& item : v.as_array().items) if (is_composite(item)) return false;
  } else if (v.is_object()) {
    for (const Member& m : v.as_object().members) if (is_composite(m.value)) return false;
  }
  return true;
}

// The comparison JS performs on two operands that are each a string or null.
bool compare_raw(Comparison op, const Value& a, const Value& b) {
  switch (op) {
    case Comparison::Equal:
    case Comparison::StrictEqual:
      return a.is_null() ? b.is_null() : (b.is_string() && same_text(a.as_string(), b.as_string()));
    case Comparison::NotEqual:
    case Comparison::StrictNotEqual:
      return !compare_raw(Comparison::Equal, a, b);
    default: break;
  }
  int order;
  if (a.is_string() && b.is_string()) {
    order = js::compare_strings(a.as_string(), b.as_string());
  } else {
    const double x = js::to_number(a), y = js::to_number(b);
    if (std::isnan(x) || std::isnan(y)) return false;
    order = x < y ? -1 : x > y ? 1 : 0;
  }
  switch (op) {
    case Comparison::Less: return order < 0;
    case Comparison::LessEqual: return order <= 0;
    case Comparison::Greater: return order > 0;
    default: return order >= 0;
  }
}

bool compare_numbers(Comparison op, double x, double y) {
  switch (op) {
    case Comparison::Equal:
    case Comparison::StrictEqual: return x == y;
    case Comparison::NotEqual:
    case Comparison::StrictNotEqual: return x != y;
    case Comparison::Less: return x < y;
    case Comparison::LessEqual: return x <= y;
    case Comparison::Greater: return x > y;
    case Comparison::GreaterEqual: return x >= y;
  }
  return false;
}

bool is_strict(Comparison op) { return op == Comparison::StrictEqual || op == Comparison::StrictNotEqual; }
bool string_or_null(const Value& v) { return v.is_string() || v.is_null(); }

// precoerceNumber(v) followed by `+`: nullopt where json-logic-engine throws NaN.
std::optional<double> precoerced(const Value& v) {
  if (v.is_number() && std::isnan(v.as_number())) return std::nullopt;
  if (is_composite(v)) return std::nullopt;
  return js::to_number(v);
}

}  // namespace

// flagd's operators run only against the top-level data (eval_custom).
class Interpreter::RootAccess final : public DataAccess {
public:
  explicit RootAccess(Interpreter& self) : self_(self) {}
  Value targeting_key() const override { return self_.targeting_key(); }
  std::string_view flag_key() const override { return self_.root_.flag_key; }

private:
  Interpreter& self_;
};

std::optional<Value> Interpreter::run(const Node& rule) {
  failed_ = false;
  static constexpr Scope top{};  // the same for every run: built at compile time, not zeroed per run
  const Value result = eval(rule, top);
  if (failed_) return std::nullopt;
  return result;
}

std::optional<Value> Interpreter::run_without_data(const Node& rule) {
  failed_ = false;
  Scope nothing;
  nothing.kind = Scope::Kind::Item;  // an item of null: every key is absent
  nothing.folding = true;
  const Value result = eval(rule, nothing);
  if (failed_) return std::nullopt;
  return result;
}

Value Interpreter::fail(std::string_view type) { return fail(Thrown{Value::string(type), true}); }

bool Interpreter::fails(std::string_view type) {
  fail(type);
  return false;
}

Value Interpreter::fail(const Thrown& thrown) {
  failed_ = true;
  thrown_ = thrown;
  return Value{};
}

Value Interpreter::fail_reading(bool undefined, std::string_view key) {
  std::string message = undefined ? "Cannot read properties of undefined (reading '" : "Cannot read properties of null (reading '";
  message.append(key).append("')");
  return fail(scratch_.keep(std::move(message)));
}

std::vector<std::string> Interpreter::split_path(std::string_view key) {
  std::vector<std::string> parts;
  std::string current;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (c == '\\') {
      const char next = i + 1 < key.size() ? key[i + 1] : '\0';
      if (next == '.' || next == '/') {
        current.push_back(next);
        ++i;
      } else if (next == '\\') {
        current.push_back('\\');
        ++i;
      } else {
        current.push_back('\\');
      }
    } else if (c == '.') {
      parts.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  // "." is [""] rather than ["", ""]; the count is compared with the UTF-16 length in JS,
  // which a trailing part can only equal for all-dot keys.
  if (parts.size() != js::utf16_length(key)) parts.push_back(std::move(current));
  return parts;
}

Value Interpreter::root_member(const Node& node) {
  if (node.slot != kNoSlot && root_.slots) return root_.slots[node.slot];
  return root_member(node.path[0]);
}

Value Interpreter::root_member(std::string_view key) {
  if (same_text(key, "$flagd")) return Value::object(flagd_object());
  if (root_.context) {
    if (const Value* found = root_.context->find(key)) return *found;
  }
  return Value{};
}

Value Interpreter::targeting_key() {
  if (root_.targeting_key_slot != kNoSlot && root_.slots) return root_.slots[root_.targeting_key_slot];
  return root_member("targetingKey");
}

inline Value Interpreter::operand(const Node& node, const Scope& scope) {
  if (node.op == Op::Literal) return node.literal;  // never poisoned: a constant that throws is a Fail node
  if (node.op == Op::VarMember && scope.kind == Scope::Kind::Root) return root_member(node);
  return eval(node, scope);
}

js::Reached Interpreter::reach(const Scope& scope, std::string_view key) {
  // the top-level data and reduce's {accumulator, current} are plain objects
  switch (scope.kind) {
    case Scope::Kind::Root:
      if (same_text(key, "$flagd")) return js::Reached(Value::object(flagd_object()));
      if (root_.context) {
        if (const Value* found = root_.context->find(key)) return js::Reached(*found);
      }
      return js::object_member(key);
    case Scope::Kind::Item:
      return js::member_of(scope.item, key, scratch_);
    case Scope::Kind::Reduce: {
      const Value* found = key == "accumulator" ? &scope.item : key == "current" ? &scope.current : nullptr;
      if (!found) return js::object_member(key);
      // a member holding undefined reads as absent
      return found->is_undefined() ? js::Reached() : js::Reached(*found);
    }
  }
  return js::Reached();
}

Value Interpreter::whole(const Scope& scope) {
  switch (scope.kind) {
    case Scope::Kind::Item: return scope.item;
    case Scope::Kind::Reduce: {
      ObjectData& object = scratch_.new_object();
      object.members = {{"accumulator", scope.item}, {"current", scope.current}};
      return Value::object(object);
    }
    case Scope::Kind::Root: break;
  }
  if (!root_object_) {
    ObjectData& object = scratch_.new_object();
    if (root_.context) object.members = root_.context->members;
    object.set("$flagd", Value::object(flagd_object()));
    root_object_ = &object;
  }
  return Value::object(*root_object_);
}

const ObjectData& Interpreter::flagd_object() {
  if (!flagd_) {
    ObjectData& flagd = scratch_.new_object();
    flagd.members = {{"flagKey", Value::string(root_.flag_key)}, {"timestamp", Value::number(root_.timestamp)}};
    flagd_ = &flagd;
  }
  return *flagd_;
}

Value Interpreter::walk(const Scope& scope, std::span<const std::string_view> parts, Value fallback) {
  js::Reached at = reach(scope, parts[0]);
  for (std::size_t i = 1;; ++i) {
    if (at.is_undefined()) return fallback;
    if (i == parts.size()) break;
    if (at.is_nullish()) return fallback;
    const auto next = at.step(parts[i], scratch_);
    if (!next) return fail(js::kRestrictedProperty);
    at = *next;
  }
  return at.data().value_or(Value{});  // a function reads as null
}

Value Interpreter::walk_dynamic(const Scope& scope, Value key, Value fallback) {
  if (key.is_array()) {
    const auto& items = key.as_array().items;
    fallback = items.size() > 1 ? items[1] : Value{};
    key = items.empty() ? Value{} : items[0];
  }
  if (key.is_nullish() || (key.is_string() && key.as_string().empty())) return whole(scope);
  const std::vector<std::string> parts = split_path(js::to_string(key));
  if (parts.empty()) return whole(scope);
  const std::vector<std::string_view> views(parts.begin(), parts.end());
  return walk(scope, views, fallback);
}

Value Interpreter::missing(const Scope& scope, const Value* keys, std::size_t count) {
  ArrayData* result = nullptr;
  for (std::size_t i = 0; i < count; ++i) {
    const std::vector<std::string> parts = split_path(js::to_string(keys[i]));
    // the engine's walk: a falsy step, or one that finds undefined, is missing
    bool found = true;
    js::Reached data;
    for (std::size_t j = 0; found && j < parts.size(); ++j) {
      if (j == 0) {
        if (scope.kind == Scope::Kind::Item && !js::to_boolean(scope.item)) {
          found = false;
          break;
        }
        data = reach(scope, parts[0]);
      } else if (!data.truthy()) {
        found = false;
        break;
      } else {
        const auto next = data.step(parts[j], scratch_);
        if (!next) return fail(js::kRestrictedProperty);
        data = *next;
      }
      found = !data.is_undefined();
    }
    if (!found) {
      if (!result) result = &scratch_.new_array();
      result->items.push_back(keys[i]);
    }
  }
  if (!result) result = &scratch_.new_array();
  return Value::array(*result);
}

Interpreter::Args Interpreter::collect(const Node& node, const Scope& scope, ArgBuffer& buffer) {
  Args args;
  if (node.shape == ArgShape::List) {
    Value* items = buffer.reserve(node.args.size());
    for (std::size_t i = 0; i < node.args.size(); ++i) {
      items[i] = operand(*node.args[i], scope);
      if (failed_) return args;
    }
    args.items = items;
    args.count = node.args.size();
    return args;
  }
  const Value v = operand(*node.args[0], scope);
  if (failed_) return args;
  if (v.is_array()) {
    args.items = v.as_array().items.data();
    args.count = v.as_array().items.size();
  } else if (node.shape == ArgShape::Raw) {
    args.is_list = false;
    args.raw = v;
  } else {
    Value* items = buffer.reserve(1);
    items[0] = v;
    args.items = items;
    args.count = 1;
  }
  return args;
}

// Dispatch only: each operator runs in a function of its own, so eval needs no stack frame
// and every case is a jump. It runs for most nodes of every rule.
Value Interpreter::eval(const Node& node, const Scope& scope) {
  if (node.poisoned) return fail(node.thrown);
  switch (node.op) {
    case Op::Literal: return node.literal;
    case Op::Fail: return fail(node.thrown);
    case Op::ArrayLiteral: return eval_array_literal(node, scope);
    case Op::VarData: return whole(scope);
    case Op::VarMember: return eval_var_member(node, scope);
    case Op::VarChain: return eval_var_chain(node, scope);
    case Op::VarPath: return eval_var_path(node, scope);
    case Op::VarDynamic: return eval_var_dynamic(node, scope);
    case Op::If: return eval_if(node, scope);
    case Op::And: return eval_logical(node, scope, true);
    case Op::Or: return eval_logical(node, scope, false);
    case Op::Coalesce: return eval_coalesce(node, scope);
    case Op::Compare: return eval_compare(node, scope);
    case Op::Map:
    case Op::Filter:
    case Op::All:
    case Op::Some:
    case Op::None: return eval_iteration(node, scope);
    case Op::Reduce: return eval_reduce(node, scope);
    case Op::Length: return eval_length(node, scope);
    case Op::Pipe: return eval_pipe(node, scope);
    case Op::EachKey: return eval_each_key(node, scope);
    case Op::Try: return eval_try(node, scope);
    case Op::In: return node.strings ? eval_in_strings(node, scope) : eval_eager(node, scope);
    case Op::Not:
    case Op::NotNot: return eval_not(node, scope);
    case Op::Custom: return eval_custom(node, scope);
    default: return eval_eager(node, scope);
  }
}

Value Interpreter::eval_array_literal(const Node& node, const Scope& scope) {
  ArrayData& array = scratch_.new_array();
  array.items.reserve(node.args.size());
  for (const Node* arg : node.args) {
    const Value v = eval(*arg, scope);
    if (failed_) return v;
    array.items.push_back(v);
  }
  return Value::array(array);
}

Value Interpreter::eval_var_member(const Node& node, const Scope& scope) {
  if (scope.kind == Scope::Kind::Root) return root_member(node);
  if (scope.kind == Scope::Kind::Item && !js::to_boolean(scope.item)) return Value{};
  return reach(scope, node.path[0]).data().value_or(Value{});  // a function reads as null
}

Value Interpreter::eval_var_path(const Node& node, const Scope& scope) {
  Value fallback;
  if (!node.args.empty()) {
    fallback = eval(*node.args[0], scope);
    if (failed_) return fallback;
    if (fallback.is_undefined()) fallback = Value{};  // `b === undefined ? null : b`
  }
  return walk(scope, node.path, fallback);
}

Value Interpreter::eval_var_dynamic(const Node& node, const Scope& scope) {
  const Value key = eval(*node.args[0], scope);
  if (failed_) return key;
  Value fallback;
  if (node.args.size() > 1) {
    fallback = eval(*node.args[1], scope);
    if (failed_) return fallback;
    if (fallback.is_undefined()) fallback = Value{};
  }
  if (node.key_and_default && key.is_array()) {
    // written as [key, default]: the key is used as String(key)
    return walk_dynamic(scope, Value::string(scratch_.keep(js::to_string(key))), fallback);
  }
  return walk_dynamic(scope, key, fallback);
}

Value Interpreter::eval_coalesce(const Node& node, const Scope& scope) {
  Value item;
  for (const Node* arg : node.args) {
    item = operand(*arg, scope);
    if (failed_ || !item.is_nullish()) return item;
  }
  return item;
}

Value Interpreter::eval_in_strings(const Node& node, const Scope& scope) {
  const Value item = operand(*node.args[0], scope);
  if (failed_) return item;
  // the list holds only strings: nothing else can be SameValueZero to an entry
  return Value::boolean(item.is_string() && node.strings->contains(item.as_string()));
}

// Not is dispatched from eval directly rather than through eval_eager's second switch, and
// tests its operand rather than collecting it: it is common in targeting.
Value Interpreter::eval_not(const Node& node, const Scope& scope) {
  const bool result = test_not(node, scope);
  if (failed_) return Value{};
  return Value::boolean(result);
}

bool Interpreter::test_not(const Node& node, const Scope& scope) {
  bool truthy;
  if (node.shape == ArgShape::List) {
    // every argument is evaluated; only the first is tested
    truthy = !node.args.empty() && test(*node.args[0], scope);
    for (std::size_t i = 1; i < node.args.size() && !failed_; ++i) operand(*node.args[i], scope);
  } else {
    // Raw: an array's first element, anything else itself
    const Value v = operand(*node.args[0], scope);
    if (v.is_array()) truthy = !v.as_array().items.empty() && js::logic_truthy(v.as_array().items[0]);
    else truthy = js::logic_truthy(v);
  }
  if (failed_) return false;
  return node.op == Op::Not ? !truthy : truthy;
}

bool Interpreter::test(const Node& node, const Scope& scope) {
  if (node.poisoned) {
    fail(node.thrown);
    return false;
  }
  switch (node.op) {
    case Op::Literal: return js::logic_truthy(node.literal);
    case Op::Compare: return compare(node, scope);
    case Op::Not:
    case Op::NotNot: return test_not(node, scope);
    case Op::And:
    case Op::Or: {
      // and/or answer the operand that decided, or the last: its truthiness is the test's
      if (node.args.empty()) return false;
      const bool is_and = node.op == Op::And;
      for (const Node* arg : node.args) {
        const bool truthy = test(*arg, scope);
        if (failed_) return false;
        if (truthy != is_and) return truthy;
      }
      return is_and;
    }
    case Op::If: {
      const auto& args = node.args;
      std::size_t i = 0;
      for (; i + 1 < args.size(); i += 2) {
        const bool condition = test(*args[i], scope);
        if (failed_) return false;
        if (condition) return test(*args[i + 1], scope);
      }
      return i < args.size() && test(*args[i], scope);
    }
    case Op::In:
      if (node.strings) return eval_in_strings(node, scope).as_boolean();
      break;
    default: break;
  }
  return js::logic_truthy(eval(node, scope));
}

Value Interpreter::eval_custom(const Node& node, const Scope& scope) {
  ArgBuffer buffer;
  const Args a = collect(node, scope, buffer);
  if (failed_) return Value{};
  // flagd-core's operators look for their logger in the data: only the top-level object has
  // it, wherever that object is handed on (a pipe stage after {"var": ""})
  if (scope.kind == Scope::Kind::Item && scope.item.is_nullish()) {
    return fail_reading(scope.item.is_undefined(), "Symbol(flagd.logger)");
  }
  const bool top_level = scope.kind == Scope::Kind::Root ||
                         (scope.kind == Scope::Kind::Item && scope.item.is_object() && &scope.item.as_object() == root_object_);
  if (!top_level) return fail(engine_errors::kLoggerNotFound);
  const RootAccess access(*this);
  return node.custom(a.items, a.count, access, scratch_);
}

Value Interpreter::eval_var_chain(const Node& node, const Scope& scope) {
  // The optimizer reads "a.b" as `data && data.a && data.a.b`: a falsy step is the answer.
  if (scope.kind == Scope::Kind::Item && !js::to_boolean(scope.item)) return scope.item;
  js::Reached v = scope.kind == Scope::Kind::Root && node.slot != kNoSlot ? js::Reached(root_member(node)) : reach(scope, node.path[0]);
  for (std::size_t i = 1; i < node.path.size(); ++i) {
    if (!v.truthy()) return v.data().value_or(Value{});
    const auto next = v.step(node.path[i], scratch_);
    if (!next) return fail(js::kRestrictedProperty);
    v = *next;
  }
  return v.data().value_or(Value{});  // a function reads as null
}

Value Interpreter::eval_if(const Node& node, const Scope& scope) {
  const auto& args = node.args;
  if (args.size() == 1) return operand(*args[0], scope);
  if (args.empty()) return Value{};
  std::size_t i = 0;
  for (; i + 1 < args.size(); i += 2) {
    const bool condition = test(*args[i], scope);
    if (failed_) return Value{};
    if (condition) return operand(*args[i + 1], scope);
  }
  if (i < args.size()) return operand(*args[i], scope);
  return Value{};
}

Value Interpreter::eval_logical(const Node& node, const Scope& scope, bool is_and) {
  Value item;
  for (const Node* arg : node.args) {
    item = operand(*arg, scope);
    if (failed_) return item;
    if (js::logic_truthy(item) != is_and) return item;
  }
  return item;
}

Value Interpreter::eval_compare(const Node& node, const Scope& scope) {
  const bool result = compare(node, scope);
  if (failed_) return Value{};
  return Value::boolean(result);
}

bool Interpreter::compare(const Node& node, const Scope& scope) {
  const Comparison op = node.comparison;
  const bool strict = is_strict(op);
  const auto& args = node.args;
  if (args.size() == 2 || args.size() == 3) {
    // the optimizer's form: (a op b) [&& (b op c)]
    const auto pair = [&](const Value& a, const Value& b) -> std::optional<bool> {
      if (strict) {
        const bool same = js::strict_equal(a, b);
        return op == Comparison::StrictEqual ? same : !same;
      }
      if (string_or_null(a) && string_or_null(b)) return compare_raw(op, a, b);
      if (a.is_number() && b.is_number()) {  // what precoerced would answer, without the calls
        const double x = a.as_number(), y = b.as_number();
        if (std::isnan(x) || std::isnan(y)) return std::nullopt;
        return compare_numbers(op, x, y);
      }
      const auto x = precoerced(a);
      if (!x || std::isnan(*x)) return std::nullopt;
      const auto y = precoerced(b);
      if (!y || (std::isnan(*y) && !a.is_null())) return std::nullopt;
      return compare_numbers(op, *x, *y);
    };
    const Value a = operand(*args[0], scope);
    if (failed_) return false;
    const Value b = operand(*args[1], scope);
    if (failed_) return false;
    const auto first = pair(a, b);
    if (!first) return fails();
    if (args.size() == 2 || !*first) return *first;
    const Value c = operand(*args[2], scope);
    if (failed_) return false;
    const auto second = pair(b, c);
    if (!second) return fails();
    return *second;
  }
  // json-logic-engine's chained method, for four or more operands
  Value prev = eval(*args[0], scope);
  if (failed_) return false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const Value current = eval(*args[i], scope);
    if (failed_) return false;
    if (strict || (string_or_null(current) && string_or_null(prev))) {
      const bool holds = strict ? (js::strict_equal(prev, current) == (op == Comparison::StrictEqual)) : compare_raw(op, prev, current);
      if (!holds) return false;
    }
    const auto y = precoerced(current);
    if (!y || (std::isnan(*y) && !prev.is_null())) return fails();
    const auto x = precoerced(prev);
    if (i == 1 && (!x || std::isnan(*x))) return fails();
    if (!compare_numbers(op, x ? *x : js::to_number(prev), *y)) return false;
    prev = current;
  }
  return true;
}

Value Interpreter::eval_iteration(const Node& node, const Scope& scope) {
  Value selector = eval(*node.args[0], scope);
  if (failed_) return selector;
  if (!js::to_boolean(selector)) {
    ArrayData& empty = scratch_.new_array();
    selector = Value::array(empty);
  }
  const Node* mapper = node.args.size() > 1 ? node.args[1] : nullptr;
  const auto apply = [&](const Value& element, std::size_t index) -> Value {
    if (!mapper) return Value{};
    Scope inner;
    inner.kind = Scope::Kind::Item;
    inner.item = element;
    inner.parent = &scope;
    inner.marker = selector;
    inner.marker_is_position = node.op == Op::Map || node.op == Op::Filter;
    inner.index = index;
    return eval(*mapper, inner);
  };

  if (node.op == Op::Map || node.op == Op::Filter) {
    if (!selector.is_array()) return fail(engine_errors::kIteratorNotFunction);  // only arrays have map/filter
    ArrayData& out = scratch_.new_array();
    const auto& items = selector.as_array().items;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Value& element = items[i];
      const Value result = apply(element, i);
      if (failed_) return result;
      if (node.op == Op::Map) out.items.push_back(result);
      else if (js::logic_truthy(result)) out.items.push_back(element);
    }
    return Value::array(out);
  }

  // some / all / none index `selector[i]` up to `selector.length`: strings yield their
  // characters, other non-arrays have no length and so no elements.
  std::vector<Value> characters;
  const Value* elements = nullptr;
  std::size_t count = 0;
  if (selector.is_array()) {
    elements = selector.as_array().items.data();
    count = selector.as_array().items.size();
  } else if (selector.is_string()) {
    const std::u16string units = js::to_utf16(selector.as_string());
    for (std::size_t i = 0; i < units.size(); ++i) {
      characters.push_back(Value::string(scratch_.keep(js::from_utf16(std::u16string_view(units).substr(i, 1)))));
    }
    elements = characters.data();
    count = characters.size();
  }
  if (node.op == Op::All) {
    if (selector.is_array() && count == 0) return Value::boolean(false);
    for (std::size_t i = 0; i < count; ++i) {
      const Value result = apply(elements[i], i);
      if (failed_) return result;
      if (!js::logic_truthy(result)) return Value::boolean(false);
    }
    return Value::boolean(true);
  }
  for (std::size_t i = 0; i < count; ++i) {
    const Value result = apply(elements[i], i);
    if (failed_) return result;
    if (js::logic_truthy(result)) return Value::boolean(node.op == Op::Some);
  }
  return Value::boolean(node.op == Op::None);
}

Value Interpreter::eval_reduce(const Node& node, const Scope& scope) {
  Value accumulator;
  bool has_initial = node.has_initial;
  if (has_initial) {
    accumulator = eval(*node.args[2], scope);
    if (failed_) return accumulator;
    if (!is_flat(accumulator)) return fail(engine_errors::kExceededDepth);
    has_initial = !accumulator.is_undefined();  // reduce(f, undefined) is reduce(f)
  }
  Value selector = eval(*node.args[0], scope);
  if (failed_) return selector;
  if (!js::to_boolean(selector)) {
    if (!has_initial) return fail(engine_errors::kReduceOfEmpty);  // [].reduce without an initial value
    return accumulator;
  }
  if (!selector.is_array()) return fail(engine_errors::kReduceNotFunction);
  const auto& items = selector.as_array().items;
  std::size_t i = 0;
  if (!has_initial) {
    if (items.empty()) return fail(engine_errors::kReduceOfEmpty);
    accumulator = items[0];
    i = 1;
  }
  for (; i < items.size(); ++i) {
    Scope inner;
    inner.kind = Scope::Kind::Reduce;
    inner.item = accumulator;
    inner.current = items[i];
    inner.parent = &scope;
    inner.marker = selector;
    accumulator = eval(*node.args[1], inner);
    if (failed_) return accumulator;
    if (!is_flat(accumulator)) return fail(engine_errors::kExceededDepth);
  }
  return accumulator;
}

Value Interpreter::eval_eager(const Node& node, const Scope& scope) {
  ArgBuffer buffer;
  switch (node.op) {
    case Op::Missing: {
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      return missing(scope, a.items, a.count);
    }
    case Op::MissingSome: {
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      if (a.count < 2 || a.items[1].is_nullish()) {
        return fail_reading(a.count < 2 || a.items[1].is_undefined(), "length");  // options.length
      }
      const Value need = a.items[0];
      const Value options = a.items[1];
      if (options.is_array()) {
        const auto& keys = options.as_array().items;
        const Value result = missing(scope, keys.data(), keys.size());
        if (failed_) return result;
        const double present = static_cast<double>(keys.size() - result.as_array().items.size());
        if (present >= js::to_number(need)) return Value::array(scratch_.new_array());
        return result;
      }
      if (options.is_string()) {
        const std::u16string units = js::to_utf16(options.as_string());
        std::vector<Value> keys;
        for (std::size_t i = 0; i < units.size(); ++i) {
          keys.push_back(Value::string(scratch_.keep(js::from_utf16(std::u16string_view(units).substr(i, 1)))));
        }
        const Value result = missing(scope, keys.data(), keys.size());
        if (failed_) return result;
        const double present = static_cast<double>(keys.size() - result.as_array().items.size());
        if (present >= js::to_number(need)) return Value::array(scratch_.new_array());
        return result;
      }
      return Value::array(scratch_.new_array());
    }
    case Op::Add: {
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      if (!a.is_list) {
        const Value& v = a.raw;
        if (!js::to_boolean(v)) return Value::number(0);
        if (v.is_object()) return fail();
        const double n = js::to_number(v);
        if (std::isnan(n)) return fail();
        return Value::number(n);
      }
      double sum = 0;
      for (std::size_t i = 0; i < a.count; ++i) {
        if (is_composite(a.items[i])) return fail();
        sum += js::to_number(a.items[i]);
      }
      if (std::isnan(sum)) return fail();
      return Value::number(sum);
    }
    case Op::Subtract: {
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      if (!a.is_list) {
        const Value& v = a.raw;
        if (!js::to_boolean(v)) return Value::number(0);
        if (v.is_object()) return fail();
        const double n = -js::to_number(v);
        if (std::isnan(n)) return fail();
        return Value::number(n);
      }
      if (a.count > 0 && is_composite(a.items[0])) return fail();
      if (a.count == 0) return fail(engine_errors::kInvalidArguments);
      if (a.count == 1) return Value::number(-js::to_number(a.items[0]));
      double result = js::to_number(a.items[0]);
      for (std::size_t i = 1; i < a.count; ++i) {
        if (is_composite(a.items[i])) return fail();
        result -= js::to_number(a.items[i]);
      }
      if (std::isnan(result)) return fail();
      return Value::number(result);
    }
    case Op::Multiply: {
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      double product = 1;
      for (std::size_t i = 0; i < a.count; ++i) {
        if (is_composite(a.items[i])) return fail();
        product *= js::to_number(a.items[i]);
      }
      if (std::isnan(product)) return fail();
      return Value::number(product);
    }
    case Op::Divide: {
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      if (a.count > 0 && is_composite(a.items[0])) return fail();
      if (a.count == 0) return fail(engine_errors::kInvalidArguments);
      if (a.count == 1) {
        const double d = js::to_number(a.items[0]);
        if (d == 0 || std::isnan(d)) return fail();
        return Value::number(1 / d);
      }
      double result = js::to_number(a.items[0]);
      for (std::size_t i = 1; i < a.count; ++i) {
        if (is_composite(a.items[i]) || !js::to_boolean(a.items[i])) return fail();
        result /= js::to_number(a.items[i]);
      }
      if (std::isnan(result) || result == kInfinity) return fail();
      return Value::number(result);
    }
    case Op::Modulo: {
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      if (a.count > 0 && is_composite(a.items[0])) return fail();
      if (a.count < 2) return fail(engine_errors::kInvalidArguments);
      double result = js::to_number(a.items[0]);
      for (std::size_t i = 1; i < a.count; ++i) {
        if (is_composite(a.items[i])) return fail();
        result = std::fmod(result, js::to_number(a.items[i]));
      }
      if (std::isnan(result)) return fail();
      return Value::number(result);
    }
    case Op::Max:
    case Op::Min: {
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      if (a.count == 0 || !a.items[0].is_number()) return fail(engine_errors::kInvalidArguments);
      double best = a.items[0].as_number();
      for (std::size_t i = 1; i < a.count; ++i) {
        if (!a.items[i].is_number()) return fail(engine_errors::kInvalidArguments);
        const double n = a.items[i].as_number();
        if (node.op == Op::Max ? n > best : n < best) best = n;
      }
      return Value::number(best);
    }
    case Op::Merge: {
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      ArrayData& out = scratch_.new_array();
      for (std::size_t i = 0; i < a.count; ++i) {
        if (a.items[i].is_array()) {
          const auto& inner = a.items[i].as_array().items;
          out.items.insert(out.items.end(), inner.begin(), inner.end());
        } else {
          out.items.push_back(a.items[i]);
        }
      }
      return Value::array(out);
    }
    case Op::In: {
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      if (a.count < 2 || !js::to_boolean(a.items[1])) return Value::boolean(false);
      const Value& item = a.items[0];
      const Value& haystack = a.items[1];
      if (haystack.is_array()) {
        for (const Value& candidate : haystack.as_array().items) {
          if (js::same_value_zero(candidate, item)) return Value::boolean(true);
        }
        return Value::boolean(false);
      }
      if (haystack.is_string()) {
        return Value::boolean(haystack.as_string().find(js::to_string(item)) != std::string_view::npos);
      }
      return fail(engine_errors::kIncludesNotFunction);  // numbers, booleans and objects have none
    }
    case Op::Cat: {
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      if (!a.is_list) {
        if (a.raw.is_string()) return a.raw;
        if (a.raw.is_nullish()) return fail_reading(a.raw.is_undefined(), "toString");
        return Value::string(scratch_.keep(js::to_string(a.raw)));
      }
      std::string out;
      for (std::size_t i = 0; i < a.count; ++i) {
        if (!a.items[i].is_nullish()) js::append_string(out, a.items[i]);
      }
      return Value::string(scratch_.keep(std::move(out)));
    }
    case Op::Substr: {
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      if (a.count == 0 || a.items[0].is_nullish()) return fail_reading(a.count == 0 || a.items[0].is_undefined(), "substr");
      if (!a.items[0].is_string()) return fail(engine_errors::kSubstrNotFunction);
      const std::u16string units = js::to_utf16(a.items[0].as_string());
      const auto substr = [](std::u16string_view text, double start, std::optional<double> length) {
        const double size = static_cast<double>(text.size());
        double from = js::to_integer(start);
        if (from < 0) from = std::max(size + from, 0.0);
        from = std::min(from, size);
        double count = length ? std::min(std::max(js::to_integer(*length), 0.0), size) : size;
        const double end = std::min(from + count, size);
        if (end <= from) return std::u16string_view{};
        return text.substr(static_cast<std::size_t>(from), static_cast<std::size_t>(end - from));
      };
      const double start = a.count > 1 ? js::to_number(a.items[1]) : 0;
      std::u16string_view result;
      if (a.count > 2 && js::to_number(a.items[2]) < 0) {
        const std::u16string_view tail = substr(units, start, std::nullopt);
        const Value& end = a.items[2];
        // result.length + end concatenates unless `end` is a number
        result = end.is_number() ? substr(tail, 0, static_cast<double>(tail.size()) + end.as_number())
                                 : std::u16string_view{};
      } else {
        std::optional<double> length;
        if (a.count > 2) length = js::to_number(a.items[2]);
        result = substr(units, start, length);
      }
      return Value::string(scratch_.keep(js::from_utf16(result)));
    }
    default:
      return eval_extra(node, scope, buffer);
  }
}

}  // namespace flagport::flags
