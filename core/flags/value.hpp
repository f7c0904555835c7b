#pragma once
// The values JsonLogic rules compute with: JSON-shaped, cheap to copy, never owning.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace flagport::flags {

struct ArrayData;
struct ObjectData;

// 16 bytes, trivially copyable. Strings, arrays and objects point into storage owned by a
// FlagSet, an EvaluationContext or an evaluation's scratch Arena, all of which outlive the
// Values that refer to them. Arrays and objects compare by identity under `===`, as in JS.
class Value {
public:
  enum class Kind : std::uint8_t { Null, Boolean, Number, String, Array, Object };

  constexpr Value() = default;
  static Value boolean(bool b) { Value v; v.kind_ = Kind::Boolean; v.u_.b = b; return v; }
  static Value number(double n) { Value v; v.kind_ = Kind::Number; v.u_.n = n; return v; }
  static Value string(std::string_view s) {
    Value v; v.kind_ = Kind::String; v.u_.s = s.data(); v.size_ = static_cast<std::uint32_t>(s.size()); return v;
  }
  static Value array(const ArrayData& a) { Value v; v.kind_ = Kind::Array; v.u_.a = &a; return v; }
  static Value object(const ObjectData& o) { Value v; v.kind_ = Kind::Object; v.u_.o = &o; return v; }

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::Null; }
  bool is_boolean() const { return kind_ == Kind::Boolean; }
  bool is_number() const { return kind_ == Kind::Number; }
  bool is_string() const { return kind_ == Kind::String; }
  bool is_array() const { return kind_ == Kind::Array; }
  bool is_object() const { return kind_ == Kind::Object; }

  bool as_boolean() const { return u_.b; }
  double as_number() const { return u_.n; }
  std::string_view as_string() const { return {u_.s, size_}; }
  const ArrayData& as_array() const { return *u_.a; }
  const ObjectData& as_object() const { return *u_.o; }
  const void* identity() const { return u_.a; }

private:
  union {
    double n;
    bool b;
    const char* s;
    const ArrayData* a;
    const ObjectData* o;
  } u_{0.0};
  std::uint32_t size_ = 0;
  Kind kind_ = Kind::Null;
};

// Equality for short keys: most candidates differ in length or first byte, so the
// comparison rarely reaches memcmp.
inline bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {  // keys are short: cheaper than a call to memcmp
    if (a[i] != b[i]) return false;
  }
  return true;
}

struct ArrayData {
  std::vector<Value> items;
};

struct Member {
  std::string_view key;
  Value value;
};

struct ObjectData {
  std::vector<Member> members;  // document order; a repeated key keeps its first place and last value
  const Value* find(std::string_view key) const;
  void set(std::string_view key, Value value);
};

// Stable addresses for many small objects: chunks of doubling size, nothing allocated
// before the first one is asked for.
template <typename T>
class Pool {
public:
  T& emplace() {
    if (used_ == capacity_) {
      capacity_ = capacity_ ? 2 * capacity_ : 4;
      chunks_.push_back(std::make_unique<T[]>(capacity_));
      used_ = 0;
    }
    return chunks_.back()[used_++];
  }

private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  std::size_t used_ = 0;
  std::size_t capacity_ = 0;
};

// Owns the strings, arrays and objects Values point to. Addresses stay stable; nothing is
// allocated until something is stored, so an evaluation that computes no strings or arrays
// costs no heap traffic.
class Arena {
public:
  Arena() = default;
  Arena(Arena&&) = default;
  Arena& operator=(Arena&&) = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  std::string_view keep(std::string text);
  // Copies `text` into pooled blocks: one allocation per few kilobytes of strings.
  std::string_view copy(std::string_view text);
  // A copy of `text` that the caller may rewrite in place (a parser decoding escapes).
  std::span<char> copy_writable(std::string_view text);
  ArrayData& new_array();
  ObjectData& new_object();
  // Deep copy of a JSON document into Values owned by this arena.
  Value adopt(const nlohmann::json& json);

private:
  std::vector<std::unique_ptr<std::string>> strings_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t block_left_ = 0;
  std::vector<std::unique_ptr<char[]>> large_;
  Pool<ArrayData> arrays_;
  Pool<ObjectData> objects_;
};

// The JSON form of a value (non-finite numbers become null, as JSON.stringify does).
nlohmann::json to_json(const Value& value);

}  // namespace flagport::flags
