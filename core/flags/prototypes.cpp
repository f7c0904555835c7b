#include "core/flags/prototypes.hpp"

#include <algorithm>
#include <iterator>
#include <span>

#include "core/flags/javascript.hpp"

namespace flagport::flags::js {
namespace {

// The methods of each prototype grouped by their `length`, as Node 20's V8 has them: as
// small in the module as plain lists of names.
constexpr std::string_view kObject0[] = {"toString", "valueOf", "toLocaleString"};
constexpr std::string_view kObject1[] = {"hasOwnProperty", "__lookupGetter__", "__lookupSetter__", "isPrototypeOf",
                                         "propertyIsEnumerable"};
constexpr std::string_view kObject2[] = {"__defineGetter__", "__defineSetter__"};
constexpr std::string_view kArray0[] = {"pop", "reverse", "shift", "keys", "entries", "values", "flat", "toReversed"};
constexpr std::string_view kArray1[] = {"at", "concat", "fill", "find", "findIndex", "findLast", "findLastIndex",
                                        "lastIndexOf", "push", "unshift", "sort", "includes", "indexOf", "join",
                                        "forEach", "filter", "flatMap", "map", "every", "some", "reduce",
                                        "reduceRight", "toSorted"};
constexpr std::string_view kArray2[] = {"copyWithin", "slice", "splice", "toSpliced", "with"};
constexpr std::string_view kString0[] = {"big", "blink", "bold", "fixed", "isWellFormed", "italics", "normalize",
                                         "small", "strike", "sub", "sup", "toWellFormed", "trim", "trimStart",
                                         "trimLeft", "trimEnd", "trimRight", "toLocaleLowerCase",
                                         "toLocaleUpperCase", "toLowerCase", "toUpperCase"};
constexpr std::string_view kString1[] = {"at", "concat", "lastIndexOf", "includes", "indexOf", "anchor", "charAt",
                                         "charCodeAt", "codePointAt", "endsWith", "fontcolor", "fontsize", "link",
                                         "localeCompare", "match", "matchAll", "padEnd", "padStart", "repeat",
                                         "search", "startsWith"};
constexpr std::string_view kString2[] = {"slice", "replace", "replaceAll", "split", "substr", "substring"};
constexpr std::string_view kNumber1[] = {"toExponential", "toFixed", "toPrecision", "toString"};
constexpr std::string_view kFunction0[] = {"toString"};
constexpr std::string_view kFunction1[] = {"bind", "call"};
constexpr std::string_view kFunction2[] = {"apply"};

// The method `key` among names grouped by length, as a Function; nullopt if absent. Its
// name views the table's text, never `key`: a path's keys (get's split of a dotted key)
// die before the name read through them does.
using Names = std::span<const std::string_view>;
std::optional<Function> find(std::string_view key, Names length0, Names length1, Names length2) {
  double length = 0;
  for (Names names : {length0, length1, length2}) {
    if (const auto it = std::find(names.begin(), names.end(), key); it != names.end()) {
      // two are aliases, named after what they alias
      if (key == "trimLeft") return Function{"trimStart", length};
      if (key == "trimRight") return Function{"trimEnd", length};
      return Function{*it, length};
    }
    ++length;
  }
  return std::nullopt;
}

std::optional<Function> object_method(std::string_view key) { return find(key, kObject0, kObject1, kObject2); }

// The method `key` of a value of this kind, from its own prototype or Object.prototype.
std::optional<Function> inherited(const Value& data, std::string_view key) {
  std::string_view constructor;
  std::optional<Function> own;
  switch (data.kind()) {
    case Value::Kind::Null:
    case Value::Kind::Undefined: return std::nullopt;
    case Value::Kind::Object:
      if (data.as_object().find(key)) return std::nullopt;
      constructor = "Object";
      break;
    case Value::Kind::Array:
      own = find(key, kArray0, kArray1, kArray2);
      constructor = "Array";
      break;
    case Value::Kind::String:
      own = find(key, kString0, kString1, kString2);
      constructor = "String";
      break;
    case Value::Kind::Number:
      own = find(key, {}, kNumber1, {});  // Number.prototype.toString takes a radix
      constructor = "Number";
      break;
    case Value::Kind::Boolean: constructor = "Boolean"; break;
  }
  if (own) return own;
  if (key == "constructor") return Function{constructor, 1};
  return object_method(key);
}

// A function's member that is itself a function (from Function.prototype, Object.prototype).
std::optional<Function> function_method(std::string_view key) {
  if (key == "constructor") return Function{"Function", 1};
  if (key == "__proto__") return Function{"", 0};  // Function.prototype is itself a function
  if (auto found = find(key, kFunction0, kFunction1, kFunction2)) return found;
  return object_method(key);
}

bool restricted(std::string_view key) { return key == "caller" || key == "arguments"; }

}  // namespace

bool inherited_method(const Value& data, std::string_view key) { return inherited(data, key).has_value(); }

bool has_property(const Value& data, std::string_view key) {
  if (key == "__proto__") return true;
  if (data.is_object() && data.as_object().find(key)) return true;
  if (data.is_array()) {
    if (key == "length") return true;
    const auto index = array_index(key);
    if (index && *index < data.as_array().items.size()) return true;
  }
  return inherited_method(data, key);
}

Reached object_member(std::string_view key) {
  if (key == "constructor") return Reached(Function{"Object", 1});
  if (const auto method = object_method(key)) return Reached(*method);
  return Reached();
}

Reached member_of(const Value& data, std::string_view key, Arena& scratch) {
  if (const auto method = inherited(data, key)) return Reached(*method);
  return Reached(property(data, key, scratch));
}

bool Reached::truthy() const {
  switch (state_) {
    case State::Undefined: return false;
    case State::Function: return true;
    case State::Data: break;
  }
  return to_boolean(value_);
}

std::optional<Reached> Reached::step(std::string_view key, Arena& scratch) const {
  if (state_ == State::Data) return member_of(value_, key, scratch);
  if (state_ == State::Undefined) return Reached();
  if (key == "length") return Reached(Value::number(function_.length));
  if (key == "name") return Reached(Value::string(function_.name));
  if (restricted(key)) return std::nullopt;
  if (const auto method = function_method(key)) return Reached(*method);
  return Reached();
}

bool Reached::has(std::string_view key) const {
  if (state_ == State::Data) return has_property(value_, key);
  if (state_ == State::Undefined) return false;
  return key == "length" || key == "name" || restricted(key) || function_method(key).has_value();
}

}  // namespace flagport::flags::js
