// The JSON texts evaluation answers are made of, written once per compiled flag set so
// that answering only concatenates: flag keys, variant names and values, and metadata.
// Each value comes in the two shapes we answer in: OFREP keeps the flag set's key order,
// the Flagport API's envelope data sorts object keys (as its documents always have).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/flags/flag_set.hpp"

namespace flagport::evaluation {

struct JsonTexts {
  std::string ofrep;  // key order of the flag set
  std::string api;    // object keys sorted
};

struct VariantTexts {
  std::string name;  // a JSON string literal
  JsonTexts value;
  // An OFREP answer of this variant, ready made but for the reason between the two:
  // {"key":K,"value":V and ,"variant":N,"metadata":M} (no metadata field when it is empty).
  std::string ofrep_head;
  std::string ofrep_tail;
};

struct FlagTexts {
  std::string key;     // a JSON string literal
  JsonTexts metadata;  // the flag's merged metadata (flag-set metadata under the flag's)
  std::vector<VariantTexts> variants;  // as Flag::variant_list
};

class FlagSetTexts {
 public:
  explicit FlagSetTexts(const flags::FlagSet& flag_set);

  // `flag` and `variant` belong to the flag set these texts were written for.
  const FlagTexts& of(const flags::Flag& flag) const { return flags_[&flag - first_]; }
  const VariantTexts& of(const flags::Flag& flag, const flags::Variant& variant) const {
    return of(flag).variants[&variant - flag.variant_list.data()];
  }
  const JsonTexts& metadata() const { return metadata_; }  // the flag set's own
  // At least the length of an OFREP bulk answer of every flag, so it is written without growing.
  std::size_t ofrep_bulk_size() const { return ofrep_bulk_size_; }

 private:
  const flags::Flag* first_;
  std::vector<FlagTexts> flags_;
  JsonTexts metadata_;
  std::size_t ofrep_bulk_size_ = 0;
};

}  // namespace flagport::evaluation
