#include <cmath>
#include <cstdint>
#include <string>

#include "core/flags/javascript.hpp"
#include "core/flags/operators/custom_operators.hpp"
#include "core/flags/operators/murmurhash3.hpp"

namespace flagport::flags {
namespace {

constexpr double kMaxTotalWeight = 2147483647;  // flagd: the weights must fit an int32

// Finite and whole, without std::trunc: baseline x86-64 has no rounding instruction, and
// the call to libm cost more than the rest of the weight check.
bool is_whole(double x) {
  if (!(std::fabs(x) < 0x1p63)) return std::isfinite(x);  // this large, every finite double is whole
  return x == static_cast<double>(static_cast<std::int64_t>(x));
}

// The weight of an entry weight_of accepted, for the bucket search, which need not check
// the entries again.
double accepted_weight(const Value& entry) {
  const auto& items = entry.as_array().items;
  if (items.size() == 1) return 1.0;
  const double raw = items[1].as_number();
  return raw < 0 ? 0 : raw;  // negative weights come from rollout arithmetic: clamp
}

// An entry's weight, or kMalformed (flagd-core then answers null). A plain double rather
// than an optional: GCC passes optional<double> through memory, a byte and a word at a time.
constexpr double kMalformed = -1;
double weight_of(const Value& entry) {
  if (!entry.is_array()) return kMalformed;
  const auto& items = entry.as_array().items;
  if (items.empty() || items.size() > 2) return kMalformed;
  if (items[0].is_array() || items[0].is_object()) return kMalformed;
  if (items.size() == 2 && (!items[1].is_number() || !is_whole(items[1].as_number()))) return kMalformed;
  return accepted_weight(entry);
}

}  // namespace

// ["bucket-by"?, [variant, weight?], ...]: flagd's integer ("v2") bucketing. Without an
// explicit bucket-by string, flagKey + targetingKey is hashed. Bad input is null.
Value fractional(const Value* args, std::size_t count, const DataAccess& data, Arena&) {
  if (count < 1) return Value{};
  Murmur3Utf16 hash;
  const Value* entries = args;
  std::size_t entry_count = count;
  if (args[0].is_string()) {
    hash.add(args[0].as_string());
    ++entries;
    --entry_count;
  } else {
    const Value targeting_key = data.targeting_key();
    if (!js::to_boolean(targeting_key)) return Value{};
    hash.add(data.flag_key());
    if (targeting_key.is_string()) hash.add(targeting_key.as_string());
    else hash.add(js::to_string(targeting_key));
  }

  double total = 0;
  for (std::size_t i = 0; i < entry_count; ++i) {
    const double weight = weight_of(entries[i]);
    if (weight == kMalformed) return Value{};
    total += weight;
  }
  if (total > kMaxTotalWeight) return Value{};

  const std::uint64_t bucket = (static_cast<std::uint64_t>(hash.finish()) * static_cast<std::uint64_t>(total)) >> 32;
  double sum = 0;
  for (std::size_t i = 0; i < entry_count; ++i) {
    sum += accepted_weight(entries[i]);
    if (sum > static_cast<double>(bucket)) return entries[i].as_array().items[0];
  }
  return Value{};
}

}  // namespace flagport::flags
