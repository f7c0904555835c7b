// json-logic-engine's own operators (val, exists, length, keys, get, pipe, eachKey, try,
// throw; preserve is folded at load) and the members its method table inherits from
// Object.prototype, evaluated as flagd-core's interpreter mode runs them.
#include <cmath>

#include "core/flags/interpreter.hpp"
#include "core/flags/interpreter_scope.hpp"
#include "core/flags/javascript.hpp"
#include "core/flags/prototypes.hpp"

namespace flagport::flags {
namespace {

// `typeof x === 'object'`: null, arrays and objects.
bool is_object_type(const Value& v) { return v.is_null() || v.is_array() || v.is_object(); }

// A climb never reaches further than the third enclosing scope: past it every step is undefined.
constexpr double kLongestClimb = 8;

}  // namespace

Value Interpreter::above(const Scope& scope) {
  ArrayData& array = scratch_.new_array();
  if (!scope.parent) return Value::array(array);
  Value marker = scope.marker;
  if (scope.marker_is_position) {
    ObjectData& position = scratch_.new_object();
    position.members = {{"iterator", scope.marker}, {"index", Value::number(static_cast<double>(scope.index))}};
    marker = Value::object(position);
  }
  array.items = {marker, whole(*scope.parent), above(*scope.parent)};
  return Value::array(array);
}

// val's [[levels], ...]: steps through `above`, entering the enclosing one at its end.
std::optional<Value> Interpreter::climb(const Scope& scope, const Value& levels) {
  const double count = std::fabs(js::to_number(levels));
  std::optional<Value> result = whole(scope);
  if (!(count > 0)) return result;
  const Value start = above(scope);
  const ArrayData* current = &start.as_array();
  std::size_t position = 0;
  for (double i = 0; i < count && i < kLongestClimb; ++i) {
    const auto& items = current->items;
    result = position < items.size() ? std::optional<Value>(items[position]) : std::nullopt;
    ++position;
    if (i == static_cast<double>(items.size()) - 1 && result && result->is_array()) {
      current = &result->as_array();
      result = current->items.empty() ? std::nullopt : std::optional<Value>(current->items[0]);
      position = 1;
    }
  }
  return result;
}

// val's (and exists') walk; nullopt where the engine answers "unfound". `exists` adds the
// `key in data` test before each step, which throws on a primitive.
std::optional<Value> Interpreter::val_path(const Scope& scope, const Value* keys, std::size_t count, bool exists) {
  // `!(data && key in data)`: nullopt where `in` throws, on a primitive
  const auto present = [&](const js::Reached& data, std::string_view key) -> std::optional<bool> {
    if (!data.truthy()) return false;
    if (const auto value = data.data(); value && !value->is_array() && !value->is_object()) {
      std::string message = "Cannot use 'in' operator to search for '";
      message.append(key).append("' in ").append(js::to_string(*value));
      fail(scratch_.keep(std::move(message)));
      return std::nullopt;
    }
    return data.has(key);
  };
  if (count == 1 && !keys[0].is_array()) {
    const std::string key = js::to_string(keys[0]);
    const Value data = whole(scope);
    if (exists) {
      const auto found = present(js::Reached(data), key);
      if (!found || !*found) return std::nullopt;
      return Value::boolean(true);
    }
    return js::property(data, key, scratch_);
  }
  std::size_t first = 0;
  js::Reached result;
  if (count > 0 && keys[0].is_array() && keys[0].as_array().items.size() == 1) {
    first = 1;
    result = js::Reached(climb(scope, keys[0].as_array().items[0]));
  } else {
    result = js::Reached(whole(scope));
  }
  for (std::size_t i = first; i < count; ++i) {
    const std::string key = js::to_string(keys[i]);
    if (exists) {
      const auto found = present(result, key);
      if (!found || !*found) return std::nullopt;
    }
    if (result.is_nullish()) return Value{};
    const auto next = result.step(key, scratch_);
    if (!next) {
      fail(js::kRestrictedProperty);
      return std::nullopt;
    }
    result = *next;
  }
  return result.data();  // undefined and a function are "unfound"
}

Value Interpreter::eval_length(const Node& node, const Scope& scope) {
  const Value parsed = eval(*node.args[0], scope);
  if (failed_) return parsed;
  // written as an array, the first element is measured (after every element was evaluated)
  std::optional<Value> measured = parsed;
  if (node.shape == ArgShape::List) {
    const auto& items = parsed.as_array().items;
    measured = items.empty() ? std::nullopt : std::optional<Value>(items[0]);
  }
  if (measured && measured->is_string()) return Value::number(static_cast<double>(js::utf16_length(measured->as_string())));
  if (measured && measured->is_array()) return Value::number(static_cast<double>(measured->as_array().items.size()));
  if (measured && measured->is_object()) return Value::number(static_cast<double>(measured->as_object().members.size()));
  return fail(engine_errors::kInvalidArguments);
}

// get: [data, "dotted.key", default]
Value Interpreter::eval_get(const Args& args) {
  const Value not_found = args.count > 2 ? args.items[2] : Value{};
  const std::string key = args.count > 1 ? js::to_string(args.items[1]) : std::string("undefined");
  js::Reached data = args.count > 0 ? js::Reached(args.items[0]) : js::Reached();
  const std::vector<std::string> parts = split_path(key);
  for (const std::string& part : parts) {
    if (data.is_nullish()) return not_found;
    const auto next = data.step(part, scratch_);
    if (!next) return fail(js::kRestrictedProperty);
    data = *next;
    if (data.is_undefined()) return not_found;
  }
  // the engine finally looks at data[key] to keep functions out: null has no properties
  const auto value = data.data();
  if (!value) return data.is_undefined() ? not_found : Value{};
  if (value->is_null()) return fail_reading(false, key);
  if (js::inherited_method(*value, key)) return Value{};
  return *value;
}

Value Interpreter::eval_pipe(const Node& node, const Scope& scope) {
  // every stage has above = [the pipe's arguments, the data the pipe was given, its above]
  Scope first = scope;
  first.parent = &scope;
  first.marker = node.literal;
  first.marker_is_position = false;
  Value answer = Value::undefined();  // what a pipe without stages answers
  for (std::size_t i = 0; i < node.args.size(); ++i) {
    Scope stage;
    stage.kind = Scope::Kind::Item;
    // LogicEngine.run gives a stage whose data is undefined {} instead
    stage.item = answer.is_undefined() ? Value::object(scratch_.new_object()) : answer;
    stage.parent = &scope;
    stage.marker = node.literal;
    answer = eval(*node.args[i], i == 0 ? first : stage);
    if (failed_) return answer;
  }
  return answer;
}

Value Interpreter::eval_each_key(const Node& node, const Scope& scope) {
  ObjectData& object = scratch_.new_object();
  object.members.reserve(node.args.size());
  for (std::size_t i = 0; i < node.args.size(); ++i) {
    const Value v = eval(*node.args[i], scope);
    if (failed_) return v;
    object.members.push_back({node.path[i], v});
  }
  return Value::object(object);
}

Value Interpreter::eval_try(const Node& node, const Scope& scope) {
  // What a catch branch sees as `type`: e.type || e.error || e.message || e.constructor.name;
  // false when that itself throws (a `constructor` of null).
  const auto type_of = [&](const Thrown& e, ObjectData& context) -> bool {
    if (e.wrapped) {
      context.members = {{"type", js::to_boolean(e.value) ? e.value : Value::string("Object")}};
      return true;
    }
    if (e.value.is_array()) {
      context.members = {{"type", Value::string("Array")}};
      return true;
    }
    const ObjectData& thrown = e.value.as_object();
    for (std::string_view name : {"type", "error", "message"}) {
      const Value* v = thrown.find(name);
      if (v && js::to_boolean(*v)) {
        context.members = {{"type", *v}};
        return true;
      }
    }
    const Value* constructor = thrown.find("constructor");
    if (!constructor) {
      context.members = {{"type", Value::string("Object")}};
      return true;
    }
    if (constructor->is_null()) {
      fail_reading(false, "name");
      return false;
    }
    // a constructor without a `name` still leaves `type` present, as undefined (null here)
    const Value* name = constructor->is_object() ? constructor->as_object().find("name") : nullptr;
    context.members = {{"type", name ? *name : Value{}}};
    return true;
  };

  std::optional<Thrown> last;  // nothing thrown yet: the first argument runs on the data itself
  for (const Node* arg : node.args) {
    const bool catching = last && (last->wrapped || js::to_boolean(last->value));
    Value result;
    if (catching) {
      ObjectData& context = scratch_.new_object();
      if (type_of(*last, context)) {
        Scope branch;
        branch.kind = Scope::Kind::Item;
        branch.item = Value::object(context);
        branch.parent = &scope;
        result = eval(*arg, branch);
      }
    } else if (scope.folding) {
      Scope defaulted = scope;
      defaulted.folding = false;
      defaulted.item = Value::object(scratch_.new_object());
      result = eval(*arg, defaulted);
    } else {
      result = eval(*arg, scope);
    }
    if (!failed_) return result;
    failed_ = false;
    last = thrown_;
  }
  return fail(last ? *last : Thrown{Value{}, false});  // no arguments: throws undefined
}

Value Interpreter::eval_throw(const Args& args) {
  Value type;
  if (!args.is_list) type = args.raw;
  else if (args.count > 0) type = args.items[0];
  if (args.count > 0 || !args.is_list) {
    if (is_object_type(type)) return fail(Thrown{type, false});
  }
  return fail(Thrown{type, true});
}

Value Interpreter::eval_extra(const Node& node, const Scope& scope, ArgBuffer& buffer) {
  switch (node.op) {
    case Op::ValDynamic: {
      Value key = eval(*node.args[0], scope);
      if (failed_) return key;
      if (key.is_array() && key.as_array().items.size() == 1 && !key.as_array().items[0].is_array()) {
        key = key.as_array().items[0];
      }
      if (key.is_array()) {
        const auto& keys = key.as_array().items;
        const auto found = val_path(scope, keys.data(), keys.size(), false);
        return failed_ || !found ? Value{} : *found;
      }
      const auto found = val_path(scope, &key, 1, false);
      return found ? *found : Value{};
    }
    case Op::ValPath: {
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      const auto found = val_path(scope, a.items, a.count, false);
      return found ? *found : Value{};
    }
    case Op::Exists: {
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      const auto found = val_path(scope, a.items, a.count, true);
      if (failed_) return Value{};
      return Value::boolean(found.has_value());
    }
    case Op::Keys: {
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      ArrayData& keys = scratch_.new_array();
      if (a.count == 0) return Value::array(keys);
      const Value& object = a.items[0];
      if (object.is_null()) return fail(engine_errors::kNullToObject);
      if (object.is_array()) {
        for (std::size_t i = 0; i < object.as_array().items.size(); ++i) {
          keys.items.push_back(Value::string(scratch_.keep(std::to_string(i))));
        }
      } else if (object.is_object()) {
        for (const Member* member : js::own_keys(object.as_object())) keys.items.push_back(Value::string(member->key));
      }
      return Value::array(keys);
    }
    case Op::Get: {
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      return eval_get(a);
    }
    case Op::Throw: {
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      return eval_throw(a);
    }
    case Op::ArgumentList: {
      // Object(list) is the list itself: an array argument keeps its identity
      if (node.shape == ArgShape::Spread) {
        const Value v = eval(*node.args[0], scope);
        if (failed_ || v.is_array()) return v;
        ArrayData& list = scratch_.new_array();
        list.items.push_back(v);
        return Value::array(list);
      }
      const Args a = collect(node, scope, buffer);
      if (failed_) return Value{};
      ArrayData& list = scratch_.new_array();
      list.items.assign(a.items, a.items + a.count);
      return Value::array(list);
    }
    case Op::Inherited: {
      collect(node, scope, buffer);
      if (failed_) return Value{};
      // toString answers "[object Undefined]" (its `this` is undefined); the others throw
      if (node.literal.is_string()) return node.literal;
      return fail(node.thrown);
    }
    default:
      return fail(engine_errors::kUnknownOperator);
  }
}

}  // namespace flagport::flags
