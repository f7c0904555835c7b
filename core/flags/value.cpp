#include "core/flags/value.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

namespace flagport::flags {
namespace {

// Stable addresses for many small objects: chunks of doubling size.
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

}  // namespace

struct Arena::Storage {
  std::vector<std::unique_ptr<std::string>> strings;
  std::vector<std::unique_ptr<char[]>> blocks;
  std::size_t block_left = 0;
  std::vector<std::unique_ptr<char[]>> large;
  Pool<ArrayData> arrays;
  Pool<ObjectData> objects;
};

Arena::Storage& Arena::storage() {
  if (!storage_) storage_ = new Storage;
  return *storage_;
}

void Arena::release(Storage* storage) { delete storage; }

void ObjectData::set(std::string_view key, Value value) {
  for (Member& member : members) {
    if (member.key == key) {
      member.value = value;
      return;
    }
  }
  members.push_back({key, value});
}

namespace {
constexpr std::size_t kBlock = 4096;       // pooled string storage
constexpr std::size_t kPooled = kBlock / 4;  // longer strings get their own allocation
}  // namespace

std::string_view Arena::keep(std::string text) {
  if (text.size() <= kPooled) return copy(text);  // one block for many short strings, not two allocations each
  auto& strings = storage().strings;
  strings.push_back(std::make_unique<std::string>(std::move(text)));
  return *strings.back();
}

std::string_view Arena::copy(std::string_view text) {
  if (text.empty()) return {};
  if (text.size() > kPooled) return keep(std::string(text));
  Storage& s = storage();
  if (text.size() > s.block_left) {
    s.blocks.push_back(std::make_unique<char[]>(kBlock));
    s.block_left = kBlock;
  }
  char* at = s.blocks.back().get() + (kBlock - s.block_left);
  std::copy(text.begin(), text.end(), at);
  s.block_left -= text.size();
  return {at, text.size()};
}

std::span<char> Arena::copy_writable(std::string_view text) {
  auto& large = storage().large;
  large.push_back(std::unique_ptr<char[]>(new char[text.size()]));
  std::copy(text.begin(), text.end(), large.back().get());
  return {large.back().get(), text.size()};
}

ArrayData& Arena::new_array() { return storage().arrays.emplace(); }

ObjectData& Arena::new_object() { return storage().objects.emplace(); }

Value Arena::adopt(const nlohmann::ordered_json& json) {
  switch (json.type()) {
    case nlohmann::ordered_json::value_t::boolean: return Value::boolean(json.get_ref<const bool&>());
    case nlohmann::ordered_json::value_t::number_integer:
      return Value::number(static_cast<double>(json.get_ref<const std::int64_t&>()));
    case nlohmann::ordered_json::value_t::number_unsigned:
      return Value::number(static_cast<double>(json.get_ref<const std::uint64_t&>()));
    case nlohmann::ordered_json::value_t::number_float: return Value::number(json.get_ref<const double&>());
    case nlohmann::ordered_json::value_t::string: return Value::string(keep(json.get_ref<const std::string&>()));
    case nlohmann::ordered_json::value_t::array: {
      ArrayData& array = new_array();
      array.items.reserve(json.size());
      for (const auto& item : json) array.items.push_back(adopt(item));
      return Value::array(array);
    }
    case nlohmann::ordered_json::value_t::object: {
      ObjectData& object = new_object();
      object.members.reserve(json.size());
      for (auto it = json.begin(); it != json.end(); ++it) object.members.push_back({keep(it.key()), adopt(it.value())});
      return Value::object(object);
    }
    default: return Value{};
  }
}

nlohmann::ordered_json to_json(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::Null:
    case Value::Kind::Undefined: return nullptr;  // as JSON.stringify writes it inside an array
    case Value::Kind::Boolean: return value.as_boolean();
    case Value::Kind::Number: {
      const double n = value.as_number();
      if (!std::isfinite(n)) return nullptr;
      if (n == std::trunc(n) && std::fabs(n) < 9007199254740992.0) return static_cast<std::int64_t>(n);
      return n;
    }
    case Value::Kind::String: return std::string(value.as_string());
    case Value::Kind::Array: {
      nlohmann::ordered_json out = nlohmann::ordered_json::array();
      for (const Value& item : value.as_array().items) out.push_back(to_json(item));
      return out;
    }
    case Value::Kind::Object: {
      nlohmann::ordered_json out = nlohmann::ordered_json::object();
      for (const Member& member : value.as_object().members) out[std::string(member.key)] = to_json(member.value);
      return out;
    }
  }
  return nullptr;
}

}  // namespace flagport::flags
