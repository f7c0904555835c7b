#pragma once
// The values JsonLogic rules compute with: JSON-shaped, cheap to copy, never owning.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/flags/text_words.hpp"

namespace flagport::flags {

struct ArrayData;
struct ObjectData;

// 16 bytes, trivially copyable. Strings, arrays and objects point into storage owned by a
// FlagSet, an EvaluationContext or an evaluation's scratch Arena, all of which outlive the
// Values that refer to them. Arrays and objects compare by identity under `===`, as in JS.
// Stored as two whole 64-bit words (the payload; the kind and a string's size packed):
// with narrower fields the compilers build and copy Values piecewise through memory, and
// the wide reloads that follow stall on store-to-load forwarding.
class Value {
public:
  // Undefined is JS's `undefined` where json-logic-engine lets one flow into another
  // operator (a pipe with no stages); everywhere else an absent value is Null.
  enum class Kind : std::uint8_t { Null, Boolean, Number, String, Array, Object, Undefined };

  constexpr Value() = default;
  static Value undefined() { return Value(Kind::Undefined); }
  static Value boolean(bool b) { Value v(Kind::Boolean); v.u_.b = b ? 1 : 0; return v; }
  static Value number(double n) { Value v(Kind::Number); v.u_.n = n; return v; }
  static Value string(std::string_view s) {
    Value v(Kind::String, static_cast<std::uint32_t>(s.size())); v.u_.s = s.data(); return v;
  }
  static Value array(const ArrayData& a) { Value v(Kind::Array); v.u_.a = &a; return v; }
  static Value object(const ObjectData& o) { Value v(Kind::Object); v.u_.o = &o; return v; }

  Kind kind() const { return static_cast<Kind>(tag_ >> 32); }
  bool is_null() const { return kind() == Kind::Null; }
  bool is_undefined() const { return kind() == Kind::Undefined; }
  bool is_nullish() const { return is_null() || is_undefined(); }
  bool is_boolean() const { return kind() == Kind::Boolean; }
  bool is_number() const { return kind() == Kind::Number; }
  bool is_string() const { return kind() == Kind::String; }
  bool is_array() const { return kind() == Kind::Array; }
  bool is_object() const { return kind() == Kind::Object; }

  bool as_boolean() const { return u_.b != 0; }
  double as_number() const { return u_.n; }
  std::string_view as_string() const { return {u_.s, static_cast<std::uint32_t>(tag_)}; }
  const ArrayData& as_array() const { return *u_.a; }
  const ObjectData& as_object() const { return *u_.o; }
  const void* identity() const { return u_.a; }

private:
  explicit Value(Kind kind, std::uint32_t size = 0)
      : tag_(static_cast<std::uint64_t>(kind) << 32 | size) {}

  union {
    double n;
    std::uint64_t b;
    const char* s;
    const ArrayData* a;
    const ObjectData* o;
  } u_{0.0};
  std::uint64_t tag_ = 0;  // kind << 32 | string size
};

struct ArrayData {
  std::vector<Value> items;
};

struct Member {
  std::string_view key;
  Value value;
};

struct ObjectData {
  std::vector<Member> members;  // document order; a repeated key keeps its first place and last value
  const Value* find(std::string_view key) const {
    for (const Member& member : members) {
      if (same_text(member.key, key)) return &member.value;
    }
    return nullptr;
  }
  void set(std::string_view key, Value value);
};

// Owns the strings, arrays and objects Values point to. Addresses stay stable; nothing is
// allocated until something is stored, and until then the arena is one null pointer, so an
// evaluation that computes no strings or arrays costs neither heap traffic nor set-up.
class Arena {
public:
  Arena() = default;
  Arena(Arena&& other) noexcept : storage_(std::exchange(other.storage_, nullptr)) {}
  Arena& operator=(Arena&& other) noexcept {
    std::swap(storage_, other.storage_);
    return *this;
  }
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() {
    if (storage_) release(storage_);
  }

  std::string_view keep(std::string text);
  // Copies `text` into pooled blocks: one allocation per few kilobytes of strings.
  std::string_view copy(std::string_view text);
  // A copy of `text` that the caller may rewrite in place (a parser decoding escapes).
  std::span<char> copy_writable(std::string_view text);
  ArrayData& new_array();
  ObjectData& new_object();
  // Deep copy of a JSON document into Values owned by this arena.
  Value adopt(const nlohmann::ordered_json& json);

private:
  struct Storage;
  Storage& storage();
  static void release(Storage* storage);
  Storage* storage_ = nullptr;
};

// The JSON form of a value (non-finite numbers become null, as JSON.stringify does).
nlohmann::ordered_json to_json(const Value& value);

}  // namespace flagport::flags
