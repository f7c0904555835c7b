#include "core/ofrep/etag.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/flags/value.hpp"

namespace flagport::ofrep {
namespace {

// FNV-1a, 64 bits: an entity tag needs spread, not secrecy.
void mix(std::uint64_t& h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  h ^= 0xff;  // separator, so ("ab","c") and ("a","bc") differ
  h *= 0x100000001b3ull;
}

void mix_number(std::uint64_t& h, double n) {
  if (n == 0) n = 0;  // -0 and 0 are the same JSON number
  std::uint64_t bits;
  std::memcpy(&bits, &n, sizeof bits);
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(bits >> (8 * i));
  mix(h, {bytes, 8});
}

std::vector<const flags::Member*> sorted_members(const flags::ObjectData& object) {
  std::vector<const flags::Member*> members;
  members.reserve(object.members.size());
  for (const auto& m : object.members) members.push_back(&m);
  std::sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->key < b->key; });
  return members;
}

// Canonical: a kind tag before each value, object keys sorted (keys are unique).
void mix_value(std::uint64_t& h, const flags::Value& value) {
  using Kind = flags::Value::Kind;
  const char tag = static_cast<char>('0' + static_cast<int>(value.kind()));
  mix(h, {&tag, 1});
  switch (value.kind()) {
    case Kind::Null:
    case Kind::Undefined: break;  // not in a decoded context
    case Kind::Boolean: mix(h, value.as_boolean() ? "t" : "f"); break;
    case Kind::Number: mix_number(h, value.as_number()); break;
    case Kind::String: mix(h, value.as_string()); break;
    case Kind::Array:
      mix(h, std::to_string(value.as_array().items.size()));
      for (const auto& item : value.as_array().items) mix_value(h, item);
      break;
    case Kind::Object:
      mix(h, std::to_string(value.as_object().members.size()));
      for (const auto* m : sorted_members(value.as_object())) {
        mix(h, m->key);
        mix_value(h, m->value);
      }
      break;
  }
}

}  // namespace

std::string bulk_etag(std::string_view project, std::int64_t version, const flags::EvaluationContext& context) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  mix(h, project);
  mix(h, std::to_string(version));
  mix_value(h, flags::Value::object(context.attributes()));
  static constexpr char digits[] = "0123456789abcdef";
  std::string tag = "\"";
  for (int shift = 60; shift >= 0; shift -= 4) tag.push_back(digits[(h >> shift) & 0xf]);
  tag.push_back('"');
  return tag;
}

bool etag_matches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = header.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item == "*" || item == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace flagport::ofrep
