#pragma once
// JavaScript's coercions, as json-logic-engine (and therefore flagd-core) applies them to
// JSON values. Strings are UTF-8 here and UTF-16 in JS: lengths, indices and ordering are
// computed in UTF-16 code units so that results match; a lone surrogate produced by
// slicing a pair is kept as its 3-byte (WTF-8) encoding.

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/flags/value.hpp"

namespace flagport::flags::js {

// Plain JS ToBoolean ([] and {} are true). Inline, like the other tests every operator
// makes: they are a few instructions, cheaper than the call.
inline bool to_boolean(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::Null:
    case Value::Kind::Undefined: return false;
    case Value::Kind::Boolean: return value.as_boolean();
    case Value::Kind::Number: return value.as_number() != 0 && !std::isnan(value.as_number());
    case Value::Kind::String: return !value.as_string().empty();
    default: return true;
  }
}

// json-logic-engine's `truthy`: like JS, except that [] and {} are false.
inline bool logic_truthy(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::Array: return !value.as_array().items.empty();
    case Value::Kind::Object: return !value.as_object().members.empty();
    default: return to_boolean(value);
  }
}

double to_number(const Value& value);
double string_to_number(std::string_view text);
// String.prototype.trim: strips JS whitespace and line terminators.
std::string_view trim(std::string_view text);
// ToIntegerOrInfinity of a number.
double to_integer(double number);

std::string to_string(const Value& value);
void append_string(std::string& out, const Value& value);
void append_number(std::string& out, double number);

// `===` (arrays and objects by identity) and SameValueZero (Array.prototype.includes).
bool strict_equal(const Value& a, const Value& b);
bool same_value_zero(const Value& a, const Value& b);

// Orders strings by UTF-16 code units, as JS's < does. Returns <0, 0, >0.
int compare_strings(std::string_view a, std::string_view b);

std::size_t utf16_length(std::string_view text);
std::u16string to_utf16(std::string_view text);
std::string from_utf16(std::u16string_view units);

// A canonical array index ("0", "17"; not "01" or "-1").
std::optional<std::size_t> array_index(std::string_view key);

// `data[key]` for JSON data: own members, array indices and length, string indices and
// length. nullopt is `undefined` (a member holding undefined included). New strings (a string's character) go to `scratch`.
std::optional<Value> property(const Value& data, std::string_view key, Arena& scratch);

// Object.keys order of distinct keys: the positions in `keys` of the array-index keys by
// ascending index, then of the others as written.
std::vector<std::size_t> key_order(const std::vector<std::string_view>& keys);
// An object's members in Object.keys order.
std::vector<const Member*> own_keys(const ObjectData& object);

}  // namespace flagport::flags::js
